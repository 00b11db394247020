"""The list of recently used workbooks and the first-run flag, shared by the GUI and the CLI.

Kept as a small JSON file in the config folder (not QSettings) so the command line can find
"the last workbook used" without loading Qt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

MAX_RECENT = 10


@dataclass
class AppState:
    """Recent workbooks (most recent first) and whether the welcome was shown."""

    file: Path
    recent: list[Path] = field(default_factory=list)
    welcomed: bool = False

    @classmethod
    def load(cls, file: Path) -> AppState:
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(file)  # missing or unreadable state is a first run, not an error
        if not isinstance(raw, dict):
            return cls(file)
        recent = [Path(p) for p in raw.get("recent", []) if isinstance(p, str)]
        return cls(file, recent[:MAX_RECENT], bool(raw.get("welcomed", False)))

    def save(self) -> None:
        from workbook.core.files import write_bytes  # not needed to start the GUI

        data = {"recent": [str(p) for p in self.recent], "welcomed": self.welcomed}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(self.file, json.dumps(data, indent=2, ensure_ascii=False).encode())

    def add_recent(self, path: Path) -> None:
        path = Path(path).absolute()
        self.recent = [path, *(p for p in self.recent if p != path)][:MAX_RECENT]

    def remove_recent(self, path: Path) -> None:
        self.recent = [p for p in self.recent if p != Path(path).absolute()]

    @property
    def last(self) -> Path | None:
        return next((p for p in self.recent if p.is_file()), None)
