//! The layers only point down: every `crate::…` path in `src/` names a module of a lower layer,
//! and no two top-level modules name each other, directly or round a cycle.
//!
//! In the spirit of ArchUnit's layer rules and rerun's crate layering: the order is written once,
//! here (and in the README's layout table), and a change that reaches up fails with the file,
//! the line and the two layers. Comments are not read: a doc link to a higher layer is not a
//! dependency.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules of `src/`, lowest layer first. A module may name the modules of the
/// layers below its own, never its own layer's others or those above.
const LAYERS: &[&[&str]] = &[
    &["format", "font", "platform", "symbology"],
    &["geodesy"],
    &["basemap"],
    &["scenario"],
    &["cooperation"],
    &["analysis"],
    &["command"],
    &["picture"],
    &["scene"],
    &["render"],
    &["provenance"],
    &["exchange"],
    &["export"],
    &["app"],
    &["cli"],
];

/// One `crate::module` named in a file.
#[derive(Debug)]
struct Reference {
    file: PathBuf,
    line: usize,
    from: String,
    to: String,
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/scene/project.rs` → `scene`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap_or(file);
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

/// The code of a file with its comments blanked, line for line.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                ""
            } else {
                // A trailing comment; `://` in a string (a URL) is not one.
                match line.find(" //") {
                    Some(at) if !line[..at].contains('"') => &line[..at],
                    _ => line,
                }
            }
        })
        .collect()
}

/// The modules named after each `crate::` in `code`, with the line each is on: `crate::scene::X`
/// names `scene`, and `crate::{scene::X, picture}` names both.
fn named_modules(code: &[&str]) -> Vec<(usize, String)> {
    let text = code.join("\n");
    let line_at = |offset: usize| text[..offset].matches('\n').count() + 1;
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        // `$crate::` in a macro, or a longer identifier ending in `crate`.
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first segment of each path in the group, at depth one.
            let mut depth = 1;
            let mut expecting = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expecting = true,
                    c if expecting && depth == 1 && (c.is_alphanumeric() || c == '_') => {
                        out.push((line_at(at + 8 + i), ident(&group[i..])));
                        expecting = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push((line_at(at), ident(rest)));
        }
    }
    out
}

fn references() -> Vec<Reference> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let from = module_of(&src, &file);
        if from == "main" || from == "lib" {
            continue; // The binary and the crate root name everything by design.
        }
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (line, to) in named_modules(&code_lines(&text)) {
            if to != from {
                out.push(Reference {
                    file: file.strip_prefix(root).unwrap_or(&file).to_owned(),
                    line,
                    from: from.clone(),
                    to,
                });
            }
        }
    }
    out
}

