//! The analysis after a change of model or year: all three results (defended area, early warning,
//! the ICBM question), as the app's background worker computes them with the memos it keeps
//! ("warm"), and from scratch with empty memos and basemaps each iteration ("cold": what the
//! first analysis after start-up costs). Targets on the 2-core reference machine (issue #25): a
//! model or year change under 50 ms warm and 150 ms cold; the first complete analysis after
//! start-up, with both ends of the uncertain inputs, under 300 ms. Also one Lambert solve.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use bmd_atlas::analysis::{self, V3};
use bmd_atlas::command::Command;
use bmd_atlas::scenario::{self, Scenario, TimelineChoice};

fn choice(model: &str, year: i32, timeline: TimelineChoice) -> Scenario {
    let mut s = scenario::built_in();
    for c in [
        Command::SetModel(model.into()),
        Command::SetYear(year),
        Command::SetTimeline(timeline),
    ] {
        c.apply(&mut s).expect("a valid choice");
    }
    s
}

fn analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    // The worker's memos after its first analysis, as the app keeps them.
    let warm = analysis::Memos::new();
    let _ = analysis::analyze_in(&scenario::built_in(), &warm);
    for (model, year, timeline, name) in [
        (
            "independent",
            2012,
            TimelineChoice::AsHappened,
            "independent_2012",
        ),
        (
            "coordinated",
            2012,
            TimelineChoice::AsHappened,
            "coordinated_2012",
        ),
        (
            "independent",
            2016,
            TimelineChoice::AsHappened,
            "independent_2016",
        ),
        (
            "unified",
            2020,
            TimelineChoice::AsPlanned2012,
            "unified_2020_planned",
        ),
    ] {
        let s = choice(model, year, timeline);
        group.bench_function(name, |b| b.iter(|| analysis::analyze_in(&s, &warm)));
    }
    // The first analysis of a scenario: nothing remembered from an earlier one.
    let cold = choice("independent", 2012, TimelineChoice::AsHappened);
    group.bench_function("independent_2012_cold", |b| {
        b.iter(|| analysis::analyze_in(&cold, &analysis::Memos::new()))
    });
    // A model not analysed before: the flights are known, no reach test is.
    let other = choice("coordinated", 2012, TimelineChoice::AsHappened);
    group.bench_function("coordinated_2012_first_time", |b| {
        b.iter(|| {
            warm.forget_reach();
            analysis::analyze_in(&other, &warm)
        })
    });
    // What the slider does: each step a different year, all three results anew.
    let years: Vec<Scenario> = (2011..=2018)
        .map(|y| choice("coordinated", y, TimelineChoice::AsHappened))
        .collect();
    let mut k = 0;
    group.bench_function("year_change", |b| {
        b.iter(|| {
            k = (k + 1) % years.len();
            analysis::analyze_in(&years[k], &warm)
        })
    });
    let reference = scenario::built_in();
    group.bench_function("with_uncertainty_2012", |b| {
        b.iter(|| analysis::analyze_with_spread_in(&reference, &warm))
    });
    // What the window computes at start-up: the reference and both ends, nothing remembered.
    group.bench_function("with_uncertainty_2012_cold", |b| {
        b.iter(|| analysis::analyze_with_spread_in(&reference, &analysis::Memos::new()))
    });
    // The same changes from scratch: empty memos (and basemaps) each iteration.
    group.bench_function("model_change_cold", |b| {
        b.iter(|| analysis::analyze_in(&other, &analysis::Memos::new()))
    });
    group.bench_function("year_change_cold", |b| {
        b.iter(|| {
            k = (k + 1) % years.len();
            analysis::analyze_in(&years[k], &analysis::Memos::new())
        })
    });
    // An uncertainty-only change: one bound moved, so the two ends are new and the reference is
    // not; warm (the worker's memos) and cold.
    let bounds: Vec<Scenario> = [3.4, 3.6]
        .into_iter()
        .map(|high| {
            let mut s = scenario::built_in();
            if let Some(b) = s
                .interceptor_types
                .iter_mut()
                .find(|t| t.id == "sm3-ib")
                .and_then(|t| t.uncertainty.get_mut("burnout_kms"))
            {
                b.for_defence = high;
            }
            s
        })
        .collect();
    group.bench_function("uncertainty_change", |b| {
        b.iter(|| {
            k = (k + 1) % bounds.len();
            analysis::analyze_with_spread_in(&bounds[k], &warm)
        })
    });
    group.bench_function("uncertainty_change_cold", |b| {
        b.iter(|| {
            k = (k + 1) % bounds.len();
            analysis::analyze_with_spread_in(&bounds[k], &analysis::Memos::new())
        })
    });
    group.finish();

    // The engagement views: one engagement (flight, sightings, window) and one fan.
    let spec = analysis::EngagementSpec {
        battery: "patrol_emed".into(),
        interceptor: "sm3-ia".into(),
        launch_site: "tabriz".into(),
        target: "athens".into(),
        launch: analysis::Launch::Cued,
    };
    c.bench_function("engagement_tabriz_athens", |b| {
        b.iter(|| analysis::engagement_in(&reference, &spec, &warm))
    });
    let deveselu = reference.site("deveselu").expect("deveselu");
    let ib = reference
        .interceptor_types
        .iter()
        .find(|t| t.id == "sm3-ib")
        .expect("sm3-ib");
    let interceptor = analysis::Interceptor::new(ib, deveselu.lon, deveselu.lat, (100.0, 550.0));
    let earth = analysis::Earth::of(&reference.assumptions);
    c.bench_function("flyout_fan_deveselu_ib", |b| {
        b.iter(|| analysis::flyout(&interceptor, 325.0, &earth, 900.0))
    });

    let r1 = V3::from_lon_lat(17.1, 54.5) * 6371.0;
    let r2 = V3::from_lon_lat(5.0, 68.0) * 7271.0;
    c.bench_function("lambert_one_solve", |b| {
        b.iter(|| analysis::lambert(r1, r2, 400.0, 398_600.441_8))
    });
}

criterion_group!(benches, analysis);
criterion_main!(benches);
