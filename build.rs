//! Build script: embeds the app icon, version information and an application manifest in the
//! Windows `.exe` (what Explorer, the taskbar and "Properties ▸ Details" show). It does nothing when
//! building for any other target.
//!
//! Cross-building from Linux needs `x86_64-w64-mingw32-windres` (Debian: `binutils-mingw-w64-x86-64`,
//! pulled in by `gcc-mingw-w64-x86-64`); on Windows the MSVC or MinGW toolchain's own resource
//! compiler is used.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/bmd-atlas.ico");
    // The target, not the host: this script runs on Linux when cross-building.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let icon = Path::new(&manifest_dir).join("assets/icons/bmd-atlas.ico");
    let version = env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    let description = env::var("CARGO_PKG_DESCRIPTION").unwrap_or_default();

    let mut res = winresource::WindowsResource::new();
    // English (United States), Unicode: the block Explorer shows.
    res.set_language(0x0409)
        .set_icon(icon.to_str().expect("the icon path is UTF-8"))
        .set("ProductName", "BMD Atlas")
        // Explorer and the Task Manager show FileDescription as the application's name.
        .set("FileDescription", "BMD Atlas")
        .set("Comments", &description)
        .set("InternalName", "bmd-atlas")
        .set("OriginalFilename", "bmd-atlas.exe")
        .set("LegalCopyright", "Licensed under MIT OR Apache-2.0")
        .set("FileVersion", &version)
        .set("ProductVersion", &version)
        .set_manifest(&manifest(&version));
    // Only the app's executable: tests, benches and examples need no resources.
    if let Err(e) = res.compile_for("bmd-atlas") {
        panic!(
            "could not compile the Windows resources ({e}); cross-building from Linux needs \
             x86_64-w64-mingw32-windres (Debian: binutils-mingw-w64-x86-64)"
        );
    }
}

/// The application manifest: Windows 10/11 behaviour, per-monitor DPI awareness (winit also asks
/// for it at run time), common controls 6 for the native message boxes, long paths, no elevation.
fn manifest(version: &str) -> String {
    // Manifest versions have four numeric parts; a pre-release suffix is dropped.
    let mut parts: Vec<&str> = version
        .split(['-', '+'])
        .next()
        .unwrap_or("0")
        .split('.')
        .collect();
    parts.resize(4, "0");
    let version = parts.join(".");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="BMDAtlas.BMDAtlas" version="{version}" processorArchitecture="*"/>
  <description>BMD Atlas</description>
  <dependency>
    <dependentAssembly>
      <assemblyIdentity type="win32" name="Microsoft.Windows.Common-Controls" version="6.0.0.0"
        processorArchitecture="*" publicKeyToken="6595b64144ccf1df" language="*"/>
    </dependentAssembly>
  </dependency>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}}"/>
      <supportedOS Id="{{1f676c76-80e1-4239-95bb-83d0f6d0da78}}"/>
      <supportedOS Id="{{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}}"/>
      <supportedOS Id="{{35138b9a-5d96-4fbd-8e2d-a2440225f93a}}"/>
    </application>
  </compatibility>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings>
      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true/pm</dpiAware>
      <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">PerMonitorV2</dpiAwareness>
      <longPathAware xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">true</longPathAware>
    </windowsSettings>
  </application>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
</assembly>"#
    )
}
