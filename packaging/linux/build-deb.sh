#!/usr/bin/env bash
# Build dist/networking-workbook_<version>_<arch>.deb from the PyInstaller bundle in dist/workbook.
#
#   bash .ci/build-bundle.sh && bash packaging/linux/build-deb.sh      (from the repository root)
#
# The package: the bundle in /opt/networking-workbook, the `workbook` command in /usr/bin (a
# symlink: the PyInstaller bootloader finds its folder through /proc/self/exe), a menu entry,
# the icon in the hicolor theme, the .workbook MIME type, a manual page, and the copyright and
# changelog. No maintainer scripts: the triggers of desktop-file-utils, shared-mime-info and
# hicolor-icon-theme refresh their caches when files land in their folders.
#
# Reproducible: every timestamp is SOURCE_DATE_EPOCH (default: the last commit's time), modes
# are set explicitly, owners are root (--root-owner-group), dpkg-deb sorts the entries.
# Needs dpkg-deb, binutils (objdump) and gzip. Environment: PYTHON (to read pyproject.toml),
# DEB_MAINTAINER (the Maintainer field).
set -euo pipefail

PACKAGE=networking-workbook
BUNDLE=dist/workbook
HERE=packaging/linux
ICONS=resources/icons
PYTHON="${PYTHON:-.venv/bin/python}"
[[ -x "$PYTHON" ]] || PYTHON=python3
MAINTAINER="${DEB_MAINTAINER:-Networking Workbook maintainers <dev@workbook.invalid>}"
export LC_ALL=C.UTF-8 # sort order and dates independent of the builder's locale
umask 022

fail() {
    echo "build-deb: FAILED: $*" >&2
    exit 1
}

[[ -f pyproject.toml && -d $HERE ]] || fail "run me from the repository root"
[[ -x $BUNDLE/workbook ]] || fail "$BUNDLE/workbook is missing: run bash .ci/build-bundle.sh first"

version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)
# The package version is the app's: `workbook --version` must say the same.
frozen=$("$BUNDLE/workbook" --version 2>&1)
[[ "$frozen" == "workbook $version" ]] || fail "the bundle says '$frozen', pyproject.toml says $version: rebuild the bundle"
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
export SOURCE_DATE_EPOCH

if ! command -v chrpath >/dev/null; then
    [[ $(id -u) == 0 ]] || fail "chrpath is missing: apt-get install chrpath"
    echo "build-deb: installing chrpath"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chrpath >/dev/null
fi
stripped=0

root="build/deb/$PACKAGE"
deb="dist/${PACKAGE}_${version}_${arch}.deb"
rm -rf "$root"
mkdir -p "$root"

# install_file SOURCE DEST MODE: copies into the package tree, creating the folders.
install_file() {
    install -D -m "$3" "$1" "$root/$2"
}

# ------------------------------------------------------------------ the files
mkdir -p "$root/opt"
cp -a "$BUNDLE" "$root/opt/$PACKAGE"
# Libraries built by a Python in a build folder (pyenv) keep that folder as their RUNPATH: a
# build path, and a place to load libraries from that the user does not own. The bundle
# loads everything from its own folder, so drop every RUNPATH that is not $ORIGIN-relative.
while IFS= read -r -d '' lib; do
    runpath=$(objdump -p "$lib" 2>/dev/null | awk '$1 == "RUNPATH" || $1 == "RPATH" { print $2 }')
    if [[ -n "$runpath" && "$runpath" != *'$ORIGIN'* ]]; then
        chrpath --delete "$lib" >/dev/null
        stripped=$((stripped + 1))
    fi
done < <(find "$root/opt" -type f \( -name '*.so*' -o -name workbook \) -print0)
echo "build-deb: removed build-machine RUNPATHs from $stripped libraries"
mkdir -p "$root/usr/bin"
ln -s "/opt/$PACKAGE/workbook" "$root/usr/bin/workbook" # absolute: it crosses top-level folders

