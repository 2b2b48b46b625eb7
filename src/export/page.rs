//! Page sizes: pixels for slides, paper at a resolution for print, and the layout units the page
//! is designed in.
//!
//! A page is laid out in *layout pixels* (CSS pixels, 1/96 inch), the unit the window draws in, so
//! symbols, line widths and labels keep their on-screen size relative to the text around them.
//! A 3840×2160 slide is the 1920×1080 page at two output pixels per layout pixel; A4 at 300 dpi
//! is 1122.5×793.7 layout pixels at 3.125.

use std::fmt;

/// The format of an export.
///
/// ```
/// use bmd_atlas::export::Format;
/// assert_eq!(Format::from_path(std::path::Path::new("brief.PDF")), Some(Format::Pdf));
/// assert_eq!(Format::from_path(std::path::Path::new("brief.txt")), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// A raster image, drawn directly (no SVG on the way).
    #[default]
    Png,
    /// The vector page itself.
    Svg,
    /// One PDF page, converted with svg2pdf; text stays text.
    Pdf,
}

impl Format {
    /// The format a file name's extension asks for.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Png => "PNG",
            Format::Svg => "SVG",
            Format::Pdf => "PDF",
        })
    }
}

/// ISO paper sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Paper {
    A4,
    A3,
}

impl Paper {
    /// Long and short side, millimetres.
    pub fn mm(self) -> [f32; 2] {
        match self {
            Paper::A4 => [297.0, 210.0],
            Paper::A3 => [420.0, 297.0],
        }
    }
}

/// Which way up the paper is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

/// The size of the page.
///
/// ```
/// use bmd_atlas::export::{Orientation, PageSize, Paper};
/// let slide = PageSize::Pixels { width: 3840, height: 2160 };
/// assert_eq!(slide.pixels(), [3840, 2160]);
/// assert_eq!(slide.pixels_per_point(), 2.0);
/// assert_eq!(slide.layout_size(), [1920.0, 1080.0]);
///
/// let a4 = PageSize::Paper { paper: Paper::A4, orientation: Orientation::Landscape, dpi: 300.0 };
/// assert_eq!(a4.pixels(), [3508, 2480]);
/// let [w, h] = a4.pdf_points();
/// assert!((w - 841.89).abs() < 0.01 && (h - 595.28).abs() < 0.01);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PageSize {
    /// A slide or screen image of exactly this many pixels.
    Pixels { width: u32, height: u32 },
    /// Paper at a resolution (dots per inch) for the PNG.
    Paper {
        paper: Paper,
        orientation: Orientation,
        dpi: f32,
    },
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize::Pixels {
            width: 1920,
            height: 1080,
        }
    }
}

/// The design size of a page in layout pixels: pixel pages up to this size are laid out at one
/// output pixel per layout pixel, larger ones are scaled up to keep this proportion.
const DESIGN_SIZE: [f32; 2] = [1920.0, 1080.0];

/// Layout pixels per inch (CSS).
const LAYOUT_DPI: f32 = 96.0;

impl PageSize {
    /// The paper's size in millimetres, width first; `None` for pixel pages.
    pub fn mm(&self) -> Option<[f32; 2]> {
        match *self {
            PageSize::Pixels { .. } => None,
            PageSize::Paper {
                paper, orientation, ..
            } => {
                let [long, short] = paper.mm();
                Some(match orientation {
                    Orientation::Landscape => [long, short],
                    Orientation::Portrait => [short, long],
                })
            }
        }
    }

    /// The raster size in pixels (the PNG's size).
    pub fn pixels(&self) -> [u32; 2] {
        match *self {
            PageSize::Pixels { width, height } => [width, height],
            PageSize::Paper { dpi, .. } => {
                let [w, h] = self.mm().unwrap_or(DESIGN_SIZE);
                let px = |mm: f32| (mm / 25.4 * dpi).round().max(1.0) as u32;
                [px(w), px(h)]
            }
        }
    }

    /// Output pixels per layout pixel.
    pub fn pixels_per_point(&self) -> f32 {
        match *self {
            PageSize::Pixels { width, height } => (width as f32 / DESIGN_SIZE[0])
                .min(height as f32 / DESIGN_SIZE[1])
                .max(1.0),
            PageSize::Paper { dpi, .. } => (dpi / LAYOUT_DPI).max(f32::MIN_POSITIVE),
        }
    }

    /// The page size in layout pixels.
    pub fn layout_size(&self) -> [f32; 2] {
        match self.mm() {
            Some([w, h]) => [w / 25.4 * LAYOUT_DPI, h / 25.4 * LAYOUT_DPI],
            None => {
                let [w, h] = self.pixels();
                let k = self.pixels_per_point();
                [w as f32 / k, h as f32 / k]
            }
        }
    }

    /// The PDF page size in points (1/72 inch): the paper's size, or the layout size at 96 per
    /// inch for pixel pages.
    pub fn pdf_points(&self) -> [f32; 2] {
        let [w, h] = self.layout_size();
        [w * 72.0 / LAYOUT_DPI, h * 72.0 / LAYOUT_DPI]
    }

    /// The resolution to record in a PNG: the paper's dpi, or 96 per layout pixel for pixel
    /// pages (so PNG, SVG and PDF have the same nominal size).
    pub fn dpi(&self) -> f32 {
        match *self {
            PageSize::Paper { dpi, .. } => dpi,
            PageSize::Pixels { .. } => LAYOUT_DPI * self.pixels_per_point(),
        }
    }
}

impl fmt::Display for PageSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [w, h] = self.pixels();
        match *self {
            PageSize::Pixels { .. } => write!(f, "{w}×{h} px"),
            PageSize::Paper {
                paper,
                orientation,
                dpi,
            } => {
                let o = match orientation {
                    Orientation::Landscape => "landscape",
                    Orientation::Portrait => "portrait",
                };
                write!(f, "{paper:?} {o} at {dpi} dpi ({w}×{h} px)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_pixel_pages_are_not_scaled_down() {
        let p = PageSize::Pixels {
            width: 800,
            height: 600,
        };
        assert_eq!(p.pixels_per_point(), 1.0);
        assert_eq!(p.layout_size(), [800.0, 600.0]);
    }

    #[test]
    fn a3_portrait_is_tall() {
        let p = PageSize::Paper {
            paper: Paper::A3,
            orientation: Orientation::Portrait,
            dpi: 300.0,
        };
        assert_eq!(p.pixels(), [3508, 4961]);
        assert_eq!(p.to_string(), "A3 portrait at 300 dpi (3508×4961 px)");
    }
}
