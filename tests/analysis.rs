//! The analysis against closed forms, a textbook case, consistency properties and the published
//! consensus. The command line's output is in `analysis_cli.rs`.

use std::f64::consts::PI;

use bmd_atlas::analysis::{
    self, Analysis, Boost, CellState, Earth, Flight, Interceptor, Launch, MinEnergy, RadarModel,
    TrackPoint, V3, first_detection, lambert, propagate,
};
use bmd_atlas::command::Command;
use bmd_atlas::scenario::{self, Battery, Scenario, SiteKind, Status, Timeline};
use proptest::prelude::*;

const R: f64 = 6371.0;
const MU: f64 = 398_600.441_8;

/// The analysis sphere without rotation, or with the Earth's.
fn earth(rotating: bool) -> Earth {
    Earth::reference(if rotating { 7.292_115_9e-5 } else { 0.0 })
}

pub(crate) fn with(model: &str, year: i32) -> Scenario {
    let mut s = scenario::built_in();
    Command::SetModel(model.into())
        .apply(&mut s)
        .unwrap_or_else(|e| panic!("{e}"));
    Command::SetYear(year)
        .apply(&mut s)
        .unwrap_or_else(|e| panic!("{e}"));
    s
}

fn site_index(s: &Scenario, id: &str) -> usize {
    s.sites
        .iter()
        .position(|x| x.id == id)
        .unwrap_or_else(|| panic!("no site {id}"))
}

// ------------------------------------------------------------------------------------------
// Closed forms

#[test]
fn minimum_energy_trajectories_match_the_closed_forms() {
    for range_km in (1..=10).map(|k| k as f64 * 1000.0) {
        let psi = range_km / R;
        let m = MinEnergy::new(psi, R, MU).unwrap_or_else(|| panic!("{range_km}"));
        let (sh, ch) = (psi / 2.0).sin_cos();

        // Burnout speed: ν = v²R/μ = 2 sin(ψ/2) / (1 + sin(ψ/2)).
        let nu = 2.0 * sh / (1.0 + sh);
        assert!(
            (m.burnout_speed_kms - (nu * MU / R).sqrt()).abs() < 1e-9,
            "{range_km}"
        );

        // Range: the free-flight range equation gives back ψ from (ν, γ).
        let cg2 = m.flight_path_angle_rad.cos().powi(2);
        let cos_half = (1.0 - nu * cg2) / (1.0 + nu * (nu - 2.0) * cg2).sqrt();
        assert!(
            (2.0 * cos_half.acos() - psi).abs() < 1e-9,
            "range {range_km}"
        );

        // Flight time: Lagrange's equation for the minimum-energy ellipse (α = π).
        let c = 2.0 * R * sh;
        let s = R + c / 2.0;
        let am = s / 2.0;
        let beta = 2.0 * ((s - c) / s).sqrt().asin();
        let t_lagrange = (am.powi(3) / MU).sqrt() * (PI - beta + beta.sin());
        assert!(
            (m.flight_time_s - t_lagrange).abs() < 1e-6,
            "{range_km}: {} vs {t_lagrange}",
            m.flight_time_s
        );

        // Apogee: R(1 + sin ψ/2 + cos ψ/2)/2 − R, and the sampled flight (no boost, no
        // rotation) peaks there.
        let apogee = R * (1.0 + sh + ch) / 2.0 - R;
        assert!((m.apogee_altitude_km - apogee).abs() < 1e-9);
        let launch = V3::from_lon_lat(0.0, 0.0);
        let target = V3::from_lon_lat(psi.to_degrees(), 0.0);
        let f = Flight::new(launch, target, Boost::default(), earth(false))
            .unwrap_or_else(|| panic!("{range_km}"));
        let peak = f
            .samples(1.0)
            .iter()
            .map(|p| p.alt_km)
            .fold(f64::MIN, f64::max);
        assert!(
            (peak - apogee).abs() < 0.05,
            "{range_km}: peak {peak} vs {apogee}"
        );

        // Two-body propagation of the burnout state lands on the target at the flight time.
        let up = launch;
        let downrange = V3::new(0.0, 1.0, 0.0);
        let (sg, cgm) = m.flight_path_angle_rad.sin_cos();
        let v = (up * sg + downrange * cgm) * m.burnout_speed_kms;
        let (end, _) = propagate(launch * R, v, m.flight_time_s, MU)
            .unwrap_or_else(|| panic!("propagates {range_km}"));
        assert!((end - target * R).norm() < 1e-3, "{range_km}: {end:?}");
    }
    // The textbook figures for an intercontinental flight: ~1 300 km apogee, ~7.2 km/s.
    let icbm = MinEnergy::new(10_000.0 / R, R, MU).unwrap_or_else(|| panic!("10 000 km"));
    assert!((1250.0..1400.0).contains(&icbm.apogee_altitude_km));
    assert!((1500.0..2000.0).contains(&icbm.flight_time_s));
}

