//! Text: the embedded fonts, exact measurement, wrapping and shortening, and cleaning input text
//! so that nothing from it can become markup or reorder what is shown.
//!
//! Widths come from harfrust, the shaper usvg uses to turn the chart's text into paths, with the
//! same font: a label measured here is exactly as wide as it is drawn.

use harfrust::{Direction, FontRef, Script, ShapeOptions, ShapePlan, ShaperData, UnicodeBuffer};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The family name the SVG uses; the fontdb holds exactly these two faces under it.
pub const FAMILY: &str = "Inter";

/// The embedded font of `weight` (Inter Regular or SemiBold): the same glyphs on every machine.
#[cfg(not(target_arch = "wasm32"))]
pub fn font_bytes(weight: Weight) -> &'static [u8] {
    match weight {
        Weight::Regular => include_bytes!("../../fonts/Inter-Regular.otf"),
        Weight::Semibold => include_bytes!("../../fonts/Inter-SemiBold.otf"),
    }
}

/// The embedded font of `weight`, stored deflated in the .wasm (build.rs) and inflated once.
#[cfg(target_arch = "wasm32")]
pub fn font_bytes(weight: Weight) -> &'static [u8] {
    static INFLATED: PerWeight<Vec<u8>> = PerWeight::new();
    INFLATED.get(weight, || {
        let deflated: &[u8] = match weight {
            Weight::Regular => {
                include_bytes!(concat!(env!("OUT_DIR"), "/Inter-Regular.otf.deflate"))
            }
            Weight::Semibold => {
                include_bytes!(concat!(env!("OUT_DIR"), "/Inter-SemiBold.otf.deflate"))
            }
        };
        miniz_oxide::inflate::decompress_to_vec(deflated).expect("the embedded font inflates")
    })
}

/// The two weights the chart uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// Inter Regular.
    Regular,
    /// Drawn as `font-weight="bold"`, which the fontdb resolves to Inter SemiBold (its heaviest).
    Semibold,
}

/// One value per weight, built on first use (a face, its shaper, its outlines).
pub struct PerWeight<T>([OnceLock<T>; 2]);

impl<T> Default for PerWeight<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> PerWeight<T> {
    /// Nothing built yet; usable in a `static`.
    pub const fn new() -> Self {
        PerWeight([OnceLock::new(), OnceLock::new()])
    }

    /// The value for `weight`, built by `init` the first time.
    pub fn get(&self, weight: Weight, init: impl FnOnce() -> T) -> &T {
        self.0[slot(weight)].get_or_init(init)
    }
}

struct Face {
    font: FontRef<'static>,
    data: ShaperData,
}

fn face(weight: Weight) -> &'static Face {
    static FACES: PerWeight<Face> = PerWeight::new();
    FACES.get(weight, || {
        let font = FontRef::new(font_bytes(weight)).expect("the embedded Inter font parses");
        let data = ShaperData::new(&font);
        Face { font, data }
    })
}

/// Inter's contextual alternates are off: they turn every digit-x-digit ("0x19", "0x7fff",
/// "1920x1080") into a multiplication sign, which changes what an entry says.
pub const SHAPING_FEATURES: [harfrust::Feature; 1] = [harfrust::Feature {
    tag: harfrust::Tag::new(b"calt"),
    value: 0,
    start: 0,
    end: u32::MAX,
}];

type PlanKey = (Weight, Script, Direction);
type Plans = Mutex<Vec<(PlanKey, Arc<ShapePlan>)>>;

fn plan_for(
    weight: Weight,
    script: Script,
    direction: Direction,
    shaper: &harfrust::Shaper<'_>,
) -> Arc<ShapePlan> {
    static PLANS: OnceLock<Plans> = OnceLock::new();
    let plans = PLANS.get_or_init(|| Mutex::new(Vec::new()));
    let key = (weight, script, direction);
    let mut plans = plans.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, p)) = plans.iter().find(|(k, _)| *k == key) {
        return p.clone();
    }
    let plan = Arc::new(ShapePlan::new(
        shaper,
        direction,
        Some(script),
        None,
        &SHAPING_FEATURES,
    ));
    plans.push((key, plan.clone()));
    plan
}

