//! `bmd-atlas export FILE --animate years|models --out epaa.gif`: an animated briefing from the
//! command line. Every frame is the still page of its year or model (the same request, the
//! same drawing), with the frame's year or model in the subtitle.

use std::io::IsTerminal;

use super::export::{AnimateArg, ExportArgs, options, request_of};
use crate::export::{
    Animate, AnimationFormat, ExportRequest, Format, PageSize, Rasteriser, Timing, frames,
    write_animation,
};
use crate::scenario::YEARS;

/// Writes the animation `args` ask for; returns the line saying what was written.
pub(super) fn run(args: &ExportArgs) -> Result<String, String> {
    let format = AnimationFormat::from_path(&args.out).ok_or_else(|| {
        format!(
            "{}: an animation is a GIF (.gif) or an animated PNG (.png, .apng); choose one of those names",
            args.out.display()
        )
    })?;
    if args.paper.is_some() {
        return Err("--paper: an animation is a slide; give its size in pixels with --size".into());
    }
    let size = args.size.map_or([1920, 1080], |s| [s.width, s.height]);
    let page = PageSize::Pixels {
        width: size[0],
        height: size[1],
    };
    let mut base = request_of(args, Format::Png, page)?;
    let what = match args.animate {
        Some(AnimateArg::Models) => Animate::Models,
        Some(AnimateArg::Engagement) => flight_times(args, &mut base)?,
        _ => Animate::Years {
            from: args.from.unwrap_or(*YEARS.start()),
            to: args.to.unwrap_or(*YEARS.end()),
        },
    };
    let frames = frames(&base.scenario, &what)?;
    let timing = Timing {
        fps: args.fps.unwrap_or(1.0),
        hold_s: args.hold.unwrap_or(1.0),
        plays: args.play_once.then_some(1),
    };
    let mut rasteriser = Rasteriser::default();
    let draw = |frame: &crate::export::AnimationFrame| -> Result<Vec<u8>, String> {
        let options = options(args, &frame.scenario, None, page, Format::Png)?;
        let request = frame.page(&base, options);
        request.rgba(&mut rasteriser).map_err(|e| e.to_string())
    };
    // A progress line on a terminal, rewritten in place; nothing in a pipe or a log.
    let terminal = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if terminal {
            eprint!("\rframe {done} of {total}");
            if done == total {
                eprintln!();
            }
        }
        true
    };
    let written = write_animation(&args.out, format, size, timing, &frames, draw, progress)
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "wrote {}: {}, {}×{} px, {} frames, {:.1} s, {}",
        args.out.display(),
        match format {
            AnimationFormat::Gif => "GIF",
            AnimationFormat::Apng => "animated PNG",
        },
        size[0],
        size[1],
        written.frames,
        written.duration_s,
        crate::format::megabytes(written.bytes)
    ))
}

/// The times of an engagement animation: every `--step` seconds of the threat's flight, from
/// launch to impact. The flight is computed once here and kept in `base` for every frame.
fn flight_times(args: &ExportArgs, base: &mut ExportRequest) -> Result<Animate, String> {
    let view = base
        .layers
        .engagement
        .clone()
        .filter(|v| v.threat.is_some())
        .ok_or(
            "--animate engagement: give the battery with --flyout and the threat with --threat",
        )?;
    let step = args.step.unwrap_or(30.0);
    if !(step.is_finite() && (1.0..=600.0).contains(&step)) {
        return Err(format!("--step {step}: give from 1 to 600 seconds"));
    }
    let drawing = crate::analysis::EngagementDrawing::compute(
        &base.scenario,
        &view,
        &crate::analysis::Memos::with_basemaps(base.basemaps.clone()),
    );
    let impact_s = match &drawing.threat {
        Some(Ok(e)) => e.impact_s,
        Some(Err(e)) => return Err(format!("--threat: {e}")),
        None => return Err("--threat: no threat to follow".to_owned()),
    };
    base.engagements[0] = Some(std::sync::Arc::new(drawing));
    Ok(Animate::flight(impact_s, step))
}
