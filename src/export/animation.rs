//! Animated briefings: a scenario played through the years or the cooperation models, every
//! frame a full page from the same path as a still export, written as GIF or APNG.
//!
//! Frames are streamed: each is drawn, encoded and dropped before the next, so memory does not
//! grow with their number. The file is written beside its destination under a temporary name
//! and renamed into place only when complete: a cancelled or failed animation leaves no file,
//! and never a half-written one over an older animation.
//!
//! GIF: one palette for the whole animation (256 colours by NeuQuant, A. Dekker, "Kohonen neural
//! networks for optimal colour quantization", Network 5, 1994, through `color_quant`), made from
//! the first frame (the map, legend and furniture it shares with every other); each pixel takes
//! its nearest palette colour, without dithering, so text and flat map colours stay crisp.
//! APNG: every frame exact (RGB, 8 bits), larger files.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::{ExportOptions, ExportRequest};
use crate::picture::{analysis_layers, engagement_layer, style};
use crate::scenario::{self, Scenario, Side};

/// What an animation steps through.
#[derive(Clone, Debug, PartialEq)]
pub enum Animate {
    /// The years `from` to `to` (inclusive), on the scenario's timeline.
    Years { from: i32, to: i32 },
    /// The scenario's cooperation models, in the file's order.
    Models,
    /// An engagement's flight: the threat marked at each of these times after its launch.
    Engagement { times_s: Vec<f64> },
}

impl Animate {
    /// An engagement's flight of `impact_s` seconds, a frame every `step_s` seconds from launch
    /// to impact (the last frame at impact).
    ///
    /// ```
    /// use bmd_atlas::export::Animate;
    /// assert_eq!(Animate::flight(70.0, 30.0), Animate::Engagement { times_s: vec![0.0, 30.0, 60.0, 70.0] });
    /// ```
    pub fn flight(impact_s: f64, step_s: f64) -> Animate {
        let steps = (impact_s / step_s).ceil().max(0.0) as usize;
        Animate::Engagement {
            times_s: (0..=steps)
                .map(|k| (k as f64 * step_s).min(impact_s))
                .collect(),
        }
    }
}

/// The file format of an animation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnimationFormat {
    /// GIF: plays in PowerPoint, Keynote, browsers and chat; 256 colours.
    Gif,
    /// Animated PNG: exact colours; plays in browsers.
    Apng,
}

impl AnimationFormat {
    /// The format a file name asks for: `.gif`, or `.png`/`.apng`.
    ///
    /// ```
    /// use bmd_atlas::export::AnimationFormat;
    /// assert_eq!(AnimationFormat::from_path("epaa.gif".as_ref()), Some(AnimationFormat::Gif));
    /// assert_eq!(AnimationFormat::from_path("epaa.apng".as_ref()), Some(AnimationFormat::Apng));
    /// assert_eq!(AnimationFormat::from_path("epaa.pdf".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<AnimationFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "gif" => Some(AnimationFormat::Gif),
            "png" | "apng" => Some(AnimationFormat::Apng),
            _ => None,
        }
    }
}

/// One frame: the scenario as that frame shows it, and what the frame is ("2016").
#[derive(Clone, Debug, PartialEq)]
pub struct AnimationFrame {
    pub scenario: Scenario,
    pub label: String,
    /// For an engagement's frame: seconds after the threat's launch.
    pub threat_at_s: Option<f64>,
}

impl AnimationFrame {
    /// The page of this frame: `base` with the frame's scenario, the threat marked at the
    /// frame's time, and `options` whose subtitle names the frame (its year, model or time)
    /// when it does not already.
    pub fn page(&self, base: &ExportRequest, mut options: ExportOptions) -> ExportRequest {
        if !options.subtitle.contains(&self.label) {
            options.subtitle = format!("{} · {}", options.subtitle, self.label);
        }
        ExportRequest {
            scenario: self.scenario.clone(),
            options,
            threat_at_s: self.threat_at_s,
            ..base.clone()
        }
    }
}

