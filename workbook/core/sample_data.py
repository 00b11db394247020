"""The text tables behind the sample workbook: names, organisations, notes and questions.

Everything here is invented for demos, screenshots and benchmarks. Addresses use the reserved
example.com/.org/.net domains and phone numbers the fictional 555-01xx range, so nobody real
gets an email or a call from a demo.
"""

from __future__ import annotations

from typing import Any

# The first 100 people: (name, Latin spelling for email slugs or "" to fold the name itself,
# fixed circle or ""). The six tricky entries come first so every sample of 6+ people has them.
# fmt: off
FEATURED: tuple[tuple[str, str, str], ...] = (
    ("Zoë Ångström", "", "work"),
    ("李小龙", "Li Xiaolong", "school"),
    ("Олег Петров", "Oleg Petrov", "work"),
    ("محمد الأحمد", "Mohammed Alahmad", "neighbours"),
    ("Seán O'Brien", "", "community"),
    ("Smith & Sons <NYSE>", "", "services"),
    ("François Lefèvre", "", ""),
    ("Lucía Núñez", "", ""),
    ("Tomáš Dvořák", "", ""),
    ("Γιώργος Παπαδόπουλος", "Giorgos Papadopoulos", ""),
    ("佐藤 花子", "Sato Hanako", ""),
    ("김민준", "Kim Minjun", ""),
    ("שרה כהן", "Sarah Cohen", ""),
    ("Maria Garcia", "", "family"),
    ("James Carter", "", ""),
    ("Mike from the gym", "", "community"),
    ("Maya (Leo's mum)", "", "parents"),
    ("Dr. Susan Park", "", "services"),
    ("Björn Lindqvist", "", ""),
    ("Małgorzata Wójcik", "", ""),
    ("Ελένη Νικολάου", "Eleni Nikolaou", ""),
    ("鈴木 健太", "Suzuki Kenta", ""),
    ("이서연", "Lee Seoyeon", ""),
    ("राहुल वर्मा", "Rahul Verma", ""),
    ("Анна Смирнова", "Anna Smirnova", ""),
    ("فاطمة الزهراء", "Fatima Alzahraa", ""),
    ("王芳", "Wang Fang", ""),
    ("Chloé Dubois", "", ""),
    ("Jürgen Müller", "", ""),
    ("Çağla Yıldız", "", ""),
    ("Nguyễn Thị Mai", "", ""),
    ("Siobhán Ní Bhriain", "", ""),
    ("Łukasz Kowalczyk", "", ""),
    ("João Gonçalves", "", ""),
    ("Iñaki Etxeberria", "", ""),
    ("Ingrid Sørensen", "", ""),
    ("Zoltán Kovács", "", ""),
    ("Hélène Girard", "", ""),
    ("Δημήτρης Κωνσταντίνου", "Dimitris Konstantinou", ""),
    ("高橋 美咲", "Takahashi Misaki", ""),
    ("박지훈", "Park Jihoon", ""),
    ("अनीता गुप्ता", "Anita Gupta", ""),
    ("Дмитрий Иванов", "Dmitry Ivanov", ""),
    ("Олена Шевченко", "Olena Shevchenko", ""),
    ("ليلى حداد", "Layla Haddad", ""),
    ("يوسف خليل", "Youssef Khalil", ""),
    ("נועה כהן", "Noa Cohen", ""),
    ("陈伟", "Chen Wei", ""),
    ("刘洋", "Liu Yang", ""),
    ("Priya Patel", "", ""),
    ("Aisha Bello", "", ""),
    ("Kwame Mensah", "", ""),
    ("Chidi Okafor", "", ""),
    ("Emily Chen", "", ""),
    ("Michael O'Connor", "", ""),
    ("Hannah Schmidt", "", ""),
    ("David Kim", "", ""),
    ("Olivia Brown", "", "family"),
    ("Noah Williams", "", ""),
    ("Grace Liu", "", ""),
    ("Ethan Rossi", "", ""),
    ("Sophie Martin", "", ""),
    ("Mateo Silva", "", ""),
    ("Isabella Costa", "", ""),
    ("Liam Murphy", "", ""),
    ("Ava Thompson", "", ""),
    ("Lucas Moreau", "", ""),
    ("Amara Nwosu", "", ""),
    ("Rahul Mehta", "", ""),
    ("Inês Ferreira", "", ""),
    ("Omar Haddad", "", ""),
    ("Yuki Tanaka", "", ""),
    ("Carlos Mendoza", "", ""),
    ("Sara Johansson", "", ""),
    ("Pieter de Vries", "", ""),
    ("Anne-Marie Leclerc", "", ""),
    ("Jean-Luc Bernard", "", ""),
    ("Aunt Rosa", "", "family"),
    ("Tom the mechanic", "", "services"),
    ("Наталья Кузнецова", "Natalya Kuznetsova", ""),
    ("최유진", "Choi Yujin", ""),
    ("张静", "Zhang Jing", ""),
    ("田中 陽翔", "Tanaka Haruto", ""),
    ("سارا محمدی", "Sara Mohammadi", ""),
    ("Κατερίνα Γεωργίου", "Katerina Georgiou", ""),
    ("יוסי לוי", "Yossi Levi", ""),
    ("Rebecca Goldberg", "", ""),
    ("Marcus Johnson", "", ""),
    ("Fiona MacLeod", "", ""),
    ("Tanvir Rahman", "", ""),
    ("Mia Novak", "", ""),
    ("Daniel Levi", "", ""),
    ("Keiko Yamamoto", "", ""),
    ("Samuel Adeyemi", "", ""),
    ("Laura Bianchi", "", ""),
    ("Patrick Doyle", "", ""),
    ("Renée Fontaine", "", ""),
    ("Hiroshi Watanabe", "", ""),
    ("Elif Demir", "", ""),
    ("Ben Okonkwo", "", ""),
)

