//! The sector 1 modifiers this tool draws, in the band above the main icon (from 0.43 L above
//! the centre up), from the standard's tables and figures: sea surface 08 *missile defence*,
//! the letters MD (`SeaSurface/mod1/30081.svg`); sea surface 20 *ballistic missile defence,
//! shooter*, the letters BM (as milsymbol's table reads figure `30201`, stored here only as an
//! image); land unit 50 *radar*, a dish and a zigzag (`Land/mod1/10501.svg`). One table for
//! what is drawn, what it is called and what the inspector says is not drawn.

use super::SymbolSet;
use super::frame::{GridPoint, cubic};
use super::letters::letters;

/// A sector 1 modifier (SIDC digits 17–18) this tool draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectorOne {
    MissileDefence,
    BallisticMissileDefenceShooter,
    Radar,
}

/// Points of a flattened curve.
const STEPS: usize = 16;

impl SectorOne {
    /// The modifier `code` of symbol set `set`, if this tool draws it.
    pub fn of(set: SymbolSet, code: u8) -> Option<SectorOne> {
        Some(match (set, code) {
            (SymbolSet::SeaSurface, 8) => SectorOne::MissileDefence,
            (SymbolSet::SeaSurface, 20) => SectorOne::BallisticMissileDefenceShooter,
            (SymbolSet::LandUnit, 50) => SectorOne::Radar,
            _ => return None,
        })
    }

    /// Its name in the standard's table.
    pub fn label(self) -> &'static str {
        match self {
            SectorOne::MissileDefence => "missile defence",
            SectorOne::BallisticMissileDefenceShooter => "ballistic missile defence, shooter",
            SectorOne::Radar => "radar",
        }
    }

    /// Its strokes above the icon, in L.
    pub(super) fn strokes(self) -> Vec<Vec<GridPoint>> {
        match self {
            SectorOne::MissileDefence => letters("MD", 0.4, -0.63),
            SectorOne::BallisticMissileDefenceShooter => letters("BM", 0.4, -0.63),
            SectorOne::Radar => {
                // The dish: a quarter bow opening up and right, from its foot to its rim.
                let (foot, rim) = ([0.069, -0.44], [-0.308, -0.842]);
                let dish = (0..=STEPS)
                    .map(|i| {
                        let t = i as f32 / STEPS as f32;
                        cubic(foot, [-0.126, -0.44], [-0.308, -0.648], rim, t)
                    })
                    .collect();
                let zigzag = vec![
                    [-0.247, -0.663],
                    [0.044, -0.826],
                    [0.045, -0.604],
                    [0.349, -0.816],
                ];
                vec![dish, zigzag]
            }
        }
    }
}

/// Whether sector 1 modifier `code` of symbol set `set` is drawn (00, none, counts as drawn).
pub fn draws_sector_one(set: SymbolSet, code: u8) -> bool {
    code == 0 || SectorOne::of(set, code).is_some()
}