/// The frames of `what` for `base`: a year's frame is `base` in that year, a model's frame
/// `base` with that model active.
///
/// ```
/// use bmd_atlas::export::{Animate, frames};
/// let s = bmd_atlas::scenario::built_in();
/// let years = frames(&s, &Animate::Years { from: 2009, to: 2025 }).unwrap();
/// assert_eq!((years.len(), years[7].label.as_str(), years[7].scenario.year), (17, "2016", 2016));
/// assert_eq!(frames(&s, &Animate::Models).unwrap().len(), s.models.len());
/// assert!(frames(&s, &Animate::Years { from: 2020, to: 2010 }).is_err());
/// ```
pub fn frames(base: &Scenario, what: &Animate) -> Result<Vec<AnimationFrame>, String> {
    match what {
        Animate::Years { from, to } => {
            scenario::check_year(*from).map_err(|e| format!("--from {from}: {e}"))?;
            scenario::check_year(*to).map_err(|e| format!("--to {to}: {e}"))?;
            if from > to {
                return Err(format!(
                    "--from {from} is after --to {to}; the years run forward"
                ));
            }
            Ok((*from..=*to)
                .map(|year| AnimationFrame {
                    scenario: Scenario {
                        year,
                        ..base.clone()
                    },
                    label: year.to_string(),
                    threat_at_s: None,
                })
                .collect())
        }
        Animate::Models => {
            if base.models.is_empty() {
                return Err("the scenario has no cooperation model to step through".to_owned());
            }
            Ok(base
                .models
                .iter()
                .map(|m| AnimationFrame {
                    scenario: Scenario {
                        model: m.id.clone(),
                        ..base.clone()
                    },
                    label: m.name.clone(),
                    threat_at_s: None,
                })
                .collect())
        }
        Animate::Engagement { times_s } => {
            if times_s.is_empty() {
                return Err("the threat's flight has no time to step through".to_owned());
            }
            Ok(times_s
                .iter()
                .map(|t| AnimationFrame {
                    scenario: base.clone(),
                    label: format!("T+{t:.0} s"),
                    threat_at_s: Some(*t),
                })
                .collect())
        }
    }
}

/// How an animation plays.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Frames per second, 0.1 to 50.
    pub fps: f32,
    /// Extra time on the first and the last frame, seconds.
    pub hold_s: f32,
    /// How many times it plays; `None`: for ever.
    pub plays: Option<u16>,
}

impl Timing {
    /// Each frame's time on screen in hundredths of a second (GIF's unit; APNG takes the same).
    fn delays_cs(&self, count: usize) -> Result<Vec<u16>, String> {
        if !(self.fps.is_finite() && (0.1..=50.0).contains(&self.fps)) {
            return Err(format!(
                "{} frames per second: give from 0.1 to 50",
                self.fps
            ));
        }
        if !(self.hold_s.is_finite() && (0.0..=60.0).contains(&self.hold_s)) {
            return Err(format!(
                "a hold of {} s: give from 0 to 60 seconds",
                self.hold_s
            ));
        }
        let frame = (100.0 / self.fps).round().max(2.0);
        let hold = (self.hold_s * 100.0).round();
        Ok((0..count)
            .map(|i| {
                let held = if i == 0 || i + 1 == count { hold } else { 0.0 };
                (frame + held).min(f32::from(u16::MAX)) as u16
            })
            .collect())
    }
}

/// What an animation written holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub frames: usize,
    pub bytes: u64,
    /// The whole animation's playing time once through, seconds.
    pub duration_s: f32,
}

/// Why an animation was not written.
#[derive(Debug, PartialEq)]
pub enum AnimationError {
    /// The user cancelled it; nothing was written.
    Cancelled,
    /// What went wrong, naming the file.
    Failed(String),
}

impl std::fmt::Display for AnimationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnimationError::Cancelled => write!(f, "cancelled; no file was written"),
            AnimationError::Failed(e) => write!(f, "{e}"),
        }
    }
}

