//! The symbol identification code (SIDC) of MIL-STD-2525D and NATO APP-6(D): 20 digits that
//! say what a military symbol shows.
//!
//! | digits | field |
//! |---|---|
//! | 1–2 | version (10: 2525D / APP-6(D); 11: 2525D change 1) |
//! | 3 | context: reality, exercise, simulation |
//! | 4 | standard identity: pending, unknown, assumed friend, friend, neutral, suspect, hostile |
//! | 5–6 | symbol set (the dimension: air, land unit, land equipment, sea surface, …) |
//! | 7 | status: present, planned or anticipated, … |
//! | 8 | headquarters, task force, dummy |
//! | 9–10 | amplifier (echelon or mobility) |
//! | 11–16 | entity, entity type, entity subtype (the main icon) |
//! | 17–18, 19–20 | sector 1 and sector 2 modifiers |
//!
//! Parsing checks the structure and the fields whose values the standard lists here (version,
//! context, identity, symbol set, status); the entity is kept as its six digits, to be looked
//! up in the icon tables of the symbol set.

use std::fmt;

/// Who the object is to us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StandardIdentity {
    Pending,
    Unknown,
    AssumedFriend,
    Friend,
    Neutral,
    Suspect,
    Hostile,
}

impl StandardIdentity {
    /// The identity of digit `d` (the SIDC's 4th).
    fn of(d: u8) -> Option<StandardIdentity> {
        Some(match d {
            0 => StandardIdentity::Pending,
            1 => StandardIdentity::Unknown,
            2 => StandardIdentity::AssumedFriend,
            3 => StandardIdentity::Friend,
            4 => StandardIdentity::Neutral,
            5 => StandardIdentity::Suspect,
            6 => StandardIdentity::Hostile,
            _ => return None,
        })
    }

    /// Its digit in a SIDC.
    pub fn digit(self) -> u8 {
        self as u8
    }
}

/// Whether the object is real, an exercise's or a simulation's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Reality,
    Exercise,
    Simulation,
}

/// What kind of thing the symbol is (the SIDC's 5th and 6th digits), which sets its frame's
/// shape and which icon table its entity is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolSet {
    Unknown,
    Air,
    AirMissile,
    Space,
    SpaceMissile,
    LandUnit,
    LandCivilianUnit,
    LandEquipment,
    LandInstallation,
    ControlMeasure,
    DismountedIndividual,
    SeaSurface,
    SeaSubsurface,
    MineWarfare,
    Activity,
    Atmospheric,
    Oceanographic,
    MeteorologicalSpace,
    SignalsIntelligence,
    Cyberspace,
}

impl SymbolSet {
    /// The symbol set of the two digits `code` (00–99), if the standard has one.
    pub fn of(code: u8) -> Option<SymbolSet> {
        Some(match code {
            0 => SymbolSet::Unknown,
            1 => SymbolSet::Air,
            2 => SymbolSet::AirMissile,
            5 => SymbolSet::Space,
            6 => SymbolSet::SpaceMissile,
            10 => SymbolSet::LandUnit,
            11 => SymbolSet::LandCivilianUnit,
            15 => SymbolSet::LandEquipment,
            20 => SymbolSet::LandInstallation,
            25 => SymbolSet::ControlMeasure,
            27 => SymbolSet::DismountedIndividual,
            30 => SymbolSet::SeaSurface,
            35 => SymbolSet::SeaSubsurface,
            36 => SymbolSet::MineWarfare,
            40 => SymbolSet::Activity,
            45 => SymbolSet::Atmospheric,
            46 => SymbolSet::Oceanographic,
            47 => SymbolSet::MeteorologicalSpace,
            50..=54 => SymbolSet::SignalsIntelligence,
            60 => SymbolSet::Cyberspace,
            _ => return None,
        })
    }
}

/// Whether the object is there now or only planned (the planned one's frame is dashed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SidcStatus {
    Present,
    PlannedOrAnticipated,
    FullyCapable,
    Damaged,
    Destroyed,
    FullToCapacity,
}

