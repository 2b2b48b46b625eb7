//! A trace of the window's frame times (`bmd-atlas --trace-frames FILE`), for measuring how the
//! window feels: one CSV row per frame with the time the app's own code took and the time the
//! whole frame took on the UI thread.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the trace is written while the window runs, seconds of app time (it is also written
/// when the window closes, so a trace survives a window that is killed).
const WRITE_EVERY_S: f64 = 2.0;

/// One frame of the trace.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameTime {
    /// The app's clock when the frame began, seconds.
    pub at_s: f64,
    /// The app's own code for this frame (panels, scene rebuild, map shapes), ms.
    pub app_ms: f64,
    /// The whole previous frame on the UI thread as eframe reports it (the app's code,
    /// tessellation and handing the frame to OpenGL, without waiting for vsync), ms; `None` on
    /// the first frame.
    pub previous_frame_ms: Option<f64>,
}

/// The frames seen so far and where they go.
#[derive(Debug)]
pub struct FrameTrace {
    path: PathBuf,
    frames: Vec<FrameTime>,
    last_written_s: f64,
}

impl FrameTrace {
    /// A trace written to `path`, which is written at once (empty but for its header) so that a
    /// path that cannot be written is refused before the window opens.
    pub fn create(path: &Path) -> Result<FrameTrace, String> {
        let trace = FrameTrace {
            path: path.to_owned(),
            frames: Vec::new(),
            last_written_s: 0.0,
        };
        trace.write()?;
        Ok(trace)
    }

    /// Adds a frame; writes the trace when it was last written a while ago.
    pub fn record(&mut self, frame: FrameTime) -> Result<(), String> {
        self.frames.push(frame);
        if frame.at_s - self.last_written_s >= WRITE_EVERY_S {
            self.last_written_s = frame.at_s;
            self.write()?;
        }
        Ok(())
    }

    /// The frames so far.
    pub fn frames(&self) -> &[FrameTime] {
        &self.frames
    }

    /// Writes every frame so far (replacing the file atomically).
    pub fn write(&self) -> Result<(), String> {
        crate::scenario::write_file(&self.path, self.csv().as_bytes())
            .map(|_| ())
            .map_err(|e| e.message(crate::scenario::Surface::Window))
    }

    /// The trace as CSV: a header, then one row per frame.
    pub fn csv(&self) -> String {
        let mut out = String::from("frame,at_s,app_ms,previous_frame_ms\n");
        for (n, f) in self.frames.iter().enumerate() {
            let previous = f
                .previous_frame_ms
                .map(|ms| format!("{ms:.3}"))
                .unwrap_or_default();
            out.push_str(&format!("{n},{:.4},{:.3},{previous}\n", f.at_s, f.app_ms));
        }
        out
    }
}

/// Milliseconds in `d`.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "bmd-atlas-frame-trace-{name}-{}",
            std::process::id()
        ));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn the_trace_is_written_at_once_then_every_few_seconds() {
        let path = temp_dir("written").join("frames.csv");
        let mut trace = FrameTrace::create(&path).unwrap();
        let read = || std::fs::read_to_string(&path).unwrap();
        assert_eq!(read(), "frame,at_s,app_ms,previous_frame_ms\n");
        let frame = |at_s, app_ms, previous_frame_ms| FrameTime {
            at_s,
            app_ms,
            previous_frame_ms,
        };
        trace.record(frame(0.5, 3.25, None)).unwrap();
        assert_eq!(read().lines().count(), 1, "not written yet: {}", read());
        trace.record(frame(2.5, 1.5, Some(4.0))).unwrap();
        assert_eq!(
            read(),
            "frame,at_s,app_ms,previous_frame_ms\n0,0.5000,3.250,\n1,2.5000,1.500,4.000\n"
        );
        assert_eq!(trace.frames().len(), 2);
    }

    #[test]
    fn a_trace_that_cannot_be_written_is_refused_naming_the_file() {
        let path = temp_dir("refused")
            .join("no such folder")
            .join("frames.csv");
        let e = FrameTrace::create(&path).unwrap_err();
        assert!(e.contains("frames.csv"), "{e}");
    }
}
