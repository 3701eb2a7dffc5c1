//! Characters that must not act when pmchart quotes input: controls (ESC, BEL, CR …) and the
//! invisible bidi formats that reorder what a terminal, a CI log or a browser shows. Every output
//! that quotes input (the SVG, the README block, the diagnostics) drops or replaces them, using
//! the one definition here.

/// Bidi embeddings, overrides and isolates, and characters XML forbids: never shown or written
/// as they are.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// A character that would act rather than show: a control or an invisible format.
pub fn is_active(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}
