//! Exported pages on disk: which files are pages, reading one's provenance, and the document it
//! restores (the embedded scenario shown as the page showed it).

use std::io::Read;
use std::path::Path;

use super::{Provenance, read_loaded};
use crate::scenario::{Loaded, View};

/// The largest page read back: far above any export (a 3840×2160 PNG is a few MB, an A3 PDF at
/// 300 dpi less), low enough that a hostile file cannot exhaust memory.
pub const MAX_PAGE_BYTES: u64 = 256 * 1024 * 1024;

/// Whether `path` names a page BMD Atlas exports or reads back (`.png`, `.svg`, `.svgz`,
/// `.pdf`, any case).
///
/// ```
/// use std::path::Path;
/// assert!(bmd_atlas::provenance::is_page(Path::new("brief.PNG")));
/// assert!(bmd_atlas::provenance::is_page(Path::new("brief.svgz")));
/// assert!(!bmd_atlas::provenance::is_page(Path::new("europe.scenario.json")));
/// ```
pub fn is_page(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["png", "svg", "svgz", "pdf"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// The provenance of the page at `path` and the document it restores ([`Provenance::restored`]),
/// the scenario loaded once; errors name the file and say what is wrong.
pub fn read_page(path: &Path) -> Result<(Provenance, Loaded), String> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| format!("{name}: cannot open it: {e}"))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_PAGE_BYTES {
        return Err(format!(
            "{name}: {size} bytes is more than any exported page ({} MiB at most); is it the right file?",
            MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: cannot read it: {e}"))?;
    let (provenance, loaded) = read_loaded(&bytes, &name).map_err(|e| e.to_string())?;
    let restored = provenance.with_choices(loaded);
    Ok((provenance, restored))
}

impl Provenance {
    /// The document this page was made from: the embedded scenario (hash checked, migrated,
    /// validated) in the page's model, year and timeline, with the page's projection, extent,
    /// layers and marking as its presentation.
    pub fn restored(&self, file: &str) -> Result<Loaded, super::ProvenanceError> {
        self.loaded(file).map(|loaded| self.with_choices(loaded))
    }

    /// The loaded scenario in this page's choices: model, year, timeline, view, layers, marking.
    fn with_choices(&self, mut loaded: Loaded) -> Loaded {
        let (s, c) = (&mut loaded.scenario, &self.choices);
        if s.models.iter().any(|m| m.id == c.model) {
            s.model = c.model.clone();
        }
        s.year = c.year;
        s.timeline = c.timeline;
        s.presentation.view = View {
            projection: c.projection,
            focus: c.extent,
        };
        s.presentation.layers = c.layers.clone();
        if let Some(marking) = &c.marking {
            s.presentation.classification = marking.clone();
        }
        loaded
    }

    /// A summary for `validate`: the app version, the hash and the choices.
    pub fn summary(&self) -> String {
        let c = &self.choices;
        format!(
            "exported by BMD Atlas {}; scenario SHA-256 {} (checked); model {}, {} {}, {:?} projection{}",
            self.app_version,
            self.scenario_sha256,
            c.model,
            c.year,
            c.timeline.label(),
            c.projection,
            c.marking
                .as_ref()
                .map_or_else(String::new, |m| format!(", marked {m}"))
        )
    }
}