# The six awkward names get fixed strengths so demos show them in meetings whatever the seed.
TRICKY_STRENGTHS = ("100", "1000", "100", "10", "1000", "10")

CIRCLE_WEIGHTS: dict[str, int] = {
    "family": 8, "friends": 12, "neighbours": 6, "work": 22, "school": 10, "services": 7,
    "community": 8, "parents": 5, "online": 9, "events": 8, "other": 5,
}
# Strength weights ("10", "100", "1000", "lost") for close, loose and all other circles.
STRENGTH_WEIGHTS: dict[str, tuple[int, int, int, int]] = {
    "close": (15, 35, 40, 10), "loose": (60, 25, 5, 10), "other": (40, 30, 12, 18),
}
CLOSE_CIRCLES = ("family", "friends")
LOOSE_CIRCLES = ("online", "events", "services", "other")
LOCAL_CIRCLES = ("neighbours", "services", "parents", "community")
PROFESSIONAL_CIRCLES = ("work", "school", "online", "events")

# Meeting statuses, every one in the first nine; about 15 meetings per 100 people repeat it.
STATUS_CYCLE: tuple[str, ...] = (
    "scheduled", "met", "requested", "idea", "thanked", "no_answer", "reported_back",
    "postponed", "declined", "scheduled", "met", "requested", "idea", "thanked", "scheduled",
)
MEETING_CHANNELS: dict[str, int] = {"coffee": 40, "video": 35, "phone": 15, "office": 10}
REQUEST_CHANNELS: dict[str, int] = {"email": 60, "message": 25, "phone": 15}
NUDGE_CHANNELS: tuple[str, ...] = ("email", "phone", "message", "note")

# Name pools for people beyond the first 100: (given names, family names) groups per culture,
# split where family names follow gender (Петров/Петрова) so combinations stay believable.
# A pair is (native, Latin); a plain string is folded to ASCII for emails.
Name = str | tuple[str, str]
NamePool = tuple[tuple[tuple[Name, ...], tuple[Name, ...]], ...]

ENGLISH_GIVEN = (
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella", "Logan",
    "Mia", "Lucas", "Amelia", "Jack", "Harper", "Aiden", "Ella", "Owen", "Chloe", "Caleb",
    "Grace", "Henry", "Zoe", "Samuel", "Nora", "Leo", "Lily", "Daniel", "Hannah", "Isaac",
)
ENGLISH_FAMILY = (
    "Walker", "Brown", "Johnson", "Miller", "Davis", "Wilson", "Moore", "Taylor", "Anderson",
    "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Clark", "Lewis", "Robinson",
    "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill",
    "Campbell", "Mitchell",
)

