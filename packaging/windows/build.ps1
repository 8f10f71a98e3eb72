# Builds the Windows installer (.msi) of Quanta. Run on Windows with JDK 17+ (jlink, jpackage) and
# the WiX Toolset 3.x on PATH (candle.exe, light.exe), from the repository root:
#   mvn -Ppackage,windows package
# which prepares target\jpackage\input and target\jpackage\fxmods (JavaFX "win" jars) and runs this
# script. Not buildable on the Linux build machine (jpackage builds installers only for its own OS).
param([string]$Version = "0.1.0")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$out = "target\jpackage"
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "$out\runtime", "$out\app", "$out\msi"

jlink --module-path "$out\fxmods" `
  --add-modules java.se,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.management,javafx.controls,javafx.swing `
  --strip-debug --no-header-files --no-man-pages --output "$out\runtime"

$javaOptions = @(
  "--java-options", "-Xmx4g",
  "--java-options", "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED",
  "--java-options", "--add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED",
  "--java-options", "--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED",
  "--java-options", "--enable-native-access=javafx.graphics")

jpackage --type app-image --name Quanta --app-version $Version --vendor Quanta `
  --runtime-image "$out\runtime" --input "$out\input" --main-jar quanta-app.jar `
  --main-class dev.quanta.Launcher --icon icons\quanta.ico --dest "$out\app" @javaOptions

jpackage --type msi --name Quanta --app-version $Version --vendor Quanta `
  --description "Make TensorFlow Lite models smaller and faster" `
  --app-image "$out\app\Quanta" --dest "$out\msi" `
  --win-menu --win-menu-group Quanta --win-shortcut --win-dir-chooser `
  --win-upgrade-uuid 6f1d2c3e-5a7b-4c8d-9e0f-1a2b3c4d5e6f `
  --file-associations packaging\windows\tflite.properties
