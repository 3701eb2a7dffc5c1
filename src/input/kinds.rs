//! What a timeline entry means, from its words: detected → detect, escalated to X → escalate with
//! actor X, rolled back → mitigate, resolved → resolve, ... An author's tag (`[escalate]`,
//! `[kind: mitigate]`) overrides the guess.

use crate::model::EventKind;

/// The kind the author wrote as a tag in the entry, and the text without the tag.
/// Recognised: a trailing or leading `[kind]`, `[kind: kind]`, `{kind}` naming a kind or synonym.
pub fn explicit_kind(text: &str) -> Option<(EventKind, String)> {
    let t = text.trim();
    for (open, close) in [('[', ']'), ('{', '}')] {
        // Trailing tag.
        if let Some(body) = t.strip_suffix(close) {
            if let Some(at) = body.rfind(open) {
                let inner = &body[at + open.len_utf8()..];
                let inner = inner.strip_prefix("kind:").unwrap_or(inner);
                if let Some(k) = EventKind::parse(inner) {
                    return Some((k, body[..at].trim_end().to_string()));
                }
            }
        }
        // Leading tag.
        if let Some(rest) = t.strip_prefix(open) {
            if let Some(at) = rest.find(close) {
                let inner = &rest[..at];
                let inner = inner.strip_prefix("kind:").unwrap_or(inner);
                if let Some(k) = EventKind::parse(inner) {
                    return Some((k, rest[at + close.len_utf8()..].trim_start().to_string()));
                }
            }
        }
    }
    None
}

/// The words that give each kind away, strongest kind first (the order breaks ties).
const RULES: &[(EventKind, &[&str])] = &[
    (
        EventKind::Misleading,
        &[
            "misleading",
            "red herring",
            "ruled out",
            "ruling out",
            "wrongly",
            "dead end",
            "dead-end",
            "turned out to be",
            "rabbit hole",
            "wild goose",
            "wild geese",
            "assumed",
            "assume ",
            "assumption",
            "assuming",
            "suspected",
            "suspecting",
            "suspect",
        ],
    ),
    (EventKind::Escalate, &["escalat"]),
    (
        EventKind::Resolve,
        &[
            "resolved",
            "resolution",
            "restored",
            "back online",
            "back to normal",
            "fully operational",
            "closed",
            "recovered",
            "recovery",
            "returned to normal",
            "service resumed",
            "normal service",
            "restoration",
            "became accessible",
            "accessible again",
            "back up and running",
            "operational again",
        ],
    ),
    (
        EventKind::Mitigate,
        &[
            "rolled back",
            "rollback",
            "roll back",
            "rolling back",
            "reverted",
            "revert",
            "patched",
            "patch",
            "restarted",
            "restart",
            "rebooted",
            "reboot",
            "fix deployed",
            "deployed a fix",
            "fix was deployed",
            "fixed",
            "mitigat",
            "workaround",
            "corrected",
            "scaled up",
            "renewed",
        ],
    ),
    (
        EventKind::Acknowledge,
        &[
            "acknowledged",
            "acknowledgement",
            "acknowledgment",
            "paged",
            "responded",
            "on-call engineer",
            "on-call team",
        ],
    ),
    (
        EventKind::Detect,
        &[
            "detected",
            "detect",
            "alert fired",
            "alerts fired",
            "alert triggered",
            "alert went off",
            "alerted",
            "alarm",
            "noticed",
            "reported",
            "complain",
            "identified the issue",
            "outage notification",
            "first identified",
        ],
    ),
    (
        EventKind::Trigger,
        &[
            "deployment of",
            "deploy of",
            "deploy started",
            "deployment started",
            "was deployed to production",
            "deploy began",
            "config push",
            "configuration push",
            "outage begins",
            "outage began",
            "update deployed",
            "upgrades implementation",
            "crashed",
        ],
    ),
    (
        EventKind::Note,
        &["postmortem", "post-mortem", "post-incident"],
    ),
];

/// Byte index of the first word-start match of any of `needles` in `hay`.
fn first_match(hay: &str, needles: &[&str]) -> Option<usize> {
    needles
        .iter()
        .filter_map(|n| {
            hay.match_indices(n)
                // Word start: "detected" but not "undetected".
                .find(|(i, _)| *i == 0 || !hay.as_bytes()[i - 1].is_ascii_alphabetic())
                .map(|(i, _)| i)
        })
        .min()
}

