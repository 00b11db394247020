#!/usr/bin/env bash
# Start the installed app from its menu entry on a real X server (Xvfb) and save a screenshot.
#
#   apt-get install ./dist/networking-workbook_*.deb && bash packaging/linux/screenshot-from-menu.sh
#
# Launches /usr/share/applications/networking-workbook.desktop the way a menu or a file
# manager does (GIO reads the entry and expands Exec's %f with the file: `gio launch`), on a
# sample workbook in a throw-away home folder, waits for the window, then grabs the window's
# area of the screen with Qt (the project's own PySide6, so no ImageMagick) into
# resources/screenshots/installed-from-menu.png. Also prints the window's WM_CLASS, which the
# entry's StartupWMClass must match for docks to group the window with its entry.
set -euo pipefail

PACKAGE=networking-workbook
ENTRY=/usr/share/applications/$PACKAGE.desktop
OUT="${1:-resources/screenshots/installed-from-menu.png}"
PYTHON="${PYTHON:-.venv/bin/python}"
export LANG=C.UTF-8

fail() {
    echo "screenshot-from-menu: FAILED: $*" >&2
    exit 1
}

[[ -f $ENTRY ]] || fail "$ENTRY is missing: install the package first"
for tool in Xvfb gio xwininfo xprop; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install xvfb libglib2.0-bin x11-utils)"
done

home=$(mktemp -d /tmp/screenshot-home.XXXXXX)
display=:$((90 + RANDOM % 100))
pids=() # stopped in this order at exit: the app, then Xvfb
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        sleep 0.5 # let the app close its X connection before the server goes
    done
    rm -rf "$home"
}
trap cleanup EXIT

# A user with a sample workbook who has seen the welcome already (it would cover the page).
export HOME=$home XDG_RUNTIME_DIR=$home/run
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
unset XDG_DATA_HOME XDG_CONFIG_HOME QT_QPA_PLATFORM WAYLAND_DISPLAY
book="$HOME/Documents/Sample network.workbook"
mkdir -p "$HOME/Documents" "$HOME/.config/$PACKAGE"
workbook sample "$book" 2>/dev/null
printf '{"recent": [], "welcomed": true}\n' >"$HOME/.config/$PACKAGE/state.json"

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break || sleep 0.1; done
xwininfo -root >/dev/null 2>&1 || fail "Xvfb did not start on $display"

echo "screenshot-from-menu: gio launch $ENTRY '$book'"
# The app inherits gio's stderr: keep what it says in a log, shown at the end.
gio launch "$ENTRY" "$book" 2>"$home/app.log"
# The main window: a top-level window with a WM_CLASS ("instance" "class") and the app's name
# in its title; Qt's helper windows have no WM_CLASS.
line=""
for _ in $(seq 150); do
    line=$(xwininfo -root -children | grep -m1 'People Networking Workbook": ("' || true)
    [[ -n "$line" ]] && break
    sleep 0.1
done
[[ -n "$line" ]] || fail "no window appeared within 15 s"
window=$(awk '{ print $1 }' <<<"$line")
geometry=$(grep -o '[0-9]*x[0-9]*+[0-9]*+[0-9]*' <<<"$line" | head -n1) # WxH+X+Y
echo "screenshot-from-menu: window $window $geometry, $(xprop -id "$window" WM_CLASS)"
app_pid=$(xprop -id "$window" _NET_WM_PID | awk '{ print $3 }')
if [[ "$app_pid" =~ ^[0-9]+$ ]]; then pids=("$app_pid" "${pids[@]}"); fi
sleep 3 # the workbook fills in after the first paint

"$PYTHON" - "$OUT" "$geometry" <<'PY'
import re
import sys

from PySide6.QtGui import QGuiApplication

out, geometry = sys.argv[1], sys.argv[2]
w, h, x, y = (int(n) for n in re.split(r"[x+]", geometry))
app = QGuiApplication(sys.argv[:1])
shot = app.primaryScreen().grabWindow(0, x, y, w, h)  # the window's area of the screen
if shot.isNull() or not shot.save(out, "PNG"):
    sys.exit(f"screenshot-from-menu: could not save {out}")
print(f"screenshot-from-menu: {out} ({shot.width()}x{shot.height()})")
PY

if [[ -s "$home/app.log" ]]; then
    echo "screenshot-from-menu: the app's stderr ($(wc -l <"$home/app.log") lines, first 3):"
    head -n 3 "$home/app.log" | sed 's/^/  /'
fi
