//! Keyboard shortcuts: the commands' own keys come from the registry ([`super::commands`]).
//!
//! Only arrow-key panning is handled here. It is view navigation, like dragging, rather than a
//! command: one motion in four directions, with no menu entry or button to name it, so four
//! registry entries would add nothing but noise to the menu-less part of `UiCommand::ALL`.

use egui::{self, Key};

use super::AppState;
use super::commands;

/// How far one press of an arrow key pans, in pixels.
const PAN_STEP: f32 = 100.0;

/// Runs the commands whose shortcuts were pressed, then pans for the arrow keys.
pub fn handle(state: &mut AppState, ctx: &egui::Context) {
    commands::handle_shortcuts(state, ctx);
    // Arrow keys move the text cursor while a field has focus.
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    let pan = [
        (Key::ArrowLeft, [PAN_STEP, 0.0]),
        (Key::ArrowRight, [-PAN_STEP, 0.0]),
        (Key::ArrowUp, [0.0, PAN_STEP]),
        (Key::ArrowDown, [0.0, -PAN_STEP]),
    ];
    for (key, delta) in pan {
        if ctx.input(|i| i.key_pressed(key)) {
            state.map.view.pan_by_pixels(delta);
        }
    }
}
