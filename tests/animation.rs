//! Animated briefings from the command line, read back with the `gif` and `png` decoders: frame
//! count, size, delays and loop count; a year's frame is that year's still page; a cancelled
//! animation leaves no file, and a write error names the file.

use std::path::{Path, PathBuf};

use bmd_atlas::cli::{self, export::ExportArgs};
use bmd_atlas::export::{
    Animate, AnimationError, AnimationFormat, Timing, frames, write_animation,
};
use bmd_atlas::scenario;

use crate::common::BUILT_IN_FILE;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-anim-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn export(extra: &[&str]) -> Result<String, String> {
    let mut args = vec![
        "export",
        BUILT_IN_FILE,
        "--detail",
        "coarse",
        "--as-of",
        "2026-12-07T00:00Z",
    ];
    args.extend_from_slice(extra);
    let args: ExportArgs = cli::parse_args(args).map_err(|e| e.to_string())?;
    cli::export::run(&args)
}

/// A GIF read back: each frame as RGBA with its delay (hundredths of a second), the loop
/// setting, the size. Frames after the first are rectangles over the one before (disposal
/// "keep"), composed here as a viewer shows them.
type Gif = (Vec<(Vec<u8>, u16)>, gif::Repeat, [u16; 2]);

fn read_gif(path: &Path) -> Gif {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let file = std::fs::File::open(path).expect("the GIF is there");
    let mut decoder = options.read_info(file).expect("a GIF");
    let size = [decoder.width(), decoder.height()];
    let width = usize::from(size[0]);
    let mut canvas = vec![0u8; width * usize::from(size[1]) * 4];
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("a frame") {
        if frames.is_empty() {
            assert_eq!(
                [frame.width, frame.height],
                size,
                "the first frame is whole"
            );
        }
        assert_eq!(frame.dispose, gif::DisposalMethod::Keep);
        let (left, top, w) = (
            usize::from(frame.left),
            usize::from(frame.top),
            usize::from(frame.width),
        );
        for (row, pixels) in frame.buffer.chunks_exact(w * 4).enumerate() {
            let at = ((top + row) * width + left) * 4;
            canvas[at..at + w * 4].copy_from_slice(pixels);
        }
        frames.push((canvas.clone(), frame.delay));
    }
    (frames, decoder.repeat(), size)
}

fn read_png_rgba(path: &Path) -> (Vec<u8>, [u32; 2]) {
    let decoder = png::Decoder::new(std::fs::File::open(path).expect("the PNG is there"));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let rgba = match info.color_type {
        png::ColorType::Rgb => buf[..info.buffer_size()]
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        _ => buf[..info.buffer_size()].to_vec(),
    };
    (rgba, [info.width, info.height])
}