/// A parsed symbol identification code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sidc {
    /// The code as given (20 digits).
    pub code: String,
    pub version: u8,
    pub context: Context,
    pub identity: StandardIdentity,
    pub symbol_set: SymbolSet,
    /// The symbol set's two digits (00–99), for the icon tables.
    pub symbol_set_code: u8,
    pub status: SidcStatus,
    /// Headquarters, task force, dummy (digit 8).
    pub hq_tf_dummy: u8,
    /// Echelon or mobility (digits 9–10).
    pub amplifier: u8,
    /// Entity, type and subtype (digits 11–16).
    pub entity: u32,
    /// Sector 1 and 2 modifiers (digits 17–18, 19–20).
    pub modifiers: [u8; 2],
}

/// What is wrong with a SIDC, with the digits at fault (1-based, as the standard counts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SidcError {
    pub message: String,
}

impl fmt::Display for SidcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SidcError {}

fn error(message: impl Into<String>) -> SidcError {
    SidcError {
        message: message.into(),
    }
}

impl Sidc {
    /// The 20 digits of a present, real-world symbol of `identity` in symbol set
    /// `symbol_set_code` with the six-digit `entity`, no amplifier or modifier.
    ///
    /// ```
    /// use bmd_atlas::symbology::{Sidc, StandardIdentity};
    /// let code = Sidc::compose(StandardIdentity::Friend, 30, 120203);
    /// assert_eq!(code, "10033000001202030000");
    /// assert!(code.parse::<Sidc>().is_ok());
    /// ```
    pub fn compose(identity: StandardIdentity, symbol_set_code: u8, entity: u32) -> String {
        Sidc::compose_with(identity, symbol_set_code, false, entity, 0)
    }

    /// [`Sidc::compose`] for a headquarters when `headquarters` (digit 8: 2), with the sector 1
    /// modifier `modifier` (digits 17–18).
    ///
    /// ```
    /// use bmd_atlas::symbology::{Sidc, StandardIdentity};
    /// let code = Sidc::compose_with(StandardIdentity::Friend, 30, false, 120203, 8);
    /// assert_eq!(code, "10033000001202030800");
    /// assert_eq!(code.parse::<Sidc>().unwrap().modifiers, [8, 0]);
    /// let hq = Sidc::compose_with(StandardIdentity::Friend, 10, true, 110000, 0);
    /// assert_eq!(hq.parse::<Sidc>().unwrap().hq_tf_dummy, 2);
    /// ```
    pub fn compose_with(
        identity: StandardIdentity,
        symbol_set_code: u8,
        headquarters: bool,
        entity: u32,
        modifier: u8,
    ) -> String {
        format!(
            "100{}{symbol_set_code:02}0{}00{:06}{:02}00",
            identity.digit(),
            if headquarters { 2 } else { 0 },
            entity % 1_000_000,
            modifier % 100
        )
    }
}

impl std::str::FromStr for Sidc {
    type Err = SidcError;

