"""What build.spec tells Windows and macOS about the app: the version resource and Info.plist.

Plain data built from the version and names, kept out of build.spec so tests can check it on
Linux (where neither is used: PyInstaller applies them only on their platform). The names here
match the Linux package: the MIME type of packaging/linux/networking-workbook.xml and the
.workbook extension.
"""

from __future__ import annotations

import re
from typing import Any

BUNDLE_IDENTIFIER = "org.networking-workbook.app"
DOCUMENT_UTI = "org.networking-workbook.workbook"
MIME_TYPE = "application/x-networking-workbook"
EXTENSION = "workbook"
COPYRIGHT = "The 100 People Networking Workbook authors, MIT licence"
# Qt 6.8, the oldest PySide6 the project allows, supports macOS 12 and later.
MACOS_MINIMUM = "12.0"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows version resource: "0.1.0" -> (0, 1, 0, 0).

    Only the release part counts ("1.2.0rc1" -> (1, 2, 0, 0)): Windows has no pre-releases.
    """
    release = re.match(r"\d+(?:\.\d+)*", version)
    if release is None:
        raise ValueError(f"not a version: {version!r}")
    numbers = [*(int(part) for part in release.group().split(".")[:4]), 0, 0, 0, 0]
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def windows_version_text(version: str, app_name: str, exe_name: str) -> str:
    """The version resource in the text form PyInstaller's EXE(version=FILE) reads (eval'd by
    PyInstaller.utils.win32.versioninfo): Explorer's Properties > Details shows it."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": app_name,
        "FileDescription": app_name,
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": app_name,
        "ProductVersion": version,
    }
    structs = ",\n".join(f"            StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo(
      [
        StringTable(
          '040904B0',
          [
{structs},
          ],
        )
      ]
    ),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
"""


def macos_info_plist(version: str, app_name: str, icon_file: str) -> dict[str, Any]:
    """Info.plist entries for the .app: the .workbook document type (declared by this app,
    hence exported) and what opening one in Finder needs. PyInstaller adds the bundle's own
    keys (CFBundleExecutable, CFBundleIconFile, CFBundleIdentifier...)."""
    return {
        "CFBundleName": "Networking Workbook",  # short: shown under the icon and in menus
        "CFBundleDisplayName": app_name,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHumanReadableCopyright": COPYRIGHT,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow dark mode
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "Networking Workbook",
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [DOCUMENT_UTI],
                "CFBundleTypeIconFile": icon_file,
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": DOCUMENT_UTI,
                "UTTypeDescription": "Networking Workbook",
                # An SQLite database: public.database; public.data so it can be copied and
                # mailed as any file.
                "UTTypeConformsTo": ["public.data", "public.database"],
                "UTTypeIconFile": icon_file,
                "UTTypeTagSpecification": {
                    "public.filename-extension": [EXTENSION],
                    "public.mime-type": [MIME_TYPE],
                },
            }
        ],
    }