#[test]
fn a_year_animation_is_a_gif_of_every_years_page() {
    let dir = temp_dir("years");
    let gif_path = dir.join("epaa.gif");
    let out = gif_path.to_str().unwrap_or_default();
    let said = export(&[
        "--animate",
        "years",
        "--from",
        "2014",
        "--to",
        "2017",
        "--size",
        "480x270",
        "--out",
        out,
    ])
    .expect("writes the animation");
    assert!(said.contains("GIF, 480×270 px, 4 frames"), "{said}");
    let (frames, repeat, size) = read_gif(&gif_path);
    assert_eq!(size, [480, 270]);
    assert_eq!(frames.len(), 4);
    let delays: Vec<u16> = frames.iter().map(|(_, d)| *d).collect();
    assert_eq!(delays, [200, 100, 100, 200], "1 fps, the ends held 1 s");
    assert_eq!(repeat, gif::Repeat::Infinite);

    // The 2016 frame is the still page of 2016, within what 256 colours allow.
    let still = dir.join("2016.png");
    export(&[
        "--year",
        "2016",
        "--size",
        "480x270",
        "--no-embed",
        "--out",
        still.to_str().unwrap_or_default(),
    ])
    .expect("the still page");
    let (page, [w, h]) = read_png_rgba(&still);
    assert_eq!([w, h], [480, 270]);
    let frame = &frames[2].0;
    let close = page
        .chunks_exact(4)
        .zip(frame.chunks_exact(4))
        .filter(|(a, b)| (0..3).all(|c| a[c].abs_diff(b[c]) <= 24))
        .count();
    let share = close as f64 / f64::from(w * h);
    assert!(
        share > 0.99,
        "{:.2} % of pixels within 24/255",
        share * 100.0
    );

    // The first and last frames differ where the subtitle names the year.
    let row = |f: &[u8], y: usize| f[y * 480 * 4..(y + 1) * 480 * 4].to_vec();
    let subtitle_differs = (20..60).any(|y| row(&frames[0].0, y) != row(&frames[3].0, y));
    assert!(subtitle_differs, "the year in the subtitle changes");

    // Played once when asked.
    export(&[
        "--animate",
        "years",
        "--from",
        "2015",
        "--to",
        "2016",
        "--size",
        "160x90",
        "--play-once",
        "--out",
        out,
    ])
    .expect("writes");
    assert_eq!(read_gif(&gif_path).1, gif::Repeat::Finite(0));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn a_model_animation_is_an_animated_png() {
    let dir = temp_dir("models");
    let path = dir.join("models.png");
    export(&[
        "--animate",
        "models",
        "--fps",
        "2",
        "--hold",
        "0",
        "--size",
        "320x180",
        "--out",
        path.to_str().unwrap_or_default(),
    ])
    .expect("writes");
    let decoder = png::Decoder::new(std::fs::File::open(&path).expect("written"));
    let mut reader = decoder.read_info().expect("a PNG");
    let control = reader.info().animation_control.expect("animated");
    let models = scenario::built_in().models.len() as u32;
    assert_eq!((control.num_frames, control.num_plays), (models, 0));
    let mut buf = vec![0; reader.output_buffer_size()];
    let mut delays = Vec::new();
    // Frames after the first are the rectangle that changed, over the frame before: composed
    // here as a viewer does.
    let mut canvas = vec![0u8; 320 * 180 * 3];
    for i in 0..models {
        let info = reader.next_frame(&mut buf).expect("a frame");
        let fc = reader.info().frame_control.expect("frame control");
        if i == 0 {
            assert_eq!(
                [info.width, info.height],
                [320, 180],
                "the first frame is whole"
            );
        }
        assert!(fc.x_offset + fc.width <= 320 && fc.y_offset + fc.height <= 180);
        let (x, y, w) = (
            fc.x_offset as usize,
            fc.y_offset as usize,
            fc.width as usize,
        );
        for (row, pixels) in buf[..info.buffer_size()].chunks_exact(w * 3).enumerate() {
            let at = ((y + row) * 320 + x) * 3;
            canvas[at..at + w * 3].copy_from_slice(pixels);
        }
        delays.push((fc.delay_num, fc.delay_den));
    }
    // The last frame composed is the still page of the last model (lossless: exactly).
    let last = scenario::built_in()
        .models
        .last()
        .expect("models")
        .id
        .clone();
    let still = dir.join("last.png");
    export(&[
        "--model",
        &last,
        "--size",
        "320x180",
        "--no-embed",
        "--out",
        still.to_str().unwrap_or_default(),
    ])
    .expect("the still page");
    let (page, _) = read_png_rgba(&still);
    let rgb: Vec<u8> = page
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    assert!(rgb == canvas, "the composed last frame is the still page");
    assert!(delays.iter().all(|d| *d == (50, 100)), "{delays:?}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn a_cancelled_animation_leaves_no_file_and_a_write_error_names_it() {
    let dir = temp_dir("cancel");
    let path = dir.join("never.gif");
    let s = scenario::built_in();
    let frames = frames(
        &s,
        &Animate::Years {
            from: 2010,
            to: 2015,
        },
    )
    .expect("frames");
    let timing = Timing {
        fps: 1.0,
        hold_s: 0.0,
        plays: None,
    };
    let blank = |_: &bmd_atlas::export::AnimationFrame| Ok(vec![200u8; 64 * 36 * 4]);
    let result = write_animation(
        &path,
        AnimationFormat::Gif,
        [64, 36],
        timing,
        &frames,
        blank,
        |done, _| done < 2,
    );
    assert_eq!(result, Err(AnimationError::Cancelled));
    let left: Vec<_> = std::fs::read_dir(&dir).expect("dir").collect();
    assert!(left.is_empty(), "nothing left behind: {left:?}");
    // An older animation there stays as it was.
    std::fs::write(&path, b"older").expect("an older file");
    let again = write_animation(
        &path,
        AnimationFormat::Apng,
        [64, 36],
        timing,
        &frames,
        blank,
        |_, _| false,
    );
    assert_eq!(again, Err(AnimationError::Cancelled));
    assert_eq!(std::fs::read(&path).expect("kept"), b"older");
    // A folder that does not exist: the message names the file and the folder.
    let nowhere = dir.join("missing").join("a.gif");
    let err = write_animation(
        &nowhere,
        AnimationFormat::Gif,
        [64, 36],
        timing,
        &frames,
        blank,
        |_, _| true,
    )
    .expect_err("no folder");
    let text = err.to_string();
    assert!(
        text.contains("missing/a.gif") && text.contains("check that the folder"),
        "{text}"
    );
    // A frame that cannot be drawn is named.
    let err = write_animation(
        &path,
        AnimationFormat::Gif,
        [64, 36],
        timing,
        &frames,
        |f| {
            if f.label == "2012" {
                Err("no pixels".to_owned())
            } else {
                blank(f)
            }
        },
        |_, _| true,
    )
    .expect_err("a frame fails");
    assert!(
        err.to_string().contains("frame 3 (2012): no pixels"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).expect("kept"), b"older");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn animation_arguments_are_checked_before_anything_is_drawn() {
    let err =
        export(&["--animate", "years", "--from", "2030", "--out", "x.gif"]).expect_err("2030");
    assert!(err.contains("--from 2030"), "{err}");
    let err = export(&["--animate", "years", "--out", "x.pdf"]).expect_err("pdf");
    assert!(err.contains("GIF (.gif) or an animated PNG"), "{err}");
    let err = export(&["--animate", "models", "--fps", "0", "--out", "y.gif"]).expect_err("fps");
    assert!(err.contains("frames per second"), "{err}");
    assert!(!Path::new("y.gif").exists() && !Path::new("x.gif").exists());
    let err = export(&["--fps", "4", "--out", "still.png"]).expect_err("no --animate");
    assert!(err.contains("--fps") && err.contains("--animate"), "{err}");
}

/// In the window: Space plays the years and stops them; the Scenario tab's buttons play the
/// years and the models.
#[test]
fn space_and_the_buttons_play_the_scenario_in_the_window() {
    use bmd_atlas::app::playback::Playing;
    use egui_kittest::kittest::Queryable;
    let mut h = crate::common::harness_with(bmd_atlas::app::AppState::built_in(), [1600.0, 1000.0]);
    crate::common::wait_for_label(&mut h, "▶ Play the years");
    h.key_press_modifiers(egui::Modifiers::NONE, egui::Key::Space);
    h.run();
    assert_eq!(
        h.state().state.scenario_playback.playing,
        Some(Playing::Years)
    );
    crate::common::wait_for_label(&mut h, "■ Stop the years");
    h.key_press_modifiers(egui::Modifiers::NONE, egui::Key::Space);
    h.run();
    assert_eq!(h.state().state.scenario_playback.playing, None);
    h.get_by_label("▶ Play the models").click();
    h.run();
    assert_eq!(
        h.state().state.scenario_playback.playing,
        Some(Playing::Models)
    );
}

/// Answers every export question with one file.
struct SaveTo(PathBuf);

impl bmd_atlas::app::dialogs::FileDialogs for SaveTo {
    fn ask(&mut self, q: &bmd_atlas::app::dialogs::FileQuestion) -> bmd_atlas::app::dialogs::Asked {
        use bmd_atlas::app::dialogs::{Asked, Purpose, Reply};
        Asked::Now(if q.purpose == Purpose::Export {
            Reply::Chosen(self.0.clone())
        } else {
            Reply::Cancelled
        })
    }
}

/// Steps the window until the animation worker is done; returns its outcome.
fn wait_for_animation(
    h: &mut egui_kittest::Harness<'static, bmd_atlas::app::AtlasApp>,
) -> Result<String, String> {
    let start = std::time::Instant::now();
    loop {
        if let Some(done) = h.state().state.animation.last.clone() {
            return done;
        }
        assert!(
            start.elapsed() < crate::common::DEADLINE,
            "the animation did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
}

/// File ▸ Export animation… writes the models as a GIF on a worker thread; Cancel stops a long
/// one and leaves no file.
#[test]
fn the_window_exports_an_animation_and_cancels_one() {
    use egui_kittest::kittest::Queryable;
    let dir = temp_dir("window");
    let out = dir.join("models.gif");
    let mut state = bmd_atlas::app::AppState::built_in();
    state.dialogs = Box::new(SaveTo(out.clone()));
    let mut h = crate::common::harness_with(state, [1600.0, 1000.0]);
    crate::common::wait_for_label(&mut h, "File");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export animation…").click();
    h.run();
    h.get_by_label("The cooperation models in turn").click();
    h.get_by_label("1280×720").click();
    h.run();
    h.get_by_label("Export animation…").click();
    h.step();
    let said = wait_for_animation(&mut h).expect("written");
    assert!(
        said.contains("models.gif") && said.contains("3 frames"),
        "{said}"
    );
    let (frames, _, size) = read_gif(&out);
    assert_eq!((frames.len(), size), (3, [1280, 720]));

    // A long one, cancelled at once: no file.
    let long = dir.join("years.gif");
    h.state_mut().state.dialogs = Box::new(SaveTo(long.clone()));
    h.get_by_label("The years").click();
    h.run();
    h.get_by_label("Export animation…").click();
    // The file is asked for, then the worker starts and the dialog shows its progress.
    let start = std::time::Instant::now();
    while h.query_by_label("Cancel").is_none() {
        assert!(
            start.elapsed() < crate::common::DEADLINE,
            "no progress shown"
        );
        h.step();
    }
    h.get_by_label("Cancel").click();
    h.step();
    let said = wait_for_animation(&mut h).expect_err("cancelled");
    assert!(said.contains("Cancelled"), "{said}");
    assert!(!long.exists(), "no file after a cancel");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// An engagement's animation marks the threat along its flight, a frame every `--step`
/// seconds from launch to impact, the time in the subtitle and on the mark.
#[test]
fn an_engagement_animation_follows_the_threat() {
    let dir = temp_dir("engagement");
    let out = dir.join("flight.gif");
    let said = export(&[
        "--animate",
        "engagement",
        "--flyout",
        "deveselu:sm3-ib",
        "--threat",
        "tabriz:bucharest",
        "--step",
        "120",
        "--size",
        "480x270",
        "--out",
        out.to_str().unwrap_or_default(),
    ])
    .expect("writes");
    // The flight itself, as the analysis computes it.
    let s = scenario::built_in();
    let view = bmd_atlas::scenario::EngagementView {
        battery: "deveselu".into(),
        interceptor: "sm3-ib".into(),
        flyout_altitude_km: None,
        threat: Some(bmd_atlas::scenario::ThreatChoice {
            launch_site: "tabriz".into(),
            target: "bucharest".into(),
            launch_delay_s: None,
        }),
    };
    let drawing = bmd_atlas::analysis::EngagementDrawing::compute(
        &s,
        &view,
        &bmd_atlas::analysis::Memos::new(),
    );
    let Some(Ok(flight)) = &drawing.threat else {
        panic!("the flight computes");
    };
    let expected = (flight.impact_s / 120.0).ceil() as usize + 1;
    assert!(said.contains(&format!("{expected} frames")), "{said}");
    let (frames, _, _) = read_gif(&out);
    assert_eq!(frames.len(), expected);
    assert_ne!(frames[0].0, frames[1].0, "the mark moves");
    // The picture's mark is where the flight is at that time.
    let computed = bmd_atlas::picture::Computed {
        analysis: None,
        engagement: Some(&drawing),
        threat_at_s: Some(240.0),
    };
    let layers = bmd_atlas::scene::Layers {
        engagement: Some(view),
        ..Default::default()
    };
    let picture = bmd_atlas::picture::Picture::build_computed(&s, &layers, computed);
    let mark = picture.feature("threat-now").expect("marked");
    let at = flight
        .sample_near(240.0)
        .map(|p| p.pos.lon_lat())
        .expect("a sample");
    assert_eq!(
        mark.geometry,
        bmd_atlas::picture::Geometry::Point(geo::Point::new(at.0, at.1))
    );
    assert!(mark.label.starts_with("T+240 s, "), "{}", mark.label);
    // Without a threat there is nothing to follow.
    let err = export(&["--animate", "engagement", "--out", "z.gif"]).expect_err("no threat");
    assert!(
        err.contains("--flyout") && err.contains("--threat"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}