#[test]
fn every_layer_names_only_the_layers_below_it() {
    let mut problems = Vec::new();
    for r in references() {
        let (Some(from), Some(to)) = (layer_of(&r.from), layer_of(&r.to)) else {
            let unknown = if layer_of(&r.from).is_none() {
                &r.from
            } else {
                &r.to
            };
            problems.push(format!(
                "{}:{}: module `{unknown}` is in no layer: add it to LAYERS in tests/layering.rs \
                 and to the README's layout table",
                r.file.display(),
                r.line
            ));
            continue;
        };
        if to >= from {
            let how = if to == from {
                "its own layer's"
            } else {
                "a higher"
            };
            problems.push(format!(
                "{}:{}: `{}` names `{}`, {how} module (layers: {} over {})",
                r.file.display(),
                r.line,
                r.from,
                r.to,
                LAYERS[to].join("/"),
                LAYERS[from].join("/"),
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn no_top_level_modules_form_a_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in references() {
        graph.entry(r.from).or_default().insert(r.to);
    }
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == m) {
            let mut cycle = path[start..].to_vec();
            cycle.push(m.to_owned());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_owned());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(m.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        let cycle = visit(m, &graph, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "a cycle: {}",
            cycle.unwrap_or_default().join(" → ")
        );
    }
}

/// The picture draws what the analysis computed and computes nothing: no file of `src/picture/`
/// holds analysis memos or calls an entry point that computes (the window's worker and the
/// command line call them before the picture is built).
#[test]
fn the_picture_computes_nothing() {
    const COMPUTING: &[&str] = &[
        "Memos",
        "analyze(",
        "analyze_in(",
        "analyze_with_spread",
        "analysis::engagement(",
        "engagement_in(",
        "flyout(",
        "::compute(",
        "Flight::new(",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/picture");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let mut problems = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        // Doc examples may compute what they draw; the code may not.
        for (n, line) in code_lines(&text).iter().enumerate() {
            for call in COMPUTING.iter().filter(|c| line.contains(*c)) {
                problems.push(format!("{}:{}: `{call}`", file.display(), n + 1));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the picture computes:\n{}",
        problems.join("\n")
    );
}

/// Interior mutability in a `static`: what a process-wide cache or memo is made of.
const MUTABLE: &[&str] = &[
    "Mutex", "RwLock", "RefCell", "Cell<", "Atomic", "HashMap", "BTreeMap",
];

/// Each `static` item (and `static mut`, `thread_local!`) in `code` whose declaration holds
/// something that can change after it is made, directly or through a type alias of the same
/// file, with its line.
fn mutable_statics(code: &[&str]) -> Vec<(usize, String)> {
    let aliases: Vec<String> = code
        .iter()
        .filter_map(|line| line.trim_start().strip_prefix("type "))
        .filter(|alias| MUTABLE.iter().any(|m| alias.contains(m)))
        .filter_map(|alias| alias.split(['=', '<', ' ']).next())
        .map(|name| name.trim().to_owned())
        .collect();
    let mut out = Vec::new();
    for (n, line) in code.iter().enumerate() {
        let trimmed = line.trim_start();
        let item = trimmed
            .strip_prefix("pub ")
            .or_else(|| trimmed.strip_prefix("pub(crate) "))
            .or_else(|| trimmed.strip_prefix("pub(super) "))
            .unwrap_or(trimmed);
        if item.starts_with("thread_local!") || item.starts_with("static mut ") {
            out.push((n + 1, trimmed.to_owned()));
            continue;
        }
        if !item.starts_with("static ") {
            continue;
        }
        // The declaration's type: up to the `=`, over as many lines as rustfmt split it into.
        let declaration: String = code[n..]
            .iter()
            .take(4)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let declared = declaration.split('=').next().unwrap_or("");
        let names_alias = aliases.iter().any(|a| {
            declared
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|word| word == a)
        });
        if names_alias || MUTABLE.iter().any(|m| declared.contains(m)) {
            out.push((n + 1, trimmed.to_owned()));
        }
    }
    out
}

/// Nothing in `src/` is a process-wide cache or memo: what is remembered between computations
/// (analysis memos, basemaps) is a value its owner holds. Lazily made constants of embedded data
/// (font metrics, schemas, the reference scenario) are the same for every owner and never change
/// once made, so they may stay `static`.
#[test]
fn nothing_in_src_is_a_process_wide_cache() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (line, item) in mutable_statics(&code_lines(&text)) {
            let shown = file.strip_prefix(root).unwrap_or(&file).display();
            problems.push(format!("{shown}:{line}: `{item}`"));
        }
    }
    assert!(
        problems.is_empty(),
        "process-wide mutable state (make it a value its owner holds):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_cache_finder_sees_what_it_must_and_nothing_else() {
    let planted = [
        "    static CACHE: OnceLock<Mutex<HashMap<u32, u32>>> = OnceLock::new();",
        "pub(crate) static HITS: AtomicU64 = AtomicU64::new(0);",
        "    static GRIDS: LazyLock<",
        "        RwLock<Vec<Grid>>,",
        "    > = LazyLock::new(Default::default);",
        "static mut COUNT: u32 = 0;",
        "thread_local! { static LAST: RefCell<u32> = RefCell::new(0) }",
        "    static METRICS: OnceLock<Metrics> = OnceLock::new();",
        "fn f(x: &'static str) -> Mutex<u32> { Mutex::new(0) }",
        "static NAMES: LazyLock<Vec<&str>> = LazyLock::new(|| vec![\"Mutex\"]);",
        "    type Cache = Mutex<Vec<(Weak<Basemap>, Arc<Outlines>)>>;",
        "    static OUTLINES: OnceLock<Cache> = OnceLock::new();",
        "    static CACHED: OnceLock<Cached> = OnceLock::new();",
    ];
    let found: Vec<usize> = mutable_statics(&planted)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(found, vec![1, 2, 3, 6, 7, 12]);
}

#[test]
fn the_reader_finds_paths_in_groups_and_skips_comments() {
    let code = code_lines(
        "use crate::scene::Scene;\n\
         /// [`x`]: crate::app::AtlasApp\n\
         use crate::{\n    picture::Picture,\n    analysis::{self, Grid},\n};\n\
         let x = $crate::nothing; let y = crate::geodesy::V; // crate::cli\n",
    );
    let named: Vec<(usize, String)> = named_modules(&code);
    let expected = [
        (1, "scene"),
        (4, "picture"),
        (5, "analysis"),
        (7, "geodesy"),
    ];
    assert_eq!(
        named,
        expected.map(|(l, m)| (l, m.to_owned())).to_vec(),
        "{code:?}"
    );
}

#[test]
fn the_layers_and_the_readme_agree() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_else(|e| panic!("README.md: {e}"));
    let order: Vec<String> = LAYERS.iter().map(|l| l.join(", ")).collect();
    let line = format!("Layers, lowest first: {}.", order.join(" < "));
    assert!(
        readme.contains(&line),
        "the README's layout section should say, word for word:\n{line}"
    );
}
