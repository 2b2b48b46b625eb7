//! Result 2: early warning, and what sharing Russian radar data gains.
//!
//! For each operational Iranian launch area and each target city of the assumptions'
//! early-warning list, the minimum-energy trajectory is scanned for the first moment a radar
//! whose data reach US/NATO interceptors sees it, once with the radars of the active cooperation
//! model and once with NATO's own radars only (the independent model). The difference is the
//! **gain** from sharing: seconds of warning that Gabala or Armavir (or any shared radar) add.
//!
//! Trajectories are computed whether or not a missile in the catalogue reaches the target:
//! the question is about the sensors. [`EarlyWarning::in_range`] says whether one does.

use super::ballistic::Trajectory;
use super::radar::{RadarModel, first_detection};
use super::{Context, V3};
use crate::scenario::Side;

/// One row of the early-warning table.
#[derive(Clone, Debug, PartialEq)]
pub struct EarlyWarning {
    /// Site index of the launch area.
    pub launch_area: usize,
    pub launch_area_name: String,
    /// Index of the target city.
    pub target: usize,
    pub target_name: String,
    /// Whether a missile of the catalogue reaches the target.
    pub in_range: bool,
    /// Time from launch to impact, s.
    pub impact_s: f64,
    /// First detection under the active model, s after launch.
    pub first_detection_s: Option<f64>,
    /// The radar that first sees it under the active model.
    pub radar: Option<String>,
    /// First detection by NATO's own radars only (the independent model).
    pub own_first_detection_s: Option<f64>,
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
            let Some(traj) = Trajectory::new(la.unit, unit, &ctx.a) else {
                continue;
            };
            let points = traj.points(ctx.a.time_step_s);
            let detect = |radars: &[&RadarModel]| {
                first_detection(&traj, &points, radars, &ctx.a)
                    .map(|d| (d.t_s, radars.get(d.radar).map(|r| r.name.clone())))
            };
            let with_model = detect(&model);
            let with_own = detect(&own);
            out.push(EarlyWarning {
                launch_area: la.site,
                launch_area_name: la.name.clone(),
                target: ci,
                target_name: city.name.clone(),
                in_range: ctx.in_range(la, unit, city.lon, city.lat),
                impact_s: traj.impact_s(),
                first_detection_s: with_model.as_ref().map(|d| d.0),
                radar: with_model.as_ref().and_then(|d| d.1.clone()),
                own_first_detection_s: with_own.as_ref().map(|d| d.0),
                own_radar: with_own.as_ref().and_then(|d| d.1.clone()),
                gain_s: match (&with_own, &with_model) {
                    (Some(o), Some(m)) => Some(o.0 - m.0),
                    _ => None,
                },
            });
        }
    }
    out
}
