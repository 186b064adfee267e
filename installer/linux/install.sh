#!/usr/bin/env bash
# Per-user install of the Angebotslotse bundle on Linux (home-visit laptops). Shipped at the top
# of the bundle folder in the release tarball; run it from there:
#
#   ./install.sh [--prefix DIR] [--preset DIR]        install or upgrade (default prefix ~/.local)
#   ./install.sh --uninstall [--prefix DIR] [--purge-data]
#
# Program files go to PREFIX/opt/angebotslotse (replaced on upgrade), the command to
# PREFIX/bin/angebotslotse, the desktop entry and icons to PREFIX/share. --preset copies a
# preset folder (preset.toml, keys/*.pub, logo) beside the program, where it is read. The
# user's data (~/.local/share/Angebotslotse, or ANGEBOTSLOTSE_HOME) is never touched, except by
# --uninstall --purge-data. A machine-wide preset may instead go to /etc/xdg/Angebotslotse/preset.
set -euo pipefail

BUNDLE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="${HOME}/.local"
PRESET=""
ACTION=install
PURGE=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --prefix) PREFIX="$2"; shift 2 ;;
        --preset) PRESET="$2"; shift 2 ;;
        --uninstall) ACTION=uninstall; shift ;;
        --purge-data) PURGE=1; shift ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "install.sh: unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
done

APP_ID="de.kreis-coesfeld.Angebotslotse"
TARGET="$PREFIX/opt/angebotslotse"
DESKTOP="$PREFIX/share/applications/$APP_ID.desktop"
ICON_SVG="$PREFIX/share/icons/hicolor/scalable/apps/angebotslotse.svg"
ICON_PNG="$PREFIX/share/icons/hicolor/256x256/apps/angebotslotse.png"
LINK="$PREFIX/bin/angebotslotse"
DATA="${ANGEBOTSLOTSE_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/Angebotslotse}"

if [[ "$ACTION" == uninstall ]]; then
    rm -rf -- "$TARGET"
    rm -f -- "$DESKTOP" "$ICON_SVG" "$ICON_PNG" "$LINK"
    if [[ "$PURGE" == 1 ]]; then
        rm -rf -- "$DATA"
        echo "Angebotslotse removed, with the user's data in $DATA"
    else
        echo "Angebotslotse removed; the user's data in $DATA is kept"
    fi
    exit 0
fi

if [[ ! -x "$BUNDLE/angebotslotse" || ! -d "$BUNDLE/_internal/resources" ]]; then
    echo "install.sh: run me from the unpacked bundle folder (angebotslotse/)" >&2
    exit 1
fi
if [[ -n "$PRESET" && ! -f "$PRESET/preset.toml" && ! -d "$PRESET/keys" ]]; then
    echo "install.sh: $PRESET holds neither preset.toml nor keys/" >&2
    exit 2
fi

# upgrade: a new copy beside the old one, then swapped, so a failed copy leaves the old program
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$(dirname "$DESKTOP")" "$(dirname "$ICON_SVG")" \
    "$(dirname "$ICON_PNG")"
STAGING="$(mktemp -d "$PREFIX/opt/.angebotslotse-new.XXXXXX")"
trap 'rm -rf -- "$STAGING"' EXIT
cp -a "$BUNDLE/." "$STAGING/"
if [[ -n "$PRESET" ]]; then
    rm -rf -- "$STAGING/preset"
    cp -a "$PRESET" "$STAGING/preset"
elif [[ -d "$TARGET/preset" && ! -d "$STAGING/preset" ]]; then
    cp -a "$TARGET/preset" "$STAGING/preset"   # an upgrade keeps the deployed preset
fi
rm -rf -- "$TARGET"
mv -- "$STAGING" "$TARGET"
trap - EXIT

RESOURCES="$TARGET/_internal/resources"
install -m644 "$RESOURCES/linux/$APP_ID.desktop" "$DESKTOP"
install -m644 "$RESOURCES/icons/angebotslotse.svg" "$ICON_SVG"
install -m644 "$RESOURCES/icons/angebotslotse.png" "$ICON_PNG"
ln -sfn "$TARGET/angebotslotse" "$LINK"
echo "Angebotslotse installed in $TARGET; start it from the menu or with $LINK"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "(add $PREFIX/bin to PATH to type 'angebotslotse')" ;; esac
