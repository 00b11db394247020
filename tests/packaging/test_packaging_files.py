"""The packaging files: menu entry, MIME type, icons, Windows/macOS recipes and the version.

The .deb itself is built and installed by .ci/check-deb.sh; these checks are the quick ones
that need no bundle: each file is valid and agrees with the app (its MIME magic matches a
real workbook, its icons have the sizes the scripts promise, its paths exist).
"""

from __future__ import annotations

import configparser
import importlib.util
import plistlib
import re
import shutil
import sqlite3
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image

from workbook import APP_ID, APP_NAME, __version__

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
MIME = "application/x-networking-workbook"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _platform_metadata() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "platform_metadata", REPO / "packaging" / "platform_metadata.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ the menu entry


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_has_what_menus_and_file_managers_need() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    for key in ("GenericName", "Comment", "Keywords"):
        assert entry[key].strip()
    assert "Office" in entry["Categories"].split(";")
    assert entry["MimeType"].split(";")[0] == MIME
    assert entry["Exec"] == "workbook %f"  # one file per start, as the command line takes
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


# ------------------------------------------------------------------ the MIME type


def _mime_type() -> ET.Element:
    root = ET.parse(LINUX / f"{APP_ID}.xml").getroot()
    types = root.findall("m:mime-type", NS)
    assert [t.get("type") for t in types] == [MIME]
    return types[0]


def _match_value(match: ET.Element) -> bytes:
    """The bytes a shared-mime-info <match> looks for (string escapes, or a big32 number)."""
    kind, value = match.get("type"), match.get("value", "")
    if kind == "string":
        # shared-mime-info strings take C escapes: \000 (octal), \x00, \\.
        return value.encode("latin-1").decode("unicode_escape").encode("latin-1")
    if kind == "big32":
        return int(value, 0).to_bytes(4, "big")
    raise AssertionError(f"the test does not know match type {kind}")


def _magic_matches(matches: list[ET.Element], data: bytes) -> bool:
    """shared-mime-info semantics: any sibling matches, and then all of its children."""
    for match in matches:
        offset = int(match.get("offset", "0"))
        expected = _match_value(match)
        if data[offset : offset + len(expected)] != expected:
            continue
        children = match.findall("m:match", NS)
        if not children or _magic_matches(children, data):
            return True
    return False


def _magic(path: Path) -> bool:
    magic = _mime_type().find("m:magic", NS)
    assert magic is not None
    return _magic_matches(magic.findall("m:match", NS), path.read_bytes()[:4096])


def test_mime_type_is_an_sqlite_file_named_workbook() -> None:
    mime = _mime_type()
    assert [g.get("pattern") for g in mime.findall("m:glob", NS)] == ["*.workbook"]
    assert [s.get("type") for s in mime.findall("m:sub-class-of", NS)] == [
        "application/vnd.sqlite3"
    ]
    magic = mime.find("m:magic", NS)
    assert magic is not None and int(magic.get("priority", "50")) > 50  # above plain SQLite
    icon = mime.find("m:icon", NS)
    assert icon is not None and icon.get("name") == APP_ID


def test_mime_magic_matches_a_real_workbook_only(new_workbook: Path, tmp_path: Path) -> None:
    assert _magic(new_workbook)
    plain = tmp_path / "plain.workbook"  # an SQLite database of someone else's
    with sqlite3.connect(plain) as db:
        db.execute("create table t (x)")
    assert not _magic(plain)
    other_app = tmp_path / "other.db"
    with sqlite3.connect(other_app) as db:
        db.execute("pragma application_id = 1")
        db.execute("create table t (x)")
    assert not _magic(other_app)
    text = tmp_path / "notes.workbook"
    text.write_text("SQLite format 3 is not enough\n", encoding="utf-8")
    assert not _magic(text)


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="libxml2-utils")
def test_mime_xml_is_well_formed_for_xmllint() -> None:
    subprocess.run(["xmllint", "--noout", str(LINUX / f"{APP_ID}.xml")], check=True)


# ------------------------------------------------------------------ the icons


def test_svg_icon_is_square() -> None:
    svg = ET.parse(ICONS / "workbook.svg").getroot()
    _, _, width, height = svg.get("viewBox", "").split()
    assert width == height


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icons_have_their_size(size: int) -> None:
    with Image.open(ICONS / f"workbook-{size}.png") as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # rounded corners: transparent


def test_ico_holds_16_to_256() -> None:
    with Image.open(ICONS / "workbook.ico") as image:
        assert image.format == "ICO"
        sizes = set(image.info["sizes"])
    assert {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)} <= sizes


def test_icns_holds_16_to_1024() -> None:
    with Image.open(ICONS / "workbook.icns") as image:
        assert image.format == "ICNS"
        sizes = {size[:2] for size in image.info["sizes"]}
    assert {(s, s) for s in (16, 32, 128, 256, 512)} <= sizes


# ------------------------------------------------------------------ Windows and macOS recipes


