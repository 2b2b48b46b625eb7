//! The reference assumptions behind every analysis result; each is a field of the scenario.
//!
//! Every number the analysis uses and that an analyst might dispute is here, with its unit in its
//! name, its reference value in [`Assumptions::default`], and the range the analysis accepts in
//! [`Assumptions::RANGES`]. Files written before a field existed load with the reference value
//! (`#[serde(default)]`); a misspelt field is refused (`deny_unknown_fields`), so a typo cannot
//! silently leave a reference value in force.

use crate::format::number;
use serde::{Deserialize, Serialize};

/// Every number the analysis assumes, editable in the panel and printed under every result.
///
/// ```
/// use bmd_atlas::analysis::Assumptions;
/// let a = Assumptions::default();
/// assert_eq!((a.earth_rotation_rad_s, a.decision_delay_s), (7.292_115_9e-5, 60.0));
/// // Older files without the newer fields still load, with the reference values.
/// let old: Assumptions = serde_json::from_str(r#"{"decision_delay_s": 30}"#).unwrap();
/// assert_eq!((old.decision_delay_s, old.earth_radius_km), (30.0, 6371.0));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    // --- Earth and gravity ---------------------------------------------------------------------
    /// Radius of the spherical Earth used for trajectories, km.
    pub earth_radius_km: f64,
    /// Earth's gravitational parameter μ = GM, km³/s².
    pub mu_km3_s2: f64,
    /// The Earth's rotation rate about its polar axis, rad/s (0 turns rotation off).
    pub earth_rotation_rad_s: f64,

    // --- Ballistic missiles --------------------------------------------------------------------
    /// Time between two samples of an Iranian missile's trajectory, s.
    pub time_step_s: f64,

    // --- Interceptors --------------------------------------------------------------------------
    /// Delay from first detection to interceptor launch, s.
    pub decision_delay_s: f64,
    /// Lowest intercept altitude of an interceptor type that gives no valid window, km.
    pub default_min_altitude_km: f64,
    /// Highest intercept altitude of an interceptor type that gives no valid window, km.
    pub default_max_altitude_km: f64,

    // --- Defended area -------------------------------------------------------------------------
    /// Side of a grid cell of the defended-area count, km (at most 50).
    pub grid_cell_km: f64,
    /// Western edge of the grid, degrees east.
    pub grid_west_deg: f64,
    /// Southern edge of the grid, degrees north.
    pub grid_south_deg: f64,
    /// Eastern edge of the grid, degrees east.
    pub grid_east_deg: f64,
    /// Northern edge of the grid, degrees north.
    pub grid_north_deg: f64,
    /// Count only cells whose centre is on land (Natural Earth 1:50m).
    pub grid_land_only: bool,

    // --- Early warning -------------------------------------------------------------------------
    /// Ids of the cities used as targets in the early-warning table.
    pub early_warning_targets: Vec<String>,

    // --- The ICBM question ---------------------------------------------------------------------
    /// Interceptor launch times after the ICBM's launch, s (one table row each).
    pub icbm_launch_delays_s: Vec<f64>,
    /// Earliest time after the ICBM's launch at which an intercept counts, s.
    pub icbm_earliest_intercept_s: f64,
    /// Lowest altitude at which an ICBM may be intercepted, km.
    pub icbm_min_altitude_km: f64,
    /// Highest altitude at which an ICBM may be intercepted, km.
    pub icbm_max_altitude_km: f64,
    /// Largest time between two computed points of an ICBM's trajectory, s.
    pub icbm_time_step_s: f64,

    // --- Provenance ----------------------------------------------------------------------------
    /// The published study whose settings these are (`analysis::studies`), if one was chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study: Option<String>,
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            earth_radius_km: 6371.0,
            mu_km3_s2: 398_600.441_8,
            earth_rotation_rad_s: EARTH_ROTATION_RAD_S,
            time_step_s: 10.0,
            decision_delay_s: 60.0,
            default_min_altitude_km: 100.0,
            default_max_altitude_km: 1500.0,
            grid_cell_km: 50.0,
            grid_west_deg: -25.0,
            grid_south_deg: 34.0,
            grid_east_deg: 45.0,
            grid_north_deg: 72.0,
            grid_land_only: true,
            early_warning_targets: [
                "ankara",
                "bucharest",
                "athens",
                "sofia",
                "warsaw",
                "berlin",
                "rome",
                "london",
            ]
            .map(String::from)
            .to_vec(),
            icbm_launch_delays_s: vec![120.0, 300.0],
            icbm_earliest_intercept_s: 300.0,
            icbm_min_altitude_km: 100.0,
            icbm_max_altitude_km: 1500.0,
            icbm_time_step_s: 5.0,
            study: None,
        }
    }
}

