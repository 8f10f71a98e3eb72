#!/usr/bin/env bash
# Builds the macOS disk image (.dmg) of Quanta. Run on macOS with JDK 17+ from the repository root:
#   mvn -Ppackage,macos package        (Apple silicon: add -Djpackage.fx.platform=mac-aarch64)
# which prepares target/jpackage/input and target/jpackage/fxmods (JavaFX "mac" jars) and runs this
# script. Not buildable on the Linux build machine (jpackage builds installers only for its own OS).
# Signing/notarization: add --mac-sign --mac-signing-key-user-name "Developer ID Application: ..."
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION="${1:-0.1.0}"
OUT=target/jpackage
rm -rf "$OUT/runtime" "$OUT/app" "$OUT/dmg"
jlink --module-path "$OUT/fxmods" \
  --add-modules java.se,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.management,javafx.controls,javafx.swing \
  --strip-debug --no-header-files --no-man-pages --output "$OUT/runtime"
JAVA_OPTS=(
  --java-options '-Xmx4g'
  --java-options '--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED'
  --java-options '--add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED'
  --java-options '--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED'
  --java-options '--enable-native-access=javafx.graphics'
)
jpackage --type app-image --name Quanta --app-version "$VERSION" --vendor Quanta \
  --runtime-image "$OUT/runtime" --input "$OUT/input" --main-jar quanta-app.jar \
  --main-class dev.quanta.Launcher --icon icons/quanta.icns --dest "$OUT/app" \
  --mac-package-identifier dev.quanta.Quanta --mac-package-name Quanta "${JAVA_OPTS[@]}"
jpackage --type dmg --name Quanta --app-version "$VERSION" --vendor Quanta \
  --app-image "$OUT/app/Quanta.app" --dest "$OUT/dmg" \
  --file-associations packaging/macos/tflite.properties
