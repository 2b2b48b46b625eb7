//! Writes the APP-6D symbol sheet of the built-in scenario (every site's symbol, as built and
//! planned, and the bare frames) as `symbols.svg` and `symbols.png` in the current folder, for
//! checking the symbols by eye: `cargo run --release --example symbol-sheet`.

use std::process::ExitCode;

use bmd_atlas::render::military::sheet_entries;
use bmd_atlas::render::svg::{symbol_sheet, symbol_sheet_size};

fn main() -> ExitCode {
    let entries = sheet_entries(&bmd_atlas::scenario::built_in());
    let svg = symbol_sheet(&entries, 30.0);
    let [width, height] = symbol_sheet_size(&entries, 30.0);
    let size = [width.ceil() as u32, height.ceil() as u32];
    let written = std::fs::write("symbols.svg", &svg)
        .map_err(|e| format!("symbols.svg: {e}"))
        .and_then(|()| {
            bmd_atlas::export::rasterise_svg(&svg, size).map_err(|e| format!("rendering: {e}"))
        })
        .and_then(|png| {
            png.save_png("symbols.png")
                .map_err(|e| format!("symbols.png: {e}"))
        });
    match written {
        Ok(()) => {
            println!(
                "wrote symbols.svg and symbols.png ({} symbols)",
                entries.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("symbol-sheet: {e}");
            ExitCode::FAILURE
        }
    }
}