/// One shaped glyph: its id and where it goes, in font units from the pen position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// The glyph id in the face.
    pub id: u16,
    /// How far the pen moves.
    pub x_advance: i32,
    /// Horizontal shift of the glyph from the pen.
    pub x_offset: i32,
    /// Vertical shift of the glyph from the pen.
    pub y_offset: i32,
}

/// The shaper of a face, built once: building one for every label was 2% of a chart's time.
fn shaper(weight: Weight) -> &'static harfrust::Shaper<'static> {
    static SHAPERS: PerWeight<harfrust::Shaper<'static>> = PerWeight::new();
    SHAPERS.get(weight, || {
        let face = face(weight);
        face.data.shaper(&face.font).build()
    })
}

/// Units per em of the embedded faces.
pub fn units_per_em(weight: Weight) -> f32 {
    shaper(weight).units_per_em() as f32
}

/// A bounded cache that keeps what is in use: when the newer half is full it becomes the older
/// half and the old one is dropped, and a hit in the older half moves up. Clearing everything
/// at the bound instead made a long timeline shape its common words again after every clear
/// (cost per entry grew by a quarter from 10,000 to 100,000 entries).
struct Recent<V> {
    /// One map per weight, so that a lookup borrows the text instead of building a key.
    new: [Words<V>; 2],
    old: [Words<V>; 2],
    half: usize,
}

/// Keys hashed with foldhash: SipHash's resistance to chosen collisions buys nothing for a
/// cache of label text, and hashing was 6% of a layout.
type Words<V> = HashMap<Box<str>, V, foldhash::fast::RandomState>;

fn slot(weight: Weight) -> usize {
    match weight {
        Weight::Regular => 0,
        Weight::Semibold => 1,
    }
}

impl<V: Clone> Recent<V> {
    fn new(half: usize) -> Self {
        Recent {
            new: Default::default(),
            old: Default::default(),
            half,
        }
    }

    fn get(&mut self, weight: Weight, text: &str) -> Option<V> {
        let i = slot(weight);
        if let Some(v) = self.new[i].get(text) {
            return Some(v.clone());
        }
        let (key, v) = self.old[i].remove_entry(text)?;
        self.insert(weight, key, v.clone());
        Some(v)
    }

    fn insert(&mut self, weight: Weight, key: Box<str>, v: V) {
        if self.new[0].len() + self.new[1].len() >= self.half {
            self.old = std::mem::take(&mut self.new);
        }
        self.new[slot(weight)].insert(key, v);
    }
}

fn locked<V>(cache: &Mutex<Recent<V>>) -> std::sync::MutexGuard<'_, Recent<V>> {
    cache.lock().unwrap_or_else(|e| e.into_inner())
}

/// Shapes `text` as usvg does (harfrust, script and direction guessed), with contextual
/// alternates off ([`SHAPING_FEATURES`]).
pub fn shape(text: &str, weight: Weight) -> Arc<[ShapedGlyph]> {
    // The layout measures candidate lines and phrases, then shapes the lines it keeps for the
    // scene: recent ones are kept so that the kept line is not shaped twice.
    static SHAPED: OnceLock<Mutex<Recent<Arc<[ShapedGlyph]>>>> = OnceLock::new();
    if text.is_empty() {
        return Arc::from(Vec::new());
    }
    let cache = SHAPED.get_or_init(|| Mutex::new(Recent::new(4_096)));
    if let Some(g) = locked(cache).get(weight, text) {
        return g;
    }
    let glyphs = shape_uncached(text, weight);
    locked(cache).insert(weight, Box::from(text), glyphs.clone());
    glyphs
}

fn shape_uncached(text: &str, weight: Weight) -> Arc<[ShapedGlyph]> {
    // The shaper's buffers are reused from one label to the next (two allocations fewer each).
    thread_local! {
        static BUFFER: std::cell::Cell<Option<UnicodeBuffer>> = const { std::cell::Cell::new(None) };
    }
    let shaper = shaper(weight);
    let mut buffer = BUFFER.take().unwrap_or_default();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    // Building a shaping plan costs more than shaping a label: keep one per script and
    // direction.
    let plan = plan_for(weight, buffer.script(), buffer.direction(), shaper);
    let out = shaper.shape(buffer, ShapeOptions::new().plan(Some(&plan)));
    let glyphs = out
        .glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(i, p)| ShapedGlyph {
            id: i.glyph_id as u16,
            x_advance: p.x_advance,
            x_offset: p.x_offset,
            y_offset: p.y_offset,
        })
        .collect();
    BUFFER.set(Some(out.clear()));
    glyphs
}

