//! Interceptor reach: the burnout speed an interceptor needs to be at a point of a threat's
//! flight when the threat is.
//!
//! # The model
//!
//! An interceptor launched at t_L from its site S burns for t_bi and burns out at t_L + t_bi,
//! at altitude h_bi and ground range min(d_bi, distance) from S along the great circle towards
//! the ground point under its aim point P (Earth-fixed, at P's time t_P). From there it coasts:
//! the arc from the burnout point at t_L + t_bi to P at t_P, in the inertial frame, is Lambert's
//! problem (short way, no full revolution), with time of flight τ = t_P − t_L − t_bi. The speed
//! it needs is the burnout speed relative to the Earth, |v₁ − ω × r₁|. Under 10 s of coast is no
//! candidate. There is no waiting to launch later and no rule about the direction of departure.
//!
//! # Fast and exact
//!
//! Solving Lambert's problem for every point is the slow part, so each point is first bracketed:
//! the Earth-relative speed differs from the inertial one by at most |ω × r₁| (0.47 km/s at the
//! equator), less when the shot is not along the rotation (`Spin`: a short-way arc leaves
//! towards its aim point, so only the rotation's part in that direction can help), and the
//! inertial one has closed forms ([`super::reach`]). Lambert is solved only where the bracket
//! does not decide.

use super::flight::{Earth, TrackPoint};
use super::lambert::lambert_from;
use super::reach::Transfer;
use super::vec3::{V3, angle_between};
use crate::scenario::InterceptorType;

/// An interceptor's geometry as bits ([`Interceptor::geometry_bits`]).
pub(crate) type GeometryBits = [u64; 8];

/// Coasts shorter than this are not candidates, s.
pub const MIN_COAST_S: f64 = 10.0;

/// An interceptor type at a launch site.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interceptor {
    /// The site, a unit vector (Earth-fixed).
    pub site: V3,
    /// v_bo, km/s.
    pub burnout_kms: f64,
    /// t_bi, s.
    pub burn_time_s: f64,
    /// h_bi, km.
    pub burnout_altitude_km: f64,
    /// d_bi, km.
    pub burnout_range_km: f64,
    /// The altitude window of intercepts, km.
    pub min_altitude_km: f64,
    pub max_altitude_km: f64,
}

impl Interceptor {
    /// Type `t` at the site `(lon, lat)` with altitude window `window`; values that are not
    /// finite and non-negative count as 0.
    pub fn new(t: &InterceptorType, lon: f64, lat: f64, window: (f64, f64)) -> Interceptor {
        let ok = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
        Interceptor {
            site: V3::from_lon_lat(lon, lat),
            burnout_kms: ok(t.burnout_kms),
            burn_time_s: ok(t.burn_time_s),
            burnout_altitude_km: ok(t.burnout_altitude_km),
            burnout_range_km: ok(t.burnout_range_km),
            min_altitude_km: window.0,
            max_altitude_km: window.1,
        }
    }

    /// The bits of everything but the burnout speed (which the speed *needed* does not depend
    /// on): site, burn time, burnout point and altitude window, for memo keys.
    pub(crate) fn geometry_bits(&self) -> GeometryBits {
        let [x, y, z] = super::memo::bits3(self.site);
        let rest = [
            self.burn_time_s,
            self.burnout_altitude_km,
            self.burnout_range_km,
            self.min_altitude_km,
            self.max_altitude_km,
        ];
        let [a, b, c, d, e] = rest.map(f64::to_bits);
        [x, y, z, a, b, c, d, e]
    }

    /// Whether an intercept at `alt_km` is within the window.
    pub fn in_window(&self, alt_km: f64) -> bool {
        alt_km >= self.min_altitude_km && alt_km <= self.max_altitude_km
    }

    /// The Earth-fixed burnout point for an aim point `p` (Earth-fixed, km).
    pub fn burnout_point(&self, p: V3, earth: &Earth) -> V3 {
        self.burnout_point_in(p, earth, &self.launched(0.0, earth))
    }