def test_build_spec_uses_files_that_exist() -> None:
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    icons = re.findall(r'ICONS / "([^"]+)"', spec)
    assert {"workbook.ico", "workbook.icns"} <= set(icons)
    for name in icons:
        assert (ICONS / name).is_file(), name
    assert (REPO / "packaging" / "platform_metadata.py").is_file()


def test_inno_setup_script_uses_files_that_exist() -> None:
    iss_path = REPO / "packaging" / "windows" / "workbook.iss"
    iss = iss_path.read_text(encoding="utf-8")
    root = iss_path.parent / re.findall(r'#define Root "([^"]+)"', iss)[0].replace("\\", "/")
    assert root.resolve() == REPO
    for path in re.findall(r"\{#Root\}\\([^\s\";*]+)", iss):
        parts = path.split("\\")
        if parts[0] != "dist":  # dist\ is what PyInstaller and iscc make
            assert root.joinpath(*parts).exists(), path
    # The executable the menu entry and the association start is one build.spec makes.
    app_exe = re.findall(r'#define AppExe "([^"]+)"', iss)[0]
    assert app_exe == "workbookw.exe"
    assert 'f"{NAME}w", console=False' in (REPO / "build.spec").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "ChangesAssociations=yes" in iss
    assert 'Subkey: "Software\\Classes\\.workbook"' in iss


def test_windows_version_resource_text() -> None:
    meta = _platform_metadata()
    assert meta.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert meta.version_tuple("1.2.0rc1") == (1, 2, 0, 0)
    assert meta.version_tuple("1.2.3.4.5") == (1, 2, 3, 4)
    text = meta.windows_version_text(__version__, APP_NAME, "workbook")

    # PyInstaller eval()s the text with its versioninfo classes; these record what they get.
    def record(kind: str) -> Any:
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct"]
    names += ["VarFileInfo", "VarStruct"]
    info = eval(text, {name: record(name) for name in names})
    assert info[0] == "VSVersionInfo"
    ffi = info[2]["ffi"]
    assert ffi[2]["filevers"] == meta.version_tuple(__version__)
    table = info[2]["kids"][0][1][0][0]
    strings = {s[1][0]: s[1][1] for s in table[1][1]}
    assert strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "workbook.exe"


def test_macos_info_plist_declares_the_document_type() -> None:
    meta = _platform_metadata()
    plist = meta.macos_info_plist(__version__, APP_NAME, icon_file="workbook.icns")
    plistlib.dumps(plist)  # only plist types
    assert plist["CFBundleShortVersionString"] == __version__
    (declared,) = plist["UTExportedTypeDeclarations"]
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [declared["UTTypeIdentifier"]]
    tags = declared["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == ["workbook"]
    assert tags["public.mime-type"] == [MIME]
    assert "public.data" in declared["UTTypeConformsTo"]


# ------------------------------------------------------------------ the Debian package


def test_build_deb_takes_the_version_from_pyproject() -> None:
    script = (LINUX / "build-deb.sh").read_text(encoding="utf-8")
    assert 'tomllib.load(open("pyproject.toml", "rb"))["project"]["version"]' in script
    assert '"workbook $version"' in script  # and refuses a bundle that says otherwise
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == __version__


def test_a_built_deb_carries_the_version() -> None:
    debs = sorted((REPO / "dist").glob(f"{APP_ID}_*.deb"))
    if not debs or shutil.which("dpkg-deb") is None:
        pytest.skip("no .deb built (bash packaging/linux/build-deb.sh)")
    version = subprocess.run(
        ["dpkg-deb", "--field", str(debs[-1]), "Version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if version != __version__:
        pytest.skip(f"{debs[-1].name} is an older build ({version})")
    assert debs[-1].name.startswith(f"{APP_ID}_{__version__}_")


@pytest.mark.parametrize("script", ["packaging/linux/build-deb.sh", ".ci/check-deb.sh"])
def test_shell_scripts_parse(script: str) -> None:
    subprocess.run(["bash", "-n", str(REPO / script)], check=True)


def test_copyright_defines_every_licence_it_names() -> None:
    """DEP-5: a Files paragraph's licence without text needs a standalone License paragraph."""
    text = (LINUX / "copyright").read_text(encoding="utf-8")
    assert text.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    standalone = {
        p.split("\n")[0].removeprefix("License: ")
        for p in paragraphs
        if p.startswith("License: ") and "\n " in p
    }
    common = {"Apache-2.0", "GPL-3+ with Font exception"}  # in /usr/share/common-licenses
    for paragraph in paragraphs:
        if not paragraph.startswith("Files: "):
            continue
        licence_line = next(line for line in paragraph.split("\n") if line.startswith("License:"))
        has_text = paragraph.split(licence_line, 1)[1].startswith("\n ")
        for name in re.split(r" or | and ", licence_line.removeprefix("License: ")):
            assert has_text or name in standalone or name in common, name


def test_lintian_overrides_each_have_a_reason() -> None:
    lines = (LINUX / "lintian-overrides").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith(f"{APP_ID}: "):
            above = [x for x in lines[:number] if x.strip()]
            assert above and above[-1].startswith(("#", f"{APP_ID}: ")), line
