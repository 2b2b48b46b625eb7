//! What the engagement layer draws, computed before the picture is built: one battery's fly-out
//! fan at an altitude and, when a threat is chosen, its engagement. The window's worker computes
//! it off the UI thread, the command line at once; the picture only draws it.

use super::{Earth, Engagement, EngagementSpec, FanContour, Interceptor, Launch, Memos};
use crate::scenario::{EngagementView, InterceptorType, Scenario, Site};

/// The longest fan drawn, s after launch.
const FAN_MAX_S: f64 = 900.0;

/// A fly-out fan: where the interceptor can be at one altitude, 60, 120, … s after launch.
#[derive(Clone, Debug, PartialEq)]
pub struct Fan {
    pub contours: Vec<FanContour>,
    /// The contours' altitude, km.
    pub altitude_km: f64,
}

/// The engagement layer's content for one view of one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct EngagementDrawing {
    /// The choice it was computed for.
    pub view: EngagementView,
    /// The fan, or why there is none (the view names what the scenario lacks).
    pub fan: Result<Fan, String>,
    /// The threat's engagement when the view names a threat, or why it cannot be computed.
    pub threat: Option<Result<Engagement, String>>,
    /// What is drawn although it is not operational in the scenario's year
    /// ([`super::engagement::hypothetical`]).
    pub hypothetical: Vec<String>,
}

impl EngagementDrawing {
    /// The fan and the engagement of `view` in `s`, remembering flights in `memos`.
    ///
    /// ```
    /// use bmd_atlas::analysis::{EngagementDrawing, Memos};
    /// use bmd_atlas::scenario::{self, EngagementView};
    /// let view = EngagementView {
    ///     battery: "deveselu".into(), interceptor: "sm3-ib".into(),
    ///     flyout_altitude_km: Some(200.0), threat: None,
    /// };
    /// let d = EngagementDrawing::compute(&scenario::built_in(), &view, &Memos::new());
    /// assert!(d.fan.is_ok_and(|f| f.contours.len() > 3 && f.altitude_km == 200.0));
    /// ```
    pub fn compute(s: &Scenario, view: &EngagementView, memos: &Memos) -> EngagementDrawing {
        let fan = fan_inputs(s, view).map(|(site, t)| {
            let window = (t.min_altitude_km, t.max_altitude_km);
            let altitude_km = fan_altitude_km(view, window);
            let interceptor = Interceptor::new(t, site.lon, site.lat, window);
            let earth = Earth::of(&s.assumptions.clamped());
            Fan {
                contours: super::flyout(&interceptor, altitude_km, &earth, FAN_MAX_S),
                altitude_km,
            }
        });
        let threat = spec_of(view).map(|spec| super::engagement_in(s, &spec, memos));
        EngagementDrawing {
            view: view.clone(),
            fan,
            threat,
            hypothetical: hypothetical_of(s, view),
        }
    }

    /// What could not be computed, if anything: the fan's problem and the threat's, both when
    /// both have one.
    pub fn problem(&self) -> Option<String> {
        let threat = self.threat.as_ref().and_then(|t| t.as_ref().err());
        both(self.fan.as_ref().err().cloned(), threat.cloned())
    }
}

/// What of `view` is drawn although not operational in the scenario's year.
pub fn hypothetical_of(s: &Scenario, view: &EngagementView) -> Vec<String> {
    let launch_site = view.threat.as_ref().map(|t| t.launch_site.as_str());
    super::engagement::hypothetical(s, (&view.battery, &view.interceptor), launch_site)
}

/// The fan's problem and the threat's, joined when both occur ("the fan: …; the threat: …").
fn both(fan: Option<String>, threat: Option<String>) -> Option<String> {
    match (fan, threat) {
        (Some(f), Some(t)) => Some(format!("the fan: {f}; the threat: {t}")),
        (f, t) => f.or(t),
    }
}

/// The fan's altitude: the chosen one, or the middle of the type's window.
pub fn fan_altitude_km(view: &EngagementView, window: (f64, f64)) -> f64 {
    view.flyout_altitude_km
        .filter(|h| h.is_finite() && *h >= 0.0)
        .unwrap_or(0.5 * (window.0 + window.1))
}

/// What [`EngagementDrawing::compute`] would find wrong with `view`, without computing the fan
/// or the flight.
pub fn check(s: &Scenario, view: &EngagementView) -> Option<String> {
    let fan = fan_inputs(s, view).err();
    let threat = spec_of(view).and_then(|spec| super::engagement::check(s, &spec).err());
    both(fan, threat)
}

/// The threat of `view` as an engagement to compute.
fn spec_of(view: &EngagementView) -> Option<EngagementSpec> {
    let threat = view.threat.as_ref()?;
    Some(EngagementSpec {
        battery: view.battery.clone(),
        interceptor: view.interceptor.clone(),
        launch_site: threat.launch_site.clone(),
        target: threat.target.clone(),
        launch: threat.launch_delay_s.map_or(Launch::Cued, Launch::Fixed),
    })
}

/// The fan's battery site and interceptor type.
pub fn fan_inputs<'a>(
    s: &'a Scenario,
    view: &EngagementView,
) -> Result<(&'a Site, &'a InterceptorType), String> {
    let site = s
        .site(&view.battery)
        .ok_or_else(|| format!("no site `{}` for the fly-out fan", view.battery))?;
    let t = s
        .interceptor_types
        .iter()
        .find(|t| t.id == view.interceptor)
        .ok_or_else(|| format!("no interceptor type `{}` for the fan", view.interceptor))?;
    Ok((site, t))
}
