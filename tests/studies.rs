//! Published-study settings: one undoable command, the study's conclusion next to the app's, and
//! the export's source line naming it.

use bmd_atlas::analysis::studies;
use bmd_atlas::cli::analyze as cli;
use bmd_atlas::command::{Command, History};
use bmd_atlas::scenario;

#[test]
fn a_study_is_one_undoable_command_and_sets_only_what_it_states() {
    let mut s = scenario::built_in();
    // An edit made before the study stays.
    s.assumptions.decision_delay_s = 75.0;
    let before = s.clone();
    let mut history = History::default();
    history
        .apply(&mut s, Command::ApplyStudy("postol-lewis-2007".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    let gbi = s.interceptor_types.iter().find(|t| t.id == "gbi-2stage");
    assert_eq!(gbi.map(|t| t.burnout_kms), Some(9.0));
    assert_eq!(s.assumptions.study.as_deref(), Some("postol-lewis-2007"));
    // What the study does not state is left as it was.
    let ib = |s: &scenario::Scenario| {
        s.interceptor_types
            .iter()
            .find(|t| t.id == "sm3-ib")
            .map(|t| t.burnout_kms)
    };
    assert_eq!(ib(&s), ib(&before));
    assert_eq!(
        s.assumptions.decision_delay_s,
        before.assumptions.decision_delay_s
    );
    assert!(history.undo(&mut s));
    assert_eq!(s, before);
    let err = Command::ApplyStudy("nrc-2099".into())
        .apply(&mut s)
        .unwrap_err();
    assert!(err.contains("mda-2007"), "{err}");
}

#[test]
fn each_study_is_set_beside_what_the_app_computes() {
    for st in &studies::STUDIES {
        let s = on_study(st.id);
        let r = crate::common::analyze(&s);
        let verdict = studies::verdict(st, &r);
        let judged = !matches!(st.finding, studies::Finding::NotJudged(_));
        let compared = verdict.starts_with("agrees") || verdict.starts_with("differs");
        assert_eq!(compared, judged, "{}: {verdict}", st.id);
        assert!(verdict.contains("ICBM flights"), "{}: {verdict}", st.id);
        for (site, t) in st.batteries {
            let asked = r
                .icbm
                .batteries
                .iter()
                .any(|b| b.site_id == *site && b.interceptor_id == *t);
            assert!(asked, "{}: {site} {t} is in the question", st.id);
        }
        for (id, v) in st.speeds {
            let speed = s.interceptor_types.iter().find(|x| x.id == *id);
            assert_eq!(speed.map(|x| x.burnout_kms), Some(*v), "{}", st.id);
        }
        for (id, t) in st.burn_times_s {
            let burn = s.missile_types.iter().find(|x| x.id == *id);
            assert_eq!(burn.map(|x| x.burn_time_s), Some(*t), "{}", st.id);
        }
    }
    // At 9 km/s the GBI reaches every flight: the app agrees with Postol & Lewis.
    let mut s = scenario::built_in();
    Command::ApplyStudy("postol-lewis-2007".into())
        .apply(&mut s)
        .unwrap_or_else(|e| panic!("{e}"));
    let st = studies::study("postol-lewis-2007").unwrap_or_else(|| panic!("study"));
    assert!(studies::verdict(st, &crate::common::analyze(&s)).starts_with("agrees"));
}

#[test]
fn study_on_the_command_line_and_in_the_source_line() {
    let args =
        cli::parse_args(["analyze", "--study", "mda-2007"]).unwrap_or_else(|e| panic!("{e}"));
    let table = cli::run(&args).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        table.contains("Settings of MDA 2007") && table.contains("This app:"),
        "{table}"
    );
    let mut s = scenario::built_in();
    Command::ApplyStudy("mda-2007".into())
        .apply(&mut s)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(studies::brief(&s.assumptions).starts_with("Settings of MDA 2007"));
    // Every study on the command line, and the page's source line names it, analysis layer
    // or not.
    for st in &studies::STUDIES {
        let args = cli::parse_args(["analyze", "--study", st.id]).unwrap_or_else(|e| panic!("{e}"));
        let table = cli::run(&args).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            table.contains(&format!("Settings of {}", st.name)),
            "{}",
            st.id
        );
        let s = on_study(st.id);
        let layers = bmd_atlas::scene::Layers::default();
        let picture = bmd_atlas::picture::Picture::build(&s, &layers, None);
        let named = picture.assumptions.unwrap_or_default();
        assert!(
            named.contains(&format!("Settings of {}", st.name)),
            "{named}"
        );
    }
    let bad = cli::parse_args(["analyze", "--study", "x"]).map(|a| cli::run(&a));
    assert!(bad.is_ok_and(|r| r.is_err_and(|e| e.starts_with("--study x"))));
}

