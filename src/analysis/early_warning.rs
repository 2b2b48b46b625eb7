//! Result 2: early warning, and what sharing Russian radar data gains.
//!
//! For each operational Iranian launch area and each target city of the assumptions'
//! early-warning list, the flight of the launch area's longest-range missile (boost included) is
//! scanned, second by second, for the first moment a radar whose data reach US/NATO
//! interceptors sees it, once with the radars of the active cooperation
//! model and once with NATO's own radars only (the independent model). The difference is the
//! **gain** from sharing: seconds of warning that Gabala or Armavir (or any shared radar) add.
//!
//! Trajectories are computed whether or not a missile in the catalogue reaches the target:
//! the question is about the sensors. [`EarlyWarning::in_range`] says whether one does.

use super::flight::Flight;
use super::radar::{RadarModel, first_detection};
use super::{Context, V3};
use crate::scenario::Side;

/// One row of the early-warning table.
#[derive(Clone, Debug, PartialEq)]
pub struct EarlyWarning {
    /// Site index of the launch area.
    pub launch_area: usize,
    pub launch_area_id: String,
    pub launch_area_name: String,
    /// Id of the missile type flown.
    pub missile_id: String,
    /// Index of the target city.
    pub target: usize,
    pub target_id: String,
    pub target_name: String,
    /// Whether a missile of the catalogue reaches the target.
    pub in_range: bool,
    /// Time from launch to impact, s.
    pub impact_s: f64,
    /// First detection under the active model, s after launch.
    pub first_detection_s: Option<f64>,
    /// The radar that first sees it under the active model: site index, id and label.
    pub radar_site: Option<usize>,
    pub radar_id: Option<String>,
    pub radar: Option<String>,
    /// First detection by NATO's own radars only (the independent model).
    pub own_first_detection_s: Option<f64>,
    pub own_radar_site: Option<usize>,
    pub own_radar_id: Option<String>,
    pub own_radar: Option<String>,
    /// How much earlier the active model sees it than NATO's own radars, s; `None` if either
    /// never sees it.
    pub gain_s: Option<f64>,
}

impl EarlyWarning {
    /// Seen only thanks to shared radars (own radars never see it).
    pub fn seen_only_with_sharing(&self) -> bool {
        self.first_detection_s.is_some() && self.own_first_detection_s.is_none()
    }
}

pub(crate) fn compute(ctx: &Context<'_>) -> Vec<EarlyWarning> {
    let model = ctx.feeding(Side::UsNato, false);
    let own = ctx.feeding(Side::UsNato, true);
    let launch_areas = ctx.launch_areas(Side::Iran);
    let targets: Vec<(usize, &crate::scenario::City)> = ctx
        .a
        .early_warning_targets
        .iter()
        .filter_map(|id| ctx.s.cities.iter().enumerate().find(|(_, c)| &c.id == id))
        .filter(|(_, c)| c.lat.is_finite() && c.lon.is_finite())
        .collect();
    let mut out = Vec::new();
    for la in &launch_areas {
        for &(ci, city) in &targets {
            let unit = V3::from_lon_lat(city.lon, city.lat);
            let Some(flight) = Flight::new(la.unit, unit, la.boost, ctx.earth) else {
                continue;
            };
            let detect = |radars: &[&RadarModel]| {
                first_detection(&flight, radars).and_then(|d| {
                    radars
                        .get(d.radar)
                        .map(|r| (d.t_s, r.site, r.id.clone(), r.name.clone()))
                })
            };
            let with_model = detect(&model);
            let with_own = detect(&own);
            out.push(EarlyWarning {
                launch_area: la.site,
                launch_area_id: ctx
                    .s
                    .sites
                    .get(la.site)
                    .map_or_else(String::new, |x| x.id.clone()),
                launch_area_name: la.name.clone(),
                missile_id: la.missile_id.clone(),
                target: ci,
                target_id: city.id.clone(),
                target_name: city.name.clone(),
                in_range: ctx.in_range(la, unit, city.lon, city.lat),
                impact_s: flight.impact_s(),
                first_detection_s: with_model.as_ref().map(|d| d.0),
                radar_site: with_model.as_ref().map(|d| d.1),
                radar_id: with_model.as_ref().map(|d| d.2.clone()),
                radar: with_model.as_ref().map(|d| d.3.clone()),
                own_first_detection_s: with_own.as_ref().map(|d| d.0),
                own_radar_site: with_own.as_ref().map(|d| d.1),
                own_radar_id: with_own.as_ref().map(|d| d.2.clone()),
                own_radar: with_own.as_ref().map(|d| d.3.clone()),
                gain_s: match (&with_own, &with_model) {
                    (Some(o), Some(m)) => Some(o.0 - m.0),
                    _ => None,
                },
            });
        }
    }
    out
}
