//! Colours. Strong colours only carry meaning (the impact, the kinds of events, the phases); the
//! rest is greys. Kind colours are the Okabe-Ito palette, which stays distinct for the common
//! colour-vision deficiencies; every kind also has its own marker shape.

use crate::layout::{Ink, Lane};
use crate::model::EventKind;

/// Colour theme of the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// GitHub's dark background.
    Dark,
}

impl Theme {
    /// Every theme, by its name on the command line.
    pub const ALL: [(&'static str, Theme); 2] = [("light", Theme::Light), ("dark", Theme::Dark)];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

const fn hex(v: u32) -> Rgb {
    Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

struct Palette {
    background: Rgb,
    surface: Rgb,
    text: Rgb,
    muted: Rgb,
    grid: Rgb,
    rule: Rgb,
    vermillion: Rgb,
    orange: Rgb,
    sky_blue: Rgb,
    reddish_purple: Rgb,
    blue: Rgb,
    bluish_green: Rgb,
    dead_end: Rgb,
}

const LIGHT: Palette = Palette {
    background: hex(0xffffff),
    surface: hex(0xf6f8fa),
    text: hex(0x1f2328),
    muted: hex(0x59636e),
    grid: hex(0xe6eaef),
    rule: hex(0xd1d9e0),
    vermillion: hex(0xd55e00),
    orange: hex(0xe69f00),
    sky_blue: hex(0x56b4e9),
    reddish_purple: hex(0xcc79a7),
    blue: hex(0x0072b2),
    bluish_green: hex(0x009e73),
    dead_end: hex(0x818b98),
};

// Dark: the same hues, the blue lifted so it reads on a dark page.
const DARK: Palette = Palette {
    background: hex(0x0d1117),
    surface: hex(0x151b23),
    text: hex(0xe6edf3),
    muted: hex(0x9198a1),
    grid: hex(0x21262d),
    rule: hex(0x3d444d),
    vermillion: hex(0xe3691a),
    orange: hex(0xe69f00),
    sky_blue: hex(0x56b4e9),
    reddish_purple: hex(0xd889b5),
    blue: hex(0x3a8fd6),
    bluish_green: hex(0x19b088),
    dead_end: hex(0x8b949e),
};

fn palette(theme: Theme) -> &'static Palette {
    match theme {
        Theme::Light => &LIGHT,
        Theme::Dark => &DARK,
    }
}

/// The colour of a kind's marker and bars.
pub fn kind_color(theme: Theme, kind: EventKind) -> Rgb {
    let p = palette(theme);
    match kind {
        EventKind::Trigger => p.vermillion,
        EventKind::Detect => p.orange,
        EventKind::Acknowledge => p.sky_blue,
        EventKind::Escalate => p.reddish_purple,
        EventKind::Action => p.blue,
        EventKind::Misleading => p.dead_end,
        EventKind::Mitigate | EventKind::Resolve => p.bluish_green,
        EventKind::Note => p.muted,
    }
}

pub fn color(theme: Theme, ink: Ink) -> Rgb {
    let p = palette(theme);
    match ink {
        Ink::Text => p.text,
        Ink::Muted => p.muted,
        Ink::Grid => p.grid,
        Ink::Rule => p.rule,
        Ink::Surface => p.surface,
        Ink::Background => p.background,
        Ink::Impact => p.vermillion,
        Ink::Kind(k) => kind_color(theme, k),
        Ink::Lane(l) => match l {
            Lane::Detection => p.orange,
            Lane::Investigation => p.blue,
            Lane::Escalation => p.reddish_purple,
            Lane::Mitigation | Lane::Resolution => p.bluish_green,
        },
    }
}
