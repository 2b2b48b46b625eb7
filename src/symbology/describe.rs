//! A SIDC in words, for the inspector and the editor: what each field of the 20 digits says,
//! so an analyst can read a code without the standard's tables at hand.

use super::amplifier::{Echelon, is_feint_or_dummy, is_headquarters, is_task_force};
use super::icon::Icon;
use super::mobility::Mobility;
use super::modifier::SectorOne;
use super::{Context, Sidc, SidcStatus, StandardIdentity, SymbolSet};

/// The code's fields in words, joined by " · ": identity, symbol set, entity (named when this
/// tool draws its icon, else its digits), then whatever is not the plain case (status,
/// headquarters, task force, feint or dummy, echelon, modifiers, an exercise or simulation).
///
/// ```
/// use bmd_atlas::symbology::{Sidc, describe};
/// let aegis: Sidc = "10033000001202030800".parse().unwrap();
/// assert_eq!(describe(&aegis), "friend · sea surface · destroyer · sector 1: missile defence");
/// let tf: Sidc = "10031014161301020000".parse().unwrap();
/// assert_eq!(
///     describe(&tf),
///     "friend · land unit · air defence, missile · planned or anticipated · task force · \
///      battalion or squadron"
/// );
/// ```
pub fn describe(code: &Sidc) -> String {
    let mut parts: Vec<String> = vec![
        identity(code.identity).to_owned(),
        symbol_set(code.symbol_set).to_owned(),
    ];
    match Icon::of(code.symbol_set, code.entity).label() {
        Some(name) => parts.push(name.to_owned()),
        None if code.entity != 0 => parts.push(format!("entity {:06}", code.entity)),
        None => {}
    }
    if let Some(s) = status(code.status) {
        parts.push(s.to_owned());
    }
    parts.extend(headquarters_task_force_dummy(code.hq_tf_dummy));
    match (Echelon::of(code.amplifier), Mobility::of(code.amplifier)) {
        (Some(e), _) => parts.push(e.label().to_owned()),
        (_, Some(m)) => parts.push(m.label().to_owned()),
        _ if code.amplifier != 0 => parts.push(format!("amplifier {:02}", code.amplifier)),
        _ => {}
    }
    for (sector, m) in [(1, code.modifiers[0]), (2, code.modifiers[1])] {
        if m != 0 {
            // Sector 2 modifiers are not drawn, so not named either.
            let drawn = (sector == 1)
                .then(|| SectorOne::of(code.symbol_set, m))
                .flatten();
            let name = drawn.map_or(format!("{m:02}"), |x| x.label().to_owned());
            parts.push(format!("sector {sector}: {name}"));
        }
    }
    match code.context {
        Context::Reality => {}
        Context::Exercise => parts.push("exercise".to_owned()),
        Context::Simulation => parts.push("simulation".to_owned()),
    }
    parts.join(" · ")
}

fn identity(i: StandardIdentity) -> &'static str {
    match i {
        StandardIdentity::Pending => "pending",
        StandardIdentity::Unknown => "unknown",
        StandardIdentity::AssumedFriend => "assumed friend",
        StandardIdentity::Friend => "friend",
        StandardIdentity::Neutral => "neutral",
        StandardIdentity::Suspect => "suspect",
        StandardIdentity::Hostile => "hostile",
    }
}

fn symbol_set(s: SymbolSet) -> &'static str {
    match s {
        SymbolSet::Unknown => "unknown symbol set",
        SymbolSet::Air => "air",
        SymbolSet::AirMissile => "air missile",
        SymbolSet::Space => "space",
        SymbolSet::SpaceMissile => "space missile",
        SymbolSet::LandUnit => "land unit",
        SymbolSet::LandCivilianUnit => "land civilian unit",
        SymbolSet::LandEquipment => "land equipment",
        SymbolSet::LandInstallation => "land installation",
        SymbolSet::ControlMeasure => "control measure",
        SymbolSet::DismountedIndividual => "dismounted individual",
        SymbolSet::SeaSurface => "sea surface",
        SymbolSet::SeaSubsurface => "sea subsurface",
        SymbolSet::MineWarfare => "mine warfare",
        SymbolSet::Activity => "activity",
        SymbolSet::Atmospheric => "atmospheric",
        SymbolSet::Oceanographic => "oceanographic",
        SymbolSet::MeteorologicalSpace => "meteorological space",
        SymbolSet::SignalsIntelligence => "signals intelligence",
        SymbolSet::Cyberspace => "cyberspace",
    }
}

/// The status in words, `None` for present (the plain case).
fn status(s: SidcStatus) -> Option<&'static str> {
    Some(match s {
        SidcStatus::Present => return None,
        SidcStatus::PlannedOrAnticipated => "planned or anticipated",
        SidcStatus::FullyCapable => "fully capable",
        SidcStatus::Damaged => "damaged",
        SidcStatus::Destroyed => "destroyed",
        SidcStatus::FullToCapacity => "full to capacity",
    })
}

/// Digit 8 in words: feint or dummy, headquarters, task force, as many as it says.
fn headquarters_task_force_dummy(digit: u8) -> Vec<String> {
    let mut out = Vec::new();
    if is_feint_or_dummy(digit) {
        out.push("feint or dummy".to_owned());
    }
    if is_headquarters(digit) {
        out.push("headquarters".to_owned());
    }
    if is_task_force(digit) {
        out.push("task force".to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(code: &str) -> String {
        describe(&code.parse().expect("a SIDC"))
    }

    #[test]
    fn every_field_that_is_not_the_plain_case_is_said() {
        assert_eq!(said("10031000000000000000"), "friend · land unit");
        assert_eq!(
            said("10161007261211000000"),
            "hostile · land unit · entity 121100 · feint or dummy · headquarters · task force · \
             command · exercise"
        );
        assert_eq!(
            said("10041500001111000000"),
            "neutral · land equipment · air defence missile launcher"
        );
        assert_eq!(
            said("10031000001512005000"),
            "friend · land unit · sensor · sector 1: radar"
        );
        assert_eq!(
            said("10033000001202031912"),
            "friend · sea surface · destroyer · sector 1: 19 · sector 2: 12"
        );
        assert!(said("10031002611100000000").contains("headquarters · amplifier 61"));
        assert_eq!(
            said("10061500321113000000"),
            "hostile · land equipment · surface-to-surface missile launcher · wheeled, cross-country"
        );
    }
}
