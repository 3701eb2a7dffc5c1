//! Document facts (sections, word counts) the template checks rely on, on real postmortems.

use pmchart::input::{markdown, ReadOptions};

fn corpus_file(name: &str) -> Option<String> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/postmortems")
        .join(name);
    // The corpus missing fails the test rather than skipping it.
    Some(std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}

#[test]
fn sections_of_a_heading_style_postmortem() {
    let Some(text) = corpus_file("abuegila__alx-system_engineering-devops.md") else {
        return;
    };
    let p = markdown::read(&text, &ReadOptions::default()).expect("reads");
    let doc = p.incident.document.expect("document facts");
    for s in &doc.sections {
        println!(
            "{} {:?} words={} items={}",
            s.level, s.title, s.word_count, s.list_items
        );
    }
    println!("total words {}", doc.word_count);
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(titles.contains(&"Issue Summary"), "{titles:?}");
    assert!(titles.contains(&"Timeline"), "{titles:?}");
    let timeline = doc.sections.iter().find(|s| s.title == "Timeline").unwrap();
    assert_eq!(timeline.list_items, 12);
    let todo = doc
        .sections
        .iter()
        .find(|s| s.title == "TODO List")
        .unwrap();
    assert_eq!(todo.list_items, 5);
    assert!(
        doc.word_count > 200 && doc.word_count < 2000,
        "{}",
        doc.word_count
    );
}

#[test]
fn plain_title_lines_are_sections() {
    let Some(text) = corpus_file("2virtual__alx-system_engineering-devops.md") else {
        return;
    };
    let p = markdown::read(&text, &ReadOptions::default()).expect("reads");
    let doc = p.incident.document.expect("document facts");
    for s in &doc.sections {
        println!(
            "{} {:?} words={} items={}",
            s.level, s.title, s.word_count, s.list_items
        );
    }
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(titles.contains(&"Issue Summary"), "{titles:?}");
    assert!(titles.contains(&"Timeline"), "{titles:?}");
    assert!(titles.contains(&"Root Cause and Resolution"), "{titles:?}");
    assert!(doc.sections.iter().all(|s| s.level == 7 || s.level <= 6));
}