    /// [`Interceptor::burnout_point`] with the launch's shared values worked out: where the aim
    /// point is beyond the burnout range (most points), no angle needs measuring.
    fn burnout_point_in(&self, p: V3, earth: &Earth, l: &Launched) -> V3 {
        let ground = p.unit();
        let cos_angle = self.site.dot(ground);
        let dir = if cos_angle <= l.range_cos {
            // At least the burnout range away: burnout at the full range towards the aim point.
            let heading = (ground - self.site * cos_angle).unit();
            self.site * l.range_cos + heading * l.range_sin
        } else {
            let angle = angle_between(self.site, ground);
            if angle < 1e-12 {
                self.site
            } else {
                let heading = (ground - self.site * cos_angle).unit();
                let (s, c) = angle.min(self.burnout_range_km / earth.radius_km).sin_cos();
                self.site * c + heading * s
            }
        };
        dir * (earth.radius_km + self.burnout_altitude_km)
    }

    /// What every coast after a launch at `launch_s` shares.
    fn launched(&self, launch_s: f64, earth: &Earth) -> Launched {
        let burnout_s = launch_s + self.burn_time_s;
        let (range_sin, range_cos) = (self.burnout_range_km / earth.radius_km).sin_cos();
        let (turn_sin, turn_cos) = (earth.rotation_rad_s * burnout_s).sin_cos();
        Launched {
            burnout_s,
            range_sin,
            range_cos,
            turn_sin,
            turn_cos,
        }
    }

    /// The inertial start and end of the coast to `p` at `t_p` after a launch at `launch_s`,
    /// and its time of flight; `None` for a coast under [`MIN_COAST_S`].
    fn coast(&self, p: &TrackPoint, launch_s: f64, earth: &Earth) -> Option<(V3, V3, f64)> {
        self.coast_in(p, earth, &self.launched(launch_s, earth), None)
    }

    /// [`Interceptor::coast`] after the launch `l`; `inertial`, if known, is where `p` is in the
    /// inertial frame.
    fn coast_in(
        &self,
        p: &TrackPoint,
        earth: &Earth,
        l: &Launched,
        inertial: Option<V3>,
    ) -> Option<(V3, V3, f64)> {
        let tof = p.t_s - l.burnout_s;
        if tof.is_nan() || tof < MIN_COAST_S {
            return None;
        }
        let r1 = self
            .burnout_point_in(p.pos, earth, l)
            .rotate_z_by(l.turn_sin, l.turn_cos);
        let r2 = inertial.unwrap_or_else(|| earth.to_inertial(p.pos, p.t_s));
        Some((r1, r2, tof))
    }

    /// The coast to `p` after the launch `l` as [`Interceptor::coast`] gives it, with its
    /// transfer geometry, if `p` is a candidate at all: within the window, after enough coast,
    /// not straight across.
    fn candidate(
        &self,
        p: &TrackPoint,
        earth: &Earth,
        l: &Launched,
        inertial: Option<V3>,
    ) -> Option<(V3, V3, f64, Transfer)> {
        if !self.in_window(p.alt_km) {
            return None;
        }
        let (r1, r2, tof) = self.coast_in(p, earth, l, inertial)?;
        Some((r1, r2, tof, Transfer::new(r1, r2)?))
    }