POOLS: tuple[tuple[int, str, NamePool], ...] = (
    # (weight, how the parts are written, groups)
    (30, "{g} {f}", ((ENGLISH_GIVEN, ENGLISH_FAMILY),)),
    (6, "{g} {f}", ((
        ("Sofía", "Mateo", "Valentina", "Santiago", "Camila", "Diego", "Lucía", "Andrés",
         "Martina", "Javier", "Ximena", "Álvaro"),
        ("García", "Rodríguez", "Martínez", "López", "Hernández", "Pérez", "Sánchez", "Ramírez",
         "Núñez", "Jiménez", "Muñoz", "Ibáñez"),
    ),)),
    (5, "{g} {f}", ((
        ("Amélie", "Théo", "Léa", "Hugo", "Inès", "Mathéo", "Clémence", "Raphaël", "Océane",
         "Jérôme", "Manon", "Benoît"),
        ("Lefèvre", "Dubois", "Moreau", "Laurent", "Girard", "Rousseau", "Mercier", "Fontaine",
         "Chevalier", "Gauthier", "Bérenger", "Lemaître"),
    ),)),
    (4, "{g} {f}", ((
        ("Lukas", "Jonas", "Felix", "Maximilian", "Paul", "Tobias", "Jörg", "Sven"),
        ("Müller", "Schröder", "Weiß", "Köhler", "Hoffmann", "Schäfer", "Krüger", "Böhm"),
    ), (
        ("Lena", "Anna", "Jana", "Katharina", "Sophie", "Marie", "Jülide", "Greta"),
        ("Müller", "Schröder", "Weiß", "Köhler", "Hoffmann", "Schäfer", "Krüger", "Böhm"),
    ))),
    (3, "{g} {f}", ((
        ("Jakub", "Tomáš", "Lukáš", "Ondřej", "Jiří", "Petr"),
        ("Dvořák", "Novák", "Černý", "Procházka", "Kučera", "Veselý"),
    ), (
        ("Tereza", "Eliška", "Kateřina", "Lucie", "Veronika", "Zuzana"),
        ("Dvořáková", "Nováková", "Černá", "Procházková", "Kučerová", "Veselá"),
    ))),
    (3, "{g} {f}", ((
        ("Piotr", "Krzysztof", "Paweł", "Michał", "Łukasz", "Grzegorz"),
        ("Kowalski", "Wiśniewski", "Lewandowski", "Zieliński", "Szymański", "Wójcik"),
    ), (
        ("Agnieszka", "Małgorzata", "Joanna", "Katarzyna", "Zofia", "Ewa"),
        ("Kowalska", "Wiśniewska", "Lewandowska", "Zielińska", "Szymańska", "Wójcik"),
    ))),
    (3, "{g} {f}", ((
        ("Erik", "Lars", "Magnus", "Søren", "Björn", "Anders"),
        ("Lindqvist", "Johansson", "Sørensen", "Nyström", "Åberg", "Hansen"),
    ), (
        ("Ingrid", "Astrid", "Sigrid", "Maja", "Freja", "Linnéa"),
        ("Lindqvist", "Johansson", "Sørensen", "Nyström", "Åberg", "Hansen"),
    ))),
    (3, "{g} {f}", ((
        (("Γιώργος", "Giorgos"), ("Νίκος", "Nikos"), ("Κώστας", "Kostas"), ("Γιάννης", "Giannis"),
         ("Δημήτρης", "Dimitris"), ("Αλέξανδρος", "Alexandros")),
        (("Παπαδόπουλος", "Papadopoulos"), ("Νικολάου", "Nikolaou"), ("Γεωργίου", "Georgiou"),
         ("Οικονόμου", "Oikonomou"), ("Βλάχος", "Vlachos"), ("Αντωνίου", "Antoniou")),
    ), (
        (("Ελένη", "Eleni"), ("Μαρία", "Maria"), ("Κατερίνα", "Katerina"), ("Σοφία", "Sofia"),
         ("Δέσποινα", "Despoina"), ("Αγγελική", "Angeliki")),
        (("Παπαδοπούλου", "Papadopoulou"), ("Νικολάου", "Nikolaou"), ("Γεωργίου", "Georgiou"),
         ("Οικονόμου", "Oikonomou"), ("Βλάχου", "Vlachou"), ("Αντωνίου", "Antoniou")),
    ))),
    (4, "{g} {f}", ((
        (("Олег", "Oleg"), ("Дмитрий", "Dmitry"), ("Алексей", "Alexey"), ("Сергей", "Sergey"),
         ("Иван", "Ivan"), ("Андрей", "Andrey")),
        (("Петров", "Petrov"), ("Иванов", "Ivanov"), ("Смирнов", "Smirnov"),
         ("Кузнецов", "Kuznetsov"), ("Попов", "Popov"), ("Соколов", "Sokolov")),
    ), (
        (("Анна", "Anna"), ("Наталья", "Natalya"), ("Екатерина", "Ekaterina"),
         ("Ольга", "Olga"), ("Татьяна", "Tatyana"), ("Мария", "Maria")),
        (("Петрова", "Petrova"), ("Иванова", "Ivanova"), ("Смирнова", "Smirnova"),
         ("Кузнецова", "Kuznetsova"), ("Попова", "Popova"), ("Соколова", "Sokolova")),
    ))),
    (4, "{g} {f}", ((
        (("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("يوسف", "Youssef"), ("عمر", "Omar"),
         ("خالد", "Khaled"), ("علي", "Ali"), ("فاطمة", "Fatima"), ("ليلى", "Layla"),
         ("نور", "Nour"), ("مريم", "Maryam"), ("سلمى", "Salma"), ("هدى", "Huda")),
        (("الأحمد", "Alahmad"), ("حداد", "Haddad"), ("خليل", "Khalil"), ("منصور", "Mansour"),
         ("العلي", "Alali"), ("سليمان", "Suleiman"), ("الحسيني", "Alhusseini"),
         ("نصر", "Nasr")),
    ),)),
    (5, "{f}{g}", ((
        (("伟", "Wei"), ("芳", "Fang"), ("洋", "Yang"), ("静", "Jing"), ("磊", "Lei"),
         ("敏", "Min"), ("军", "Jun"), ("丽", "Li"), ("小龙", "Xiaolong"), ("婷婷", "Tingting"),
         ("浩然", "Haoran"), ("欣怡", "Xinyi")),
        (("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
         ("杨", "Yang"), ("黄", "Huang"), ("赵", "Zhao"), ("周", "Zhou"), ("吴", "Wu"),
         ("徐", "Xu"), ("孙", "Sun")),
    ),)),
    (4, "{f} {g}", ((
        (("花子", "Hanako"), ("健太", "Kenta"), ("美咲", "Misaki"), ("陽翔", "Haruto"),
         ("結衣", "Yui"), ("翔太", "Shota"), ("さくら", "Sakura"), ("大輔", "Daisuke")),
        (("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka"),
         ("伊藤", "Ito"), ("渡辺", "Watanabe"), ("山本", "Yamamoto"), ("中村", "Nakamura")),
    ),)),
    (4, "{f}{g}", ((
        (("민준", "Minjun"), ("서연", "Seoyeon"), ("지훈", "Jihoon"), ("유진", "Yujin"),
         ("하은", "Haeun"), ("도윤", "Doyun"), ("지민", "Jimin"), ("수아", "Sua")),
        (("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"), ("정", "Jung"),
         ("강", "Kang"), ("조", "Cho"), ("윤", "Yoon")),
    ),)),
    (5, "{g} {f}", ((
        (("נועה", "Noa"), ("איתי", "Itai"), ("מאיה", "Maya"), ("דוד", "David"),
         ("תמר", "Tamar"), ("יונתן", "Yonatan"), ("שירה", "Shira"), ("אורי", "Ori")),
        (("כהן", "Cohen"), ("לוי", "Levi"), ("מזרחי", "Mizrahi"), ("פרץ", "Peretz"),
         ("ביטון", "Biton"), ("אברהם", "Avraham"), ("פרידמן", "Friedman"), ("שפירא", "Shapira")),
    ),)),
    (3, "{g} {f}", ((
        ("Chidi", "Amara", "Ngozi", "Emeka", "Kwame", "Abena", "Tunde", "Folake"),
        ("Okafor", "Nwosu", "Mensah", "Adeyemi", "Bello", "Okonkwo", "Boateng", "Eze"),
    ),)),
    (3, "{f} {g}", ((
        ("Mai", "Long", "Linh", "Minh", "Hương", "Tuấn", "Thảo", "Dũng"),
        ("Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Văn", "Hoàng", "Đặng", "Vũ", "Bùi"),
    ),)),
)

# Target organisations: (name, motivation 1-5, notes, spellings people use for it).
TARGET_ORGANISATIONS: tuple[tuple[str, int, str, tuple[str, ...]], ...] = (
    ("Acme, Inc.", 5, "Their patient-app team is growing; read the last two product posts.",
     ("ACME Inc", "Acme Inc.", "acme inc")),
    ("Northwind Health", 5, "Hybrid, Boston office. Small analytics team that ships weekly.",
     ("Northwind Health", "northwind health", "NorthWind Health")),
    ("Contoso Clinics", 4, "A network of community clinics; strong mission, slower pace.",
     ("Contoso Clinics", "CONTOSO CLINICS")),
    ("Fabrikam Energy", 4, "Home battery start-up. Ask how they measure customer savings.",
     ("fabrikam energy", "Fabrikam Energy Inc")),
    ("Tailwind Solar Co.", 3, "Installs community solar; curious about their data side.",
     ("Tailwind Solar Co", "Tailwind Solar")),
    ("Blue Heron Analytics", 3, "Consultancy for hospitals. Might be a good bridge role.",
     ("Blue Heron Analytics",)),
    ("Harbor Health Partners", 4, "Insurer with a new digital team in the Seaport.",
     ("Harbor Health Partners", "harbor health partners")),
    ("Greenline Grid", 2, "Grid software; mostly remote. Less sure about the culture.",
     ("Greenline Grid",)),
    ("Bayview Children's Hospital", 2, "Research data group; public funding cycles.",
     ("Bayview Childrens Hospital", "Bayview Children’s Hospital")),
    ("Commonwealth Data Office", 1, "Public sector; long process but very stable.",
     ("Commonwealth Data Office",)),
    ("Lumen Care", 4, "Suggested in a research meeting: remote-first home-care start-up.", ()),
    ("Kestrel Climate Lab", 5, "Suggested in a research meeting: non-profit, small data team.", ()),
)
# The last two come from meetings (their from_meeting_id is set when there are met meetings).
ORGANISATIONS_FROM_MEETINGS = 2

# Other organisations by sector, and job titles that fit each sector.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "tech": ("Globex", "Initech", "Cobalt Software", "Quarry Hill Labs", "Silverline Media",
             "Waverly Design Studio", "R&D Partners"),
    "health": ("Brightwater Pharma", "Riverbend Medical Group", "Sunrise Home Care"),
    "public": ("Oakridge Public Schools", "Evergreen Library", "Northeastern Sample University",
               "Lighthouse Community Center", "Old Colony Transit"),
    "business": ("Riverside Credit Union", "Granite State Bank", "Pinecrest Insurance",
                 "Summit Logistics", "Union Square Bakery", "Charles River Bikes"),
    "self": ("Self-employed",),
}
SECTOR_TITLES: dict[str, tuple[str, ...]] = {
    "tech": ("Product manager", "Data analyst", "Senior data scientist", "UX researcher",
             "Engineering manager", "Software engineer", "Head of analytics", "Recruiter",
             "VP of product", "Customer success manager", "Account executive"),
    "health": ("Nurse practitioner", "Clinical informatics specialist", "Data analyst",
               "Operations lead", "Researcher", "Product manager"),
    "public": ("Teacher", "Librarian", "Policy analyst", "Researcher", "Graduate student",
               "Project manager", "Program coordinator"),
    "business": ("Operations lead", "Accountant", "Financial adviser", "Account executive",
                 "Owner", "Marketing director", "Branch manager"),
    "self": ("Consultant", "Energy consultant", "Founder", "Photographer"),
    "target": ("Product manager", "Data analyst", "Senior data scientist", "UX researcher",
               "Head of analytics", "Engineering manager", "Recruiter", "Product analyst"),
}
# Services people: where they work and what they do, by circle detail.
SERVICE_JOBS: dict[str, tuple[str, str]] = {
    "dentist": ("Beacon Hill Dental", "Dentist"),
    "accountant": ("Maple & Co. Accounting", "Accountant"),
    "hairdresser": ("Studio Nine Hair", "Hairdresser"),
    "realtor": ("Harborview Realty", "Realtor"),
    "insurance agent": ("Pinecrest Insurance", "Insurance agent"),
}

