"""The command line: no subcommand opens the GUI; subcommands do scripted work.

JSON goes to stdout, messages to stderr; a failure is one line naming the file and the problem.
Exit codes: 0 done, 1 the work could not be done (bad file, refused), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from workbook import APP_NAME, __version__
from workbook.command_names import SUBCOMMANDS
from workbook.core.errors import WorkbookError
from workbook.paths import AppDirs, configure

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace, AppDirs], int]
_HANDLERS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _HANDLERS[name] = handler
        return handler

    return register


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # From a static set: the GUI path never imports the command modules (start-up time).
    is_subcommand = _first_positional(args_list) in SUBCOMMANDS
    args = None if is_subcommand else quick_gui_args(args_list)
    if args is None:
        parser = _subcommand_parser() if is_subcommand else _gui_parser()
        args = parser.parse_args(args_list)
    try:
        dirs = configure(args.data_dir, temporary=args.temp_data_dir)
    except OSError as exc:
        return _fail(f"{args.data_dir}: cannot use this data folder ({exc.strerror or exc})")
    try:
        if args.smoke_test:
            from workbook.smoke import run_smoke_test

            return run_smoke_test()
        if not is_subcommand:
            from workbook.ui.app import run_gui

            return run_gui(dirs, args.file, exit_when_shown=args.exit_when_shown)
        return _HANDLERS[args.command](args, dirs)
    except WorkbookError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except BrokenPipeError:
        # `workbook people | head`: the reader left; stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # one line, never a traceback; WORKBOOK_DEBUG shows it
        if os.environ.get("WORKBOOK_DEBUG"):
            raise
        return _fail(f"unexpected error: {type(exc).__name__}: {exc} (set WORKBOOK_DEBUG=1)")
    finally:
        dirs.cleanup()


def _fail(message: str) -> int:
    print(f"workbook: {message}", file=sys.stderr)
    return EXIT_FAILED


def say(message: str) -> None:
    """A message for the person at the terminal (stderr, so stdout stays data)."""
    print(message, file=sys.stderr)


def print_json(data: Any) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


# ---------------------------------------------------------------- parsers


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir", metavar="DIR", default=default, help="keep data and settings in DIR"
    )
    where.add_argument(
        "--temp-data-dir",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="use a temporary data folder, removed at exit",
    )


def _base_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook",
        description=f"{APP_NAME}: network as research, in five guided steps.",
    )
    parser.add_argument("--version", action="version", version=f"workbook {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation in a temporary folder and exit",
    )
    _common(parser, suppress=False)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = _base_parser()
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE.workbook",
        help="the workbook to open (default: the last one used)",
    )
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    parser.epilog = (
        "commands: " + ", ".join(sorted(SUBCOMMANDS)) + " (workbook COMMAND --help for each)"
    )
    return parser


def _subcommand_parser() -> argparse.ArgumentParser:
    _load_commands()
    parser = _base_parser()
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _PARSER_BUILDERS:
        register(subparsers)
    return parser


def quick_gui_args(argv: list[str]) -> argparse.Namespace | None:
    """The usual GUI command lines, read as ``_gui_parser()`` reads them, without building it.

    Building an ArgumentParser takes ~5 ms (it loads gettext and locale for its messages),
    too much before the first paint. Anything else (help, abbreviations, ``--opt=value``,
    errors) gives None, and argparse reads it; a test checks both agree.
    """
    args = argparse.Namespace(
        smoke_test=False, data_dir=None, temp_data_dir=False, file=None, exit_when_shown=False
    )
    words = iter(argv)
    for word in words:
        if word in ("--temp-data-dir", "--exit-when-shown"):
            setattr(args, word[2:].replace("-", "_"), True)
        elif word == "--data-dir" and args.data_dir is None:
            args.data_dir = next(words, "-")
            if args.data_dir.startswith("-"):
                return None
        elif not word.startswith("-") and args.file is None:
            args.file = Path(word)
        else:
            return None
    if args.data_dir is not None and args.temp_data_dir:
        return None  # not allowed together: argparse says so
    return args


def add_subcommand(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    *,
    workbook_option: bool = True,
    json_option: bool = False,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    _common(parser, suppress=True)
    if workbook_option:
        parser.add_argument(
            "--workbook", type=Path, metavar="FILE", help="the workbook (default: the last used)"
        )
    if json_option:
        parser.add_argument("--json", action="store_true", help="print JSON to stdout")
    return parser


_PARSER_BUILDERS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = []


def parser_builder(
    build: Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None],
) -> Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]:
    _PARSER_BUILDERS.append(build)
    return build


def registered_subcommands() -> set[str]:
    """The subcommands the command modules register (a test compares it with SUBCOMMANDS)."""
    _load_commands()
    return set(_HANDLERS)


def _load_commands() -> None:
    # Command modules register their parsers and handlers on import.
    from workbook import commands  # noqa: F401


_OPTIONS_WITH_VALUE = {"--data-dir", "--workbook"}


def _first_positional(argv: list[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in _OPTIONS_WITH_VALUE:
            skip = True
            continue
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg
    return None


# ---------------------------------------------------------------- shared helpers for commands


def resolve_workbook(args: argparse.Namespace, dirs: AppDirs) -> Path:
    """The workbook a subcommand works on: --workbook, else the last used, else the default."""
    given: Path | None = getattr(args, "workbook", None)
    if given is not None:
        return given.expanduser().absolute()
    from workbook.recent import AppState

    last = AppState.load(dirs.state_file).last
    if last is not None:
        return last
    default = dirs.default_workbook
    if not default.exists():
        from workbook.core import document

        document.create(default).close()
    return default