install_file "$HERE/$PACKAGE.desktop" "usr/share/applications/$PACKAGE.desktop" 0644
install_file "$HERE/$PACKAGE.xml" "usr/share/mime/packages/$PACKAGE.xml" 0644
for size in 16 24 32 48 64 128 256 512; do
    install_file "$ICONS/workbook-$size.png" "usr/share/icons/hicolor/${size}x${size}/apps/$PACKAGE.png" 0644
done
install_file "$ICONS/workbook.svg" "usr/share/icons/hicolor/scalable/apps/$PACKAGE.svg" 0644

mkdir -p "$root/usr/share/man/man1" "$root/usr/share/doc/$PACKAGE"
gzip -9n <"$HERE/workbook.1" >"$root/usr/share/man/man1/workbook.1.gz"
install_file "$HERE/copyright" "usr/share/doc/$PACKAGE/copyright" 0644
# A native package (the version has no Debian revision): its changelog is changelog.gz.
{
    echo "$PACKAGE ($version) unstable; urgency=medium"
    echo
    echo "  * Built from the PyInstaller bundle by packaging/linux/build-deb.sh."
    echo "    The project's history is in its git repository."
    echo
    echo " -- $MAINTAINER  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$root/usr/share/doc/$PACKAGE/changelog.gz"
install_file "$HERE/lintian-overrides" "usr/share/lintian/overrides/$PACKAGE" 0644

# Modes: folders and the executable 0755, everything else 0644 (shared libraries need no
# execute bit, and lintian asks for none).
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root/opt/$PACKAGE/workbook"

# ------------------------------------------------------------------ control
# Installed-Size as dpkg-gencontrol counts it: KiB per file rounded up, 1 per folder or link.
installed_size=$(find "$root" -mindepth 1 -printf '%y %s\n' |
    awk '$1 == "f" { kib += int(($2 + 1023) / 1024); next } { kib += 1 } END { print kib }')
# The newest glibc symbol version anything in the bundle asks for.
glibc=$(find "$root/opt" -type f \( -name '*.so*' -o -name workbook \) -print0 |
    xargs -0 objdump -p 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n1 | cut -d_ -f2)
[[ -n "$glibc" ]] || fail "could not read the glibc version the bundle needs (is binutils installed?)"
# PyInstaller bundles most libraries, but not libc, OpenGL/EGL (they must match the system's
# driver) or libxcb (the X connection). The others are the system libraries Qt needs on a fresh
# Debian (DESIGN.md): their data comes with them too (xkb-data for keyboard layouts,
# fontconfig-config and a font for text).
depends="libc6 (>= $glibc), libgl1, libegl1, libxcb1, libglib2.0-0, libdbus-1-3, libfontconfig1"
depends+=", libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0"
depends+=", libxcb-keysyms1, libxcb-render-util0, libxcb-shape0"
mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $version
Architecture: $arch
Maintainer: $MAINTAINER
Installed-Size: $installed_size
Depends: $depends
Section: misc
Priority: optional
Description: networking as research, in five guided steps
 The 100 People Networking Workbook helps a job seeker network the way that
 works: as research, not as asking for jobs. It walks through five steps:
 decide what you are looking for, list 100 people you already know, note what
 advice each could give and who to meet first, ask for short meetings and
 follow them up, and print a one-page prep sheet for every meeting.
 .
 Everything stays on the computer, in one file per workbook (.workbook, an
 SQLite database), saved as you type. The workbook command also imports
 contacts (vCard; CSV from LinkedIn, Google or Outlook), exports people and
 meetings, and prints worksheets and agendas from the command line.
EOF
# Checksums of every file, for `dpkg --verify` (paths relative to the root, sorted).
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +

# ------------------------------------------------------------------ build
mkdir -p dist
rm -f "$deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
rm -rf "$root" # 170 MB of copies
echo "build-deb: $deb"
echo "build-deb: $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes), installed $((installed_size / 1024)) MiB"
