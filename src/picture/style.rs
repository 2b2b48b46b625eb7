//! Colours by side, symbols by kind: the visual language shared by the window and the exports.

use crate::scenario::{Side, SiteKind, Status};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba([r, g, b, 255])
    }

    pub const fn with_alpha(self, a: u8) -> Rgba {
        Rgba([self.0[0], self.0[1], self.0[2], a])
    }

    /// `#rrggbb`, for SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }

    /// Opacity between 0 and 1.
    pub fn opacity(self) -> f32 {
        self.0[3] as f32 / 255.0
    }
}

pub const SEA: Rgba = Rgba::rgb(0xdc, 0xe8, 0xf0);
pub const LAND: Rgba = Rgba::rgb(0xf4, 0xf1, 0xe8);
pub const COAST: Rgba = Rgba::rgb(0x8a, 0x9b, 0xa8);
pub const BORDER: Rgba = Rgba::rgb(0xa8, 0xa0, 0x96);
pub const GRATICULE: Rgba = Rgba([0x70, 0x88, 0x99, 70]);
pub const CITY: Rgba = Rgba::rgb(0x44, 0x44, 0x44);
pub const LABEL: Rgba = Rgba::rgb(0x1a, 0x1a, 0x1a);
/// A leader line from a symbol to its label set further out.
pub const LEADER: Stroke = Stroke::solid(0.8, Rgba([0x44, 0x44, 0x44, 200]));
/// The analyst's annotations and the measure tool: a magenta no side and no analysis layer uses.
pub const ANNOTATION: Rgba = Rgba::rgb(0xd8, 0x1b, 0x60);
pub const HALO: Rgba = Rgba([0xff, 0xff, 0xff, 200]);
/// The width of the halo under map texts and labels (a stroke painted under the fill).
pub const HALO_WIDTH_PX: f32 = 2.0;

/// The colour of a side.
pub fn side_colour(side: Side) -> Rgba {
    match side {
        Side::UsNato => Rgba::rgb(0x1f, 0x4e, 0xa8),
        Side::Russia => Rgba::rgb(0xc0, 0x28, 0x2d),
        Side::Iran => Rgba::rgb(0x2e, 0x7d, 0x32),
        Side::Joint => Rgba::rgb(0x7b, 0x3f, 0xa0),
    }
}

/// Colours for range rings, one per interceptor type in catalogue order.
pub fn ring_colour(index: usize) -> Rgba {
    const PALETTE: [Rgba; 6] = [
        Rgba::rgb(0x1f, 0x77, 0xb4),
        Rgba::rgb(0x00, 0x9e, 0xa8),
        Rgba::rgb(0x6a, 0x3d, 0x9a),
        Rgba::rgb(0x0b, 0x3c, 0x7d),
        Rgba::rgb(0xd4, 0x6a, 0x00),
        Rgba::rgb(0x55, 0x6b, 0x2f),
    ];
    PALETTE[index % PALETTE.len()]
}

/// A line's look. `dash` is (on, off) in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub width_px: f32,
    pub colour: Rgba,
    pub dash: Option<[f32; 2]>,
}

/// The basemap's land borders.
pub const BORDER_STROKE: Stroke = Stroke::solid(0.8, BORDER);
/// The basemap's coastlines.
pub const COAST_STROKE: Stroke = Stroke::solid(0.9, COAST);

impl Stroke {
    pub const fn solid(width_px: f32, colour: Rgba) -> Stroke {
        Stroke {
            width_px,
            colour,
            dash: None,
        }
    }

    pub const fn dashed(width_px: f32, colour: Rgba, on: f32, off: f32) -> Stroke {
        Stroke {
            width_px,
            colour,
            dash: Some([on, off]),
        }
    }
}

/// Symbol shapes; the shape says the kind of object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolShape {
    TriangleUp,
    TriangleDown,
    Diamond,
    Pentagon,
    Circle,
    Square,
    Hexagon,
    Cross,
    Dot,
}

