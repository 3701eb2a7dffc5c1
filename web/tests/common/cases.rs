// The corpus postmortems the WebAssembly test draws, with the SVG the native library draws for
// them (web/tests/golden/, checked by `cargo test -p pmchart-web` on the native target and
// rewritten with PMCHART_UPDATE_GOLDEN=1). Included by web/tests/native.rs and web/tests/wasm.rs.

/// (corpus file, theme, its text, the native SVG).
pub const CASES: [(&str, &str, &str, &str); 3] = [
    (
        "0793rebecca__alx-system_engineering-devops.md",
        "light",
        include_str!("../../../../shared/corpus/postmortems/0793rebecca__alx-system_engineering-devops.md"),
        include_str!("../golden/0793rebecca__alx-system_engineering-devops.light.svg"),
    ),
    (
        "1appiah__system-devops.md",
        "dark",
        include_str!("../../../../shared/corpus/postmortems/1appiah__system-devops.md"),
        include_str!("../golden/1appiah__system-devops.dark.svg"),
    ),
    (
        "ammartica__holberton-system_engineering-devops.md",
        "light",
        include_str!("../../../../shared/corpus/postmortems/ammartica__holberton-system_engineering-devops.md"),
        include_str!("../golden/ammartica__holberton-system_engineering-devops.light.svg"),
    ),
];

/// Input the page must answer with diagnostics, never a panic: (text, file name).
pub const BAD_INPUT: [(&str, &str); 4] = [
    ("", "README.md"),
    ("{\"events\": [", "a.json"),
    ("\u{0}\u{1}binary", "README.md"),
    ("## Timeline\n- 25:99 x\n- 10:00 y\n", "README.md"),
];

/// The zone control set to a zone that does not exist: an error diagnostic, not a chart.
pub fn unknown_zone() -> serde_json::Value {
    serde_json::from_str(&pmchart_web::render(
        "## Timeline\n- 10:00 a\n",
        "README.md",
        "light",
        900,
        "Mars/Base",
    ))
    .expect("JSON out")
}