#[test]
fn in_the_window_a_study_is_chosen_from_the_assumptions_and_undone() {
    use crate::common::wait_for_label;
    use bmd_atlas::app::AppState;
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;
    let mut h = crate::common::harness_with(AppState::built_in(), [1500.0, 4000.0]);
    wait_for_label(&mut h, "Assumptions");
    h.get_by_label("Assumptions").click();
    h.run();
    wait_for_label(&mut h, "Published study settings");
    h.get_by_label("Published study settings").click();
    h.run();
    wait_for_label(&mut h, "Postol & Lewis 2007");
    h.get_by_label("Postol & Lewis 2007").click();
    h.run();
    let study = |h: &egui_kittest::Harness<'static, bmd_atlas::app::AtlasApp>| {
        h.state().state.doc.scenario.assumptions.study.clone()
    };
    assert_eq!(study(&h).as_deref(), Some("postol-lewis-2007"));
    crate::common::run_until(&mut h, "the study's conclusion beside the verdict", |h| {
        h.query_by_label_contains("The study: with a burnout speed")
            .is_some()
            && h.query_by_label_contains(
                "Not stated by the study, so left as it was: launch timing",
            )
            .is_some()
    });
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(study(&h), None, "undo restores the assumptions");
}

#[test]
fn the_russian_threshold_case_adds_a_baltic_sm3_iia_and_a_later_study_leaves_it_and_says_so() {
    let mut s = scenario::built_in();
    let iia_in_the_baltic = |s: &scenario::Scenario| {
        s.site("patrol_baltic")
            .is_some_and(|x| x.batteries.iter().any(|b| b.interceptor == "sm3-iia"))
    };
    assert!(
        !iia_in_the_baltic(&s),
        "the reference has no IIA in the Baltic"
    );
    let mut history = History::default();
    history
        .apply(&mut s, Command::ApplyStudy("russian-mod-2012".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(iia_in_the_baltic(&s));
    let iia = |s: &scenario::Scenario| {
        s.interceptor_types
            .iter()
            .find(|t| t.id == "sm3-iia")
            .map(|t| t.burnout_kms)
    };
    assert_eq!(iia(&s), Some(4.0));
    assert_eq!(crate::common::analyze(&s).study_left_as_it_was, None);
    // The next study sets only what it states: the Russian speed and the Baltic IIA stay, and
    // the analysis names them as not at the reference.
    history
        .apply(&mut s, Command::ApplyStudy("nrc-2012".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(iia(&s), Some(4.0));
    assert!(iia_in_the_baltic(&s));
    let liquid = s.missile_types.iter().find(|m| m.id == "r-36m2");
    assert_eq!(
        liquid.map(|m| m.burn_time_s),
        Some(240.0),
        "NRC: about four minutes"
    );
    let r = crate::common::analyze(&s);
    let left = r.study_left_as_it_was.clone().unwrap_or_default();
    for named in [
        "interceptor_types sm3-iia.burnout_kms 4 (reference ",
        "sites patrol_baltic.batteries edited",
    ] {
        assert!(left.contains(named), "{named:?} in {left:?}");
    }
    let table = bmd_atlas::analysis::table(&s, &r);
    assert!(
        table.contains("so left as it was: every interceptor speed")
            && table.contains("Not at the reference: "),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&bmd_atlas::analysis::json(&r)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["study"]["id"], "nrc-2012");
    assert_eq!(
        json["study"]["left_as_it_was_not_at_reference"].as_str(),
        Some(left.as_str())
    );
    assert!(history.undo(&mut s) && history.undo(&mut s));
    assert_eq!(s, scenario::built_in(), "undo restores everything");
}

#[test]
fn the_nrc_setting_is_not_compared_because_the_study_leaves_russia_out() {
    let mut s = scenario::built_in();
    Command::ApplyStudy("nrc-2012".into())
        .apply(&mut s)
        .unwrap_or_else(|e| panic!("{e}"));
    let st = studies::study("nrc-2012").unwrap_or_else(|| panic!("study"));
    let verdict = studies::verdict(st, &crate::common::analyze(&s));
    assert!(
        verdict.starts_with("not compared: the study leaves Russia"),
        "{verdict}"
    );
}

/// `docs/analysis.md`'s table of studies and the app's verdict say the same of MDA 2007 and of
/// Postol & Lewis 2007: "Differs" in the doc where the app prints "differs", "Yes" where it
/// prints "agrees".
#[test]
fn the_docs_and_the_app_give_the_same_verdict_on_each_compared_study() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/analysis.md"))
        .unwrap_or_else(|e| panic!("docs/analysis.md: {e}"));
    for (id, row_starts) in [
        ("mda-2007", "| **MDA** (Obering 2007"),
        ("postol-lewis-2007", "| **Postol & Lewis** (2007)"),
    ] {
        let row = doc
            .lines()
            .find(|l| l.starts_with(row_starts))
            .unwrap_or_else(|| panic!("{id}: no row starting {row_starts:?} in docs/analysis.md"));
        // Columns: the study, what the app finds, whether it agrees, why.
        let agreement = row.split(" | ").nth(2).unwrap_or("").trim();
        let Some(st) = studies::study(id) else {
            panic!("{id}: no such study");
        };
        let mut s = scenario::built_in();
        Command::ApplyStudy(id.into())
            .apply(&mut s)
            .unwrap_or_else(|e| panic!("{e}"));
        let verdict = studies::verdict(st, &crate::common::analyze(&s));
        let app_agrees = verdict.starts_with("agrees");
        let doc_agrees = agreement.starts_with("Yes");
        assert_eq!(
            doc_agrees, app_agrees,
            "{id}: the doc says {agreement:?}, the app {verdict:?}"
        );
    }
}

/// The verdict's reason is worked out from the analysis, not chosen by the sign of the result:
/// its counts per launch rule are the rows', and which input makes the difference follows the
/// inputs (the Russian MoD's 4 km/s SM-3 IIA: the launch rule while a fixed launch reaches some
/// flight, the speed once no rule does).
#[test]
fn a_study_verdict_names_the_input_that_makes_the_difference() {
    let st = studies::study("russian-mod-2012").unwrap_or_else(|| panic!("study"));
    let mut s = on_study(st.id);
    let r = crate::common::analyze(&s);
    let verdict = studies::verdict(st, &r);
    let i = &r.icbm;
    let mine: Vec<usize> = (0..i.batteries.len())
        .filter(|&b| {
            let x = &i.batteries[b];
            st.batteries
                .iter()
                .any(|(site, t)| x.site_id == *site && x.interceptor_id == *t)
        })
        .collect();
    for (l, launch) in i.launches.iter().enumerate() {
        let reached: std::collections::BTreeSet<_> = i
            .rows
            .iter()
            .filter(|x| x.reachable && x.launch == l && mine.contains(&x.battery))
            .map(|x| (x.base, x.missile_id.clone(), x.target))
            .collect();
        let rule = match launch {
            bmd_atlas::analysis::Launch::Fixed(_) => format!("at {}", launch.label()),
            bmd_atlas::analysis::Launch::Cued => "cued".to_owned(),
        };
        let said = format!("{rule}: {}", reached.len());
        assert!(verdict.contains(&said), "{said} in {verdict}");
    }
    assert!(
        verdict.contains("The launch rule makes the difference"),
        "{verdict}"
    );
    // Launched only late, no rule reaches anything: the speed is what differs.
    s.assumptions.icbm_launch_delays_s = vec![300.0];
    let verdict = studies::verdict(st, &crate::common::analyze(&s));
    assert!(
        verdict.contains("The speed makes the difference") && verdict.contains("at 300 s: 0"),
        "{verdict}"
    );
}

/// The built-in scenario on the settings of the study `id`.
fn on_study(id: &str) -> scenario::Scenario {
    let mut s = scenario::built_in();
    Command::ApplyStudy(id.into())
        .apply(&mut s)
        .unwrap_or_else(|e| panic!("{e}"));
    s
}