/// The accepted range and unit of a numeric field, for validation and for the panel's editors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldRange {
    /// The field's name in the file.
    pub field: &'static str,
    /// What the panel calls it.
    pub label: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
}

const fn range(
    field: &'static str,
    label: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
) -> FieldRange {
    FieldRange {
        field,
        label,
        unit,
        min,
        max,
    }
}

/// The Earth's sidereal rotation rate, rad/s (IERS conventions).
pub const EARTH_ROTATION_RAD_S: f64 = 7.292_115_9e-5;

/// Most launch delays the ICBM table takes (each one multiplies its rows).
pub const MAX_LAUNCH_DELAYS: usize = 4;

/// Most cell centres the defended-area grid may span (before sea and the box's curved edges are
/// left out): the built-in grid spans about 11,000, and 100,000 keep a cold analysis within a
/// few seconds on a laptop. A finer or larger grid is refused by the validator and coarsened,
/// with a note, by the analysis.
pub const MAX_GRID_CELLS: u64 = 100_000;

/// The cell indices a grid spans in EPSG:3035: columns `first.0 ..` and rows `first.1 ..`, the
/// cell (i, j) centred at ((i + ½)·cell, (j + ½)·cell) metres.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridSpan {
    pub first: (i64, i64),
    pub columns: u64,
    pub rows: u64,
}

impl GridSpan {
    /// How many cell centres.
    pub fn cells(&self) -> u64 {
        self.columns.saturating_mul(self.rows)
    }
}

impl Assumptions {
    /// The accepted range of every numeric field, in the order of [`Assumptions::numbers_mut`].
    pub const RANGES: [FieldRange; 17] = [
        range("earth_radius_km", "Earth radius", "km", 6000.0, 6800.0),
        range(
            "mu_km3_s2",
            "Gravitational parameter μ",
            "km³/s²",
            390_000.0,
            410_000.0,
        ),
        range(
            "earth_rotation_rad_s",
            "Earth rotation rate",
            "rad/s",
            0.0,
            1e-4,
        ),
        range("time_step_s", "Threat time step", "s", 1.0, 60.0),
        range("decision_delay_s", "Decision delay", "s", 0.0, 1800.0),
        range(
            "default_min_altitude_km",
            "Default lowest intercept",
            "km",
            0.0,
            5000.0,
        ),
        range(
            "default_max_altitude_km",
            "Default highest intercept",
            "km",
            1.0,
            5000.0,
        ),
        range("grid_cell_km", "Grid cell", "km", 10.0, 50.0),
        range("grid_west_deg", "Grid west edge", "°E", -180.0, 180.0),
        range("grid_south_deg", "Grid south edge", "°N", -90.0, 90.0),
        range("grid_east_deg", "Grid east edge", "°E", -180.0, 180.0),
        range("grid_north_deg", "Grid north edge", "°N", -90.0, 90.0),
        range(
            "icbm_earliest_intercept_s",
            "ICBM earliest intercept",
            "s",
            0.0,
            3600.0,
        ),
        range(
            "icbm_min_altitude_km",
            "ICBM lowest intercept",
            "km",
            0.0,
            5000.0,
        ),
        range(
            "icbm_max_altitude_km",
            "ICBM highest intercept",
            "km",
            1.0,
            5000.0,
        ),
        range("icbm_time_step_s", "ICBM time step", "s", 1.0, 60.0),
        range(
            "icbm_launch_delays_s",
            "Interceptor launch delay",
            "s",
            0.0,
            3600.0,
        ),
    ];