LOCATIONS: tuple[tuple[str, int], ...] = (
    ("Boston, MA", 30), ("Cambridge, MA", 12), ("Somerville, MA", 8), ("Quincy, MA", 4),
    ("Newton, MA", 4),  # the first five are local: neighbours, services, parents live here
    ("Providence, RI", 4), ("New York, NY", 6), ("San Francisco, CA", 3),
    ("Montréal, QC", 2), ("London, UK", 2), ("Seoul", 1), ("Tokyo", 1), ("Shanghai", 1),
    ("Athens", 1), ("Mumbai", 1), ("Amman", 1), ("Kyiv", 1), ("Remote", 3),
)

AREA_CODES: tuple[str, ...] = (
    "617", "857", "781", "339", "508", "774", "978", "351", "413", "401", "212", "646",
    "718", "415", "603", "802", "207", "860", "203", "914",
)

# Circle -> (circle_detail choices, how_we_know templates). "{detail}" is the circle detail,
# "{place}" the detail up to its first comma ("Globex, 2016–2019" -> "Globex").
CIRCLE_TEXTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "family": (("Mum's side", "Dad's side", "In-laws", "Cousins"),
               ("Family — {detail}.", "We see each other at every holiday.")),
    "friends": (("college", "our first apartment", "the book club"),
                ("Friends since {detail}.", "We met through mutual friends.")),
    "neighbours": (("Elm Street", "our old building on Park Drive", "across the hall"),
                   ("Neighbours — {detail}.", "We used to walk our dogs together.")),
    "work": (("Globex, 2016–2019", "Initech, first job", "Cobalt Software, 2019–2024",
              "Cobalt Software, a client", "Summit Logistics, our vendor"),
             ("Worked together at {place}.", "Sat next to me at {place}.",
              "Helped me a lot in my time at {place}.")),
    "school": (("Northeastern, MS Analytics 2015", "Lincoln High", "the data bootcamp, 2020"),
               ("Classmates at {place}.", "Taught my statistics class at {place}.")),
    "services": (("dentist", "accountant", "hairdresser", "realtor", "insurance agent"),
                 ("My {detail}; always asks how work is going.",
                  "Has been my {detail} for years.")),
    "community": (("Charles River Rowing Club", "food bank", "community choir",
                   "neighbourhood association"),
                  ("We met at the {detail}.", "Both regulars at the {detail}.")),
    "parents": (("Leo's class", "soccer practice", "daycare pick-up"),
                ("Our kids are friends ({detail}).", "We chat at {detail}.")),
    "online": (("Product analytics Slack", "healthcare data forum", "climate data newsletter"),
               ("We talk in the {detail}.", "We've helped each other in the {detail}.")),
    "events": (("Boston Data Meetup", "Climate Tech Week", "HealthTech summit"),
               ("Met at the {detail}.", "Sat at the same table at the {detail}.")),
    "other": (("", "", "met by chance"),
              ("Not sure where to file them.", "Met on a long train ride.")),
}