/// Writes `frames` as an animation of `format` to `path`, each frame `size` pixels drawn by
/// `draw` (straight RGBA, row by row). `progress(done, total)` is told after every frame and
/// cancels by returning `false`. On cancel or error no file is left at `path` (an existing file
/// there stays as it was).
pub fn write_animation(
    path: &Path,
    format: AnimationFormat,
    size: [u32; 2],
    timing: Timing,
    frames: &[AnimationFrame],
    mut draw: impl FnMut(&AnimationFrame) -> Result<Vec<u8>, String>,
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<Written, AnimationError> {
    let failed = |e: String| AnimationError::Failed(format!("{}: {e}", path.display()));
    if frames.is_empty() {
        return Err(failed("no frames to animate".to_owned()));
    }
    let delays = timing.delays_cs(frames.len()).map_err(failed)?;
    let temp = partial_path(path);
    let result = (|| {
        let file =
            File::create(&temp).map_err(|e| AnimationError::Failed(write_error(path, &e)))?;
        let mut sink =
            Sink::new(format, &file, size, frames.len(), timing.plays).map_err(failed)?;
        for (i, (frame, delay)) in frames.iter().zip(&delays).enumerate() {
            let rgba = draw(frame)
                .map_err(|e| failed(format!("frame {} ({}): {e}", i + 1, frame.label)))?;
            sink.add(&rgba, *delay).map_err(failed)?;
            if !progress(i + 1, frames.len()) {
                return Err(AnimationError::Cancelled);
            }
        }
        sink.finish().map_err(failed)?;
        file.sync_all()
            .map_err(|e| AnimationError::Failed(write_error(path, &e)))?;
        drop(file);
        std::fs::rename(&temp, path).map_err(|e| AnimationError::Failed(write_error(path, &e)))?;
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        Ok(Written {
            frames: frames.len(),
            bytes,
            duration_s: delays.iter().map(|d| f32::from(*d) / 100.0).sum(),
        })
    })();
    if result.is_err() && temp.exists() {
        // Nothing half-written is left behind; if even this fails, the error already says so.
        if let Err(e) = std::fs::remove_file(&temp) {
            return Err(failed(format!(
                "{}; and its partial file {} could not be removed: {e}",
                result.err().map_or_else(String::new, |r| r.to_string()),
                temp.display()
            )));
        }
    }
    result
}

/// The file an animation is written to before it is complete: beside `path`, hidden.
fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "animation".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.partial"))
}

fn write_error(path: &Path, e: &std::io::Error) -> String {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| ".".to_owned(), |p| p.display().to_string());
    format!(
        "{}: cannot write it ({e}); check that the folder {folder} exists and can be written",
        path.display()
    )
}

/// An encoder that takes frames one by one, writing to `file`.
enum Sink<'f> {
    Gif(Box<GifSink<'f>>),
    /// PNG writes whole chunks, so it needs no buffer of its own; the last frame (RGB, `usize`
    /// pixels a row) is kept to write the next as the rectangle that changed.
    Apng(png::Writer<&'f File>, Option<Vec<u8>>, usize),
}

impl<'f> Sink<'f> {
    fn new(
        format: AnimationFormat,
        file: &'f File,
        [w, h]: [u32; 2],
        count: usize,
        plays: Option<u16>,
    ) -> Result<Sink<'f>, String> {
        match format {
            AnimationFormat::Gif => {
                let (w, h) = (
                    u16::try_from(w).map_err(|_| format!("{w} px is wider than a GIF can be"))?,
                    u16::try_from(h).map_err(|_| format!("{h} px is taller than a GIF can be"))?,
                );
                Ok(Sink::Gif(Box::new(GifSink {
                    out: Some(BufWriter::new(file)),
                    encoder: None,
                    size: (w, h),
                    plays,
                    palette: None,
                    nearest: HashMap::new(),
                    previous: None,
                })))
            }
            AnimationFormat::Apng => {
                let mut encoder = png::Encoder::new(file, w, h);
                encoder.set_color(png::ColorType::Rgb);
                encoder.set_depth(png::BitDepth::Eight);
                encoder.set_compression(png::Compression::Fast);
                let frames = u32::try_from(count).map_err(|e| e.to_string())?;
                encoder
                    .set_animated(frames, plays.map_or(0, u32::from))
                    .map_err(|e| e.to_string())?;
                encoder
                    .write_header()
                    .map(|writer| Sink::Apng(writer, None, w as usize))
                    .map_err(|e| e.to_string())
            }
        }
    }

    fn add(&mut self, rgba: &[u8], delay_cs: u16) -> Result<(), String> {
        match self {
            Sink::Gif(gif) => gif.add(rgba, delay_cs),
            Sink::Apng(writer, previous, width) => {
                let failed = |e: png::EncodingError| e.to_string();
                writer.set_frame_delay(delay_cs, 100).map_err(failed)?;
                let rgb: Vec<u8> = rgba
                    .chunks_exact(4)
                    .flat_map(|p| [p[0], p[1], p[2]])
                    .collect();
                let Some(before) = previous.replace(rgb) else {
                    // The first frame is the whole picture (APNG's default image).
                    let first = previous.as_deref().unwrap_or_default();
                    return writer.write_image_data(first).map_err(failed);
                };
                let now = previous.as_deref().unwrap_or_default();
                let width = *width;
                let b = changed_box(&before, now, width, 3);
                // Over the frame before (dispose "none", blend "source", the defaults). The
                // offset goes to the corner first, so that the new size always fits.
                writer.reset_frame_position().map_err(failed)?;
                let size = [b[2] - b[0] + 1, b[3] - b[1] + 1].map(|v| v as u32);
                writer
                    .set_frame_dimension(size[0], size[1])
                    .map_err(failed)?;
                writer
                    .set_frame_position(b[0] as u32, b[1] as u32)
                    .map_err(failed)?;
                writer
                    .write_image_data(&crop(now, width, 3, b))
                    .map_err(failed)
            }
        }
    }

    /// Ends the file (everything written to it, nothing left in a buffer).
    fn finish(self) -> Result<(), String> {
        match self {
            Sink::Gif(gif) => gif.finish(),
            Sink::Apng(writer, ..) => writer.finish().map_err(|e| e.to_string()),
        }
    }
}

