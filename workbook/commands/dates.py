"""Days on the command line: ``--from 2025-03-28 --to tomorrow`` and the UTC span they cover.

Light on purpose (no core imports): command modules load this on the GUI start path.
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time, timedelta, tzinfo

_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1}


def day_argument(text: str) -> date:
    """An argparse ``type``: a day as YYYY-MM-DD, or today / tomorrow / yesterday (local)."""
    cleaned = text.strip().lower()
    if cleaned in _WORDS:
        return date.today() + timedelta(days=_WORDS[cleaned])
    try:
        if len(cleaned) != 10:  # fromisoformat also takes 20250328 and 2025-W13-5
            raise ValueError(cleaned)
        return date.fromisoformat(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a day: use YYYY-MM-DD (such as 2025-03-28), today or tomorrow"
        ) from None


def add_day_range_options(parser: argparse.ArgumentParser, what: str = "meetings") -> None:
    """``--from DAY`` and ``--to DAY`` (both optional, --to included) as ``args.first_day``
    and ``args.last_day``."""
    parser.add_argument(
        "--from",
        dest="first_day",
        type=day_argument,
        metavar="DAY",
        help=f"only {what} on or after DAY (YYYY-MM-DD, today, tomorrow)",
    )
    parser.add_argument(
        "--to",
        dest="last_day",
        type=day_argument,
        metavar="DAY",
        help=f"only {what} on or before DAY (the whole day)",
    )


def day_range(
    first: date | None, last: date | None, zone: tzinfo | None = None
) -> tuple[datetime | None, datetime | None]:
    """[start, end) in aware UTC for the local days ``first`` to ``last`` (both included);
    None for an open side. ``zone`` defaults to the computer's. A day is from its midnight
    to the next one, so a DST day is 23 or 25 hours long. ValueError when ``last`` is
    before ``first``."""
    if first is not None and last is not None and last < first:
        raise ValueError(f"--to {last.isoformat()} is before --from {first.isoformat()}")
    start = None if first is None else _midnight(first, zone)
    end = None if last is None else _midnight(last + timedelta(days=1), zone)
    return start, end


def _midnight(day: date, zone: tzinfo | None) -> datetime:
    """The first instant of ``day`` in ``zone`` (None: the computer's), in UTC."""
    if zone is None:
        return datetime.combine(day, time()).astimezone().astimezone(UTC)
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


__all__ = ["add_day_range_options", "day_argument", "day_range"]