    /// The Earth-relative burnout speed needed to be at `p` at its time after a launch at
    /// `launch_s`, km/s; `None` if the coast is too short or has no solution.
    ///
    /// ```
    /// use bmd_atlas::analysis::{Assumptions, Earth, Interceptor, TrackPoint, V3};
    /// let earth = Earth::of(&Assumptions::default());
    /// let i = Interceptor {
    ///     site: V3::from_lon_lat(17.1, 54.5), burnout_kms: 5.5, burn_time_s: 55.0,
    ///     burnout_altitude_km: 120.0, burnout_range_km: 100.0,
    ///     min_altitude_km: 100.0, max_altitude_km: 1500.0,
    /// };
    /// let p = TrackPoint { t_s: 500.0, pos: V3::from_lon_lat(22.0, 60.0) * 6871.0, alt_km: 500.0 };
    /// let sooner = i.needed_speed(&p, 200.0, &earth).unwrap();
    /// let later = i.needed_speed(&p, 350.0, &earth).unwrap();
    /// assert!(later > sooner, "less time to get there needs more speed");
    /// ```
    pub fn needed_speed(&self, p: &TrackPoint, launch_s: f64, earth: &Earth) -> Option<f64> {
        self.needed_from(p, launch_s, earth, None).map(|(v, _)| v)
    }

    /// [`Interceptor::needed_speed`] with a starting guess for Lambert's solver; returns the
    /// universal variable of the solution too, to guess the next point with.
    fn needed_from(
        &self,
        p: &TrackPoint,
        launch_s: f64,
        earth: &Earth,
        guess: Option<f64>,
    ) -> Option<(f64, f64)> {
        let (r1, r2, tof) = self.coast(p, launch_s, earth)?;
        let sol = lambert_from(r1, r2, tof, earth.mu_km3_s2, guess)?;
        Some((earth.relative_speed(r1, sol.v1), sol.z))
    }

    /// Whether the interceptor, launched at `launch_s` **or later** (a battery may hold fire),
    /// can be at some point of `points` within its window when the threat is there.
    ///
    /// Per point, the coast may take any time from [`MIN_COAST_S`] to the time left. The inertial
    /// speed needed over those times has closed forms; the Earth-relative one is within
    /// |ω × r₁| of it, which decides most points. The rest are searched over the coast times
    /// (`least_over_coast`), so that a later launch, whose coast times are among these, never
    /// reaches a point this one does not.
    pub fn reaches(&self, points: &[TrackPoint], launch_s: f64, earth: &Earth) -> bool {
        let (mu, v) = (earth.mu_km3_s2, self.burnout_kms);
        let launched = self.launched(launch_s, earth);
        // Latest first: they leave the most time to get there.
        points.iter().rev().any(|p| {
            let Some((r1, r2, tof_max, t)) = self.candidate(p, earth, &launched, None) else {
                return false;
            };
            let spin = r1.spin_velocity(earth.rotation_rad_s).norm();
            let possible = |speed: f64| {
                t.speed_window(speed, mu)
                    .is_some_and(|(fast, slow)| fast.max(MIN_COAST_S) <= slow.min(tof_max))
            };
            if !possible(v + spin) {
                return false;
            }
            if v > spin && possible(v - spin) {
                return true;
            }
            let t_m = t.min_energy_time(mu).clamp(MIN_COAST_S, tof_max);
            // The burnout point is Earth-fixed: turn back the one the coast started from.
            let burnout = earth.to_fixed(r1, p.t_s - tof_max);
            let need = |tof: f64| {
                // A later launch (a shorter coast) has turned the burnout point further.
                let r1 = earth.to_inertial(burnout, p.t_s - tof);
                lambert_from(r1, r2, tof, mu, None)
                    .map_or(f64::INFINITY, |s| earth.relative_speed(r1, s.v1))
            };
            least_over_coast(need, (MIN_COAST_S, tof_max), t_m, v) <= v
        })
    }