/// Width in pixels of `text` set in Inter at `size` px.
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    advance_units(text, weight) as f32 * size / units_per_em(weight)
}

/// Width in pixels of glyphs shaped by [`shape`], at `size` px: [`width`] of their text.
pub fn glyphs_width(glyphs: &[ShapedGlyph], size: f32, weight: Weight) -> f32 {
    let units: i64 = glyphs.iter().map(|g| i64::from(g.x_advance)).sum();
    units as f32 * size / units_per_em(weight)
}

/// Words (no space) repeat within a chart and between charts: their advances are a vocabulary,
/// kept apart from the shaping cache so that the lines of a long timeline never evict them
/// (one cache for both made a timeline of 10,000 entries cost twice as much per entry as one
/// of 1,000).
const WORD_ENTRIES: usize = 50_000;

/// The advance of `text` in font units (size-independent), shaped exactly.
fn advance_units(text: &str, weight: Weight) -> i64 {
    static WORDS: OnceLock<Mutex<Recent<i64>>> = OnceLock::new();
    let shaped = || -> i64 {
        shape(text, weight)
            .iter()
            .map(|g| i64::from(g.x_advance))
            .sum()
    };
    // Lines and phrases go through the shaping cache.
    if text.contains(' ') || text.len() > 64 {
        return shaped();
    }
    let cache = WORDS.get_or_init(|| Mutex::new(Recent::new(WORD_ENTRIES / 2)));
    if let Some(v) = locked(cache).get(weight, text) {
        return v;
    }
    let v = shaped();
    locked(cache).insert(weight, Box::from(text), v);
    v
}

/// A quick width: the words' exact advances plus spaces, ignoring kerning across spaces.
/// Used to choose line breaks; the lines chosen are then measured exactly.
fn estimate(text: &str, size: f32, weight: Weight) -> f32 {
    let space = advance_units(" ", weight);
    let mut units = 0i64;
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            units += space;
        }
        units += advance_units(word, weight);
    }
    units as f32 * size / units_per_em(weight)
}

/// Text as it may be shown: control characters and bidi overrides removed (they could hide or
/// reorder what a reader sees), whitespace runs collapsed to one space, trimmed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            // Tabs and newlines read as spaces; other control characters vanish.
            if c.is_whitespace() {
                space = true;
            }
            continue;
        }
        if crate::inert::is_invisible_format(c) {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

const ELLIPSIS: char = '…';

/// More characters than any label can show in its lines at the widest canvas.
pub const MAX_SHOWN_CHARS: usize = 1000;

/// `text` shortened with an ellipsis to fit `max_width`; `None` when it fits as is.
pub fn shorten(text: &str, max_width: f32, size: f32, weight: Weight) -> Option<String> {
    if text.chars().count() <= MAX_SHOWN_CHARS && width(text, size, weight) <= max_width {
        return None;
    }
    let chars: Vec<char> = text.chars().take(MAX_SHOWN_CHARS).collect();
    // Binary search on the number of characters kept: width grows with it.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + &ELLIPSIS.to_string();
        if width(&candidate, size, weight) <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let kept: String = chars[..lo].iter().collect();
    Some(format!("{}{ELLIPSIS}", kept.trim_end()))
}

/// Text wrapped into at most `max_lines` lines of at most `max_width`.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    /// The lines, in order.
    pub lines: Vec<String>,
    /// Some text did not fit and was cut (the last line ends in an ellipsis).
    pub shortened: bool,
}

/// Greedy word wrap; words wider than a line are broken between characters.
pub fn wrap(text: &str, max_width: f32, size: f32, weight: Weight, max_lines: usize) -> Wrapped {
    // A label shows a few lines at most: work on a bounded prefix so that a pathological input
    // (a megabyte without spaces) costs no more than a long sentence.
    if text.chars().count() > MAX_SHOWN_CHARS {
        let head: String = text.chars().take(MAX_SHOWN_CHARS).collect();
        let mut w = wrap(&head, max_width, size, weight, max_lines);
        if !w.shortened {
            let last = w.lines.pop().unwrap_or_default();
            let cut = shorten(&format!("{last}…"), max_width, size, weight)
                .unwrap_or_else(|| format!("{last}…"));
            w.lines.push(cut);
            w.shortened = true;
        }
        return w;
    }
    // Break lines with estimated widths, then check each line exactly; should kerning across a
    // space tip a line over, wrap again measuring every candidate exactly.
    let quick = wrap_measured(text, max_width, size, weight, max_lines, estimate);
    if quick
        .lines
        .iter()
        .all(|l| width(l, size, weight) <= max_width)
    {
        return quick;
    }
    wrap_measured(text, max_width, size, weight, max_lines, width)
}