PERSON_NOTES: tuple[str, ...] = (
    "Just moved into a new role — congratulate first.",
    "Loves talking about hiking; ask about the Appalachian Trail trip.",
    "Prefers text messages to email.",
    "Busy until the end of the quarter.",
    "Has two kids in high school; mornings are hard.",
    "Gave a great talk on dashboards nobody reads.",
    "Owes me nothing; I owe them a coffee.",
    "Speaks Portuguese and Spanish.",
    "Mentors junior analysts on weekends.",
    "Might know someone at the children's hospital.",
    "Writes a newsletter about climate data.",
    "Prefers mornings (< 9 am).\nCoffee order: oat latte & a croissant.",
)

# Kinds by key, weighted per circle: the first kinds are the most likely for that circle.
CIRCLE_ADVICE: dict[str, tuple[str, ...]] = {
    "family": ("encouragement", "people", "organisations"),
    "friends": ("encouragement", "people", "resume", "organisations"),
    "neighbours": ("local_market", "people", "encouragement"),
    "work": ("role", "industry", "organisation", "resume", "people", "organisations"),
    "school": ("learning", "role", "people", "industry"),
    "services": ("local_market", "people", "organisations"),
    "community": ("people", "encouragement", "local_market", "learning"),
    "parents": ("people", "local_market", "organisations"),
    "online": ("learning", "industry", "role", "resume"),
    "events": ("industry", "organisations", "learning", "people"),
    "other": ("people", "encouragement"),
}
# Nobody holds these (the "where is my network thin" demo).
GAP_KINDS: tuple[str, ...] = ("interview", "hiring")
# Only lost-touch people hold this one (ranking says: reconnect first).
LOST_ONLY_KIND = "introductions"
CUSTOM_KIND = ("Healthcare data privacy", "Rules and habits around patient data.")

