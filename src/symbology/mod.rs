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
/// editor alike; `None` when it is empty (none given) or well formed.
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