impl SymbolShape {
    /// The symbol for a kind of site.
    pub fn for_kind(kind: SiteKind) -> SymbolShape {
        match kind {
            SiteKind::InterceptorSite => SymbolShape::TriangleUp,
            SiteKind::ShipHomeport => SymbolShape::Pentagon,
            SiteKind::ShipPatrolArea => SymbolShape::Diamond,
            SiteKind::Radar => SymbolShape::Circle,
            SiteKind::CommandCentre => SymbolShape::Square,
            SiteKind::DataCentre => SymbolShape::Hexagon,
            SiteKind::IcbmBase => SymbolShape::TriangleDown,
            SiteKind::MissileLaunchArea => SymbolShape::Cross,
            SiteKind::Other => SymbolShape::Dot,
        }
    }

    /// The outline as points on a unit radius around the symbol's centre, screen axes (y down).
    pub fn outline(self) -> Vec<[f32; 2]> {
        let regular = |n: usize, start_deg: f32| -> Vec<[f32; 2]> {
            (0..n)
                .map(|i| {
                    let a = (start_deg + i as f32 * 360.0 / n as f32).to_radians();
                    [a.cos(), a.sin()]
                })
                .collect()
        };
        match self {
            SymbolShape::TriangleUp => vec![[0.0, -1.0], [0.95, 0.75], [-0.95, 0.75]],
            SymbolShape::TriangleDown => vec![[-0.95, -0.75], [0.95, -0.75], [0.0, 1.0]],
            SymbolShape::Diamond => vec![[0.0, -1.0], [0.85, 0.0], [0.0, 1.0], [-0.85, 0.0]],
            SymbolShape::Pentagon => regular(5, -90.0),
            SymbolShape::Circle | SymbolShape::Dot => regular(24, 0.0),
            SymbolShape::Square => vec![[-0.8, -0.8], [0.8, -0.8], [0.8, 0.8], [-0.8, 0.8]],
            SymbolShape::Hexagon => regular(6, 0.0),
            SymbolShape::Cross => {
                let (a, b) = (0.28, 1.0);
                vec![
                    [-a, -b],
                    [a, -b],
                    [a, -a],
                    [b, -a],
                    [b, a],
                    [a, a],
                    [a, b],
                    [-a, b],
                    [-a, a],
                    [-b, a],
                    [-b, -a],
                    [-a, -a],
                ]
            }
        }
    }

    /// The same area split into convex pieces, for back ends that fill only convex polygons.
    pub fn convex_pieces(self) -> Vec<Vec<[f32; 2]>> {
        match self {
            SymbolShape::Cross => {
                let (a, b) = (0.28, 1.0);
                vec![
                    vec![[-a, -b], [a, -b], [a, b], [-a, b]],
                    vec![[-b, -a], [b, -a], [b, a], [-b, a]],
                ]
            }
            other => vec![other.outline()],
        }
    }
}

/// How an object in this status is drawn: filled when operational, hollow otherwise.
pub fn is_filled(status: Status) -> bool {
    status == Status::Operational
}

/// Symbol radius in pixels for a kind.
pub fn symbol_radius(kind: SiteKind) -> f32 {
    match kind {
        SiteKind::InterceptorSite | SiteKind::IcbmBase => 7.0,
        SiteKind::ShipPatrolArea | SiteKind::MissileLaunchArea => 6.0,
        SiteKind::Other => 5.0,
        _ => 6.5,
    }
}

/// Label priority: higher survives collisions.
pub fn label_priority(kind: SiteKind) -> u8 {
    match kind {
        SiteKind::InterceptorSite => 100,
        SiteKind::Radar => 90,
        SiteKind::CommandCentre | SiteKind::DataCentre => 85,
        SiteKind::ShipHomeport => 80,
        SiteKind::IcbmBase => 70,
        SiteKind::MissileLaunchArea => 65,
        SiteKind::ShipPatrolArea => 60,
        SiteKind::Other => 50,
    }
}

/// Pixel size of map labels.
pub const LABEL_SIZE_PX: f32 = 12.0;
