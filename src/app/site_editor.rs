//! Editing a site in the inspector: every field, with units and valid ranges. Each change is one
//! `Command::EditSite`; typing into one text field undoes as one step.

use super::state::{Document, Edit};
use crate::command::{Command, YEARS};
use crate::scenario::{Battery, RadarCoverage, Side, SiteKind, Status, StatusChange, Timeline};

const STATUSES: [Status; 6] = [
    Status::Proposed,
    Status::Planned,
    Status::UnderConstruction,
    Status::Operational,
    Status::Closed,
    Status::Cancelled,
];

/// The edit form for site `index` of the document; returns the edits made (one
/// `Command::EditSite` for the frame's changes, inside the gesture that made them).
pub fn ui(doc: &Document, index: usize, ui: &mut egui::Ui) -> Vec<Edit> {
    let Some(original) = doc.scenario.sites.get(index).cloned() else {
        return Vec::new();
    };
    let interceptors: Vec<(String, String)> = doc
        .scenario
        .interceptor_types
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let mut site = original.clone();
    let mut gesture = Gesture::default();

    egui::Grid::new("edit-site")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            gesture.track(&text_row(ui, "Name", &mut site.name));
            gesture.track(&text_row(ui, "Map label", &mut site.short_name));
            gesture.track(&text_row(ui, "Country", &mut site.country));
            lat_lon_rows(ui, &mut site.lat, &mut site.lon, &mut gesture);
            choice(ui, "Side", &mut site.side, &Side::ALL, |s| s.label());
            ui.end_row();
            choice(ui, "Kind", &mut site.kind, &SiteKind::ALL, |k| k.label());
            ui.end_row();
            gesture.track(&text_row(ui, "Systems", &mut site.system));
            gesture.track(&text_row(ui, "SIDC (2525D / APP-6D)", &mut site.sidc));
            if let Some(e) = crate::symbology::problem(&site.sidc) {
                ui.label("");
                ui.colored_label(ui.visuals().warn_fg_color, e);
                ui.end_row();
            } else if let Ok(code) = site.sidc().parse() {
                // What the code says, as it is typed (the default's, when the field is empty).
                ui.label("");
                ui.weak(crate::symbology::describe(&code));
                ui.end_row();
            }
            ui.label("Uncertain");
            ui.checkbox(&mut site.uncertain, "position, figures or dates disputed");
            ui.end_row();
        });

    ui.add_space(6.0);
    radar(ui, &mut site.radar, &mut gesture);
    ui.add_space(6.0);
    batteries(ui, &mut site.batteries, &interceptors);
    ui.add_space(6.0);
    ui.strong("Timeline (as it happened)");
    timeline(ui, "actual", &mut site.timeline.actual);
    ui.strong("Timeline (as planned in 2012; empty = as it happened)");
    timeline(ui, "planned", &mut site.timeline.planned);
    ui.add_space(6.0);
    let notes = egui::TextEdit::multiline(&mut site.notes).desired_rows(3);
    gesture.track(&labelled(ui, "Notes", notes));
    let source = egui::TextEdit::multiline(&mut site.source).desired_rows(2);
    gesture.track(&labelled(ui, "Source (required)", source));

    let change = (site != original).then(|| Command::EditSite(Box::new(site)));
    gesture.edits(change)
}

/// Whether a typing or dragging gesture started or ended this frame.
#[derive(Default)]
pub(super) struct Gesture {
    started: bool,
    ended: bool,
}

impl Gesture {
    pub(super) fn track(&mut self, r: &egui::Response) {
        self.started |= r.gained_focus() || r.drag_started();
        self.ended |= r.lost_focus() || r.drag_stopped();
    }

    /// The frame's edits: keystrokes in one field, or one drag of a value, merge into one undo
    /// step, so a gesture's start or end goes first, then the frame's `change`.
    pub(super) fn edits(self, change: Option<Command>) -> Vec<Edit> {
        let mut edits = Vec::new();
        if self.started {
            edits.push(Edit::Gesture(true));
        }
        if self.ended {
            edits.push(Edit::Gesture(false));
        }
        edits.extend(change.map(Edit::Apply));
        edits
    }
}

pub(super) fn text_row(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    let label = ui.label(label);
    let response = ui
        .add(egui::TextEdit::singleline(value).desired_width(200.0))
        .labelled_by(label.id);
    ui.end_row();
    response
}

/// Latitude and longitude rows of a grid, in degrees within their ranges.
pub(super) fn lat_lon_rows(ui: &mut egui::Ui, lat: &mut f64, lon: &mut f64, gesture: &mut Gesture) {
    let degrees = |value, range, suffix| {
        egui::DragValue::new(value)
            .range(range)
            .speed(0.01)
            .suffix(suffix)
    };
    gesture.track(&labelled(ui, "Latitude", degrees(lat, -90.0..=90.0, "° N")));
    ui.end_row();
    gesture.track(&labelled(
        ui,
        "Longitude",
        degrees(lon, -180.0..=180.0, "° E"),
    ));
    ui.end_row();
}

