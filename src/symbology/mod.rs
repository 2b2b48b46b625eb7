//! Military symbols (MIL-STD-2525D / NATO APP-6(D)): the symbol identification code each site
//! may carry (`Site::sidc`), parsed and checked ([`Sidc`]), and the symbol it draws
//! ([`Drawing`]: the frame by identity and dimension, [`frame`], and the icon, [`Icon`]) as
//! geometry on the standard's grid, which every back end draws.

mod amplifier;
mod describe;
mod frame;
mod icon;
mod letters;
mod mobility;
mod modifier;
mod sidc;

pub use amplifier::{
    Echelon, draws_amplifier, draws_task_force_or_dummy, is_feint_or_dummy, is_task_force,
};
pub use describe::describe;
pub use frame::{Affiliation, Dimension, FLOOR_Y, Frame, GridPoint, frame, is_dashed};
pub use icon::{Drawing, Icon};
pub use mobility::Mobility;
pub use modifier::{SectorOne, draws_sector_one};
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
/// set this tool does not draw (the site keeps its simple symbol), an entity it has no icon
/// for (the frame is drawn alone), amplifiers it does not draw (mobility and the like, or any
/// amplifier off a land unit), sector modifiers it does not draw; `None` when it draws the
/// whole symbol.
///
/// ```
/// use bmd_atlas::symbology::{Sidc, drawing_note};
/// let air: Sidc = "10030100001101000000".parse().unwrap();
/// assert!(drawing_note(&air).unwrap().contains("keeps its simple symbol"));
/// let infantry: Sidc = "10031000001211000000".parse().unwrap();
/// assert!(drawing_note(&infantry).unwrap().contains("frame is drawn alone"));
/// assert_eq!(drawing_note(&"10031000001301020000".parse().unwrap()), None);
/// // A battalion task force of air defence is drawn whole; a wheeled one's mobility is not.
/// assert_eq!(drawing_note(&"10031004161301020000".parse().unwrap()), None);
/// assert!(drawing_note(&"10031000311301020000".parse().unwrap()).unwrap().contains("amplifier 31"));
/// // An Aegis destroyer as a BMD shooter (sector 1 modifier 20) is drawn whole; modifier 19 is not.
/// assert_eq!(drawing_note(&"10033000001202032000".parse().unwrap()), None);
/// assert!(drawing_note(&"10033000001202031900".parse().unwrap()).unwrap().contains("modifier 19"));
/// ```
pub fn drawing_note(code: &Sidc) -> Option<String> {
    if Dimension::of(code.symbol_set).is_none() {
        return Some(format!(
            "symbol set {:02} ({:?}) is not one APP-6D mode draws (land units, equipment and installations, sea surface); the site keeps its simple symbol",
            code.symbol_set_code, code.symbol_set
        ));
    }
    let mut notes = Vec::new();
    if code.entity != 0 && Icon::of(code.symbol_set, code.entity) == Icon::None {
        notes.push(format!(
            "entity {:06} has no icon in APP-6D mode yet; its frame is drawn alone",
            code.entity
        ));
    }
    let [one, two] = code.modifiers;
    if !draws_sector_one(code.symbol_set, one) {
        notes.push(format!(
            "sector 1 modifier {one:02} (digits 17–18) is not drawn in APP-6D mode yet"
        ));
    }
    if two != 0 {
        notes.push(format!(
            "sector 2 modifier {two:02} (digits 19–20) is not drawn in APP-6D mode yet"
        ));
    }
    if !draws_amplifier(code.symbol_set, code.amplifier) {
        notes.push(format!(
            "amplifier {:02} (digits 9–10) is not drawn: APP-6D mode draws echelons (11–26) on land units and mobility (31–37, 41–42, 51–52) on land equipment",
            code.amplifier
        ));
    }
    let digit = code.hq_tf_dummy;
    if !draws_task_force_or_dummy(code.symbol_set, digit) {
        notes.push(format!(
            "the task force or feint/dummy amplifier (digit 8: {digit}) is drawn on land units only"
        ));
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}