# The ranking demo: person 1's "Names of people" tag.
HIRING_MANAGERS_NOTE = "knows the hiring managers at Northwind"
TAG_NOTES: dict[str, tuple[str, ...]] = {
    "organisation": ("Worked there for six years.", "Their partner works on the data team."),
    "people": ("Knows half the Boston data meetup.", "Hosts a dinner for analysts each month."),
    "industry": ("Fifteen years in hospital operations.", "Follows energy policy closely."),
    "role": ("Was a product analyst before moving to management.",),
    "resume": ("Reviews résumés for their team every month.",),
    "learning": ("Runs the study group on SQL & statistics.",),
    "introductions": ("Offered once to introduce me to their old boss.",),
}

# A request: short, says how the user knows them, asks for 15-20 minutes of advice (never for
# a job) and ends with a question. "{how}" is a sentence from REQUEST_HOW.
REQUESTS: tuple[str, ...] = (
    "Hi {first},\n\n{how} I'm exploring product analytics work in healthcare technology and "
    "would value your perspective. Could I have 20 minutes of your advice on how the field is "
    "changing? Would a coffee or a short call in the next two weeks suit you?",
    "Dear {first},\n\n{how} I'm researching data roles in clean energy around Boston and you came "
    "to mind right away. Would you share 15 minutes of your experience? I'd love to hear what "
    "you wish you had known early on. Is there a time that works for you?",
    "Hi {first},\n\n{how} I'm taking a careful look at where I could do my best work next, and "
    "your experience would really help me. Could we talk for 15–20 minutes, at your "
    "convenience? Would a call or a coffee be easier for you?",
)
# "{place}" is the circle detail up to its first comma ("Cobalt Software").
REQUEST_HOW: dict[str, str] = {
    "family": "I hope all is well with the family.",
    "friends": "It's been too long since our last catch-up.",
    "neighbours": "I still miss our chats on the street.",
    "work": "I often think of our time together at {place}.",
    "school": "I've been thinking back to our days at {place}.",
    "services": "Thank you again for all your help this year.",
    "community": "It was good to see you at the {place} last month.",
    "parents": "It was lovely chatting at {place}.",
    "online": "I've enjoyed your posts in the {place}.",
    "events": "It was great meeting you at the {place}.",
    "other": "I hope you're well.",
}