    /// Whether the interceptor, launched at exactly `launch_s`, is fast enough for some point of
    /// `points` (within the window, leaving at least [`MIN_COAST_S`] of coast): the same answer
    /// as [`Interceptor::least_needed`]'s speed being at most its own, found mostly without
    /// Lambert's problem. Per point, the inertial speed needed in the exact coast time (closed
    /// form) decides when it is above every inertial speed that could be fast enough
    /// (`Spin`: no) or below every one that surely is (yes); Lambert is solved in between.
    pub fn reaches_on_time(&self, points: &[TrackPoint], launch_s: f64, earth: &Earth) -> bool {
        let (mu, v) = (earth.mu_km3_s2, self.burnout_kms);
        let launched = self.launched(launch_s, earth);
        points.iter().rev().any(|p| {
            let Some((r1, r2, tof, t)) = self.candidate(p, earth, &launched, None) else {
                return false;
            };
            let spin = Spin::new(r1, r2, earth.rotation_rad_s);
            let Some(ceiling) = spin.inertial_ceiling(v) else {
                return false;
            };
            if !t.within_speed(tof, ceiling, mu) {
                return false;
            }
            if spin
                .inertial_floor(v)
                .is_some_and(|floor| t.within_speed(tof, floor, mu))
            {
                return true;
            }
            lambert_from(r1, r2, tof, mu, None).is_some_and(|s| earth.relative_speed(r1, s.v1) <= v)
        })
    }

    /// The least Earth-relative burnout speed needed over `points` (those within the window
    /// and leaving at least [`MIN_COAST_S`] of coast) after a launch at `launch_s`, and the
    /// index of the point needing it.
    ///
    /// Exact over the points. Every 8th point is solved first, in time order (each Lambert solve
    /// starting from its neighbour's solution), to find a good best quickly; then each other
    /// point is solved only if it could beat the best: the inertial speeds whose Earth-relative
    /// speed could (`Spin`) must include one above the minimum-energy speed that makes the
    /// coast in its exact time (closed form).
    pub fn least_needed(
        &self,
        points: &[TrackPoint],
        launch_s: f64,
        earth: &Earth,
    ) -> Option<(f64, usize)> {
        let inertial = inertial_positions(points, earth);
        self.least_needed_in(points, &inertial, launch_s, earth)
    }

    /// [`Interceptor::least_needed`] with the points' inertial positions
    /// ([`inertial_positions`]) worked out once for every battery and launch asking.
    pub(crate) fn least_needed_in(
        &self,
        points: &[TrackPoint],
        inertial: &[V3],
        launch_s: f64,
        earth: &Earth,
    ) -> Option<(f64, usize)> {
        const COARSE: usize = 8;
        let mu = earth.mu_km3_s2;
        let launched = self.launched(launch_s, earth);
        let cands: Vec<(usize, V3, V3, f64, Transfer, Spin)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let at = inertial.get(i).copied();
                let (r1, r2, tof, t) = self.candidate(p, earth, &launched, at)?;
                Some((i, r1, r2, tof, t, Spin::new(r1, r2, earth.rotation_rad_s)))
            })
            .collect();
        let mut best: Option<(f64, usize)> = None;
        let mut guess = None;
        let solve = |k: usize, best: &mut Option<(f64, usize)>, guess: &mut Option<f64>| {
            let (i, r1, r2, tof, ..) = cands[k];
            if let Some(sol) = lambert_from(r1, r2, tof, mu, *guess) {
                *guess = Some(sol.z);
                let need = earth.relative_speed(r1, sol.v1);
                if best.is_none_or(|(v, _)| need < v) {
                    *best = Some((need, i));
                }
            }
        };
        for k in (0..cands.len()).step_by(COARSE) {
            solve(k, &mut best, &mut guess);
        }
        for k in (0..cands.len()).filter(|k| k % COARSE != 0) {
            let (_, _, _, tof, t, spin) = cands[k];
            // Hopeless when no inertial speed that could give a relative one under the best
            // is enough: under the minimum-energy speed, or too slow for exactly `tof`.
            let hopeless = |v: f64| match spin.inertial_ceiling(v) {
                None => true,
                Some(ceiling) => {
                    t.min_energy_speed2(mu) >= ceiling * ceiling
                        || !t.within_speed(tof, ceiling, mu)
                }
            };
            if best.is_some_and(|(v, _)| hopeless(v)) {
                continue;
            }
            solve(k, &mut best, &mut guess);
        }
        best
    }
}

