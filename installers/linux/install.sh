#!/bin/sh
# Install Cairn for the current user only: no root, nothing outside ~/.local.
#   ./install.sh               install (or upgrade) from this folder
#   ./install.sh --uninstall   remove the program; your data is never touched
# PREFIX (default ~/.local) changes where it goes: PREFIX=$HOME/apps ./install.sh
set -eu

PREFIX=${PREFIX:-"$HOME/.local"}
APP_DIR="$PREFIX/lib/cairn"
BIN_DIR="$PREFIX/bin"
SHARE_DIR=${XDG_DATA_HOME:-"$HOME/.local/share"}
[ "$PREFIX" = "$HOME/.local" ] || SHARE_DIR="$PREFIX/share"
DATA_DIR=${CAIRN_DATA_DIR:-"${XDG_DATA_HOME:-$HOME/.local/share}/Cairn"}
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
SIZES="16 24 32 48 64 128 256 512"

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 &&
        update-desktop-database -q "$SHARE_DIR/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 &&
        gtk-update-icon-cache -q -t "$SHARE_DIR/icons/hicolor" 2>/dev/null || true
}

uninstall() {
    rm -f "$SHARE_DIR/applications/cairn.desktop"
    for size in $SIZES; do
        rm -f "$SHARE_DIR/icons/hicolor/${size}x${size}/apps/cairn.png"
    done
    rm -f "$SHARE_DIR/icons/hicolor/scalable/apps/cairn.svg"
    if [ -L "$BIN_DIR/cairn" ]; then rm -f "$BIN_DIR/cairn"; fi
    rm -rf "$APP_DIR"
    refresh_menus
    echo "Cairn is removed. Your data is still in $DATA_DIR."
}

install() {
    if [ ! -x "$HERE/cairn" ] || [ ! -d "$HERE/_internal" ]; then
        echo "install.sh: run me from the unpacked Cairn folder (it has 'cairn' and '_internal')." >&2
        exit 1
    fi
    if [ "$HERE" = "$APP_DIR" ]; then
        echo "install.sh: Cairn is already installed here; run the new version's install.sh." >&2
        exit 1
    fi
    mkdir -p "$PREFIX/lib" "$BIN_DIR" "$SHARE_DIR/applications"
    # Copy beside the old version, then swap, so a failed copy leaves the old one working.
    rm -rf "$APP_DIR.new"
    cp -R "$HERE" "$APP_DIR.new"
    rm -rf "$APP_DIR.old"
    if [ -e "$APP_DIR" ]; then mv "$APP_DIR" "$APP_DIR.old"; fi
    mv "$APP_DIR.new" "$APP_DIR"
    rm -rf "$APP_DIR.old"

    ln -sf "$APP_DIR/cairn" "$BIN_DIR/cairn"
    for size in $SIZES; do
        mkdir -p "$SHARE_DIR/icons/hicolor/${size}x${size}/apps"
        cp "$APP_DIR/share/icons/hicolor/${size}x${size}/apps/cairn.png" \
           "$SHARE_DIR/icons/hicolor/${size}x${size}/apps/cairn.png"
    done
    mkdir -p "$SHARE_DIR/icons/hicolor/scalable/apps"
    cp "$APP_DIR/share/icons/hicolor/scalable/apps/cairn.svg" "$SHARE_DIR/icons/hicolor/scalable/apps/"
    # The menu entry runs the installed program by its full path: ~/.local/bin is not always
    # on the PATH a desktop session starts programs with.
    sed -e "s|^Exec=cairn$|Exec=\"$APP_DIR/cairn\"|" -e "s|^TryExec=cairn$|TryExec=$APP_DIR/cairn|" \
        "$APP_DIR/share/applications/cairn.desktop" > "$SHARE_DIR/applications/cairn.desktop"
    chmod 644 "$SHARE_DIR/applications/cairn.desktop"
    refresh_menus

    echo "Cairn is installed in $APP_DIR and is in your applications menu."
    case ":$PATH:" in
        *":$BIN_DIR:"*) echo "Type 'cairn' in a terminal to use the command line." ;;
        *) echo "To use the command line, add $BIN_DIR to your PATH, or run $BIN_DIR/cairn." ;;
    esac
}

case "${1:-}" in
    --uninstall) uninstall ;;
    "") install ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