/// A value with a label beside it that names it for screen readers and tests.
pub(super) fn labelled(
    ui: &mut egui::Ui,
    label: &str,
    widget: impl egui::Widget,
) -> egui::Response {
    let label = ui.label(label);
    ui.add(widget).labelled_by(label.id)
}

fn radar(ui: &mut egui::Ui, radar: &mut Option<RadarCoverage>, gesture: &mut Gesture) {
    let mut has = radar.is_some();
    ui.checkbox(&mut has, "Radar coverage");
    if has && radar.is_none() {
        *radar = Some(RadarCoverage {
            range_km: 1000.0,
            boresight_deg: 0.0,
            fov_deg: 120.0,
            min_elevation_deg: 0.0,
            uncertainty: Default::default(),
            uncertain: true,
        });
    }
    if !has {
        *radar = None;
    }
    let Some(r) = radar else { return };
    egui::Grid::new("edit-radar").num_columns(2).show(ui, |ui| {
        let range = egui::DragValue::new(&mut r.range_km)
            .range(1.0..=20_000.0)
            .speed(10.0)
            .suffix(" km");
        gesture.track(&labelled(ui, "Range", range));
        ui.end_row();
        let boresight = egui::DragValue::new(&mut r.boresight_deg)
            .range(0.0..=360.0)
            .speed(1.0)
            .suffix("° from north");
        gesture.track(&labelled(ui, "Boresight", boresight));
        ui.end_row();
        let fov = egui::DragValue::new(&mut r.fov_deg)
            .range(1.0..=360.0)
            .speed(1.0)
            .suffix("°");
        gesture.track(&labelled(ui, "Field of view", fov));
        ui.end_row();
        ui.label("Uncertain");
        ui.checkbox(&mut r.uncertain, "range or sector disputed");
        ui.end_row();
    });
}

/// A drop-down of `options`, named by the label beside it.
fn choice<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    options: &[T],
    name: impl Fn(T) -> &'static str,
) {
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(name(*value))
        .show_ui(ui, |ui| {
            for &o in options {
                ui.selectable_value(value, o, name(o));
            }
        })
        .response
        .labelled_by(label.id);
}

fn batteries(ui: &mut egui::Ui, batteries: &mut Vec<Battery>, interceptors: &[(String, String)]) {
    ui.strong("Interceptors (rings)");
    let mut remove = None;
    for (i, b) in batteries.iter_mut().enumerate() {
        ui.push_id(("battery", i), |ui| {
            ui.horizontal(|ui| {
                let name = interceptors
                    .iter()
                    .find(|(id, _)| *id == b.interceptor)
                    .map_or(b.interceptor.clone(), |(_, n)| n.clone());
                let label = ui.label("Type");
                egui::ComboBox::from_id_salt("type")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        for (id, n) in interceptors {
                            ui.selectable_value(&mut b.interceptor, id.clone(), n);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                let mut count = b.count.unwrap_or(0);
                labelled(ui, "Count", egui::DragValue::new(&mut count).range(0..=500));
                b.count = (count > 0).then_some(count);
                if ui.small_button("Remove").clicked() {
                    remove = Some(i);
                }
            });
            timeline(ui, "battery", &mut b.timeline.actual);
        });
    }
    if let Some(i) = remove {
        batteries.remove(i);
    }
    if let Some((id, _)) = interceptors.first()
        && ui.small_button("Add interceptors").clicked()
    {
        batteries.push(Battery {
            interceptor: id.clone(),
            count: None,
            timeline: Timeline::from_year(2012, Status::Operational),
        });
    }
}

fn timeline(ui: &mut egui::Ui, id: &str, changes: &mut Vec<StatusChange>) {
    let mut remove = None;
    ui.push_id(id, |ui| {
        for (i, c) in changes.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.push_id(i, |ui| {
                    labelled(
                        ui,
                        "From",
                        egui::DragValue::new(&mut c.year).range(1950..=2100),
                    );
                    choice(ui, "status", &mut c.status, &STATUSES, Status::label);
                    if ui
                        .small_button("✕")
                        .on_hover_text("Remove this change")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                });
            });
        }
        if ui.small_button("Add a change").clicked() {
            let year = changes.last().map_or(*YEARS.start(), |c| c.year + 1);
            changes.push(StatusChange {
                year,
                status: Status::Operational,
                note: String::new(),
            });
        }
    });
    if let Some(i) = remove {
        changes.remove(i);
    }
    changes.sort_by_key(|c| c.year);
}