    /// The range of each interceptor launch delay (the last of [`Assumptions::RANGES`]).
    pub const LAUNCH_DELAYS: FieldRange = Self::RANGES[Self::RANGES.len() - 1];

    /// Every scalar number with its range, for the panel's editors (launch delays excluded).
    ///
    /// ```
    /// let mut a = bmd_atlas::analysis::Assumptions::default();
    /// for (range, value) in a.numbers_mut() {
    ///     assert!((range.min..=range.max).contains(value), "{}", range.field);
    /// }
    /// ```
    pub fn numbers_mut(&mut self) -> Vec<(FieldRange, &mut f64)> {
        let fields: [&mut f64; 16] = [
            &mut self.earth_radius_km,
            &mut self.mu_km3_s2,
            &mut self.earth_rotation_rad_s,
            &mut self.time_step_s,
            &mut self.decision_delay_s,
            &mut self.default_min_altitude_km,
            &mut self.default_max_altitude_km,
            &mut self.grid_cell_km,
            &mut self.grid_west_deg,
            &mut self.grid_south_deg,
            &mut self.grid_east_deg,
            &mut self.grid_north_deg,
            &mut self.icbm_earliest_intercept_s,
            &mut self.icbm_min_altitude_km,
            &mut self.icbm_max_altitude_km,
            &mut self.icbm_time_step_s,
        ];
        Self::RANGES.into_iter().zip(fields).collect()
    }

    /// The range of the field called `field`.
    pub fn range_of(field: &str) -> Option<FieldRange> {
        Self::RANGES.into_iter().find(|r| r.field == field)
    }

