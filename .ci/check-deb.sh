#!/usr/bin/env bash
# CI: check the .deb that packaging/linux/build-deb.sh built, install it, use it, remove it.
#
#   bash packaging/linux/build-deb.sh && bash .ci/check-deb.sh      (as root, repository root)
#
# lintian (no errors; warnings shown), desktop-file-validate, `apt-get install ./….deb` (which
# pulls in the Depends), the installed `workbook` from PATH (version, smoke test, a window on
# Xvfb when xvfb-run is installed), the MIME type of a workbook (by name and by content) and
# the default application for it, then `apt-get remove` and purge: every installed file is
# gone, the user's workbooks, data and settings are not. A copy installed by an earlier run is
# removed first. Changes this machine (installs and removes packages): meant for CI.
set -euo pipefail

PACKAGE=networking-workbook
MIME=application/x-networking-workbook
PYTHON="${PYTHON:-.venv/bin/python}"
[[ -x "$PYTHON" ]] || PYTHON=python3
export LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive
# xdg-mime picks its method from the desktop: the generic one reads the shared-mime-info
# database (through File::MimeInfo) and the .desktop files, as every desktop does.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION GNOME_DESKTOP_SESSION_ID

fail() {
    echo "check-deb: FAILED: $*" >&2
    exit 1
}
say() { echo "check-deb: $*"; }

[[ -f pyproject.toml ]] || fail "run me from the repository root"
[[ $(id -u) == 0 ]] || fail "run me as root: I install and remove the package"
version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
deb="dist/${PACKAGE}_${version}_$(dpkg --print-architecture).deb"
[[ -f $deb ]] || fail "$deb is missing: run bash packaging/linux/build-deb.sh first"

# ------------------------------------------------------------------ tools
# desktop-file-utils and shared-mime-info before the package: their dpkg triggers build the
# caches (mimeinfo.cache, the MIME database) when the package is installed.
tools=(lintian desktop-file-utils shared-mime-info xdg-utils libfile-mimeinfo-perl)
missing=()
for p in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ------------------------------------------------------------------ the package file
say "lintian $deb"
lintian --fail-on error "$deb" || fail "lintian found errors"
say "lintian: no errors"

# known: installed, or removed with its configuration kept ("not-installed" means forgotten).
known() { dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -qv "not-installed"; }
if known; then
    say "purging the copy an earlier run installed"
    apt-get purge -y -qq "$PACKAGE" >/dev/null
fi

# ------------------------------------------------------------------ install
say "apt-get install ./$deb"
apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
hash -r
[[ $(dpkg-query -W -f='${Version}' "$PACKAGE") == "$version" ]] || fail "dpkg does not list $PACKAGE $version"
[[ $(command -v workbook) == /usr/bin/workbook ]] || fail "workbook on PATH is $(command -v workbook), not /usr/bin/workbook"
actual=$(workbook --version 2>&1)
[[ "$actual" == "workbook $version" ]] || fail "workbook --version says '$actual', the package is $version"
say "installed: $actual, $(du -sh /opt/$PACKAGE | cut -f1) in /opt/$PACKAGE"

desktop=/usr/share/applications/$PACKAGE.desktop
desktop-file-validate "$desktop" || fail "$desktop is not valid"
say "desktop-file-validate $desktop: clean"
for f in /usr/share/mime/packages/$PACKAGE.xml /usr/share/icons/hicolor/scalable/apps/$PACKAGE.svg \
    /usr/share/icons/hicolor/{16x16,32x32,48x48,256x256,512x512}/apps/$PACKAGE.png; do
    [[ -f $f ]] || fail "$f was not installed"
done
dpkg --verify "$PACKAGE" || fail "dpkg --verify: installed files differ from the package"