#[test]
fn textbook_minimum_energy_speeds() {
    // Non-rotating Earth of radius 6371 km: 2,000 km needs 4.113 km/s, 10,000 km 7.198 km/s.
    for (range_km, speed) in [(2000.0, 4.113), (10_000.0, 7.198)] {
        let launch = V3::from_lon_lat(10.0, 0.0);
        let target = V3::from_lon_lat(10.0 + (range_km / R).to_degrees(), 0.0);
        let f = Flight::new(launch, target, Boost::default(), earth(false))
            .unwrap_or_else(|| panic!("{range_km}"));
        assert!(
            (f.burnout_speed_kms - speed).abs() < 5e-4,
            "{range_km}: {f:?}"
        );
    }
}

/// Without rotation or boost a v2 flight is the minimum-energy ellipse from the ground. (v1's
/// recorded outputs are reproduced in `analysis_v1.rs`.)
#[test]
fn without_rotation_or_boost_a_flight_is_the_minimum_energy_ellipse() {
    let (launch, target) = (V3::from_lon_lat(35.8, 54.0), V3::from_lon_lat(-77.0, 38.9));
    let f = Flight::new(launch, target, Boost::default(), earth(false))
        .unwrap_or_else(|| panic!("flies"));
    let m = MinEnergy::new(launch.cross(target).norm().atan2(launch.dot(target)), R, MU)
        .unwrap_or_else(|| panic!("ellipse"));
    assert!((f.burnout_speed_kms - m.burnout_speed_kms).abs() < 1e-6);
    assert!((f.impact_s() - m.flight_time_s).abs() < 0.05);
}

#[test]
fn rotation_helps_an_eastward_shot_and_hinders_a_westward_one() {
    let boost = Boost {
        burn_time_s: 180.0,
        burnout_altitude_km: 200.0,
        burnout_range_km: 500.0,
    };
    let from = V3::from_lon_lat(0.0, 10.0);
    let east = V3::from_lon_lat(60.0, 10.0);
    let west = V3::from_lon_lat(-60.0, 10.0);
    let speed = |to: V3, rotating: bool| {
        Flight::new(from, to, boost, earth(rotating)).map_or(f64::NAN, |f| f.burnout_speed_kms)
    };
    let (e, w, still) = (speed(east, true), speed(west, true), speed(east, false));
    assert!(e < still && still < w, "east {e}, still {still}, west {w}");
    // About the Earth's surface speed at 10°, 0.46 km/s, each way (less: the arc is not level).
    assert!((0.1..0.5).contains(&(still - e)), "{}", still - e);
}

#[test]
fn lambert_reproduces_curtis_example_5_2() {
    let r1 = V3::new(5000.0, 10_000.0, 2100.0);
    let r2 = V3::new(-14_600.0, 2500.0, 7000.0);
    let sol = lambert(r1, r2, 3600.0, 398_600.0).unwrap_or_else(|| panic!("solves"));
    assert!((sol.v1 - V3::new(-5.9925, 1.9254, 3.2456)).norm() < 1e-3);
    assert!((sol.v2 - V3::new(-3.3125, -4.1966, -0.38529)).norm() < 1e-3);
    let (end, v_end) = propagate(r1, sol.v1, 3600.0, 398_600.0).unwrap_or_else(|| panic!());
    assert!((end - r2).norm() < 1e-4);
    assert!((v_end - sol.v2).norm() < 1e-7);
}

// ------------------------------------------------------------------------------------------
// Consistency properties

fn point(lon: f64, lat: f64, alt: f64) -> V3 {
    V3::from_lon_lat(lon, lat) * (R + alt)
}

