#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle (build.spec) and prove the frozen app works.
#
#   .ci/build-bundle.sh                 run from the repository root
#   PYTHON=/path/to/python .ci/build-bundle.sh
#
# Prints the build time and the bundle size; fails if the frozen smoke test fails or writes
# anything to stderr, if --version disagrees with pyproject.toml, if the frozen `sample`,
# `new` and `check` commands fail, or (when xvfb-run is installed) if the window cannot be shown
# on an X server. Needs binutils (PyInstaller uses objdump and strip) and the Qt runtime
# libraries listed in DESIGN.md.
set -euo pipefail

PYTHON="${PYTHON:-.venv/bin/python}"
BUNDLE=dist/workbook
APP="$BUNDLE/workbook"
export LANG=C.UTF-8 # Qt warns "Detected locale C" without it

fail() {
    echo "build-bundle: FAILED: $*" >&2
    exit 1
}

[[ -f build.spec && -f pyproject.toml ]] || fail "run me from the repository root"

# ------------------------------------------------------------------ build
start=$(date +%s.%N)
"$PYTHON" -m PyInstaller --noconfirm --clean --workpath build --distpath dist build.spec
end=$(date +%s.%N)
[[ -x "$APP" ]] || fail "$APP was not built"

echo
echo "build-bundle: build time $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s"
echo "build-bundle: bundle size $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files"
echo "build-bundle: largest files:"
# awk reads all of its input (head would close the pipe early: SIGPIPE under pipefail).
find "$BUNDLE" -type f -printf '%s %P\n' | sort -rn |
    awk 'NR <= 15 { printf "build-bundle:   %6.2f MB  %s\n", $1 / 1048576, $2 }'

# ------------------------------------------------------------------ test the frozen app
# Every bundled library must find what it links to, in the bundle or on this system. A library
# missing on the build machine (e.g. libxcb-cursor0) is only a warning for PyInstaller, and
# the bundle then fails on user machines that lack it too.
if [[ "$(uname -s)" == Linux ]]; then
    missing=$(find "$BUNDLE" -type f \( -name '*.so*' -o -path "$APP" \) -print0 |
        LD_LIBRARY_PATH="$PWD/$BUNDLE/_internal" xargs -0 -n1 sh -c 'ldd "$0" 2>/dev/null | grep "not found" | sed "s|^|$0: |"' || true)
    [[ -z "$missing" ]] || fail "bundled libraries with unresolved dependencies:"$'\n'"$missing"
    echo "build-bundle: every bundled library resolves its dependencies"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME COMMAND...: runs COMMAND with stdout shown and stderr kept; fails on a non-zero exit
# code or (unless ALLOW_STDERR=1) on any stderr output.
run() {
    local name=$1 rc=0
    shift
    echo
    echo "build-bundle: $name: $*"
    "$@" 2>"$tmp/stderr" || rc=$?
    if [[ $rc -ne 0 ]] || { [[ -s "$tmp/stderr" ]] && [[ "${ALLOW_STDERR:-0}" != 1 ]]; }; then
        echo "build-bundle: $name: exit code $rc, stderr:" >&2
        cat "$tmp/stderr" >&2
        fail "$name"
    fi
    sed 's/^/(stderr) /' "$tmp/stderr" # the messages an allowed stderr had
}

run "smoke test" env QT_QPA_PLATFORM=offscreen "$APP" --smoke-test

version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
run "version" "$APP" --version
actual=$("$APP" --version 2>&1)
[[ "$actual" == "workbook $version" ]] || fail "--version printed '$actual', expected 'workbook $version'"

# `new` and `sample` say what they did on stderr (stdout is for data), so stderr is allowed
# there; `check` must pass on both files.
ALLOW_STDERR=1 run "new" "$APP" new --data-dir "$tmp/data" "$tmp/n.workbook"
run "check new" "$APP" check --data-dir "$tmp/data" "$tmp/n.workbook"
ALLOW_STDERR=1 run "sample" "$APP" sample --data-dir "$tmp/data" "$tmp/s.workbook"
run "check sample" "$APP" check --data-dir "$tmp/data" --json "$tmp/s.workbook"
# The import path pulls in vobject (and its dateutil/pytz) and nameparser: prove they are frozen.
ALLOW_STDERR=1 run "import vCard" "$APP" import --data-dir "$tmp/data" --workbook "$tmp/n.workbook" \
  tests/fixtures/contacts/vcard30_apple.vcf tests/fixtures/contacts/linkedin_connections.csv
ALLOW_STDERR=1 run "export vCard" "$APP" export people --data-dir "$tmp/data" \
  --workbook "$tmp/n.workbook" --format vcard -o "$tmp/out.vcf"
# Meetings: what is due (holidays when a country is set), the calendar file (icalendar, tzdata).
run "today" "$APP" today --data-dir "$tmp/data" --workbook "$tmp/s.workbook" --json
ALLOW_STDERR=1 run "export ics" "$APP" export meetings --data-dir "$tmp/data" \
  --workbook "$tmp/s.workbook" --format ics -o "$tmp/out.ics"
grep -q "BEGIN:VTIMEZONE" "$tmp/out.ics" || fail "the calendar file has no VTIMEZONE"
# Printing: ReportLab with the shipped fonts, Arabic/Hebrew shaping (arabic-reshaper, bidi).
ALLOW_STDERR=1 run "print agenda" "$APP" print agenda --data-dir "$tmp/data" \
  --workbook "$tmp/s.workbook" --from today --to "$(date -d '+14 days' +%F)" -o "$tmp/agenda.pdf"
ALLOW_STDERR=1 run "print people" "$APP" print people --data-dir "$tmp/data" \
  --workbook "$tmp/s.workbook" -o "$tmp/people.pdf"
if command -v pdftotext >/dev/null; then
    # Through a file: `grep -q` closing the pipe early would fail the pipeline (pipefail).
    pdftotext "$tmp/people.pdf" "$tmp/people.txt"
    grep -q "Zoë Ångström" "$tmp/people.txt" || fail "the worksheet lacks a name"
fi

# The smoke test runs offscreen; where Xvfb is installed, also show the window on a real X
# server, which loads the bundled xcb platform plugin, its GL integrations and input contexts.
if command -v xvfb-run >/dev/null; then
    run "window on X11" xvfb-run -a -s "-screen 0 1280x800x24" \
        env -u QT_QPA_PLATFORM "$APP" --data-dir "$tmp/data" --exit-when-shown
else
    echo "build-bundle: xvfb-run not installed: skipped showing the window on X11"
fi

echo
echo "build-bundle: all good ($APP)"
