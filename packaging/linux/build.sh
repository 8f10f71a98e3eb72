#!/usr/bin/env bash
# Builds the Linux app image and .deb of Quanta with jlink + jpackage.
# Called by `mvn -Ppackage package` after the jar is built; can be rerun by hand:
#   bash packaging/linux/build.sh [VERSION]
# Inputs (prepared by the Maven profile): target/jpackage/input (app jar + non-JavaFX dependencies),
# target/jpackage/fxmods (JavaFX modular jars for this platform).
# Outputs: target/jpackage/runtime, target/jpackage/app/Quanta (app image), target/jpackage/deb/quanta_*.deb
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION="${1:-0.1.0}"
JH="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
OUT=target/jpackage
# The largest PNG app icon from icons/ (e.g. icons/quanta-256.png).
ICON=$(ls icons/*256*.png 2>/dev/null | head -1 || true)
[ -n "$ICON" ] || ICON=$(ls icons/*.png 2>/dev/null | head -1 || true)
[ -n "$ICON" ] || { echo "no PNG icon in icons/" >&2; exit 1; }

rm -rf "$OUT/runtime" "$OUT/app" "$OUT/deb"
echo "jlink: runtime with JavaFX modules ($JH)"
"$JH/bin/jlink" --module-path "$OUT/fxmods" \
  --add-modules java.se,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.management,javafx.controls,javafx.swing \
  --strip-debug --no-header-files --no-man-pages --output "$OUT/runtime"

COMMON_OPTS=(
  --java-options '-Xmx4g'
  --java-options '--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED'
  --java-options '--add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED'
  --java-options '--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED'
  --java-options '--enable-native-access=javafx.graphics'
)

# Bundled sample models go next to the app jar (lib/app/sample-models) so the start view offers them.
rm -rf "$OUT/input/sample-models"
if compgen -G "sample-models/*.tflite" >/dev/null; then
  mkdir -p "$OUT/input/sample-models"
  cp sample-models/*.tflite "$OUT/input/sample-models/"
fi

echo "jpackage: app image"
"$JH/bin/jpackage" --type app-image --name Quanta --app-version "$VERSION" \
  --vendor "Quanta" --description "Make TensorFlow Lite models smaller and faster" \
  --runtime-image "$OUT/runtime" --input "$OUT/input" --main-jar quanta-app.jar \
  --main-class dev.quanta.Launcher --icon "$ICON" --dest "$OUT/app" "${COMMON_OPTS[@]}"

sed "s#^icon=.*#icon=$ICON#" packaging/linux/tflite.properties > "$OUT/tflite.properties"
echo "jpackage: deb"
"$JH/bin/jpackage" --type deb --name quanta --app-version "$VERSION" \
  --vendor "Quanta" --description "Make TensorFlow Lite models smaller and faster" \
  --app-image "$OUT/app/Quanta" --dest "$OUT/deb" \
  --linux-package-name quanta --linux-shortcut --linux-menu-group Development \
  --linux-app-category devel --linux-deb-maintainer "quanta@localhost" \
  --linux-package-deps 'libgtk-3-0, libgl1' \
  --file-associations "$OUT/tflite.properties"
ls -la "$OUT/app" "$OUT/deb"
