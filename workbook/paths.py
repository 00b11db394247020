"""Where things live: the user's data and config folders, and the shipped resources.

Data and config folders come from platformdirs unless overridden (``--data-dir DIR`` or
``--temp-data-dir``) through :func:`configure`; everything else asks this module.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from workbook import APP_ID

DEFAULT_WORKBOOK_NAME = "My workbook.workbook"
SAMPLE_WORKBOOK_NAME = "Sample workbook.workbook"


@dataclass(frozen=True)
class AppDirs:
    """The folders the app reads and writes, outside any workbook file."""

    data: Path
    config: Path
    temporary: bool = False

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def default_workbook(self) -> Path:
        return self.data / DEFAULT_WORKBOOK_NAME

    @property
    def sample_workbook(self) -> Path:
        return self.data / SAMPLE_WORKBOOK_NAME

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.ini"

    @property
    def state_file(self) -> Path:
        return self.config / "state.json"

    def ensure(self) -> AppDirs:
        for folder in (self.data, self.config):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self

    def cleanup(self) -> None:
        """Remove a temporary data folder (``--temp-data-dir``); real folders are never touched."""
        if self.temporary:
            import shutil

            shutil.rmtree(self.data, ignore_errors=True)


def platform_dirs() -> AppDirs:
    import platformdirs

    return AppDirs(
        data=Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_ID, appauthor=False)),
    )


def configure(data_dir: str | Path | None = None, temporary: bool = False) -> AppDirs:
    """The folders for this run: a temporary one, a given one, or the platform's."""
    if temporary:
        import tempfile  # imported here: most runs never need it, and start-up counts

        root = Path(tempfile.mkdtemp(prefix="workbook-"))
        return AppDirs(data=root, config=root / "config", temporary=True).ensure()
    if data_dir is not None:
        root = Path(data_dir).expanduser().resolve()
        return AppDirs(data=root, config=root / "config").ensure()
    return platform_dirs().ensure()


def resources_dir() -> Path:
    """The shipped resources, in a PyInstaller bundle, an installed wheel or a source checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def resource(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"{path}: a shipped resource is missing; reinstall the app")
    return path