QUESTIONS: dict[str, tuple[str, ...]] = {
    "T": ("What is changing fastest in your field right now?",
          "Which new tools or rules are teams talking about this year?",
          "Where do you see the work going in the next three years?"),
    "I": ("What surprised you most when you started in this role?",
          "What do you wish you had known before joining your organisation?",
          "What makes someone stand out on your team?"),
    "A": ("If you were in my place, what would you do first?",
          "Which of my skills would you lead with, and which would you build?",
          "What would you avoid if you were me?"),
    "R": ("Who else would you suggest I talk to?",
          "Which groups, events or newsletters are worth my time?",
          "Which organisations should be on my list that aren't?"),
    "A2": ("What projects are keeping your team busy this quarter?",
           "What problem would you most like someone to solve for you?",
           "What does a good first month look like in a role like yours?"),
}

TIARA_NOTES: dict[str, tuple[str, ...]] = {
    "T": ("Everyone is moving reporting into the product itself.",
          "New privacy rules mean smaller, cleaner data sets.",
          "Battery storage is where the growth is; solar alone is flattening."),
    "I": ("Domain knowledge mattered more than tools in their first year.",
          "Most analysis work is asking the right question, not the query.",
          "The quiet teams ship the most."),
    "A": ("Lead with the patient survey project; it shows judgment.",
          "Write a one-page case study instead of another course.",
          "Talk to people on the operations side, not only product."),
    "R": ("Join the Boston Data Meetup's healthcare track.",
          "Read the state energy office's yearly data report.",
          "Look at home-care start-ups; they are hiring analysts quietly."),
    "A2": ("Their team is rebuilding the member dashboard from scratch.",
           "They struggle to measure whether outreach calls help.",
           "A migration to a new data warehouse is eating the year."),
}