/// The colours a page must show as they are: the sides', the text's, the sea and land, and
/// the analysis, engagement and annotation colours.
fn key_colours() -> Vec<style::Rgba> {
    let mut colours: Vec<style::Rgba> = Side::ALL.iter().map(|s| style::side_colour(*s)).collect();
    colours.extend([
        style::LABEL,
        style::SEA,
        style::LAND,
        style::CITY,
        style::ANNOTATION,
        analysis_layers::DEFENDED,
        analysis_layers::PARTIAL,
        analysis_layers::UNDEFENDED,
        analysis_layers::REACHED,
        engagement_layer::FAN,
        engagement_layer::THREAT,
        engagement_layer::WINDOW,
        engagement_layer::SIGHTING,
    ]);
    colours.extend((0..6).map(style::ring_colour));
    colours
}

/// The pixels of `now` that differ from `before` (`width` pixels a row, `bytes` bytes a pixel):
/// their bounding box `[x0, y0, x1, y1]`, inclusive; the first pixel when none do (a frame
/// still holds its delay).
fn changed_box(before: &[u8], now: &[u8], width: usize, bytes: usize) -> [usize; 4] {
    let row_bytes = (width * bytes).max(1);
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    let rows = before
        .chunks_exact(row_bytes)
        .zip(now.chunks_exact(row_bytes));
    for (row, (a, b)) in rows.enumerate() {
        let differs = |(p, q): (&[u8], &[u8])| p != q;
        let pixels = || a.chunks_exact(bytes).zip(b.chunks_exact(bytes));
        if let (Some(first), Some(last)) = (pixels().position(differs), pixels().rposition(differs))
        {
            (x0, x1) = (x0.min(first), x1.max(last));
            (y0, y1) = (y0.min(row), row);
        }
    }
    if x0 == usize::MAX {
        [0, 0, 0, 0]
    } else {
        [x0, y0, x1, y1]
    }
}

/// The pixels of `picture` in the box `[x0, y0, x1, y1]` (inclusive), row by row.
fn crop(picture: &[u8], width: usize, bytes: usize, [x0, y0, x1, y1]: [usize; 4]) -> Vec<u8> {
    (y0..=y1)
        .flat_map(|y| {
            picture[(y * width + x0) * bytes..(y * width + x1 + 1) * bytes]
                .iter()
                .copied()
        })
        .collect()
}

/// The part of `now` (palette indices, `width` a row) that differs from `before`, as a GIF
/// frame placed over it.
fn changed_rectangle(before: &[u8], now: &[u8], width: u16) -> gif::Frame<'static> {
    let w = usize::from(width);
    let b = changed_box(before, now, w, 1);
    // Within the frame's u16 size: the box lies inside it.
    let dimension = |v: usize| u16::try_from(v).unwrap_or(u16::MAX);
    gif::Frame {
        left: dimension(b[0]),
        top: dimension(b[1]),
        width: dimension(b[2] - b[0] + 1),
        height: dimension(b[3] - b[1] + 1),
        buffer: crop(now, w, 1, b).into(),
        ..gif::Frame::default()
    }
}

