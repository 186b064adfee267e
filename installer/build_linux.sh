#!/usr/bin/env bash
# Build the Linux one-folder bundle and run it once in self-check mode.
#
#   bash installer/build_linux.sh
#
# Environment: PYTHON (default: python, else python3), ANGEBOTSLOTSE_BUILD_DIR (default:
# build/ in the repository), CLEAN=1 for a build without PyInstaller's cache.
# Result: $ANGEBOTSLOTSE_BUILD_DIR/dist/angebotslotse/angebotslotse and the release tarball
# dist/angebotslotse-<version>-linux-<arch>.tar.gz (with install.sh). Exit status non-zero when
# the build or the self-check of the built program fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$(command -v python || command -v python3)}"
BUILD_DIR="${ANGEBOTSLOTSE_BUILD_DIR:-$ROOT/build}"

echo "== installing PyInstaller (if missing)"
"$PYTHON" -m pip install --quiet --disable-pip-version-check "pyinstaller>=6.0"

echo "== building the bundle into $BUILD_DIR/dist"
clean=()
if [[ "${CLEAN:-0}" == "1" ]]; then clean=(--clean); fi
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN "${clean[@]}" \
    --distpath "$BUILD_DIR/dist" --workpath "$BUILD_DIR/work" \
    installer/angebotslotse.spec

PROGRAM="$BUILD_DIR/dist/angebotslotse/angebotslotse"
if [[ ! -x "$PROGRAM" ]]; then
    echo "build failed: $PROGRAM is missing" >&2
    exit 1
fi
echo "== bundle size: $(du -sh "$BUILD_DIR/dist/angebotslotse" | cut -f1)"

echo "== self-check of the built program"
CHECK_HOME="$(mktemp -d)"
trap 'rm -rf "$CHECK_HOME"' EXIT
# env -i: the bundle must work without this machine's Python environment
env -i PATH=/usr/bin:/bin HOME="$CHECK_HOME" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    ANGEBOTSLOTSE_HOME="$CHECK_HOME/data" "$PROGRAM" --self-check
echo "== bundle OK: $PROGRAM"

echo "== release tarball"
VERSION="$("$PYTHON" -c 'import coesfeld_desktop; print(coesfeld_desktop.__version__)')"
install -m755 installer/linux/install.sh "$BUILD_DIR/dist/angebotslotse/install.sh"
TARBALL="$BUILD_DIR/dist/angebotslotse-$VERSION-linux-$(uname -m).tar.gz"
tar -czf "$TARBALL" -C "$BUILD_DIR/dist" angebotslotse
echo "== tarball: $TARBALL"