fn interceptor(v: f64) -> Interceptor {
    Interceptor {
        site: V3::from_lon_lat(20.0, 50.0),
        burnout_kms: v,
        burn_time_s: 50.0,
        burnout_altitude_km: 80.0,
        burnout_range_km: 60.0,
        min_altitude_km: 50.0,
        max_altitude_km: 1500.0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn more_burnout_speed_never_shrinks_reach(
        dlon in -30.0f64..30.0, dlat in -20.0f64..20.0, alt in 50.0f64..1500.0,
        t in 100.0f64..1500.0, v in 0.5f64..9.0, dv in 0.0f64..3.0,
    ) {
        let p = TrackPoint { t_s: t, pos: point(20.0 + dlon, 50.0 + dlat, alt), alt_km: alt };
        let e = earth(true);
        if interceptor(v).reaches(&[p], 40.0, &e) {
            prop_assert!(interceptor(v + dv).reaches(&[p], 40.0, &e));
        }
        // What a launch at 40 s needs, reaches (holding fire only adds chances).
        if let Some((need, _)) = interceptor(v).least_needed(&[p], 40.0, &e) {
            prop_assert!(interceptor(need * 1.0001).reaches(&[p], 40.0, &e));
        }
        // An earlier launch never loses a point.
        if interceptor(v).reaches(&[p], 40.0, &e) {
            prop_assert!(interceptor(v).reaches(&[p], 40.0 - dv * 10.0, &e));
        }
    }

    #[test]
    fn more_radars_never_delay_first_detection(
        mask in 1u32..(1 << 12), extra in 1u32..(1 << 12),
        launch in 0usize..6, tlon in -10.0f64..40.0, tlat in 36.0f64..60.0,
    ) {
        let s = scenario::built_in();
        let radars: Vec<RadarModel> = s
            .sites
            .iter()
            .enumerate()
            .filter_map(|(i, x)| RadarModel::new(i, x, R))
            .take(12)
            .collect();
        let pick = |m: u32| -> Vec<&RadarModel> {
            radars.iter().enumerate().filter(|(i, _)| m & (1 << i) != 0).map(|(_, r)| r).collect()
        };
        let fewer = pick(mask);
        let more = pick(mask | extra);
        let areas: Vec<_> = s.sites.iter().filter(|x| x.kind == SiteKind::MissileLaunchArea).collect();
        let la = areas[launch % areas.len()];
        let boost = Boost { burn_time_s: 100.0, burnout_altitude_km: 80.0, burnout_range_km: 100.0 };
        let f = Flight::new(V3::from_lon_lat(la.lon, la.lat), V3::from_lon_lat(tlon, tlat), boost, earth(true));
        let Some(f) = f else { return Ok(()) };
        let a_few = first_detection(&f, &fewer);
        let a_lot = first_detection(&f, &more);
        if let Some(d) = a_few {
            prop_assert!(a_lot.as_ref().is_some_and(|m| m.t_s <= d.t_s), "{d:?} then {a_lot:?}");
        }
    }
}

/// The scenario's result with every interceptor type changed by `change`.
fn changed(s: &Scenario, change: impl Fn(&mut scenario::InterceptorType)) -> Analysis {
    let mut s = s.clone();
    s.interceptor_types.iter_mut().for_each(change);
    crate::common::analyze(&s)
}

/// The scenario's result with every interceptor type `dv` km/s faster.
fn faster(s: &Scenario, dv: f64) -> Analysis {
    changed(s, |t| t.burnout_kms += dv)
}

/// Whatever `base` reaches, `other` reaches too: defended cells and ICBM rows.
fn never_shrinks(base: &Analysis, other: &Analysis, what: &str) {
    for (i, (a, b)) in base
        .defended
        .cells
        .iter()
        .zip(&other.defended.cells)
        .enumerate()
    {
        if *a == CellState::Defended {
            assert_eq!(*b, CellState::Defended, "{what}: cell {i}");
        }
    }
    assert!(other.defended.area_km2 >= base.defended.area_km2, "{what}");
    assert!(
        other.defended.population >= base.defended.population,
        "{what}"
    );
    assert_eq!(base.icbm.rows.len(), other.icbm.rows.len());
    for (a, b) in base.icbm.rows.iter().zip(&other.icbm.rows) {
        assert!(!a.reachable || b.reachable, "{what}: {a:?} but {b:?}");
    }
}

#[test]
fn in_the_scenario_more_speed_earlier_launch_and_higher_burnout_never_shrink_reach() {
    let s = with("independent", 2016);
    let base = crate::common::analyze(&s);
    let fast = faster(&s, 1.0);
    let mut early = s.clone();
    early.assumptions.decision_delay_s = 20.0;
    let early = crate::common::analyze(&early);
    let higher = changed(&s, |t| t.burnout_altitude_km += 20.0);
    never_shrinks(&base, &fast, "1 km/s faster");
    never_shrinks(&base, &early, "decision in 20 s");
    never_shrinks(&base, &higher, "burnout 20 km higher");
    assert!(
        fast.defended.area_km2 > base.defended.area_km2,
        "the test can tell"
    );
    // The ICBM table: what a launch at 300 s reaches, a launch at 120 s reaches. (Without
    // holding fire an earlier launch can need a little more for a late intercept, by well
    // under 1 %: its coast is longer than the best one.)
    let rows = &base.icbm.rows;
    let fixed = |d: f64| {
        base.icbm
            .launches
            .iter()
            .position(|l| *l == Launch::Fixed(d))
    };
    let (at_120, at_300) = (fixed(120.0), fixed(300.0));
    for r in rows.iter().filter(|r| Some(r.launch) == at_300) {
        let early = rows
            .iter()
            .find(|x| {
                Some(x.launch) == at_120
                    && (x.base, &x.missile_id, x.target, x.battery)
                        == (r.base, &r.missile_id, r.target, r.battery)
            })
            .unwrap_or_else(|| panic!("no 120 s row for {r:?}"));
        if let Some(late) = r.min_burnout_kms {
            let need = early.min_burnout_kms.unwrap_or(f64::INFINITY);
            assert!(need <= late * 1.01, "{early:?} vs {r:?}");
        }
        assert!(!r.reachable || early.reachable);
    }
}

#[test]
fn a_cued_launch_waits_for_a_radar_feeding_the_battery() {
    for model in ["independent", "coordinated"] {
        let r = crate::common::analyze(&with(model, 2012));
        let delay = r.assumptions.decision_delay_s;
        let cued = r.icbm.launches.iter().position(|l| *l == Launch::Cued);
        let rows: Vec<_> = r
            .icbm
            .rows
            .iter()
            .filter(|x| Some(x.launch) == cued)
            .collect();
        assert!(!rows.is_empty());
        for row in rows {
            match (row.detection_s, row.launch_delay_s) {
                (Some(d), Some(l)) => {
                    assert!(d >= 0.0 && (l - (d + delay)).abs() < 1e-9, "{row:?}");
                    assert!(row.cue_radar_id.is_some());
                }
                (None, None) => {
                    assert!(!row.reachable && row.min_burnout_kms.is_none() && row.reason.is_some())
                }
                _ => panic!("{row:?}"),
            }
        }
    }
    // Sharing Russia's radars never cues a battery later, and never loses a defended cell.
    let independent = crate::common::analyze(&with("independent", 2012));
    let coordinated = crate::common::analyze(&with("coordinated", 2012));
    for (i, (a, b)) in independent
        .defended
        .cells
        .iter()
        .zip(&coordinated.defended.cells)
        .enumerate()
    {
        if *a == CellState::Defended {
            assert_eq!(*b, CellState::Defended, "cell {i}");
        }
    }
    for (a, b) in independent.icbm.rows.iter().zip(&coordinated.icbm.rows) {
        if let (Some(x), Some(y)) = (a.detection_s, b.detection_s) {
            assert!(y <= x, "{a:?} {b:?}");
        }
        assert!(a.detection_s.is_none() || b.detection_s.is_some());
    }
}

#[test]
fn sharing_russian_radars_never_delays_and_gains_with_gabala() {
    let independent = crate::common::analyze(&with("independent", 2012));
    let coordinated = crate::common::analyze(&with("coordinated", 2012));
    assert_eq!(
        independent.early_warning.len(),
        coordinated.early_warning.len()
    );
    assert!(
        independent
            .early_warning
            .iter()
            .all(|w| w.gain_s == Some(0.0))
    );
    for (i, c) in independent
        .early_warning
        .iter()
        .zip(&coordinated.early_warning)
    {
        assert_eq!(
            (&i.launch_area_name, &i.target_name),
            (&c.launch_area_name, &c.target_name)
        );
        if let Some(t) = i.first_detection_s {
            assert!(c.first_detection_s.is_some_and(|u| u <= t));
        }
        assert!(c.gain_s.is_none_or(|g| g >= 0.0));
    }
    // Gabala, 350 km from Tabriz and operating in 2012, sees a Tabriz launch's boost first.
    let tabriz = coordinated
        .early_warning
        .iter()
        .find(|w| w.launch_area_name == "Tabriz" && w.target_name == "Bucharest")
        .unwrap_or_else(|| panic!("Tabriz → Bucharest row"));
    assert_eq!(tabriz.radar.as_deref(), Some("Gabala"));
    assert!(tabriz.gain_s.is_some_and(|g| g > 10.0), "{tabriz:?}");
    assert_eq!(tabriz.own_radar_id.as_deref(), Some("kurecik"));
    // Gabala closed in 2013 (as it happened): no Gabala then.
    let later = crate::common::analyze(&with("coordinated", 2013));
    assert!(
        later
            .early_warning
            .iter()
            .all(|w| w.radar.as_deref() != Some("Gabala"))
    );
}

// ------------------------------------------------------------------------------------------
// The published consensus

/// The built-in scenario with SM-3 IA and IB operational at both land sites in `year`.
pub(crate) fn sm3_ia_ib_ashore(year: i32) -> Scenario {
    let mut s = with("independent", year);
    for id in ["deveselu", "redzikowo"] {
        let i = site_index(&s, id);
        s.sites[i].timeline = Timeline::from_year(2009, Status::Operational);
        s.sites[i].batteries = ["sm3-ia", "sm3-ib"]
            .iter()
            .map(|t| Battery {
                interceptor: (*t).into(),
                count: Some(24),
                timeline: Timeline::from_year(2009, Status::Operational),
            })
            .collect();
    }
    s
}

#[test]
fn sm3_ia_and_ib_at_deveselu_or_redzikowo_reach_no_russian_icbm_bound_for_the_us() {
    let s = sm3_ia_ib_ashore(2016);
    let r = crate::common::analyze(&s);
    let land: Vec<usize> = r
        .icbm
        .batteries
        .iter()
        .enumerate()
        .filter(|(_, b)| ["Deveselu", "Redzikowo"].contains(&b.name.as_str()))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(land.len(), 4, "IA and IB at both sites");
    let rows: Vec<_> = r
        .icbm
        .rows
        .iter()
        .filter(|x| land.contains(&x.battery))
        .collect();
    assert_eq!(
        rows.len(),
        r.icbm.flights_in_range() * 4 * r.icbm.launches.len(),
        "every base, missile, target in range, battery and launch rule"
    );
    assert!(r.icbm.tracks.len() >= 12 * 7, "every base and target");
    for row in &rows {
        assert!(!row.reachable, "{row:?}");
        // Not a near thing: each needs a third more than the ≈3 km/s these interceptors have.
        assert!(row.min_burnout_kms.is_none_or(|v| v > 4.0), "{row:?}");
    }
    // The same machinery does find reachable ICBMs for a much faster interceptor there, so the
    // "no" above is an answer, not an artefact.
    let fast = faster(&s, 6.0);
    assert!(
        fast.icbm
            .rows
            .iter()
            .any(|x| land.contains(&x.battery) && x.reachable),
        "9 km/s at Redzikowo or Deveselu reaches some ICBM"
    );
}

/// The ICBM table's least speed is the least over the flight's samples, found by brute force
/// with the public building blocks: the pruned search loses nothing.
#[test]
fn the_least_speed_search_is_exact() {
    let s = with("independent", 2012);
    let r = crate::common::analyze(&s);
    let a = &r.assumptions;
    let e = Earth::of(a);
    let mut checked = 0;
    for row in r.icbm.rows.iter().step_by(97) {
        let Some(launch_s) = row.launch_delay_s else {
            continue;
        };
        let b = &r.icbm.batteries[row.battery];
        let site = &s.sites[b.site];
        let (base, target) = (&s.sites[row.base], &s.cities[row.target]);
        let t = s
            .interceptor_types
            .iter()
            .find(|t| t.id == b.interceptor_id)
            .unwrap_or_else(|| panic!("type {}", b.interceptor_id));
        let m = s
            .missile_types
            .iter()
            .find(|m| m.id == row.missile_id)
            .unwrap_or_else(|| panic!("missile {}", row.missile_id));
        let window = (
            a.icbm_min_altitude_km.max(t.min_altitude_km),
            a.icbm_max_altitude_km.min(t.max_altitude_km),
        );
        let i = Interceptor::new(t, site.lon, site.lat, window);
        let f = Flight::new(
            V3::from_lon_lat(base.lon, base.lat),
            V3::from_lon_lat(target.lon, target.lat),
            Boost::of(m),
            e,
        )
        .unwrap_or_else(|| panic!("flight"));
        let brute = f
            .samples(a.icbm_time_step_s)
            .iter()
            .filter(|p| p.t_s >= a.icbm_earliest_intercept_s && i.in_window(p.alt_km))
            .filter_map(|p| i.needed_speed(p, launch_s, &e))
            .reduce(f64::min);
        match (brute, row.min_burnout_kms) {
            (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{row:?}: brute force {x}"),
            (x, y) => assert_eq!(x, y, "{row:?}"),
        }
        assert_eq!(row.reachable, brute.is_some_and(|v| v <= t.burnout_kms));
        checked += 1;
    }
    assert!(checked >= 15, "{checked} rows checked");
}

// ------------------------------------------------------------------------------------------
// The defended area and the map

#[test]
fn the_defended_area_adds_up() {
    let s = with("independent", 2016);
    let r = crate::common::analyze(&s);
    let d = &r.defended;
    assert!(d.grid.cell_km <= 50.0);
    let cell = d.grid.cell_area_km2();
    let count = |st: CellState| d.cells.iter().filter(|&&c| c == st).count() as f64;
    assert_eq!(d.area_km2, count(CellState::Defended) * cell);
    assert_eq!(
        d.threatened_area_km2,
        (count(CellState::Defended) + count(CellState::Partial) + count(CellState::Undefended))
            * cell
    );
    assert!(d.area_km2 > 0.0 && d.area_km2 < d.threatened_area_km2);
    for f in &d.footprints {
        assert_eq!(f.threatened.len(), f.defended.len());
        assert!(f.defended_km2 <= f.threatened_km2);
    }
    let defended_pop: u64 = d
        .cities
        .iter()
        .filter(|c| c.defended)
        .map(|c| c.population)
        .sum();
    assert_eq!(d.population, defended_pop);
    assert!(
        d.cities
            .iter()
            .filter(|c| c.defended)
            .all(|c| !c.by.is_empty())
    );
    // Every city of the scenario is listed; Lisbon is out of Iranian range.
    let cities = s
        .cities
        .iter()
        .filter(|c| c.kind == scenario::CityKind::City)
        .count();
    assert_eq!(d.cities.len(), cities);
    let lisbon = d.cities.iter().find(|c| c.name == "Lisbon");
    assert!(lisbon.is_some_and(|c| c.state == CellState::Unthreatened && !c.defended));
    // Without batteries nothing is defended.
    let mut none = s.clone();
    for site in &mut none.sites {
        site.batteries.clear();
    }
    let empty = crate::common::analyze(&none);
    assert_eq!(
        (empty.defended.area_km2, empty.defended.population),
        (0.0, 0)
    );
    assert!(!empty.defended.notes.is_empty());
}

#[test]
fn icbm_tracks_run_from_base_to_target_over_the_arctic() {
    let r = crate::common::analyze(&with("independent", 2012));
    let s = scenario::built_in();
    let bases = s
        .sites
        .iter()
        .filter(|x| x.kind == SiteKind::IcbmBase)
        .count();
    let targets = s
        .cities
        .iter()
        .filter(|c| c.kind == scenario::CityKind::UsTarget)
        .count();
    let flights: usize = s
        .sites
        .iter()
        .filter(|x| x.kind == SiteKind::IcbmBase)
        .map(|x| x.missiles.len())
        .sum();
    assert!(flights >= bases);
    assert_eq!(r.icbm.tracks.len(), flights * targets);
    for t in &r.icbm.tracks {
        let (Some(first), Some(last)) = (t.ground_track.first(), t.ground_track.last()) else {
            panic!("empty track");
        };
        let base = &s.sites[t.base];
        let target = &s.cities[t.target];
        assert!((first.y() - base.lat).abs() < 1e-6 && (first.x() - base.lon).abs() < 1e-6);
        let lon = (last.x() - target.lon).rem_euclid(360.0);
        assert!((last.y() - target.lat).abs() < 1e-6 && !(1e-6..=360.0 - 1e-6).contains(&lon));
        for (d, &reach) in t.reachable_at.iter().enumerate() {
            let any = r.icbm.rows.iter().any(|x| {
                (x.base, &x.missile_id, x.target) == (t.base, &t.missile_id, t.target)
                    && x.launch == d
                    && x.reachable
            });
            assert_eq!(reach, any);
        }
    }
    let washington = r
        .icbm
        .tracks
        .iter()
        .find(|t| t.target_name == "Washington DC");
    let max_lat = washington
        .map(|t| {
            t.ground_track
                .iter()
                .map(|p| p.y())
                .fold(f64::MIN, f64::max)
        })
        .unwrap_or_default();
    assert!(max_lat > 60.0, "over the Arctic: {max_lat}");
}

#[test]
fn the_analysis_is_pure() {
    let s = with("coordinated", 2020);
    let memos = analysis::Memos::new();
    let a = analysis::analyze_in(&s, &memos);
    assert!(!memos.is_empty(), "the first analysis filled the memos");
    let b = analysis::analyze_in(&s, &memos);
    assert_eq!(analysis::json(&a), analysis::json(&b));
    // What the memos remember is exactly what a cold start computes.
    let cold = analysis::analyze(&s);
    assert_eq!(analysis::json(&a), analysis::json(&cold));
    // A model and year not analysed before, with memos warm from another: the same answer.
    let other = with("independent", 2016);
    let warm = analysis::analyze_in(&other, &memos);
    assert_eq!(
        analysis::json(&warm),
        analysis::json(&analysis::analyze(&other))
    );
}

/// A flight its missile cannot make is no threat: Tatishchevo's UR-100NUTTH (10,000 km) to Los
/// Angeles (about 10,350 km) is drawn apart, has no rows, and is not among the flights counted.
#[test]
fn flights_beyond_the_missiles_range_are_not_counted() {
    let s = scenario::built_in();
    let shared = crate::common::built_in_analysis();
    let r = shared.as_ref();
    let beyond: Vec<_> = r.icbm.tracks.iter().filter(|t| !t.in_range).collect();
    assert!(
        beyond
            .iter()
            .any(|t| (t.base_id.as_str(), t.target_name.as_str())
                == ("tatishchevo", "Los Angeles")),
        "{beyond:?}"
    );
    for t in &beyond {
        let base = &s.sites[t.base];
        let city = &s.cities[t.target];
        let range_km = s
            .missile_types
            .iter()
            .find(|m| m.id == t.missile_id)
            .map(|m| m.range_km)
            .unwrap_or(f64::NAN);
        let distance_km = bmd_atlas::geodesy::distance_m(base.position(), city.position()) / 1e3;
        assert!(distance_km > range_km, "{t:?}: {distance_km} km");
        assert!(
            !r.icbm
                .rows
                .iter()
                .any(|x| (x.base, &x.missile_id, x.target) == (t.base, &t.missile_id, t.target)),
            "no row for {t:?}"
        );
    }
    assert_eq!(
        r.icbm.flights_in_range() + beyond.len(),
        r.icbm.tracks.len()
    );
    let v: serde_json::Value =
        serde_json::from_str(&analysis::json(r)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        v["icbm_flights_in_range"].as_u64(),
        Some(r.icbm.flights_in_range() as u64)
    );
    assert_eq!(
        v["icbm_flights_beyond_range"].as_array().map(Vec::len),
        Some(beyond.len())
    );
    let line = analysis::icbm_line(r, 0, 0).unwrap_or_default();
    let expected = format!("of {} flights in range", r.icbm.flights_in_range());
    assert!(line.contains(&expected), "{line}");
}
