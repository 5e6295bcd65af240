#!/bin/bash
# Pack Cairn.app into a compressed, read-only disk image with a link to /Applications.
# Usage: installers/macos/make_dmg.sh [APP] [OUT]
#   APP defaults to dist/Cairn.app; OUT to dist/cairn-<version>-macos-<arch>.dmg.
# installers/build.py runs this on macOS. Sign the .app first (see installers/README.md); if
# CAIRN_CODESIGN_IDENTITY is set, the image is signed too, ready for notarytool.
set -euo pipefail
cd "$(dirname "$0")/../.."

APP=${1:-dist/Cairn.app}
if [ ! -d "$APP/Contents/MacOS" ]; then
    echo "make_dmg.sh: $APP is not an app bundle; run installers/build.py first." >&2
    exit 1
fi
VERSION=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist")
ARCH=$(uname -m)
OUT=${2:-dist/cairn-$VERSION-macos-$ARCH.dmg}

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
ditto "$APP" "$STAGE/Cairn.app"     # ditto keeps symlinks, extended attributes and signatures
ln -s /Applications "$STAGE/Applications"

rm -f "$OUT"
hdiutil create -volname "Cairn $VERSION" -srcfolder "$STAGE" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$OUT"

if [ -n "${CAIRN_CODESIGN_IDENTITY:-}" ]; then
    codesign --force --sign "$CAIRN_CODESIGN_IDENTITY" --timestamp "$OUT"
fi
echo "Wrote $OUT"