# ------------------------------------------------------------------ use it as a user would
# A home folder of its own: the workbook and the default data and settings folders land
# where a user's would (~/, ~/.local/share, ~/.config).
home=$(mktemp -d /tmp/check-deb-home.XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME=$home
unset XDG_DATA_HOME XDG_CONFIG_HOME

say "workbook --smoke-test (offscreen, from PATH)"
smoke_err=$(QT_QPA_PLATFORM=offscreen workbook --smoke-test 2>&1 >/dev/null) ||
    fail "the installed smoke test failed: $smoke_err"
[[ -z "$smoke_err" ]] || fail "the installed smoke test wrote to stderr: $smoke_err"
if command -v xvfb-run >/dev/null; then
    say "the window on X11 (Xvfb)"
    xvfb-run -a -s "-screen 0 1280x800x24" env -u QT_QPA_PLATFORM workbook --exit-when-shown >/dev/null ||
        fail "the installed app could not show its window on X11"
fi

book="$HOME/Documents/My network.workbook"
mkdir -p "$HOME/Documents"
err=$(workbook sample "$book" 2>&1 >/dev/null) || fail "workbook sample $book: $err"
err=$(workbook check "$book" 2>&1 >/dev/null) || fail "workbook check $book: $err"
data_dir="$HOME/.local/share/$PACKAGE"
[[ -d $data_dir ]] || fail "the app did not create its data folder $data_dir"

filetype=$(xdg-mime query filetype "$book")
[[ $filetype == "$MIME" ]] || fail "xdg-mime query filetype: '$filetype', expected $MIME"
say "xdg-mime query filetype '$book': $filetype"
# By content: a renamed workbook is still one (the SQLite header and the application id);
# another SQLite database is not.
cp "$book" "$HOME/renamed"
"$PYTHON" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("create table t (x)")' "$HOME/other-db"
filetype=$(xdg-mime query filetype "$HOME/renamed")
[[ $filetype == "$MIME" ]] || fail "a workbook without its extension is '$filetype', expected $MIME"
filetype=$(xdg-mime query filetype "$HOME/other-db")
[[ $filetype != "$MIME" ]] || fail "a plain SQLite database was taken for a workbook"
say "by content: a renamed workbook is $MIME, another SQLite database is $filetype"
default=$(xdg-mime query default "$MIME")
[[ $default == "$PACKAGE.desktop" ]] || fail "xdg-mime query default $MIME: '$default', expected $PACKAGE.desktop"
say "xdg-mime query default $MIME: $default"

# ------------------------------------------------------------------ remove
say "apt-get remove $PACKAGE"
apt-get remove -y -qq "$PACKAGE" >/dev/null
for f in /opt/$PACKAGE /usr/bin/workbook "$desktop" /usr/share/mime/packages/$PACKAGE.xml \
    /usr/share/icons/hicolor/48x48/apps/$PACKAGE.png /usr/share/man/man1/workbook.1.gz; do
    [[ ! -e $f && ! -L $f ]] || fail "$f is still there after apt-get remove"
done
# A package without conffiles is forgotten by remove already; purge what may be left.
if known; then apt-get purge -y -qq "$PACKAGE" >/dev/null; fi
! known || fail "dpkg still lists $PACKAGE after purge"
leftovers=$(find /opt /usr /etc -name "*$PACKAGE*" -print 2>/dev/null || true)
[[ -z "$leftovers" ]] || fail "left behind after purge:"$'\n'"$leftovers"
filetype=$(xdg-mime query filetype "$HOME/renamed")
[[ $filetype != "$MIME" ]] || fail "the MIME type is still known after purge"
say "removed and purged: /opt/$PACKAGE, /usr/bin/workbook, the menu entry, the MIME type and the icons are gone"

[[ -f $book ]] || fail "the user's workbook $book was removed"
[[ -d $data_dir ]] || fail "the user's data folder $data_dir was removed"
workbook_files=$(find "$HOME" -name '*.workbook' | wc -l)
say "the user's files are still there: $book, $data_dir ($workbook_files .workbook files under the home folder)"
say "all good"