/// Where each of `points` is in the inertial frame at its time.
pub(crate) fn inertial_positions(points: &[TrackPoint], earth: &Earth) -> Vec<V3> {
    points
        .iter()
        .map(|p| earth.to_inertial(p.pos, p.t_s))
        .collect()
}

/// What every coast after one launch shares, worked out once per launch.
#[derive(Clone, Copy, Debug)]
struct Launched {
    /// When the interceptor burns out, s.
    burnout_s: f64,
    /// The sine and cosine of the burnout range as an angle at the Earth's centre.
    range_sin: f64,
    range_cos: f64,
    /// The sine and cosine of how far the Earth has turned by burnout.
    turn_sin: f64,
    turn_cos: f64,
}

/// How the Earth's rotation can change the speed of a coast from `r1` towards `r2`: the
/// Earth-relative burnout velocity is the inertial one less w = ω × r₁.
///
/// A short-way arc leaves `r1` with its horizontal part pointing towards `r2` (along ĥ, the
/// horizontal direction towards `r2`), at a flight-path angle γ with cos γ in (0, 1]. So for an
/// inertial speed V, |V û − w|² = V² − 2 V cos γ (w·ĥ) + |w|² ≥ V² − 2 V a + |w|², with
/// a = max(0, w·ĥ): a shot against the rotation gains nothing from it, one along it at most a.
#[derive(Clone, Copy, Debug)]
struct Spin {
    /// a = max(0, w·ĥ), km/s.
    along: f64,
    /// b = max(0, −w·ĥ), km/s: at most this much is lost to the rotation per unit of speed.
    against: f64,
    /// |w|², km²/s².
    w2: f64,
}

impl Spin {
    fn new(r1: V3, r2: V3, rotation_rad_s: f64) -> Spin {
        let w = r1.spin_velocity(rotation_rad_s);
        let up = r1.unit();
        let towards = (r2 - up * up.dot(r2)).unit();
        let across = w.dot(towards);
        Spin {
            along: across.max(0.0),
            against: (-across).max(0.0),
            w2: w.dot(w),
        }
    }

    /// The largest inertial speed whose Earth-relative speed is surely at most `relative_kms`
    /// (from |V û − w|² ≤ V² + 2bV + |w|² ≤ v²), a hair below for rounding; `None` when even
    /// standing still is not.
    fn inertial_floor(&self, relative_kms: f64) -> Option<f64> {
        let b = self.against;
        let disc = b * b + relative_kms * relative_kms - self.w2;
        let v = (disc.max(0.0).sqrt() - b) * (1.0 - 1e-12) - 1e-12;
        (disc >= 0.0 && v > 0.0).then_some(v)
    }

    /// The largest inertial speed whose Earth-relative speed can be at most `relative_kms`
    /// (from V² − 2aV + |w|² ≤ v²), a hair above to stay on the safe side of rounding; `None`
    /// when no inertial speed can.
    fn inertial_ceiling(&self, relative_kms: f64) -> Option<f64> {
        let a = self.along;
        let disc = a * a + relative_kms * relative_kms - self.w2;
        (disc >= 0.0).then(|| (a + disc.sqrt()) * (1.0 + 1e-12) + 1e-12)
    }
}