/// Guesses the kind from the entry's words (its label and text).
///
/// The words that come first decide: in "Alert fired, on-call paged" the entry is a detection,
/// in "Paged the on-call after the alert" an acknowledgement. A dead-end word in the first
/// sentence wins over everything: "Assumed a DDoS and restarted the firewall" is not a mitigation;
/// a resolution in the first sentence wins over a mitigation.
pub fn guess(text: &str) -> EventKind {
    let t = text.to_lowercase();
    let first_sentence = t.find(". ").unwrap_or(t.len());
    let mut best: Option<(usize, EventKind)> = None;
    for (kind, words) in RULES {
        if let Some(at) = first_match(&t, words) {
            if *kind == EventKind::Misleading && at < first_sentence {
                return EventKind::Misleading;
            }
            if best.is_none_or(|(b, _)| at < b) {
                best = Some((at, *kind));
            }
        }
    }
    // "Patched the leak, and the system was fully restored": the outcome is what the entry marks.
    if let Some((_, EventKind::Mitigate)) = best {
        let resolved = RULES
            .iter()
            .find(|(k, _)| *k == EventKind::Resolve)
            .and_then(|(_, words)| first_match(&t, words));
        if resolved.is_some_and(|at| at < first_sentence) {
            return EventKind::Resolve;
        }
    }
    match best {
        Some((_, k)) => k,
        // Nouns only hint: "Alert acknowledged" is an acknowledgement, a bare "Monitoring alert" a
        // detection.
        None if first_match(&t, &["alert", "monitoring"]).is_some() => EventKind::Detect,
        None => EventKind::Action,
    }
}

/// Who an escalation went to: "escalated to the DB team" → "DB team".
pub fn escalation_actor(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.find("escalat")?;
    let rest_l = &lower[at..];
    let to = rest_l.find(" to ")?;
    if to > 30 {
        return None;
    }
    let start = at + to + 4;
    let rest = &text[start..];
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    // Stop at the end of the noun phrase.
    let stops = [
        "for", "after", "as", "who", "which", "to", "because", "when", "and", "but", "with", "in",
        "due", "since", "where", "that", "so",
    ];
    if let Some(p) = words.iter().position(|w| {
        stops.contains(
            &w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
        )
    }) {
        words.truncate(p);
    }
    let mut words: Vec<&str> = words
        .into_iter()
        .skip_while(|w| matches!(w.to_lowercase().as_str(), "the" | "our" | "a" | "an"))
        .collect();
    words.truncate(8);
    let actor = words
        .join(" ")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!actor.is_empty()).then_some(actor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_words() {
        for (s, k) in [
            ("Issue detected by monitoring alert", EventKind::Detect),
            ("Users reported 500 errors", EventKind::Detect),
            ("Customers complained about slow pages", EventKind::Detect),
            (
                "On-call engineer acknowledged the page",
                EventKind::Acknowledge,
            ),
            ("Incident escalated to the DB team", EventKind::Escalate),
            ("Assumed a DDoS attack", EventKind::Misleading),
            ("Network ruled out; a red herring", EventKind::Misleading),
            ("Rolled back the deployment", EventKind::Mitigate),
            ("Fix deployed to production", EventKind::Mitigate),
            ("Service fully restored", EventKind::Resolve),
            ("Incident closed", EventKind::Resolve),
            ("Checked application logs", EventKind::Action),
            // The words that come first decide.
            ("Alert fired, on-call paged", EventKind::Detect),
            ("Paged the on-call after the alert", EventKind::Acknowledge),
            ("Restarted the cache; traffic restored", EventKind::Resolve),
            (
                "Restarted the cache. Traffic restored later",
                EventKind::Mitigate,
            ),
            ("Full restoration was achieved", EventKind::Resolve),
            // A dead end in the first sentence wins over later words.
            (
                "Assumed a DDoS and restarted the firewall",
                EventKind::Misleading,
            ),
            (
                "Restarted the API. It had been assumed to leak",
                EventKind::Mitigate,
            ),
        ] {
            assert_eq!(guess(s), k, "{s}");
        }
    }

    #[test]
    fn author_tags_override() {
        assert_eq!(
            explicit_kind("Called the DBA [escalate]"),
            Some((EventKind::Escalate, "Called the DBA".to_string()))
        );
        assert_eq!(
            explicit_kind("[kind: mitigate] Flipped the flag"),
            Some((EventKind::Mitigate, "Flipped the flag".to_string()))
        );
        assert_eq!(explicit_kind("See [docs]"), None);
    }

    #[test]
    fn escalation_names_the_team() {
        assert_eq!(
            escalation_actor("Incident escalated to the DB team for review").as_deref(),
            Some("DB team")
        );
        assert_eq!(
            escalation_actor("Escalated to senior engineers.").as_deref(),
            Some("senior engineers")
        );
        assert_eq!(escalation_actor("Escalation began"), None);
    }
}
