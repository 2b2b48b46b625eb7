//! `bmd-atlas`: the desktop app, and the same library headless from the command line
//! ([`bmd_atlas::cli`] parses the arguments and runs what they ask for).
// Release builds on Windows are GUI programs, so no console window opens behind the map;
// platform::init() reattaches the command line's output to the terminal it was typed in.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// See Cargo.toml: glibc's allocator returned the frame's big meshes to the OS every frame.
#[cfg(not(target_os = "macos"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    bmd_atlas::platform::init();
    bmd_atlas::cli::main()
}