fn wrap_measured(
    text: &str,
    max_width: f32,
    size: f32,
    weight: Weight,
    max_lines: usize,
    measure: fn(&str, f32, Weight) -> f32,
) -> Wrapped {
    let max_lines = max_lines.max(1);
    // Words wider than a line become chunks that each fill one.
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut rest = word.to_string();
        while width(&rest, size, weight) > max_width && rest.chars().count() > 1 {
            let (head, tail) = split_to_fit(&rest, max_width, size, weight);
            words.push(head);
            rest = tail;
        }
        words.push(rest);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, word) in words.iter().enumerate() {
        let candidate = if current.is_empty() {
            word.clone()
        } else {
            format!("{current} {word}")
        };
        if current.is_empty() || measure(&candidate, size, weight) <= max_width {
            current = candidate;
            continue;
        }
        lines.push(std::mem::replace(&mut current, word.clone()));
        if lines.len() == max_lines {
            let rest = words[i..].join(" ");
            return finish_cut(lines, rest, max_width, size, weight);
        }
    }
    lines.push(current);
    Wrapped {
        lines,
        shortened: false,
    }
}

/// The last line gets an ellipsis to say that `rest` did not fit.
fn finish_cut(
    mut lines: Vec<String>,
    rest: String,
    max_width: f32,
    size: f32,
    weight: Weight,
) -> Wrapped {
    if rest.trim().is_empty() {
        return Wrapped {
            lines,
            shortened: false,
        };
    }
    let last = lines.pop().unwrap_or_default();
    let joined = format!("{last} {rest}");
    let cut = shorten(&joined, max_width, size, weight).unwrap_or(joined);
    lines.push(cut);
    Wrapped {
        lines,
        shortened: true,
    }
}

/// Splits a word into the longest head that fits and the rest (at least one character in head).
fn split_to_fit(word: &str, max_width: f32, size: f32, weight: Weight) -> (String, String) {
    let chars: Vec<char> = word.chars().collect();
    let (mut lo, mut hi) = (1usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let head: String = chars[..mid].iter().collect();
        if width(&head, size, weight) <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    (
        chars[..lo].iter().collect(),
        chars[lo..].iter().collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = width("Alert fired", 13.0, Weight::Regular);
        assert!(a > 50.0 && a < 90.0, "{a}");
        assert!(width("Alert fired", 26.0, Weight::Regular) > 1.99 * a);
        assert!(width("Alert fired", 13.0, Weight::Semibold) > a);
        assert_eq!(width("", 13.0, Weight::Regular), 0.0);
    }

    #[test]
    fn wrapping_keeps_every_line_within_the_width() {
        let text = "The primary database ran out of connections after the deploy of \
                    version 4.2 and every request to the checkout service timed out";
        let w = wrap(text, 200.0, 13.0, Weight::Regular, 2);
        assert_eq!(w.lines.len(), 2);
        assert!(w.shortened);
        assert!(w.lines[1].ends_with('…'));
        for l in &w.lines {
            assert!(width(l, 13.0, Weight::Regular) <= 200.0, "{l}");
        }
        let w = wrap("short", 200.0, 13.0, Weight::Regular, 2);
        assert_eq!(w.lines, vec!["short".to_string()]);
        assert!(!w.shortened);
        let long_word = "a".repeat(200);
        let w = wrap(&long_word, 100.0, 13.0, Weight::Regular, 3);
        assert_eq!(w.lines.len(), 3);
        assert!(w.shortened);
    }

    #[test]
    fn cleaning_removes_controls_and_bidi_overrides() {
        assert_eq!(clean("a\u{202E}b\u{0007}c\n\td  "), "abc d");
    }
}
