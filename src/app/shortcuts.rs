//! Keyboard shortcuts. `COMMAND` is Cmd on macOS and Ctrl elsewhere.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::AppState;
use super::files::Replace;

pub fn handle(state: &mut AppState, ctx: &egui::Context) {
    let pressed =
        |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)));
    let shift = Modifiers::COMMAND | Modifiers::SHIFT;
    // Consume the longer shortcuts first, or Cmd+S would also match Cmd+Shift+S.
    if pressed(shift, Key::Z) || pressed(Modifiers::COMMAND, Key::Y) {
        state.redo();
    } else if pressed(Modifiers::COMMAND, Key::Z) {
        state.undo();
    }
    if pressed(shift, Key::S) {
        state.save_as();
    } else if pressed(Modifiers::COMMAND, Key::S) {
        state.save();
    }
    if pressed(Modifiers::COMMAND, Key::E) {
        super::export_dialog::open(state);
    }
    if pressed(Modifiers::COMMAND, Key::N) {
        state.request(Replace::New);
    }
    if pressed(Modifiers::COMMAND, Key::O) {
        state.request(Replace::Open(None));
    }
    if pressed(Modifiers::COMMAND, Key::Q) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
    // The rest act on the map, and only when no text field has focus.
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    if pressed(Modifiers::COMMAND, Key::D) {
        state.duplicate_selected();
    }
    let key = |k: Key| ctx.input(|i| i.key_pressed(k));
    if key(Key::Delete) {
        state.delete_selected();
    }
    if key(Key::Escape) {
        state.placing = None;
    }
    if key(Key::Home) {
        state.fit();
    }
    let centre = [state.view.size_px[0] / 2.0, state.view.size_px[1] / 2.0];
    if key(Key::Plus) || key(Key::Equals) {
        state.view.zoom_about(centre, 1.5);
    }
    if key(Key::Minus) {
        state.view.zoom_about(centre, 1.0 / 1.5);
    }
    let step = 100.0;
    let pan = [
        (Key::ArrowLeft, [step, 0.0]),
        (Key::ArrowRight, [-step, 0.0]),
        (Key::ArrowUp, [0.0, step]),
        (Key::ArrowDown, [0.0, -step]),
    ];
    for (k, delta) in pan {
        if key(k) {
            state.view.pan_by_pixels(delta);
        }
    }
}
