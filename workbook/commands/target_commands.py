"""`workbook target`: the target, the composed ask (or what to answer first) and readiness.

Core modules are imported inside the handler: the GUI path loads this module too.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING, Any

from workbook.cli import (
    EXIT_OK,
    add_subcommand,
    command,
    parser_builder,
    print_json,
    resolve_workbook,
)
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from workbook.core.organisations import OrganisationRow
    from workbook.core.target import TargetView

LABEL_WIDTH = 15
WIDTH = 88


@parser_builder
def _parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add_subcommand(
        subparsers,
        "target",
        "show the target, the one-sentence ask and what is still vague",
        json_option=True,
    )


@command("target")
def _target(args: argparse.Namespace, dirs: AppDirs) -> int:
    from workbook.core.document import read_only_sessions
    from workbook.core.organisations import list_organisations
    from workbook.core.target import get_target

    with read_only_sessions(resolve_workbook(args, dirs), dirs.backups) as sessions:
        view, organisations = get_target(sessions), list_organisations(sessions)
    if args.json:
        print_json(target_json(view, organisations))
    else:
        print(target_text(view, organisations), end="")
    return EXIT_OK


def target_json(view: TargetView, organisations: tuple[OrganisationRow, ...]) -> dict[str, Any]:
    answers = view.answers
    return {
        "role": answers.role,
        "level": answers.level,
        "skills": list(answers.skills),
        "industries": list(answers.industries),
        "organisation_types": list(answers.organisation_types),
        "organisation_size": answers.organisation_size,
        "environment": list(answers.environment),
        "culture": answers.culture,
        "places": list(answers.places),
        "open_to_remote": answers.open_to_remote,
        "willing_to_relocate": answers.willing_to_relocate,
        "value_statement": answers.value_statement,
        "ask": view.ask,
        "ask_edited": view.ask_edited,
        "ask_outdated": view.ask_outdated,
        "composed_ask": view.composed.sentence,
        "missing": None if view.ask else view.composed.missing,
        "readiness": [item.text for item in view.readiness],
        "organisations": [
            {
                "name": org.name,
                "motivation": org.motivation,
                "notes": org.notes,
                "people_count": org.people_count,
            }
            for org in organisations
        ],
    }


def target_text(view: TargetView, organisations: tuple[OrganisationRow, ...]) -> str:
    """A readable summary: the answers, the ask (or what to answer first), the homework."""
    answers = view.answers
    lines = ["Your target"]

    def row(label: str, value: str) -> None:
        lines.extend(_wrapped(value.strip() or "—", f"  {label + ':':<{LABEL_WIDTH}}"))

    work = " — ".join(part for part in (answers.role.strip(), answers.level.strip()) if part)
    size = answers.organisation_size.strip()
    kinds = " · ".join(answers.organisation_types)
    row("Work", work)
    row("Skills", " · ".join(answers.skills))
    row("Industries", " · ".join(answers.industries))
    row("Organisation", f"{kinds} ({size})" if kinds and size else kinds or size)
    row("Environment", " · ".join(answers.environment))
    row("Culture", answers.culture)
    row("Places", " · ".join(answers.places))
    row("Remote work", "yes" if answers.open_to_remote else "no")
    row("Moving", "yes" if answers.willing_to_relocate else "no")
    row("What I bring", answers.value_statement)
    lines.append("")
    if view.ask:
        lines.append("Your ask (written by you):" if view.ask_edited else "Your ask:")
        lines.extend(_wrapped(view.ask, "  "))
        if view.ask_outdated and view.composed.sentence:
            lines.append("Your answers changed since you wrote it; the new sentence would be:")
            lines.extend(_wrapped(view.composed.sentence, "  "))
    else:
        lines.append(f"Answer this first: {view.composed.missing}")
    lines.append("")
    if view.readiness:
        lines.append("Before you network:")
        lines.extend(line for item in view.readiness for line in _wrapped(item.text, "  - "))
    else:
        lines.append("Ready to network: your target is clear. Next, list the people you know.")
    lines.append("")
    lines.append(f"Target organisations ({len(organisations)}):")
    if not organisations:
        lines.append("  none yet (add them on the Target page)")
    for org in organisations:
        count = org.people_count
        people = "nobody you know yet" if not count else f"{count} you know there"
        lines.extend(_wrapped(f"{org.name} — {people}", f"  {org.motivation}/5  "))
        if org.notes.strip():
            lines.extend(_wrapped(org.notes, " " * 9))
    return "\n".join(lines) + "\n"


def _wrapped(text: str, first: str) -> list[str]:
    """``text`` after ``first``, wrapped to the terminal width, later lines indented to match."""
    indent = " " * len(first)
    out: list[str] = []
    for number, paragraph in enumerate(text.splitlines() or [""]):
        out.extend(
            textwrap.wrap(
                paragraph,
                WIDTH,
                initial_indent=first if number == 0 else indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [(first if number == 0 else indent).rstrip()]
        )
    return out