    /// Parses a 20-digit SIDC.
    ///
    /// ```
    /// use bmd_atlas::symbology::{Sidc, StandardIdentity, SymbolSet};
    /// let s: Sidc = "10031000001211000000".parse().unwrap();
    /// assert_eq!((s.identity, s.symbol_set), (StandardIdentity::Friend, SymbolSet::LandUnit));
    /// assert_eq!(s.entity, 121100);
    /// let e = "1003100000121100000".parse::<Sidc>().unwrap_err();
    /// assert!(e.to_string().contains("19 digits; a SIDC has 20"));
    /// ```
    fn from_str(text: &str) -> Result<Sidc, SidcError> {
        let code = text.trim();
        let count = code.chars().count();
        if count != 20 {
            return Err(error(format!(
                "“{code}” has {count} digits; a SIDC has 20 (MIL-STD-2525D / APP-6(D))"
            )));
        }
        if let Some((i, c)) = code.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(error(format!(
                "“{c}” at digit {}: a SIDC is digits only",
                i + 1
            )));
        }
        let d: Vec<u8> = code.bytes().map(|b| b - b'0').collect();
        let pair = |i: usize| d[i] * 10 + d[i + 1];
        let version = pair(0);
        if !matches!(version, 10 | 11) {
            return Err(error(format!(
                "version {version:02} (digits 1–2): this reads 2525D / APP-6(D) codes, version 10 or 11"
            )));
        }
        let context = match d[2] {
            0 => Context::Reality,
            1 => Context::Exercise,
            2 => Context::Simulation,
            other => {
                return Err(error(format!(
                    "context {other} (digit 3) is not one of 0 reality, 1 exercise, 2 simulation"
                )));
            }
        };
        let identity = StandardIdentity::of(d[3]).ok_or_else(|| {
            error(format!(
                "standard identity {} (digit 4) is not one of 0–6 (pending, unknown, assumed friend, friend, neutral, suspect, hostile)",
                d[3]
            ))
        })?;
        let symbol_set_code = pair(4);
        let symbol_set = SymbolSet::of(symbol_set_code).ok_or_else(|| {
            error(format!(
                "symbol set {symbol_set_code:02} (digits 5–6) is not one the standard defines"
            ))
        })?;
        let status = match d[6] {
            0 => SidcStatus::Present,
            1 => SidcStatus::PlannedOrAnticipated,
            2 => SidcStatus::FullyCapable,
            3 => SidcStatus::Damaged,
            4 => SidcStatus::Destroyed,
            5 => SidcStatus::FullToCapacity,
            other => {
                return Err(error(format!(
                    "status {other} (digit 7) is not one of 0–5 (present, planned, fully capable, damaged, destroyed, full to capacity)"
                )));
            }
        };
        if d[7] > 7 {
            return Err(error(format!(
                "headquarters, task force, dummy {} (digit 8) is not one of 0–7",
                d[7]
            )));
        }
        let entity = d[10..16]
            .iter()
            .fold(0u32, |n, digit| n * 10 + u32::from(*digit));
        let (kind, subtype) = (pair(12), pair(14));
        if kind == 0 && subtype != 0 {
            return Err(error(format!(
                "entity {entity:06} (digits 11–16): a subtype ({subtype:02}) needs an entity type, and its type (digits 13–14) is 00"
            )));
        }
        if pair(10) == 0 && entity != 0 {
            return Err(error(format!(
                "entity {entity:06} (digits 11–16): an entity type or subtype needs an entity, and its entity (digits 11–12) is 00"
            )));
        }
        Ok(Sidc {
            code: code.to_owned(),
            version,
            context,
            identity,
            symbol_set,
            symbol_set_code,
            status,
            hq_tf_dummy: d[7],
            amplifier: pair(8),
            entity,
            modifiers: [pair(16), pair(18)],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_read_from_its_digits() {
        // Exercise, hostile, sea surface, planned, task force, amplifier 12, entity 120201,
        // modifiers 03 and 04.
        let s: Sidc = "10163013121202010304".parse().expect("valid");
        assert_eq!(s.version, 10);
        assert_eq!(s.context, Context::Exercise);
        assert_eq!(s.identity, StandardIdentity::Hostile);
        assert_eq!(
            (s.symbol_set, s.symbol_set_code),
            (SymbolSet::SeaSurface, 30)
        );
        assert_eq!(s.status, SidcStatus::PlannedOrAnticipated);
        assert_eq!((s.hq_tf_dummy, s.amplifier), (3, 12));
        assert_eq!(s.entity, 120201);
        assert_eq!(s.modifiers, [3, 4]);
        assert_eq!(s.identity.digit(), 6);
    }

    #[test]
    fn each_mistake_is_named_with_its_digits() {
        let said = |code: &str| code.parse::<Sidc>().expect_err("refused").to_string();
        assert!(said("123").contains("has 3 digits; a SIDC has 20"));
        assert!(said("1003100000121100000x").contains("“x” at digit 20"));
        assert!(said("20031000001211000000").contains("version 20 (digits 1–2)"));
        assert!(said("10931000001211000000").contains("context 9 (digit 3)"));
        assert!(said("10081000001211000000").contains("standard identity 8 (digit 4)"));
        assert!(said("10039900001211000000").contains("symbol set 99 (digits 5–6)"));
        assert!(said("10031090001211000000").contains("status 9 (digit 7)"));
        assert!(said("10031008001211000000").contains("dummy 8 (digit 8) is not one of 0–7"));
        // The entity's three levels: a subtype needs a type, a type needs an entity.
        assert!(said("10031000001300020000").contains("entity 130002 (digits 11–16): a subtype"));
        assert!(
            said("10031000000001000000").contains("entity 000100 (digits 11–16): an entity type")
        );
        assert!(
            "10031000001300000000".parse::<Sidc>().is_ok(),
            "an entity alone is fine"
        );
        assert!(
            "  10031000001211000000 ".parse::<Sidc>().is_ok(),
            "spaces around are trimmed"
        );
    }
}
