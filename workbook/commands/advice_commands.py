"""`workbook rank` (who to meet first, with the reasons) and `workbook gaps` (where the
network is thin).

Core modules are imported inside the handlers: the GUI path loads this module too and must
not pay for SQLAlchemy before its window shows. Both commands open the workbook read-only
(``people_commands.open_for_reading``), so they work while it is open in the app.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from workbook.cli import (
    EXIT_OK,
    add_subcommand,
    command,
    parser_builder,
    print_json,
    resolve_workbook,
    say,
)
from workbook.commands.people_commands import open_for_reading
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from workbook.core.gaps import Coverage, KindCoverage
    from workbook.core.ranking import RankedPerson


@parser_builder
def _parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rank = add_subcommand(
        subparsers, "rank", "who to meet first, with the reasons spelled out", json_option=True
    )
    rank.add_argument("--top", type=_at_least_one, metavar="N", help="only the first N people")
    rank.add_argument(
        "--include-dismissed", action="store_true", help="list dismissed people too (last)"
    )
    add_subcommand(
        subparsers,
        "gaps",
        "kinds of advice by how many people could give them, and where to look next",
        json_option=True,
    )


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


# ---------------------------------------------------------------- workbook rank


@command("rank")
def _rank(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core.ranking import rank_people
    from workbook.core.target import get_target

    with open_for_reading(resolve_workbook(args, dirs), dirs) as sessions:
        ranked = rank_people(sessions, include_dismissed=args.include_dismissed)
        view = get_target(sessions)
    shown = ranked[: args.top] if args.top else ranked
    if args.json:
        print_json([ranked_json(rank, person) for rank, person in enumerate(shown, start=1)])
        return EXIT_OK
    if not ranked:
        say("No one to rank yet: add people in the app, or `workbook import FILE`.")
        return EXIT_OK
    print(rank_text(shown), end="")
    if len(shown) < len(ranked):
        say(f"The first {len(shown)} of {len(ranked)}.")
    answers = view.answers
    if not (answers.industries or answers.role.strip() or view.organisation_count):
        say(
            "Tip: answer the Target questions (industries, the work you want, target "
            "organisations) so the ranking can tell who fits."
        )
    return EXIT_OK


def ranked_json(rank: int, person: RankedPerson) -> dict[str, Any]:
    return {
        "rank": rank,
        "id": person.person_id,
        "name": person.name,
        "score": person.score,
        "reasons": list(person.reasons),
        "points": list(person.points),
        "pinned": person.pinned,
        "dismissed": person.dismissed,
        "organisation": person.organisation,
        "strength": person.strength,
    }


def rank_text(ranked: list[RankedPerson]) -> str:
    """One line per person: "1. Name — reason; reason" (pinned and dismissed marked)."""
    lines = []
    for rank, person in enumerate(ranked, start=1):
        mark = " (pinned)" if person.pinned else " (dismissed)" if person.dismissed else ""
        reasons = "; ".join(person.reasons)
        lines.append(f"{rank}. {person.name}{mark}" + (f" — {reasons}" if reasons else ""))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- workbook gaps


@command("gaps")
def _gaps(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core.gaps import coverage

    with open_for_reading(resolve_workbook(args, dirs), dirs) as sessions:
        report = coverage(sessions)
    if args.json:
        print_json(coverage_json(report))
    else:
        print(gaps_text(report), end="")
    return EXIT_OK


def coverage_json(report: Coverage) -> dict[str, Any]:
    """Kinds in the user's order; counts of every circle and strength (zeros included)."""
    return {
        "kinds": [
            {
                "id": kind.kind_id,
                "name": kind.name,
                "people": kind.people,
                "active_people": kind.active_people,
                "status": kind.status,
                "suggested_circles": list(kind.suggested_circles),
            }
            for kind in report.kinds
        ],
        "by_circle": dict(report.by_circle),
        "by_strength": dict(report.by_strength),
        "people": report.people,
        "goal": report.goal,
    }


def gaps_text(report: Coverage) -> str:
    """Kinds by coverage, the thinnest first (each with where to look next), then the shape
    of the list: people per circle and per strength, and progress toward the goal."""
    from workbook.core.circles import circle_label, strength_label

    kinds = sorted(report.kinds, key=lambda k: (k.active_people, k.people))  # stable: by position
    width = max((len(kind.name) for kind in kinds), default=0)
    lines = ["Advice on your list, thinnest first:"]
    for kind in kinds:
        count = "1 person" if kind.people == 1 else f"{kind.people} people"
        lines.append(f"  {kind.name:<{width}}  {count:>10}  {_status(kind)}".rstrip())
    gaps = report.gaps
    lines.append("")
    if not report.kinds:
        lines.append("No kinds of advice in use: bring one back or add your own in the app.")
    elif gaps:
        lines.append(
            f"Called out: {len(gaps)} of {len(report.kinds)} kinds nobody you are in touch "
            "with can give yet."
        )
    else:
        lines.append("Every kind of advice has someone you are in touch with. Well done.")
    lines.append("")
    lines.append(f"People: {report.people} of {report.goal}")
    circles = " · ".join(f"{circle_label(c)} {n}" for c, n in report.by_circle.items())
    strengths = " · ".join(f"{strength_label(s)} {n}" for s, n in report.by_strength.items())
    lines.append(f"  by circle:   {circles}")
    lines.append(f"  by strength: {strengths}")
    return "\n".join(lines) + "\n"


def _status(kind: KindCoverage) -> str:
    from workbook.core.circles import circle_label

    lost = kind.people - kind.active_people
    text = {
        "none": "nobody yet",
        "lost_only": "lost touch only: reconnect first",
        "thin": "thin",
        "ok": f"({lost} lost touch)" if lost else "",
    }.get(kind.status, kind.status)
    if kind.suggested_circles:
        labels = ", ".join(circle_label(c) for c in kind.suggested_circles)
        text += f" · brainstorm next: {labels}"
    return text
