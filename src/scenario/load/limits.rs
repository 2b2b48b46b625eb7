//! The limits on what a scenario file may be. Anything beyond them is refused with a message,
//! quickly and without exhausting memory; nothing within them can crash or hang the loader.
//!
//! | limit | value | why |
//! |---|---|---|
//! | file size | 64 MiB | checked from the file's size before reading, so a 2 GB file costs nothing |
//! | nesting depth | 64 arrays/objects | a scenario needs 7; deeper input is hostile or not a scenario |
//! | JSON values | 2 000 000 | every object, array, string, number, `true`/`false`/`null`; bounds the memory of the parsed tree (~150 MB at worst) |
//! | sites, cities | 100 000 each | far beyond any real picture (the built-in has under 100 sites) |
//! | one text field | 100 000 characters | a name, a note, a source; the longest built-in note is under 1 000 |
//! | annotations | 2 000, each label 500 characters, a path 1 000 points | a label is drawn on the map; every annotation is drawn and labelled each frame (`scenario::MAX_ANNOTATIONS`) |
//!
//! Saving and importing apply the same limits before anything is written, so no file the app
//! writes is one it then refuses to open.
//!
//! JSON cannot hold NaN or infinity; a number too large for a 64-bit float (`1e999`) is refused
//! by the parser with its line and column.

/// Files larger than this are refused before they are read (bytes).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest nesting of arrays and objects.
pub const MAX_DEPTH: usize = 64;
/// Most JSON values in a file (objects, arrays, strings, numbers, literals).
pub const MAX_VALUES: usize = 2_000_000;
/// Most sites in a scenario.
pub const MAX_SITES: usize = 100_000;
/// Longest text field (a name, a note, a source, an id), in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Most cities in a scenario.
pub const MAX_CITIES: usize = 100_000;
/// Problems (errors and warnings) given a line and column; later ones carry only their field
/// path. All are located in one pass over the text.
pub const MAX_LOCATED: usize = 100_000;