/// GIF frames with one palette, made from the first frame.
struct GifSink<'f> {
    out: Option<BufWriter<&'f File>>,
    encoder: Option<gif::Encoder<BufWriter<&'f File>>>,
    size: (u16, u16),
    plays: Option<u16>,
    palette: Option<color_quant::NeuQuant>,
    /// Each colour seen (0xRRGGBB) and its palette index.
    nearest: HashMap<u32, u8>,
    /// The last frame's palette indices: a frame is written as the rectangle that changed
    /// from it, over it (the GIF's "keep" disposal).
    previous: Option<Vec<u8>>,
}

impl GifSink<'_> {
    fn add(&mut self, rgba: &[u8], delay_cs: u16) -> Result<(), String> {
        let (w, h) = self.size;
        if rgba.len() != usize::from(w) * usize::from(h) * 4 {
            return Err(format!(
                "a frame of {} bytes is not {w}×{h} RGBA",
                rgba.len()
            ));
        }
        if self.encoder.is_none() {
            // Every tenth pixel is plenty to learn a page's colours; the map's key colours are
            // added as if they covered a good part of it, so a colour that is rare on the first
            // frame (a side's few symbols, a legend swatch) keeps its own palette entry.
            let mut learn = rgba.to_vec();
            for c in key_colours() {
                learn.extend(std::iter::repeat_n([c.0[0], c.0[1], c.0[2], 255], 4096).flatten());
            }
            let quant = color_quant::NeuQuant::new(10, 256, &learn);
            let out = self.out.take().ok_or("the GIF file is gone")?;
            let mut encoder =
                gif::Encoder::new(out, w, h, &quant.color_map_rgb()).map_err(|e| e.to_string())?;
            let repeat = match self.plays {
                None => gif::Repeat::Infinite,
                Some(n) => gif::Repeat::Finite(n.saturating_sub(1)),
            };
            encoder.set_repeat(repeat).map_err(|e| e.to_string())?;
            self.encoder = Some(encoder);
            self.palette = Some(quant);
        }
        let (Some(encoder), Some(quant)) = (self.encoder.as_mut(), self.palette.as_ref()) else {
            return Err("the GIF encoder is gone".to_owned());
        };
        let nearest = &mut self.nearest;
        let indices: Vec<u8> = rgba
            .chunks_exact(4)
            .map(|p| {
                let key = (u32::from(p[0]) << 16) | (u32::from(p[1]) << 8) | u32::from(p[2]);
                *nearest
                    .entry(key)
                    .or_insert_with(|| quant.index_of(&[p[0], p[1], p[2], 255]) as u8)
            })
            .collect();
        let mut frame = match &self.previous {
            Some(before) => changed_rectangle(before, &indices, w),
            None => gif::Frame::from_indexed_pixels(w, h, indices.clone(), None),
        };
        frame.delay = delay_cs;
        frame.dispose = gif::DisposalMethod::Keep;
        encoder.write_frame(&frame).map_err(|e| e.to_string())?;
        self.previous = Some(indices);
        Ok(())
    }

    fn finish(self) -> Result<(), String> {
        let out = match self.encoder {
            Some(encoder) => encoder.into_inner().map_err(|e| e.to_string())?,
            None => self.out.ok_or_else(|| "the GIF file is gone".to_owned())?,
        };
        out.into_inner()
            .map(|_| ())
            .map_err(|e| e.error().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::changed_rectangle;

    #[test]
    fn a_frame_is_the_rectangle_that_changed() {
        // A 5 × 4 picture; two pixels change, at (1, 1) and (3, 2).
        let before = vec![0u8; 20];
        let mut now = before.clone();
        now[5 + 1] = 7;
        now[2 * 5 + 3] = 9;
        let f = changed_rectangle(&before, &now, 5);
        assert_eq!((f.left, f.top, f.width, f.height), (1, 1, 3, 2));
        assert_eq!(&f.buffer[..], &[7, 0, 0, 0, 0, 9]);
        // Nothing changed: one pixel, as it was.
        let same = changed_rectangle(&before, &before, 5);
        assert_eq!((same.left, same.top, same.width, same.height), (0, 0, 1, 1));
        assert_eq!(&same.buffer[..], &[0]);
    }
}