OUTCOME_NOTES: tuple[str, ...] = (
    "Warm and generous with time. Gave two names and one organisation to look at.",
    "Short but useful: the field values domain knowledge over tools.",
    "Went 10 minutes over at their insistence. Offered to look at my profile.",
    "Practical advice on how teams there are organised; suggested a meetup.",
    "Mostly stories rather than tips, but so good to reconnect.",
)

MEETING_PLACES: dict[str, tuple[str, ...]] = {
    "coffee": ("Café near Kendall Square", "The bakery on Union Square",
               "The library café"),
    "video": ("Video call (link in the invite)",),
    "phone": ("Phone: I call them",),
    "office": ("Their office in the Seaport, 3rd floor reception",),
}

# Names received in meetings and not yet added to the list.
UNLISTED: tuple[tuple[str, str], ...] = (
    ("Dana Whitfield", "Runs the analytics guild."),
    ("Rafael Ortiz", "Leads research at a clinic network."),
    ("Kofi Asante", "Started a battery-data start-up last year."),
    ("Hana Novotná", "Organises the healthcare data forum."),
)

IDEA_NOTES: tuple[str, ...] = (
    "Ask how their team decides what to measure.",
    "Reconnect first: say hello and share news before asking anything.",
    "Find out whether they still work with the clinics.",
)

# What people asked for, and what the user offered: both read as the thing to do.
GIVE_BACK_ASKED: tuple[str, ...] = (
    "Share what I learn about patient-app research.",
    "Introduce them to my old manager at Globex.",
    "Pass on the name of a good accountant.",
    "Tell them how my search turns out.",
)
GIVE_BACK_OFFERED: tuple[str, ...] = (
    "Send them the article on community solar data.",
    "Offered to test their team's new survey.",
    "Pass on the name of a trusted realtor.",
    "Congratulate them on the launch with a short note.",
    "Lend them the book on dashboard design.",
)

KEEP_IN_TOUCH: tuple[str, ...] = (
    "Sent a note congratulating them on the new role.",
    "Shared an article they'd enjoy; no request.",
    "Wished them a happy birthday.",
    "Checked in after their surgery.",
    "Caught up at the school fair.",
)

# fmt: on

RECONNECT = "Say hello and share news before asking for anything."

TARGET: dict[str, Any] = {
    "role": "product analyst",
    "level": "Mid-level (3–6 years)",
    "skills": ["data analysis", "SQL", "user research"],
    "industries": ["healthcare technology", "clean energy"],
    "organisation_types": ["mission-driven start-up", "mid-size company"],
    "organisation_size": "50–500 people",
    "environment": ["hybrid", "small, cross-functional teams"],
    "culture": "Curious, kind to newcomers, decisions made with data and with patients in mind.",
    "places": ["Boston", "Cambridge"],
    "open_to_remote": True,
    "willing_to_relocate": False,
    "value_statement": (
        "I turn messy product and survey data into clear decisions. At Cobalt Software I found "
        "why a third of new users left in the first week, and the fix we shipped kept most of "
        "them. I'm at my best between engineers, designers and the people we build for."
    ),
}

FOLLOWUP_INTERVALS: dict[str, Any] = {
    "nudge_business_days": 3,
    "max_nudges": 3,
    "thank_you_days": 1,
    "report_back_days": 7,
    "keep_in_touch_days": {"1000": 30, "100": 60, "10": 90},
}
