#!/usr/bin/env bash
# Launch check for the installers: starts the app image (and the app extracted from the .deb) under
# Xvfb with a model as argument, waits for its window, checks the window title names the model, and
# keeps a screenshot. Needs: xvfb, libgtk-3-0, x11-utils (xwininfo), imagemagick (import).
#   bash packaging/linux/verify.sh [MODEL] [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
MODEL="$(readlink -f "${1:-sample-models/fashion_cnn.tflite}")"
SHOT="${2:-target/jpackage/app-image-screenshot.png}"
APP=target/jpackage/app/Quanta/bin/Quanta
DEB=$(ls target/jpackage/deb/quanta_*.deb | head -1)
[ -x "$APP" ] || { echo "no app image at $APP: run mvn -Ppackage package first" >&2; exit 1; }
[ -f "$MODEL" ] || { echo "no model $MODEL" >&2; exit 1; }
for tool in xvfb-run xwininfo import dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y xvfb x11-utils imagemagick libgtk-3-0" >&2; exit 1; }
done

echo "== .deb metadata"
INFO=$(dpkg-deb -I "$DEB")
echo "$INFO" | grep -E '^ (Package|Version|Depends):'
echo "$INFO" | grep -E '^ Depends:' | grep -q 'libgtk-3-0' || { echo "FAIL: .deb does not depend on libgtk-3-0" >&2; exit 1; }

check() { # $1 = launcher, $2 = screenshot
  local launcher="$1" shot="$2" name
  name=$(basename "$MODEL")
  xvfb-run -a -s "-screen 0 1280x860x24" bash -c '
    "$0" "$1" > /tmp/quanta-verify.log 2>&1 & pid=$!
    for i in $(seq 1 60); do
      if xwininfo -root -tree 2>/dev/null | grep -q "$2"; then break; fi
      sleep 1
    done
    sleep 3
    import -window root "$3" || echo "screenshot failed"
    title=$(xwininfo -root -tree | grep -o "\"[^\"]*$2[^\"]*\"" | head -1 || true)
    alive=no; kill -0 $pid 2>/dev/null && alive=yes
    kill $pid 2>/dev/null || true
    echo "window: $title, running: $alive"
    [ "$alive" = yes ] && echo "$title" | grep -q "$2"
  ' "$launcher" "$MODEL" "$name" "$shot"
}

echo "== app image"
mkdir -p "$(dirname "$SHOT")"
check "$APP" "$SHOT"
[ -s "$SHOT" ] || { echo "FAIL: no screenshot at $SHOT" >&2; exit 1; }
echo "screenshot: $SHOT"

echo "== app extracted from the .deb"
X=target/jpackage/deb-extract
rm -rf "$X" && dpkg-deb -x "$DEB" "$X"
check "$X/opt/quanta/bin/Quanta" "${SHOT%.png}-deb.png"
echo "OK: both launch and show $(basename "$MODEL")"
