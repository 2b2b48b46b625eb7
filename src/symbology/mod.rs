//! Military symbols (MIL-STD-2525D / NATO APP-6(D)): the symbol identification code each site
//! may carry (`Site::sidc`), parsed and checked ([`Sidc`]), and the symbol it draws
//! ([`Drawing`]: the frame by identity and dimension, [`frame`], and the icon, [`Icon`]) as
//! geometry on the standard's grid, which every back end draws.

mod frame;
mod icon;
mod sidc;

pub use frame::{Affiliation, Dimension, FLOOR_Y, Frame, GridPoint, frame, is_dashed};
pub use icon::{Drawing, Icon};
pub use sidc::{Context, Sidc, SidcError, SidcStatus, StandardIdentity, SymbolSet};

/// What is wrong with a site's `sidc` field, for the loader's warning, the inspector and the
/// editor alike; `None` when it is empty (none given) or well formed. (What APP-6D mode can
/// draw of a well-formed code is [`drawing_note`].)
///
/// ```
/// assert_eq!(bmd_atlas::symbology::problem(""), None);
/// assert_eq!(bmd_atlas::symbology::problem("10031000001211000000"), None);
/// assert!(bmd_atlas::symbology::problem("1003").unwrap().ends_with("keeps its simple symbol"));
/// ```
pub fn problem(sidc: &str) -> Option<String> {
    if sidc.trim().is_empty() {
        return None;
    }
    let e = sidc.parse::<Sidc>().err()?;
    Some(format!("{e}; the site keeps its simple symbol"))
}

/// What APP-6D mode cannot draw of a well-formed code, said rather than drawn wrong: a symbol
/// set this tool does not draw (the site keeps its simple symbol), or an entity it has no icon
/// for (the frame is drawn alone); `None` when it draws the whole symbol.
///
/// ```
/// use bmd_atlas::symbology::{Sidc, drawing_note};
/// let air: Sidc = "10030100001101000000".parse().unwrap();
/// assert!(drawing_note(&air).unwrap().contains("keeps its simple symbol"));
/// let infantry: Sidc = "10031000001211000000".parse().unwrap();
/// assert!(drawing_note(&infantry).unwrap().contains("frame is drawn alone"));
/// assert_eq!(drawing_note(&"10031000001301020000".parse().unwrap()), None);
/// ```
pub fn drawing_note(code: &Sidc) -> Option<String> {
    if Dimension::of(code.symbol_set).is_none() {
        return Some(format!(
            "symbol set {:02} ({:?}) is not one APP-6D mode draws (land units, equipment and installations, sea surface); the site keeps its simple symbol",
            code.symbol_set_code, code.symbol_set
        ));
    }
    (code.entity != 0 && Icon::of(code.symbol_set, code.entity) == Icon::None).then(|| {
        format!(
            "entity {:06} has no icon in APP-6D mode yet; its frame is drawn alone",
            code.entity
        )
    })
}