/// The least of `need` over coast times in `[lo, hi]`, or the first value found at or under
/// `enough`: the minimum-energy time `t_m`, the ends and 15 times between, then a golden-section
/// refinement around the least of them (24 steps, to well under a second). The speed needed
/// changes smoothly with the coast time, with one minimum near `t_m`; the coarse pass keeps a
/// second dip from being missed.
fn least_over_coast(need: impl Fn(f64) -> f64, (lo, hi): (f64, f64), t_m: f64, enough: f64) -> f64 {
    const COARSE: usize = 16;
    let step = (hi - lo) / COARSE as f64;
    let coarse = (0..=COARSE).map(|k| lo + step * k as f64);
    let (mut best_t, mut best) = (hi, f64::INFINITY);
    for tof in std::iter::once(t_m).chain(coarse.rev()) {
        let v = need(tof);
        if v <= enough {
            return v;
        }
        if v < best {
            (best_t, best) = (tof, v);
        }
    }
    // Golden section on the coarse step either side of the best time.
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = ((best_t - step).max(lo), (best_t + step).min(hi));
    let (mut c, mut d) = (b - ratio * (b - a), a + ratio * (b - a));
    let (mut fc, mut fd) = (need(c), need(d));
    for _ in 0..24 {
        if fc.min(fd) <= enough {
            break;
        }
        if fc < fd {
            (b, d, fd) = (d, c, fc);
            c = b - ratio * (b - a);
            fc = need(c);
        } else {
            (a, c, fc) = (c, d, fd);
            d = a + ratio * (b - a);
            fd = need(d);
        }
    }
    best.min(fc).min(fd)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn earth(rotation: f64) -> Earth {
        Earth::reference(rotation)
    }

    fn interceptor(lon: f64, lat: f64, range_km: f64) -> Interceptor {
        Interceptor {
            site: V3::from_lon_lat(lon, lat),
            burnout_kms: 4.5,
            burn_time_s: 55.0,
            burnout_altitude_km: 100.0,
            burnout_range_km: range_km,
            min_altitude_km: 100.0,
            max_altitude_km: 1500.0,
        }
    }

    fn at(lon: f64, lat: f64, alt: f64, t_s: f64) -> TrackPoint {
        TrackPoint {
            t_s,
            pos: V3::from_lon_lat(lon, lat) * (6371.0 + alt),
            alt_km: alt,
        }
    }

    #[test]
    fn the_burnout_point_stops_short_of_a_near_aim_point() {
        let e = earth(0.0);
        let i = interceptor(20.0, 50.0, 80.0);
        let far = i.burnout_point(at(30.0, 50.0, 300.0, 0.0).pos, &e);
        let ground = 6371.0 * angle_between(i.site, far.unit());
        assert!((ground - 80.0).abs() < 1e-6 && (far.norm() - 6471.0).abs() < 1e-9);
        // An aim point 30 km away: burnout right beneath it, and the coast still solves.
        let near = at(20.0, 50.27, 300.0, 400.0);
        let b = i.burnout_point(near.pos, &e);
        assert!(angle_between(b, near.pos) < 1e-12);
        assert!(i.needed_speed(&near, 100.0, &e).is_some_and(|v| v > 0.0));
    }

    #[test]
    fn eastward_needs_less_than_westward() {
        let e = earth(7.292_115_9e-5);
        let i = interceptor(20.0, 30.0, 0.0);
        let east = i.needed_speed(&at(28.0, 30.0, 400.0, 500.0), 100.0, &e);
        let west = i.needed_speed(&at(12.0, 30.0, 400.0, 500.0), 100.0, &e);
        let (east, west) = (east.unwrap_or(f64::NAN), west.unwrap_or(f64::NAN));
        assert!(east < west, "east {east}, west {west}");
    }

    #[test]
    fn holding_fire_never_loses_a_point() {
        let e = earth(7.292_115_9e-5);
        let i = interceptor(24.4, 44.1, 60.0);
        let p = at(28.0, 44.0, 200.0, 400.0);
        // A point reachable after a launch at 200 s stays reachable after one at 60 s.
        assert!(
            i.needed_speed(&p, 200.0, &e)
                .is_some_and(|v| v <= i.burnout_kms)
        );
        assert!(i.reaches(&[p], 200.0, &e) && i.reaches(&[p], 60.0, &e));
    }

    #[test]
    fn the_bracketed_test_agrees_with_lambert() {
        let e = earth(7.292_115_9e-5);
        for v in [2.0, 3.0, 4.0, 5.0, 6.5] {
            let mut i = interceptor(24.4, 44.1, 60.0);
            i.burnout_kms = v;
            for (lon, lat, alt, t) in [
                (28.0, 44.0, 200.0, 300.0),
                (35.0, 47.0, 600.0, 400.0),
                (30.0, 40.0, 150.0, 250.0),
                (15.0, 52.0, 900.0, 700.0),
            ] {
                let p = at(lon, lat, alt, t);
                let need = i.needed_speed(&p, 60.0, &e);
                let reach = i.reaches(&[p], 60.0, &e);
                // Launched at 60 s, or held until the last moment the coast allows.
                if need.is_some_and(|n| n < v - 1e-6) {
                    assert!(reach, "{v} km/s to {p:?}: needs {need:?}");
                }
                let last = p.t_s - i.burn_time_s - MIN_COAST_S;
                if !reach {
                    let mut launch = 60.0;
                    while launch <= last {
                        let n = i.needed_speed(&p, launch, &e).unwrap_or(f64::INFINITY);
                        assert!(n > v - 0.01, "{v} km/s to {p:?}: {n} after {launch} s");
                        launch += 5.0;
                    }
                }
                let least = i.least_needed(&[p], 60.0, &e).map(|x| x.0);
                assert_eq!(least, need);
            }
        }
    }

    /// Points on a grid around the site, at several times and heights.
    fn spread_points() -> Vec<TrackPoint> {
        let mut out = Vec::new();
        for k in 0..240 {
            let k = f64::from(k);
            let lon = 24.4 + ((k * 7.3) % 60.0) - 30.0;
            let lat = 44.1 + ((k * 3.7) % 40.0) - 15.0;
            let alt = 120.0 + (k * 53.0) % 1300.0;
            out.push(at(lon, lat, alt, 150.0 + (k * 37.0) % 1200.0));
        }
        out
    }

    #[test]
    fn the_rotation_bounds_hold_the_relative_speed_between_them() {
        let e = earth(7.292_115_9e-5);
        let i = interceptor(24.4, 44.1, 60.0);
        let mut checked = 0;
        for p in spread_points() {
            let Some((r1, r2, tof)) = i.coast(&p, 60.0, &e) else {
                continue;
            };
            let Some(sol) = lambert_from(r1, r2, tof, e.mu_km3_s2, None) else {
                continue;
            };
            let (inertial, relative) = (sol.v1.norm(), e.relative_speed(r1, sol.v1));
            let spin = Spin::new(r1, r2, e.rotation_rad_s);
            // No relative speed under `relative` with more than the ceiling's inertial speed;
            // any with less than the floor's gives at most `relative`.
            let ceiling = spin.inertial_ceiling(relative).unwrap_or(f64::NAN);
            assert!(inertial <= ceiling, "{p:?}: {inertial} > {ceiling}");
            let floor = spin.inertial_floor(relative).unwrap_or(0.0);
            assert!(inertial >= floor, "{p:?}: {inertial} < {floor}");
            checked += 1;
        }
        assert!(checked > 150, "{checked} points");
    }

    #[test]
    fn reaching_on_time_agrees_with_the_least_speed_needed() {
        let points = spread_points();
        for rotation in [0.0, 7.292_115_9e-5] {
            let e = earth(rotation);
            for launch_s in [0.0, 60.0, 200.0] {
                let mut i = interceptor(24.4, 44.1, 60.0);
                for (lo, hi) in [(100.0, 1500.0), (300.0, 700.0)] {
                    (i.min_altitude_km, i.max_altitude_km) = (lo, hi);
                    for window in points.chunks(24) {
                        let least = i.least_needed(window, launch_s, &e).map(|(v, _)| v);
                        let speeds = least.map_or(vec![3.0, 9.0], |v| {
                            vec![v * 0.999, v * 0.999_999, v * 1.000_001, v * 1.001, 2.0, 8.0]
                        });
                        for v in speeds {
                            i.burnout_kms = v;
                            assert_eq!(
                                i.reaches_on_time(window, launch_s, &e),
                                least.is_some_and(|l| l <= v),
                                "{v} km/s, least {least:?}, launch {launch_s}, rotation {rotation}"
                            );
                        }
                    }
                }
            }
        }
    }
}