    /// What is wrong with these assumptions, as (field, message) pairs; empty when all is well.
    ///
    /// The analysis never fails on bad assumptions: it uses [`Assumptions::clamped`] and prints the
    /// values it used. This list is for the scenario validator and the panel.
    ///
    /// ```
    /// let mut a = bmd_atlas::analysis::Assumptions::default();
    /// assert!(a.problems().is_empty());
    /// a.grid_cell_km = 80.0;
    /// assert_eq!(a.problems()[0].0, "grid_cell_km");
    /// ```
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut copy = self.clone();
        for (r, v) in copy.numbers_mut() {
            if !(v.is_finite() && (r.min..=r.max).contains(v)) {
                out.push((
                    r.field.to_owned(),
                    format!(
                        "{} is outside {}–{} {}",
                        number(*v),
                        number(r.min),
                        number(r.max),
                        r.unit
                    ),
                ));
            }
        }
        let pairs = [
            (
                "default_max_altitude_km",
                self.default_min_altitude_km < self.default_max_altitude_km,
                "must be above default_min_altitude_km",
            ),
            (
                "icbm_max_altitude_km",
                self.icbm_min_altitude_km < self.icbm_max_altitude_km,
                "must be above icbm_min_altitude_km",
            ),
            (
                "grid_east_deg",
                self.grid_west_deg < self.grid_east_deg,
                "must be east of grid_west_deg",
            ),
            (
                "grid_north_deg",
                self.grid_south_deg < self.grid_north_deg,
                "must be north of grid_south_deg",
            ),
        ];
        for (field, ok, message) in pairs {
            if !ok {
                out.push((field.to_owned(), message.to_owned()));
            }
        }
        if out.is_empty()
            && let Some(span) = self.grid_span(self.grid_cell_km)
            && span.cells() > MAX_GRID_CELLS
        {
            out.push((
                "grid_cell_km".to_owned(),
                format!(
                    "{} km cells over this box make {} cells, more than the {MAX_GRID_CELLS} \
                     the analysis takes; use cells of {} km or more, or a smaller box",
                    self.grid_cell_km,
                    span.cells(),
                    self.coarsest_needed_cell_km()
                ),
            ));
        }
        let delays = Self::LAUNCH_DELAYS;
        if self.icbm_launch_delays_s.len() > MAX_LAUNCH_DELAYS {
            out.push((
                delays.field.to_owned(),
                format!("at most {MAX_LAUNCH_DELAYS} delays"),
            ));
        }
        for (i, d) in self.icbm_launch_delays_s.iter().enumerate() {
            if !(d.is_finite() && (delays.min..=delays.max).contains(d)) {
                out.push((
                    format!("{}[{i}]", delays.field),
                    format!(
                        "{} is outside {}–{} s",
                        number(*d),
                        number(delays.min),
                        number(delays.max)
                    ),
                ));
            }
        }
        out
    }

    /// A copy with every number brought into its range, so that no file can make the analysis
    /// loop, divide by zero or run for minutes. Windows whose ends cross are widened to 1 km;
    /// grid edges that cross fall back to the reference grid; a grid that would span more than
    /// [`MAX_GRID_CELLS`] gets larger cells.
    ///
    /// ```
    /// let mut a = bmd_atlas::analysis::Assumptions::default();
    /// a.grid_cell_km = 1000.0;
    /// a.time_step_s = f64::NAN;
    /// let c = a.clamped();
    /// assert_eq!((c.grid_cell_km, c.time_step_s), (50.0, 10.0));
    /// assert!(c.problems().is_empty());
    /// // 10 km cells over the reference box would be too many: 18 km ones are used.
    /// a.grid_cell_km = 1.0;
    /// assert_eq!(a.clamped().grid_cell_km, 18.0);
    /// ```
    pub fn clamped(&self) -> Assumptions {
        let reference = Assumptions::default();
        let mut out = self.clone();
        let mut defaults = reference.clone();
        for ((r, v), (_, d)) in out.numbers_mut().into_iter().zip(defaults.numbers_mut()) {
            *v = if v.is_finite() {
                v.clamp(r.min, r.max)
            } else {
                *d
            };
        }
        if out.default_min_altitude_km >= out.default_max_altitude_km {
            out.default_max_altitude_km = out.default_min_altitude_km + 1.0;
        }
        if out.icbm_min_altitude_km >= out.icbm_max_altitude_km {
            out.icbm_max_altitude_km = out.icbm_min_altitude_km + 1.0;
        }
        if out.grid_west_deg >= out.grid_east_deg {
            out.grid_west_deg = reference.grid_west_deg;
            out.grid_east_deg = reference.grid_east_deg;
        }
        if out.grid_south_deg >= out.grid_north_deg {
            out.grid_south_deg = reference.grid_south_deg;
            out.grid_north_deg = reference.grid_north_deg;
        }
        let delays = Self::LAUNCH_DELAYS;
        out.icbm_launch_delays_s = out
            .icbm_launch_delays_s
            .iter()
            .filter(|d| d.is_finite())
            .map(|d| d.clamp(delays.min, delays.max))
            .take(MAX_LAUNCH_DELAYS)
            .collect();
        // No file can make the grid so fine over so large a box that the analysis runs for
        // minutes: the cells grow until they are few enough (the analysis says so).
        out.grid_cell_km = out.coarsest_needed_cell_km();
        out
    }

    /// The cells the grid spans at `cell_km`: the grid's box projected to EPSG:3035, in whole
    /// cells; `None` when the box does not project.
    ///
    /// ```
    /// let a = bmd_atlas::analysis::Assumptions::default();
    /// let span = a.grid_span(a.grid_cell_km).unwrap();
    /// assert!((5_000..20_000).contains(&span.cells()));
    /// ```
    pub fn grid_span(&self, cell_km: f64) -> Option<GridSpan> {
        let proj = crate::geodesy::ProjectionKind::EuropeEqualArea.projection();
        let edges = [
            self.grid_west_deg,
            self.grid_south_deg,
            self.grid_east_deg,
            self.grid_north_deg,
        ];
        let (min, max) = crate::geodesy::projected_box(&proj, edges, 64)?;
        let step = cell_km * 1000.0;
        if !(min.x.is_finite() && max.x.is_finite() && step > 0.0) {
            return None;
        }
        let (i0, i1) = ((min.x / step).floor() as i64, (max.x / step).ceil() as i64);
        let (j0, j1) = ((min.y / step).floor() as i64, (max.y / step).ceil() as i64);
        Some(GridSpan {
            first: (i0, j0),
            columns: i1.saturating_sub(i0).max(0) as u64,
            rows: j1.saturating_sub(j0).max(0) as u64,
        })
    }

    /// The cell size asked for, brought into its range: what the grid has unless it had to be
    /// coarsened to keep within [`MAX_GRID_CELLS`].
    pub fn clamped_cell_km(&self) -> f64 {
        match Self::range_of("grid_cell_km") {
            Some(r) if self.grid_cell_km.is_finite() => self.grid_cell_km.clamp(r.min, r.max),
            _ => Assumptions::default().grid_cell_km,
        }
    }

    /// The smallest whole-km cell, at least `grid_cell_km`, at which the grid spans at most
    /// [`MAX_GRID_CELLS`].
    fn coarsest_needed_cell_km(&self) -> f64 {
        let mut cell = self.grid_cell_km;
        while self
            .grid_span(cell)
            .is_some_and(|span| span.cells() > MAX_GRID_CELLS)
        {
            // Cells grow with the square root of the excess, a little more to land under it.
            let cells = self.grid_span(cell).map_or(1, |s| s.cells()) as f64;
            cell = (cell * (cells / MAX_GRID_CELLS as f64).sqrt() * 1.01).ceil();
        }
        cell
    }

    /// The launch delays as text, joined by `sep` ("120/300"); "(no delay given)" when empty.
    pub fn delays_text(&self, sep: &str) -> String {
        let delays: Vec<String> = self
            .icbm_launch_delays_s
            .iter()
            .map(|d| format!("{d:.0}"))
            .collect();
        if delays.is_empty() {
            "(no delay given)".to_owned()
        } else {
            delays.join(sep)
        }
    }

    /// The assumptions in words, printed under every result (panel, table and JSON).
    ///
    /// ```
    /// let text = bmd_atlas::analysis::Assumptions::default().summary();
    /// assert!(text.contains("7.2921159e-5 rad/s") && text.contains("decision delay 60 s"));
    /// ```
    pub fn summary(&self) -> String {
        format!(
            "Assumptions: spherical Earth (R = {r} km, μ = {mu} km³/s²) rotating at {w:e} rad/s, \
             two-body motion, no atmosphere. Missiles boost along the great circle to their \
             target to their type's burnout point, then coast on the arc needing the least \
             Earth-relative burnout speed; sampled every {step} s ({icbm_step} s for ICBMs). \
             Radars see a point within their range, azimuth sector and above their minimum \
             elevation (geometric line of sight), checked every second from launch; only \
             operational radars whose data reach the battery's side under the cooperation model \
             count. Interceptors burn out at their type's burnout point towards the aim point; \
             launch at first detection + decision delay {decision} s or later; a point is \
             reachable if a coast to it needs no more Earth-relative burnout speed than the \
             interceptor has (Lambert), within the type's altitude window (default \
             {dmin}–{dmax} km). Defended area: {cell} km equal-area cells over {west}°–{east}°E, \
             {south}°–{north}°N{land}, plus every city. ICBM question: interceptor launched \
             {delays} s after the ICBM, or cued by the radars feeding the battery, intercept no \
             earlier than {earliest} s after the ICBM's launch, at {imin}–{imax} km altitude.",
            r = self.earth_radius_km,
            mu = self.mu_km3_s2,
            w = self.earth_rotation_rad_s,
            step = self.time_step_s,
            icbm_step = self.icbm_time_step_s,
            decision = self.decision_delay_s,
            dmin = self.default_min_altitude_km,
            dmax = self.default_max_altitude_km,
            cell = self.grid_cell_km,
            west = self.grid_west_deg,
            east = self.grid_east_deg,
            south = self.grid_south_deg,
            north = self.grid_north_deg,
            land = if self.grid_land_only {
                ", land only"
            } else {
                ""
            },
            delays = self.delays_text(" and "),
            earliest = self.icbm_earliest_intercept_s,
            imin = self.icbm_min_altitude_km,
            imax = self.icbm_max_altitude_km,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_values_are_valid_and_in_range() {
        assert!(Assumptions::default().problems().is_empty());
        assert_eq!(Assumptions::default().clamped(), Assumptions::default());
    }

    #[test]
    fn every_range_names_a_field_of_the_file() {
        let json = serde_json::to_value(Assumptions::default()).unwrap_or_default();
        for r in Assumptions::RANGES {
            assert!(json.get(r.field).is_some(), "{}", r.field);
        }
    }

    #[test]
    fn unknown_fields_are_refused_and_missing_ones_defaulted() {
        assert!(serde_json::from_str::<Assumptions>(r#"{"decision_delai_s": 1}"#).is_err());
        let a: Assumptions = serde_json::from_str("{}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a, Assumptions::default());
    }

    #[test]
    fn crossed_windows_and_bad_delays_are_repaired() {
        let a = Assumptions {
            icbm_min_altitude_km: 900.0,
            icbm_max_altitude_km: 200.0,
            grid_west_deg: 50.0,
            icbm_launch_delays_s: vec![f64::INFINITY, -5.0, 1.0, 2.0, 3.0, 4.0],
            ..Assumptions::default()
        };
        assert_eq!(a.problems().len(), 5, "{:?}", a.problems());
        let c = a.clamped();
        assert!(c.problems().is_empty(), "{:?}", c.problems());
        assert_eq!(c.icbm_launch_delays_s, vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(c.grid_west_deg, -25.0);
    }

    /// A grid too fine for its box is refused with the cell size that would do, and the
    /// analysis's copy is coarsened to within the bound, so no file can make it run for minutes.
    #[test]
    fn a_grid_too_fine_for_its_box_is_refused_and_coarsened() {
        let world = Assumptions {
            grid_cell_km: 10.0,
            grid_west_deg: -180.0,
            grid_east_deg: 180.0,
            grid_south_deg: -90.0,
            grid_north_deg: 90.0,
            ..Assumptions::default()
        };
        let problems = world.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "grid_cell_km");
        assert!(
            problems[0].1.contains("more than the 100000"),
            "{}",
            problems[0].1
        );
        let used = world.clamped();
        let span = used
            .grid_span(used.grid_cell_km)
            .expect("the world box projects");
        assert!(span.cells() <= MAX_GRID_CELLS, "{span:?}");
        assert!(used.grid_cell_km > 10.0 && used.grid_cell_km.fract() == 0.0);
        assert_eq!(world.clamped_cell_km(), 10.0);
        // The cell the message offers is enough, and the reference grid is well within.
        assert!(
            problems[0]
                .1
                .contains(&format!("{} km or more", used.grid_cell_km))
        );
        let reference = Assumptions::default();
        assert!(reference.problems().is_empty());
        assert_eq!(reference.clamped().grid_cell_km, reference.grid_cell_km);
    }
}
