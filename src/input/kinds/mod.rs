//! What each timeline entry reports happened (`labels/KINDS.md` in the corpus is the
//! specification): first from its own words ([`judge`]: the cue table in `cues.rs`, matched on
//! whole lower-case words, the main statement weighing most, failed or pending fixes and
//! handovers settled), then from the order of the on-call flow over the whole timeline
//! ([`judge_timeline`]: one detection, the first response, hypotheses that proved right, one
//! resolution, notes after it). An author's tag (`[escalate]`, `[kind: mitigate]`) wins. Who an
//! escalation went to: [`escalation_actor`]. Every judgement says which words and rule decided
//! it, for `pmchart parse --explain`.

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

mod cues;

/// One word of an entry: its byte range in the text and its lower-case form. Cues match on the
/// lower-case words; byte ranges come from the original text only, so letters that change length
/// when lower-cased (`İ`) never shift an offset.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    lower: String,
    /// Index of the clause (split at `.`, `;`, `!`, `?`) the word is in.
    clause: usize,
    /// Part of a path or an identifier (`/transactions/notify`, `notify_users`): not prose, so
    /// no cue.
    code: bool,
}

fn words(text: &str) -> Vec<Word> {
    let runs = code_runs(text);
    let mut run = 0;
    // Words come in order, so one cursor walks the runs: linear in the text.
    let mut is_code = |start: usize| {
        while run < runs.len() && runs[run].1 <= start {
            run += 1;
        }
        runs.get(run).is_some_and(|&(a, b)| a <= start && start < b)
    };
    let mut out = Vec::new();
    let mut clause = 0;
    let mut cur: Option<usize> = None;
    let inner = |c: char| c == '-' || c == '\'' || c == '’' || c == '%';
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next_word = chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        let word_char =
            c.is_alphanumeric() || (inner(c) && cur.is_some() && (next_word || c == '%'));
        match (word_char, cur) {
            (true, None) => cur = Some(i),
            (false, Some(st)) => {
                out.push(Word {
                    start: st,
                    end: i,
                    lower: text[st..i].to_lowercase(),
                    clause,
                    code: is_code(st),
                });
                cur = None;
            }
            _ => {}
        }
        if matches!(c, '.' | ';' | '!' | '?') && !next_word {
            clause += 1;
        }
    }
    if let Some(st) = cur {
        out.push(Word {
            start: st,
            end: text.len(),
            lower: text[st..].to_lowercase(),
            clause,
            code: is_code(st),
        });
    }
    out
}

/// The runs of non-space characters that are paths or identifiers, as byte ranges: a run that
/// starts with `/`, holds two or more, a `://` or an `_` (`/transactions/notify`,
/// `notify_users`). "restart/rollback" and "and/or" stay prose.
fn code_runs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), from) {
            (false, None) => from = Some(i),
            (true, Some(f)) => {
                let run =
                    text[f..i].trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '_');
                if run.starts_with('/')
                    || run.matches('/').count() >= 2
                    || run.contains("://")
                    || run.contains('_')
                {
                    out.push((f, i));
                }
                from = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether `pattern` (`escalat*`, `_`, `on-call`) matches the word.
fn matches_word(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        _ if pattern == "_" => true,
        Some(prefix) => word.starts_with(prefix),
        None => word == pattern,
    }
}

/// The cue table indexed by its first word, built once: exact first words, and prefixes.
struct CueIndex {
    exact: std::collections::HashMap<&'static str, Vec<usize>>,
    prefixed: Vec<(&'static str, usize)>,
}

fn cue_index() -> &'static CueIndex {
    static INDEX: std::sync::OnceLock<CueIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut exact: std::collections::HashMap<&'static str, Vec<usize>> = Default::default();
        let mut prefixed = Vec::new();
        for (i, (_, phrase, _)) in cues::CUES.iter().enumerate() {
            let first = phrase.split(' ').next().unwrap_or("");
            match first.strip_suffix('*') {
                Some(p) => prefixed.push((p, i)),
                None => exact.entry(first).or_default().push(i),
            }
        }
        CueIndex { exact, prefixed }
    })
}

/// Every cue found in the words, as (first word, last word, cue index): longer phrases first,
/// so that "outage begins" is not also read as "begins", then in reading order.
fn cue_matches(ws: &[Word]) -> Vec<(usize, usize, usize)> {
    let index = cue_index();
    let mut out = Vec::new();
    for (a, w) in ws.iter().enumerate() {
        let exact = index
            .exact
            .get(w.lower.as_str())
            .into_iter()
            .flatten()
            .copied();
        let prefixed = index
            .prefixed
            .iter()
            .filter(|(p, _)| w.lower.starts_with(p))
            .map(|(_, i)| *i);
        for cue in exact.chain(prefixed) {
            let pats: Vec<&str> = cues::CUES[cue].1.split(' ').collect();
            let b = a + pats.len() - 1;
            if b < ws.len()
                && !ws[a..=b].iter().any(|w| w.code)
                && !(pats.len() == 1 && is_noun_use(ws, a))
                && pats
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, p)| matches_word(p, &ws[a + k].lower))
            {
                out.push((a, b, cue));
            }
        }
    }
    out.sort_by_key(|&(a, b, _)| (std::cmp::Reverse(b - a), a));
    out
}

/// Whether the `-ing` word at `a` is a noun ("manual reporting activated", "error log
/// reporting") rather than what someone did ("users reporting 500s", "began reporting"): as a
/// verb it follows its subject, most often plural, or an auxiliary.
fn is_noun_use(ws: &[Word], a: usize) -> bool {
    const AUXILIARIES: &[&str] = &[
        "are",
        "were",
        "is",
        "was",
        "be",
        "been",
        "began",
        "begin",
        "begins",
        "started",
        "start",
        "starts",
        "kept",
        "keep",
        "continued",
        "continue",
        "still",
        "now",
    ];
    let w = &ws[a].lower;
    if !cues::NOUNABLE.contains(&w.as_str()) {
        return false;
    }
    match a.checked_sub(1).map(|p| &ws[p]) {
        Some(prev) if prev.clause == ws[a].clause => {
            !(prev.lower.ends_with('s') || AUXILIARIES.contains(&prev.lower.as_str()))
        }
        // Opening its sentence: "Reporting was switched to manual".
        _ => true,
    }
}

/// Every place the phrase matches, as (first word, last word).
fn find_phrase(ws: &[Word], phrase: &str) -> Vec<(usize, usize)> {
    let pats: Vec<&str> = phrase.split(' ').collect();
    let mut out = Vec::new();
    if pats.is_empty() || ws.len() < pats.len() {
        return out;
    }
    for i in 0..=ws.len() - pats.len() {
        if pats
            .iter()
            .enumerate()
            .all(|(k, p)| matches_word(p, &ws[i + k].lower))
        {
            out.push((i, i + pats.len() - 1));
        }
    }
    out
}

/// How an entry's kind was decided, for `pmchart parse --explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub kind: EventKind,
    /// The rule that decided: `cues`, `tag`, or a rule of the timeline's sequence.
    pub rule: &'static str,
    /// The words that decided, as written.
    pub words: Vec<String>,
    /// Each kind's score from the cues (the sequence rules read these).
    scores: [f32; 9],
    /// Each kind's cue words as written, also for kinds that did not win: a first response
    /// that states a hypothesis is read with its dead-end words, and a kind the timeline's
    /// order settles is explained with its own words.
    cue_words: [Vec<String>; 9],
    /// The kind of the entry's first cue, when it is in its first clause: its main statement.
    lead: Option<EventKind>,
}

impl Judgement {
    /// "escalate (cues: escalated to, team)".
    pub fn explain(&self) -> String {
        if self.words.is_empty() {
            format!("{} ({})", self.kind, self.rule)
        } else {
            format!("{} ({}: {})", self.kind, self.rule, self.words.join(", "))
        }
    }

    fn score(&self, k: EventKind) -> f32 {
        self.scores[index(k)]
    }

    /// The best-scoring kind other than `not` (and the cause), with its score; `Action` with 0
    /// when no other cue was found.
    fn best_other(&self, not: EventKind) -> (EventKind, f32) {
        EventKind::ALL
            .iter()
            .copied()
            .filter(|k| *k != not && *k != EventKind::Trigger)
            .map(|k| (k, self.score(k)))
            .filter(|(_, s)| *s > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or((EventKind::Action, 0.0))
    }
}

fn index(k: EventKind) -> usize {
    EventKind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

/// When two kinds fit, the labelling rules prefer detect > escalate > resolve > mitigate >
/// misleading > acknowledge > trigger > action > note: a small bonus in that order.
fn preference(k: EventKind) -> f32 {
    match k {
        EventKind::Detect => 1.20,
        EventKind::Escalate => 1.4,
        EventKind::Resolve => 1.15,
        EventKind::Mitigate => 1.10,
        EventKind::Misleading => 1.05,
        EventKind::Acknowledge => 1.0,
        EventKind::Trigger => 1.0,
        EventKind::Action => 0.9,
        EventKind::Note => 0.9,
    }
}

/// The kind one entry's words say, before the timeline's sequence is taken into account.
///
/// Each cue found adds its weight to its kind, half again in the entry's first clause (its main
/// statement). An outcome cue (resolve, mitigate) right after a negation ("did not resolve",
/// "failed to restart") counts for a dead end instead. The best score wins, with the labelling
/// rules' preference breaking near ties; with no cue the entry is an action.
pub fn judge(text: &str) -> Judgement {
    let ws = words(text);
    let mut scores = [0f32; 9];
    let mut best_words: [Vec<String>; 9] = Default::default();
    let mut taken = vec![false; ws.len()];
    let mut found: Vec<(usize, usize, EventKind, f32)> = Vec::new();
    let background = background_clause_end(text, &ws);
    for (a, b, cue) in cue_matches(&ws) {
        let (kind, _, weight) = cues::CUES[cue];
        {
            // "After ruling out the database, focus shifted to the load balancer": the dead end
            // closed before is the background; the entry reports where the work went next.
            if kind == EventKind::Misleading && ws[b].end <= background {
                continue;
            }
            if taken[a..=b].iter().any(|t| *t) {
                continue;
            }
            taken[a..=b].iter_mut().for_each(|t| *t = true);
            let clause = ws[a].clause;
            let before = |list: &[&str], n: usize| {
                (a.saturating_sub(n)..a)
                    .any(|k| ws[k].clause == clause && list.contains(&ws[k].lower.as_str()))
            };
            // "Traffic escalates to several times the baseline": a quantity growing, not a
            // handover, unless a team or person follows ("load escalated to the SRE team").
            if kind == EventKind::Escalate
                && before(cues::QUANTITIES, 3)
                && !ws[b + 1..]
                    .iter()
                    .take(8)
                    .take_while(|w| w.clause == clause)
                    .any(|w| is_group_noun(&w.lower))
            {
                continue;
            }
            if kind == EventKind::Detect
                && cues::CHANNELS.contains(&ws[a].lower.as_str())
                && before(cues::OUTGOING, 4)
            {
                continue;
            }
            let negated = before(cues::NEGATIONS, 3);
            // "Restarted the servers but the issue persisted", and in the next sentence:
            // "Restarted the servers; the issue persisted."
            let failed = (b + 1..ws.len().min(b + 12)).any(|k| {
                ws[k].clause == clause
                    && (cues::FAILED_AFTER.contains(&ws[k].lower.as_str())
                        || ws[k].lower == "without"
                            && ws.get(k + 1).is_some_and(|w| {
                                w.clause == clause
                                    && cues::WITHOUT_RESULT.contains(&w.lower.as_str())
                            }))
            }) || {
                // After its subject, a symptom: "errors continued", "the issue persisted"; not
                // "continued monitoring" or "reconciliation continues".
                let next: Vec<&Word> = ws
                    .iter()
                    .skip_while(|w| w.clause <= clause)
                    .take_while(|w| w.clause == clause + 1)
                    .take(6)
                    .collect();
                next.iter().enumerate().any(|(k, w)| {
                    k > 0
                        && cues::FAILED_NEXT.contains(&w.lower.as_str())
                        && next[..k]
                            .iter()
                            .any(|s| cues::SYMPTOMS.iter().any(|p| matches_word(p, &s.lower)))
                })
            };
            let not_yet = before(cues::NOT_YET, 4)
                || ws.get(b + 1).is_some_and(|w| {
                    w.clause == clause && cues::PROPOSED.contains(&w.lower.as_str())
                });
            // "Engineers identified a bug preventing failover", "logs showed failover attempts":
            // the fix word is in what was found, not a step taken (a step joined on with "and"
            // or "then" is one: "identified and patched the leak").
            // (Within a few words, as every look around a cue, so a long clause stays linear.)
            let found_object = kind == EventKind::Mitigate
                && (a.saturating_sub(12)..a)
                    .rev()
                    .take_while(|&k| ws[k].clause == clause)
                    .take_while(|&k| !cues::JOINS.contains(&ws[k].lower.as_str()))
                    .any(|k| cues::FINDINGS.contains(&ws[k].lower.as_str()));
            // "Attempted to restart Nginx, but the issue persisted": a restart or more capacity
            // treats the symptom, so when it did not help the premise was wrong, a dead end
            // (KINDS.md convention 3's own example).
            let wrong_premise = failed
                && kind == EventKind::Mitigate
                && cues::SYMPTOM_TREATMENTS
                    .iter()
                    .any(|p| matches_word(p, &ws[a].lower));
            let kind = match kind {
                // (Not a restoration: "monitoring showed the system back to normal" declares it.)
                EventKind::Mitigate if found_object => EventKind::Action,
                EventKind::Mitigate if wrong_premise => EventKind::Misleading,
                // Any other fix that failed or has not happened yet is work on the incident:
                // never a mitigation (KINDS.md convention 3). A rollback or a fix that fell
                // short stood on a right premise ("Rollback completed, but errors persisted").
                EventKind::Resolve | EventKind::Mitigate if negated || failed || not_yet => {
                    EventKind::Action
                }
                EventKind::Detect if negated => EventKind::Action,
                k => k,
            };
            found.push((a, b, kind, weight));
        }
    }
    // The entry's main statement weighs most: its first cue twice, the rest of its first clause
    // half again.
    found.sort_by_key(|f| f.0);
    for (n, &(a, b, kind, weight)) in found.iter().enumerate() {
        let w = match (n, ws[a].clause) {
            (0, 0) => weight * 2.0,
            (_, 0) => weight * 1.5,
            _ => weight,
        };
        scores[index(kind)] += w;
        best_words[index(kind)].push(text[ws[a].start..ws[b].end].to_string());
    }
    let mut best = (EventKind::Action, 0f32);
    for k in EventKind::ALL {
        let s = scores[index(k)] * preference(k);
        if s > best.1 {
            best = (k, s);
        }
    }
    // A handover outranks what else the entry says ("Assumed a network issue; network team
    // looped in"), except the first responders being paged, which the timeline's order settles.
    let handover = scores[index(EventKind::Escalate)] >= 3.0
        && scores[index(EventKind::Acknowledge)] < scores[index(EventKind::Escalate)];
    if handover
        && matches!(
            best.0,
            EventKind::Misleading | EventKind::Action | EventKind::Mitigate | EventKind::Trigger
        )
    {
        best.0 = EventKind::Escalate;
    }
    // "Restarted the cache; traffic restored": the step's outcome, in its first sentence, is
    // what the entry reports.
    let first_sentence = text
        .match_indices(['.', '!', '?'])
        .find(|(i, _)| text[i + 1..].starts_with(char::is_whitespace))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    if best.0 == EventKind::Mitigate
        && found
            .iter()
            .any(|&(a, _, k, _)| k == EventKind::Resolve && ws[a].start < first_sentence)
    {
        best.0 = EventKind::Resolve;
    }
    let lead = found
        .first()
        .filter(|&&(a, ..)| ws[a].clause == 0)
        .map(|&(_, _, k, _)| k);
    Judgement {
        kind: best.0,
        rule: if best.1 > 0.0 {
            "cues"
        } else {
            "no cue: investigation"
        },
        words: best_words[index(best.0)].clone(),
        scores,
        cue_words: best_words,
        lead,
    }
}

/// Where a leading clause of time ends: the byte offset of the comma after "After ruling out
/// the database" or "Once the logs looked fine", when a main clause follows it in the same
/// sentence; 0 when the entry does not open so.
fn background_clause_end(text: &str, ws: &[Word]) -> usize {
    let opens = ws
        .first()
        .is_some_and(|w| matches!(w.lower.as_str(), "after" | "once"));
    if !opens {
        return 0;
    }
    let Some(comma) = text.find(',') else {
        return 0;
    };
    // The comma closes the first sentence's opening, and words of that sentence follow it.
    let main_follows = ws
        .iter()
        .find(|w| w.start > comma)
        .is_some_and(|w| w.clause == 0);
    if main_follows {
        comma
    } else {
        0
    }
}

/// Whether `text` names one of the people who respond to an incident (an engineer, a team,
/// support, IT, the on-call, the writer): who noticed an issue, as opposed to an alert or its
/// users, or who was told of it, as opposed to leadership or a vendor.
fn names_a_responder(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "dev", "devops", "sre", "support", "staff", "team", "teams", "on-call", "oncall", "ops",
        "we", "i",
    ];
    // "engineers", "administrator", "operators".
    const STEMS: &[&str] = &["engineer", "developer", "admin", "operator"];
    words(text).iter().any(|w| {
        let lower = w.lower.as_str();
        WORDS.contains(&lower)
            || STEMS.iter().any(|p| lower.starts_with(p))
            // "IT staff", not the pronoun "it".
            || &text[w.start..w.end] == "IT"
    })
}

/// The kinds of a whole timeline: each entry's cues, then the on-call flow's order.
///
/// - Before the first detection there is only the cause: those entries are triggers. With no
///   detection cue anywhere, the first entry that is not a trigger is the detection (the first
///   sign that anyone knew) when it names a symptom ([`cues::SYMPTOMS`]); else there is none.
/// - A trigger after the detection is an action; a later detection stays one only when that is
///   what the entry mainly reports.
/// - The first response right after the detection (within two entries) is the acknowledgement;
///   a notification there pages the first responders rather than escalating.
/// - One resolution: the last entry declaring the service restored. An earlier "restored" is a
///   mitigation; with no resolution, the last mitigation is it (a fix that ended the outage).
///   Work after the resolution is a note.
///
/// `tagged[i]` is the kind an author wrote as a tag: kept as written, and it takes part in the
/// order.
// The rules compare positions (before the detection, after the resolution, the entry after the
// next): indices say that more plainly than iterator chains.
#[allow(clippy::needless_range_loop)]
pub fn judge_timeline(texts: &[String], tagged: &[Option<EventKind>]) -> Vec<Judgement> {
    use EventKind::*;
    let mut js: Vec<Judgement> = texts
        .iter()
        .zip(tagged)
        .map(|(t, tag)| match tag {
            Some(k) => Judgement {
                kind: *k,
                rule: "tag",
                words: Vec::new(),
                scores: [0.0; 9],
                cue_words: Default::default(),
                lead: None,
            },
            None => judge(t),
        })
        .collect();
    let free = |i: usize| tagged.get(i).is_some_and(Option::is_none);
    let n = js.len();
    if n == 0 {
        return js;
    }
    // A follow-up word before the resolution ("automated alerts", "prevent") is not a note.
    let before_end = js
        .iter()
        .rposition(|j| matches!(j.kind, Resolve | Mitigate))
        .unwrap_or(n);
    for i in 0..before_end {
        if free(i) && js[i].kind == Note {
            let j = &mut js[i];
            j.kind = j.best_other(Note).0;
            j.rule = "before the resolution";
        }
    }
    // A hypothesis that proved right is an action, even when worded "assumed": its subject
    // comes back in what was found or fixed later (within the next entries, so that a timeline
    // of thousands of hypotheses stays linear).
    const CONFIRMED_WITHIN: usize = 60;
    let findings: Vec<Option<std::collections::BTreeSet<String>>> = js
        .iter()
        .zip(texts)
        .map(|(j, t)| {
            // What was found is in the main clause: "After ruling out the database, focus
            // shifted to the load balancer" confirms no hypothesis about the database.
            matches!(j.kind, Action | Mitigate | Resolve)
                .then(|| content_words(&t[background_clause_end(t, &words(t))..]))
        })
        .collect();
    let proved_right = |i: usize| {
        let subject = content_words(&texts[i]);
        findings[i + 1..(i + 1 + CONFIRMED_WITHIN).min(n)]
            .iter()
            .flatten()
            .any(|words| words.intersection(&subject).count() >= 2)
    };
    for i in 0..n {
        if !free(i) || js[i].kind != Misleading || !only_hypothesis(&js[i].words) {
            continue;
        }
        if proved_right(i) {
            js[i].kind = Action;
            js[i].rule = "a hypothesis that proved right";
        }
    }
    // A report that all is well ("Disk monitoring reports /data at 78% (normal)") is the cause
    // building up unseen, not a sign anyone knew of a problem.
    let all_well = |i: usize| {
        let ws = words(&texts[i]);
        let says = |list: &[&str]| {
            ws.iter()
                .any(|w| !w.code && list.iter().any(|p| matches_word(p, &w.lower)))
        };
        free(i) && says(cues::ALL_WELL) && !says(cues::SYMPTOMS)
    };
    // The detection: the first entry whose words say the issue became known, even when
    // another kind won its own words ("The outage began. Monitoring alerts fired").
    // Also when it opens with the detection and goes on to a handover: "The issue was detected by an
    // alert. … The incident was escalated to the database team" (KINDS.md: the first entry that
    // makes the issue known is the detection).
    let detect = match js.iter().enumerate().position(|(i, j)| {
        (j.kind == Detect
            || (j.score(Detect) >= 3.0
                && (matches!(j.kind, Trigger | Action | Note)
                    || (j.kind == Escalate && j.lead == Some(Detect)))))
            && !all_well(i)
    }) {
        Some(d) => {
            if free(d) && js[d].kind != Detect {
                js[d].kind = Detect;
                js[d].rule = "first sign anyone knew";
                js[d].words = js[d].cue_words[index(Detect)].clone();
            }
            d
        }
        None => {
            // With every entry a trigger (the cause alone), nothing was detected.
            let Some(first) = js.iter().position(|j| j.kind != Trigger && j.kind != Note) else {
                return js;
            };
            let acknowledged = js[first].kind == Acknowledge
                && js[first]
                    .words
                    .iter()
                    .any(|w| w.to_lowercase().starts_with("acknowledg"));
            // The first entry is the detection only when it says something was wrong:
            // "reinstallation of Certbot" is work begun with no sign of what was noticed.
            let names_symptom = words(&texts[first])
                .iter()
                .any(|w| !w.code && cues::SYMPTOMS.iter().any(|p| matches_word(p, &w.lower)));
            if free(first)
                && names_symptom
                && !matches!(js[first].kind, Escalate | Resolve)
                && !acknowledged
            {
                js[first].kind = Detect;
                js[first].rule = "first sign anyone knew";
            }
            first
        }
    };
    for i in 0..detect {
        if free(i) && js[i].kind != Escalate {
            js[i].kind = Trigger;
            js[i].rule = "before the detection";
        }
    }
    // Whether someone responded between the detection and the entry: while nobody has, what
    // someone notices is another sign of the issue, not a finding ("Engineers noticed slow
    // pages" five minutes after the alert; KINDS.md convention 2). Kept as the walk goes, so
    // that it stays linear.
    let mut responded = false;
    for i in detect + 1..n {
        if i > detect + 1 {
            responded |= matches!(
                js[i - 1].kind,
                Acknowledge | Action | Misleading | Escalate | Mitigate | Resolve
            );
        }
        if !free(i) {
            continue;
        }
        let j = &mut js[i];
        match j.kind {
            Trigger => {
                // A change made after the detection is a step of the response: a deploy or an
                // update takes effect (a fix), anything else is work. A change that the entry
                // found or reviewed ("review identified a database migration as the cause") is
                // the cause being found: the entry is what else it reports.
                let deploys = j.words.iter().any(|w| {
                    let w = w.to_lowercase();
                    ["deploy", "release", "updat", "upgrad", "migrat"]
                        .iter()
                        .any(|p| w.starts_with(p))
                });
                let finding = j.score(Action) > 0.0;
                j.kind = match (finding, deploys) {
                    // What else it says: "Identified the deploy; rolled it back" is the fix.
                    (true, _) => j.best_other(Trigger).0,
                    (false, true) => Mitigate,
                    (false, false) => Action,
                };
                j.rule = if finding {
                    "a change found after the detection"
                } else {
                    "a change after the detection"
                };
            }
            Detect
                if !j.words.iter().flat_map(|w| w.split_whitespace()).any(|w| {
                    let w = w.to_lowercase();
                    [
                        "alert",
                        "alarm",
                        "complain",
                        "complaint",
                        "report",
                        "pager",
                        "page",
                        "detect",
                        "monitoring",
                    ]
                    .iter()
                    .any(|p| w.starts_with(p))
                }) =>
            {
                // (Not when the entry responds too: "noticed 504s and began investigating".)
                if !responded && j.score(Acknowledge) == 0.0 && j.score(Action) == 0.0 {
                    j.rule = "another sign before anyone responded";
                    continue;
                }
                // "noticed", "realized" later on: a finding of the investigation, or the dead
                // end it reports ("noticed high CPU and suspected a memory leak").
                let (other, _) = j.best_other(Detect);
                let dead_end = other == Misleading
                    && !(only_hypothesis(&j.cue_words[index(Misleading)]) && proved_right(i));
                j.kind = if dead_end { Misleading } else { Action };
                j.rule = "a finding after the detection";
            }
            Detect => {
                // A later alert or complaint is a detection only when that is what it reports
                // (a follow-up word does not make it a note: "automated alerts were sent").
                let (other, score) = j.best_other(Detect);
                if other != Note && score > 0.6 * j.score(Detect) {
                    j.kind = other;
                    j.rule = "a later alert, mainly reporting something else";
                }
            }
            _ => {}
        }
    }
    // An edit that a later step puts into effect ("Corrected the environment variable", then
    // "Restarted the service") is work; the step is the fix (KINDS.md convention 6).
    for i in detect + 1..n {
        if !free(i) || js[i].kind != Mitigate || !all_match(&js[i].words, cues::EDITS) {
            continue;
        }
        // The step comes in the next few entries, up to the resolution: a deploy after the
        // outage ended put in something else.
        let window = i + 1..n.min(i + 4);
        let until_resolved = window
            .clone()
            .find(|&k| js[k].kind == Resolve)
            .map_or(window.end, |r| r + 1);
        let put_into_effect = (i + 1..until_resolved).any(|k| {
            let ws = words(&texts[k]);
            matches!(js[k].kind, Mitigate | Resolve)
                && cues::TAKES_EFFECT
                    .iter()
                    .any(|p| find_phrase(&ws, p).iter().any(|&(a, _)| !ws[a].code))
        });
        if put_into_effect {
            js[i].kind = Action;
            js[i].rule = "an edit a later step put into effect";
        }
    }
    // The acknowledgement: the first response right after the detection.
    let mut acked = false;
    // Whether a responder already held the issue at the detection: an engineer or a team
    // noticed it, rather than an alert firing or users reporting it (KINDS.md convention 1).
    let held_at_detection = detect < n && names_a_responder(&texts[detect]);
    for i in detect + 1..n.min(detect + 3) {
        if !free(i) {
            continue;
        }
        // Someone worked on it in between: a notification now pulls in another party.
        let worked_before = js[detect + 1..i]
            .iter()
            .any(|j| matches!(j.kind, Acknowledge | Action | Misleading | Mitigate));
        let j = &mut js[i];
        let responds = j.score(Acknowledge) > 0.0;
        // "The on-call engineer was paged": paging the first responders, not a handover.
        let pages_on_call = j.kind == Escalate && j.score(Acknowledge) >= j.score(Escalate);
        // "Engineering team notified", "incident response team engaged" right after an alert
        // or a users' report, with nobody on it yet: the first responders being told. A
        // handover written as one ("escalated to", "handed over") stays an escalation.
        let tells_first_responders = j.kind == Escalate
            && !held_at_detection
            && !worked_before
            && names_a_responder(&texts[i])
            && !j.words.iter().any(|w| {
                let w = w.to_lowercase();
                ["escalat", "hand", "pass", "took", "assign", "transfer"]
                    .iter()
                    .any(|p| w.starts_with(p))
            });
        let first_response = matches!(j.kind, Acknowledge | Action) && responds
            || pages_on_call
            || tells_first_responders;
        // "Began investigating, suspecting a database problem": when the suspicion proved
        // wrong, the dead end is what the entry reports (KINDS.md convention 5).
        if first_response
            && j.kind != Escalate
            && only_hypothesis(&j.cue_words[index(Misleading)])
            && states_a_cause(&j.cue_words[index(Misleading)])
            && !proved_right(i)
        {
            j.kind = Misleading;
            j.rule = "first response on a hypothesis that proved wrong";
            continue;
        }
        if first_response {
            j.kind = Acknowledge;
            j.rule = "first response after the detection";
            acked = true;
            break;
        }
        if matches!(j.kind, Acknowledge) {
            acked = true;
            break;
        }
    }
    // Later "began investigating" is work, not a second acknowledgement.
    let first_ack = js.iter().position(|j| j.kind == Acknowledge);
    for i in 0..n {
        if free(i) && js[i].kind == Acknowledge && Some(i) != first_ack && acked {
            js[i].kind = Action;
            js[i].rule = "after the acknowledgement";
        }
    }
    // The resolution: the last entry, unless it is a follow-up or says something else outright.
    let last = n - 1;
    let resolved_earlier = js[..last].iter().any(|j| j.kind == Resolve);
    if free(last) && last > detect && js[last].kind != Resolve {
        let j = &js[last];
        // After an entry that already declared the service restored, a last entry that does
        // not speak of the outcome is a follow-up.
        let follow_up = j.score(Note) > 0.0
            || (resolved_earlier && j.score(Resolve) + j.score(Mitigate) == 0.0);
        let outright = matches!(j.kind, Escalate | Misleading)
            || j.score(Action) > 2.0 * j.score(Resolve).max(j.score(Mitigate));
        if !follow_up && !outright {
            js[last].kind = Resolve;
            js[last].rule = "the last entry: the outage's end";
        }
    }
    // The industry templates' `OUTAGE ENDS` is the resolution by definition: what comes after
    // it (`INCIDENT ENDS` at the exit criterion) closes the incident, not the outage.
    let outage_ends = texts.iter().position(|t| {
        let w = words(t);
        !find_phrase(&w, "outage ends").is_empty() || !find_phrase(&w, "outage ended").is_empty()
    });
    if let Some(k) = outage_ends.filter(|&k| free(k)) {
        js[k].kind = Resolve;
        js[k].rule = "OUTAGE ENDS: the outage's end";
        for i in k + 1..n {
            if free(i) {
                js[i].kind = Note;
                js[i].rule = "after the outage ended";
            }
        }
    }
    let resolve = js.iter().rposition(|j| j.kind == Resolve).or_else(|| {
        let m = js.iter().rposition(|j| j.kind == Mitigate)?;
        if free(m) {
            js[m].kind = Resolve;
            js[m].rule = "the last fix, nothing later says restored";
        }
        Some(m)
    });
    if let Some(r) = resolve {
        for i in 0..r {
            if free(i) && js[i].kind == Resolve {
                js[i].kind = Mitigate;
                js[i].rule = "restored, but a later entry declares the resolution";
            }
        }
        for i in r + 1..n {
            if free(i) {
                js[i].kind = Note;
                js[i].rule = "after the resolution";
            }
        }
    }
    js
}

/// Whether every one of the cue words (as written, a phrase's first word) starts with one of
/// the patterns (`correct*`).
fn all_match(words: &[String], patterns: &[&str]) -> bool {
    !words.is_empty()
        && words.iter().all(|w| {
            let first = w.split_whitespace().next().unwrap_or("").to_lowercase();
            patterns.iter().any(|p| matches_word(p, &first))
        })
}

/// Dead-end words that put forward a cause: "suspecting", "assumed", "initially".
const CAUSE_WORDS: &[&str] = &[
    "assum",
    "suspect",
    "suspicion",
    "initial",
    "thought",
    "believ",
    "guess",
    "hypothes",
];

/// Dead-end words that say no more than a guess or a try: the cause words, and "seems",
/// "still", "tried", "attempted".
const GUESS_WORDS: &[&str] = &["seem", "still", "tried", "attempted"];

fn starts_with_any(word: &str, stems: &[&str]) -> bool {
    let w = word.to_lowercase();
    stems.iter().any(|s| w.starts_with(s))
}

/// Whether the dead-end words put forward a cause ("suspecting", "assumed", "initially
/// focusing on"), not only an attempt ("attempted to access the site").
fn states_a_cause(words: &[String]) -> bool {
    words.iter().any(|w| starts_with_any(w, CAUSE_WORDS))
}

/// Whether the dead-end words are only a hypothesis ("assumed", "suspected", "initially"), not
/// the entry saying the path was wrong ("ruled out", "red herring", "no issues found").
fn only_hypothesis(words: &[String]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .all(|w| starts_with_any(w, CAUSE_WORDS) || starts_with_any(w, GUESS_WORDS))
}

/// The words of an entry that name things (not the vocabulary every entry shares), to tell
/// whether two entries are about the same thing.
fn content_words(text: &str) -> std::collections::BTreeSet<String> {
    const COMMON: &[&str] = &[
        "issue",
        "issues",
        "problem",
        "problems",
        "server",
        "servers",
        "service",
        "services",
        "team",
        "teams",
        "engineer",
        "engineers",
        "engineering",
        "error",
        "errors",
        "initial",
        "initially",
        "assumption",
        "assumed",
        "potential",
        "possible",
        "possibly",
        "cause",
        "caused",
        "causing",
        "root",
        "website",
        "site",
        "users",
        "user",
        "that",
        "this",
        "with",
        "from",
        "were",
        "was",
        "been",
        "have",
        "their",
        "there",
        "which",
        "investigation",
        "investigated",
        "suspected",
        "suspect",
        "might",
        "could",
        "would",
        "some",
        "recent",
        "recently",
        "related",
        "due",
        "after",
        "before",
        "into",
        "the",
        "and",
        "for",
        "being",
        "application",
        "system",
        "systems",
        "identified",
        "found",
        "checked",
        "began",
        "started",
        "then",
        "they",
        "them",
        "also",
        "more",
        "high",
        "increase",
        "increased",
        "performance",
    ];
    let mut out = std::collections::BTreeSet::new();
    for w in words(text) {
        // An acronym names a thing however short: "SSL", "DNS".
        let written = &text[w.start..w.end];
        let acronym = written.len() >= 2 && written.chars().all(|c| c.is_ascii_uppercase());
        // "database-related" is about the database.
        for part in w.lower.split('-') {
            let part = part.trim_end_matches('s');
            if (acronym || part.chars().count() >= 4) && !COMMON.contains(&part) {
                out.insert(part.to_string());
            }
        }
    }
    out
}

/// Words after which the people an escalation went to are named.
const HANDOVER_TO: &[&str] = &[
    "alerted",
    "asked",
    "summoned",
    "involved",
    "escalat* to",
    "escalat* _ to",
    "escalat* _ _ to",
    // "escalated by engineers onsite to the senior engineering team".
    "escalat* by _ _ to",
    "called in",
    "call in",
    "calling in",
    "called upon",
    "brought in",
    "pulled in",
    "looped in",
    "roped in",
    "contacted",
    "reached out to",
    "engaged",
    "handed over to",
    "handed off to",
    "passed to",
    "assigned to",
    "notified",
    "informed",
    "paged",
    "communicated to",
    "sent to",
    "help from",
    "escalation to",
];

/// Words that end the name of who was brought in.
const ACTOR_STOPS: &[&str] = &[
    "for",
    "after",
    "as",
    "who",
    "whom",
    "which",
    "to",
    "because",
    "when",
    "but",
    "with",
    "in",
    "due",
    "since",
    "where",
    "that",
    "so",
    "and",
    "then",
    "while",
    "about",
    "regarding",
    "of",
    "on",
    "at",
    "by",
    "from",
    "once",
    "if",
    "they",
    "he",
    "she",
    "it",
    "was",
    "were",
    "is",
    "are",
    "has",
    "had",
    "have",
    "immediately",
    "promptly",
    "via",
    "through",
    "until",
    "upon",
    "a",
    "an",
    "the",
    "to",
];

/// Who an escalation went to, as written: "escalated to the Network Operations team for …" →
/// "Network Operations team"; "Habtamwa, the server administrator, was called in" → "Habtamwa,
/// the server administrator". Only the noun phrase, never the rest of the sentence.
pub fn escalation_actor(text: &str) -> Option<String> {
    let ws = words(text);
    // The people named right before a handover verb: "The database team was brought in",
    // "Engineering team notified", "network team is looped in".
    if let Some(actor) = subject_actor(text, &ws) {
        return Some(actor);
    }
    let phrase_after = |from: usize| -> Option<String> {
        let mut k = from;
        // "both the", "our", "the": determiners are not part of the name.
        while k < ws.len()
            && matches!(
                ws[k].lower.as_str(),
                "the" | "our" | "a" | "an" | "both" | "their" | "its"
            )
        {
            k += 1;
        }
        let first = k;
        let clause = ws.get(first)?.clause;
        if ACTOR_STOPS.contains(&ws[first].lower.as_str()) {
            return None;
        }
        // "the database and infrastructure teams": a coordination that ends in a group noun.
        let coordinated = |k: usize| {
            ws[k].lower == "and"
                && (k + 1..(k + 4).min(ws.len()))
                    .any(|j| ws[j].clause == clause && is_group_noun(&ws[j].lower))
        };
        while k < ws.len()
            && k - first < 8
            && ws[k].clause == clause
            && !(k > first
                && ACTOR_STOPS.contains(&ws[k].lower.as_str())
                && !coordinated(k)
                // "senior engineers and the DevOps team": the second party's determiner.
                && !(ws[k - 1].lower == "and"
                    && matches!(ws[k].lower.as_str(), "the" | "our" | "a" | "an" | "their")))
            && !(k > first
                && text[ws[k - 1].end..ws[k].start].contains(['(', ')', ':', '-', '—', '–', '"']))
        {
            // "the DBA, Priya": a comma ends the name unless an apposition follows.
            if k > first && text[ws[k - 1].end..ws[k].start].contains(',') {
                let next = ws[k].lower.as_str();
                if !matches!(next, "the" | "our" | "a" | "an") {
                    break;
                }
            }
            k += 1;
        }
        // A coordination that found no second party ends before its "and".
        while k > first && matches!(ws[k - 1].lower.as_str(), "and" | "or" | "the" | "our") {
            k -= 1;
        }
        if k == first {
            return None;
        }
        let named = &text[ws[first].start..ws[k - 1].end];
        // "the cavalry (DevOps team)", "the big guns - our DevOps team -": a figure of speech,
        // then the group it stands for in brackets or between dashes. The apposition names the
        // actor when it ends in a group noun and the phrase does not.
        let after = text[ws[k - 1].end..].trim_start();
        let apposition = after.chars().next().and_then(|open| {
            let close = match open {
                '(' => ')',
                '-' | '–' | '—' => open,
                _ => return None,
            };
            let (inner, _) = after[open.len_utf8()..].split_once(close)?;
            let inner = inner.trim();
            // "our DevOps team" is the DevOps team.
            let inner = ["our ", "the ", "their "]
                .iter()
                .find_map(|d| inner.strip_prefix(d))
                .unwrap_or(inner);
            Some(inner.trim())
        });
        if let Some(inner) = apposition {
            let last = |s: &str| {
                s.rsplit(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .map(str::to_lowercase)
            };
            let group = |s: &str| last(s).is_some_and(|w| is_group_noun(&w));
            if !inner.is_empty() && inner.len() <= 40 && group(inner) && !group(named) {
                return Some(inner.to_string());
            }
        }
        Some(named.to_string())
    };
    for cue in HANDOVER_TO {
        if let Some(&(_, b)) = find_phrase(&ws, cue).first() {
            if let Some(actor) = phrase_after(b + 1) {
                return Some(actor);
            }
        }
    }
    None
}

/// Nouns that name a group or a role people escalate to.
fn is_group_noun(w: &str) -> bool {
    matches!(
        w,
        "team"
            | "teams"
            | "engineer"
            | "engineers"
            | "administrator"
            | "administrators"
            | "admin"
            | "admins"
            | "developer"
            | "developers"
            | "specialist"
            | "specialists"
            | "lead"
            | "manager"
            | "provider"
            | "vendor"
            | "support"
            | "sre"
            | "noc"
            | "dba"
            | "dbas"
            | "architect"
            | "staff"
            | "department"
            | "group"
            | "squad"
            | "crew"
            | "on-call"
            | "experts"
    )
}

/// Verbs that say a party was brought in, when the party is named before them.
const HANDED_VERBS: &[&str] = &[
    "notified",
    "alerted",
    "engaged",
    "involved",
    "informed",
    "called",
    "brought",
    "looped",
    "pulled",
    "contacted",
    "joined",
    "paged",
    "summoned",
    "consulted",
    "took",
    "stepped",
    "escalated",
];

/// The noun phrase before a handover verb, when it ends in a group noun: "The database team
/// (was) brought in" → "database team".
fn subject_actor(text: &str, ws: &[Word]) -> Option<String> {
    for (v, w) in ws.iter().enumerate() {
        if !HANDED_VERBS.contains(&w.lower.as_str()) || v == 0 {
            continue;
        }
        // Skip the auxiliaries: "was", "were", "is", "are", "has been", "got".
        let mut end = v;
        while end > 0
            && matches!(
                ws[end - 1].lower.as_str(),
                "was" | "were" | "is" | "are" | "been" | "has" | "have" | "got" | "being"
            )
            && ws[end - 1].clause == w.clause
        {
            end -= 1;
        }
        let passive = end < v;
        // "The engineer escalated the issue to the DB team": the one who escalated, not to whom.
        let active_object = ws.get(v + 1).is_some_and(|n| {
            matches!(
                n.lower.as_str(),
                "the" | "our" | "a" | "an" | "it" | "them" | "their"
            )
        });
        if end == 0
            || ws[end - 1].clause != w.clause
            || !is_group_noun(&ws[end - 1].lower)
            || (!passive && (active_object || w.lower == "escalated"))
        {
            continue;
        }
        let mut start = end - 1;
        while start > 0
            && end - start < 6
            && ws[start - 1].clause == w.clause
            && !matches!(
                ws[start - 1].lower.as_str(),
                "the" | "our" | "a" | "an" | "their"
            )
            && !ACTOR_STOPS.contains(&ws[start - 1].lower.as_str())
            && !text[ws[start - 1].end..ws[start].start].contains([',', ':', '(', '-'])
        {
            start -= 1;
        }
        return Some(text[ws[start].start..ws[end - 1].end].to_string());
    }
    None
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
            ("The incident was officially closed", EventKind::Resolve),
            // What closed is a thing, not the incident.
            ("Closed the idle database connections", EventKind::Action),
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
            // A fix that the next sentence says did not work is no mitigation (KINDS.md
            // convention 3): a restart that did not help had a wrong premise, a rollback that
            // fell short a right one.
            (
                "Restarted the servers; issue persisted",
                EventKind::Misleading,
            ),
            (
                "Restarted the cache. Errors continued.",
                EventKind::Misleading,
            ),
            (
                "Attempted to restart Nginx, but the issue persisted",
                EventKind::Misleading,
            ),
            (
                "Operations team attempted to restart the server without success.",
                EventKind::Misleading,
            ),
            (
                "We attempted to scale up the web servers, but the issue persisted.",
                EventKind::Misleading,
            ),
            ("Restarted the server without downtime", EventKind::Mitigate),
            ("Scaled up the web tier; errors dropping", EventKind::Mitigate),
            // A check that found nothing is a dead end (convention 4).
            (
                "Application team found that the latest deployment had not introduced any errors",
                EventKind::Misleading,
            ),
            // Users writing in about a symptom report it; word sent out does not.
            (
                "Users started bombarding me with emails and messages about the slow response times",
                EventKind::Detect,
            ),
            // (No cue at all: the timeline's order then says work or a note.)
            (
                "Sent emails about the outage to all customers",
                EventKind::Action,
            ),
            (
                "Rollback completed, but connectivity issues persisted",
                EventKind::Action,
            ),
            (
                "Rollback of the migration was attempted but failed",
                EventKind::Action,
            ),
            ("Restarted the cache. Errors stopped.", EventKind::Mitigate),
            (
                "Incident closed. Reconciliation continues for two days.",
                EventKind::Resolve,
            ),
            (
                "Services gradually recovered; continued monitoring.",
                EventKind::Resolve,
            ),
            // An outcome named as a proposal has not happened.
            (
                "Initial mitigation options were reviewed",
                EventKind::Action,
            ),
            ("Rollback plan drafted with the DBA", EventKind::Action),
            ("First customer support ticket filed", EventKind::Detect),
            // A quantity escalating grows; a handover goes to someone.
            (
                "AWS traffic escalates to several factors above baseline",
                EventKind::Action,
            ),
            (
                "Load escalated to the point where the SRE team was paged",
                EventKind::Escalate,
            ),
            // A noun is no cue: reporting as a procedure, a patch as a thing.
            ("Manual reporting activated", EventKind::Action),
            ("Users started reporting slow pages", EventKind::Detect),
            (
                "Support tickets reporting login failures",
                EventKind::Detect,
            ),
            (
                "Correlation with Sunday's patch established",
                EventKind::Action,
            ),
            (
                "Security patch applied to the web tier",
                EventKind::Mitigate,
            ),
            // An option weighed is not a step taken.
            (
                "The team considered rolling back to the last release",
                EventKind::Action,
            ),
            // Checks that found nothing, and a fix word inside what was found.
            (
                "Initial checks showed no errors in Nginx configuration files",
                EventKind::Misleading,
            ),
            (
                "Network checks returned normal, focus shifted to the application layer",
                EventKind::Misleading,
            ),
            (
                "Engineers identified a bug in the load balancer firmware preventing failover",
                EventKind::Action,
            ),
            (
                "The backend team identified and patched the memory leak",
                EventKind::Mitigate,
            ),
            (
                "Monitoring showed that the system was back to normal",
                EventKind::Resolve,
            ),
            ("Error rate returned to baseline", EventKind::Resolve),
            // A notification as a thing, and a word of a path, tell no one.
            (
                "Verified end-to-end with a synthetic notification",
                EventKind::Action,
            ),
            (
                "IC confirmed scope: 100% of POST /transactions/notify failing",
                EventKind::Action,
            ),
            ("Backend team notified of the errors", EventKind::Escalate),
            (
                "Performed a restart/rollback of the API",
                EventKind::Mitigate,
            ),
            (
                "Dr. Yusuf Abdullahi, CMIO, assumes incident command",
                EventKind::Escalate,
            ),
            (
                "Leads jointly declare a laboratory reporting incident",
                EventKind::Acknowledge,
            ),
            (
                "Traffic flowing again through the balancer",
                EventKind::Resolve,
            ),
            // The alert as the means of a notification: the issue becoming known.
            (
                "Support team notified via automated alerts",
                EventKind::Detect,
            ),
            ("All is well: checkout works", EventKind::Resolve),
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
            assert_eq!(judge(s).kind, k, "{s}");
        }
    }

    fn timeline_kinds(texts: &[&str]) -> Vec<EventKind> {
        let texts: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        judge_timeline(&texts, &vec![None; texts.len()])
            .iter()
            .map(|j| j.kind)
            .collect()
    }

    #[test]
    fn telling_the_first_responders_after_an_alert_is_the_acknowledgement() {
        use EventKind::*;
        // (how it became known, who was told next, what that is): then a fix and the end.
        let alert = "Monitoring alert fired for 500 errors";
        for (first, second, kind) in [
            (alert, "Engineering team notified", Acknowledge),
            // Users reporting it put nobody on it either.
            (
                "Students report they cannot log in",
                "IT staff are informed of the matter",
                Acknowledge,
            ),
            // An engineer already held it: telling a team pulls in another party.
            (
                "An engineer noticed slow pages",
                "Database team notified",
                Escalate,
            ),
            // A handover written as one, and leadership told, stay escalations.
            (alert, "Escalated to the on-call DevOps team", Escalate),
            (
                alert,
                "Severity communicated to executive leadership",
                Escalate,
            ),
            (
                alert,
                "Communication sent to executive leadership about the ongoing incident",
                Escalate,
            ),
            // "it" is not the IT team: users found it, so telling a team is the first response.
            (
                "Users reported it was slow",
                "Backend team notified",
                Acknowledge,
            ),
            (alert, "IT notified", Acknowledge),
        ] {
            let kinds = timeline_kinds(&[
                first,
                second,
                "Restarted the web servers",
                "Service restored",
            ]);
            assert_eq!(kinds[1], kind, "{first} / {second}");
            assert_eq!(kinds[2..], [Mitigate, Resolve], "{first} / {second}");
        }
    }

    /// "Began investigating, suspecting X" right after the alert: the first response when X
    /// proved right, a dead end when it did not (KINDS.md convention 5). A change that a
    /// review found is the cause being found, not a fix.
    #[test]
    fn a_first_response_on_a_wrong_hypothesis_is_a_dead_end() {
        use EventKind::*;
        let alert = "Monitoring alert fired for 502 errors";
        let found = "Root cause found: the SSL certificate had expired";
        for (response, kind) in [
            (
                "Engineers began investigating, suspecting a DDoS attack",
                Misleading,
            ),
            (
                "Engineers began investigating, suspecting an expired SSL certificate",
                Acknowledge,
            ),
            (
                "Engineers began investigating the load balancer",
                Acknowledge,
            ),
            // An attempt is no hypothesis: seeing the errors for oneself is the first response.
            (
                "The administrator attempted to access the site and encountered connection errors",
                Acknowledge,
            ),
        ] {
            let kinds = timeline_kinds(&[
                alert,
                response,
                found,
                "Certificate renewed",
                "Service restored",
            ]);
            assert_eq!(
                kinds,
                [Detect, kind, Action, Mitigate, Resolve],
                "{response}"
            );
        }
        // A change the response found is the cause being found; with its fix, the fix.
        for (finding, kind) in [
            (
                "A review of recent deployments identified a database migration as the cause",
                Action,
            ),
            (
                "Identified a code deployment that introduced a connection leak. Rolled back the deployment",
                Mitigate,
            ),
        ] {
            let kinds = timeline_kinds(&[alert, finding, "Service restored"]);
            assert_eq!(kinds, [Detect, kind, Resolve], "{finding}");
        }
    }

    #[test]
    fn a_dead_end_closed_in_a_leading_clause_is_background() {
        use EventKind::*;
        let alert = "Monitoring alerts fired for slow image loading";
        // The dead end was the entry before; "After ruling it out, …" reports the new path,
        // and does not confirm the hypothesis it closed.
        assert_eq!(
            timeline_kinds(&[
                alert,
                "Investigation began, focusing initially on the database and the network.",
                "After ruling out database and network issues, attention shifted to the load balancer.",
                "Load balancer misconfiguration identified and corrected.",
                "Service restored.",
            ]),
            [Detect, Misleading, Action, Mitigate, Resolve]
        );
        // Written as its own statement, the check that found nothing is the dead end.
        assert_eq!(
            judge("Network ruled out; focus shifted to the application layer").kind,
            Misleading
        );
        // A leading clause with no main clause after it in its sentence is the statement.
        assert_eq!(
            judge("After checking the logs: no issues found. Moving on, the team looked at DNS.")
                .kind,
            Misleading
        );
    }

    #[test]
    fn a_report_that_all_is_well_is_no_detection() {
        use EventKind::*;
        // A timeline rebuilt from logs: the disk fills unseen until the alert.
        assert_eq!(
            timeline_kinds(&[
                "Disk monitoring reports /data at 78% (normal)",
                "Disk reaches 95%: CRITICAL threshold",
                "PostgreSQL database system shuts down",
                "312 failed requests; PagerDuty alert triggered and sent",
                "On-call engineer acknowledges the alert",
                "PostgreSQL restarted successfully, payment API recovers",
                "Circuit breaker closes, normal operations resume",
            ]),
            [
                Trigger,
                Trigger,
                Trigger,
                Detect,
                Acknowledge,
                Mitigate,
                Resolve
            ]
        );
        // Monitoring that reports a symptom is a sign, whatever else it says.
        assert_eq!(
            timeline_kinds(&[
                "Monitoring reports errors on checkout; other pages normal",
                "Rolled back the deploy",
                "Service restored",
            ]),
            [Detect, Mitigate, Resolve]
        );
    }

    /// Before anyone responds, another sign of the issue is a detection too (KINDS.md convention
    /// 2); once someone works on it, what they notice is a finding.
    #[test]
    fn signs_before_the_response_are_detections() {
        use EventKind::*;
        let alert = "Monitoring alerts indicated a rise in error rates";
        for (next, kind) in [
            ("Engineers noticed slow website performance", Detect),
            ("Automated alerts were sent to the on-call engineer", Detect),
            (
                "Engineers noticed 504 errors and began investigating",
                Acknowledge,
            ),
            (
                "The engineering team investigated the alerts and observed a surge in failures",
                Acknowledge,
            ),
        ] {
            let kinds =
                timeline_kinds(&[alert, next, "Restarted the database", "Service restored"]);
            assert_eq!(kinds, [Detect, kind, Mitigate, Resolve], "{next}");
        }
        let kinds = timeline_kinds(&[
            alert,
            "On-call engineer began investigating",
            "Engineers noticed the disk was full",
            "Service restored",
        ]);
        assert_eq!(kinds, [Detect, Acknowledge, Action, Resolve]);
    }

    /// An edit that a later step puts into effect is work, the step the fix (KINDS.md
    /// convention 6); an edit with no such step, or followed only by time passing, is the fix.
    #[test]
    fn an_edit_put_into_effect_later_is_work() {
        use EventKind::*;
        let alert = "Alert fired for 500 errors";
        for (edit, next, kinds) in [
            (
                "Corrected the environment variable",
                "Restarted the service",
                [Detect, Action, Mitigate, Resolve],
            ),
            (
                "Config file fixed",
                "Executed the Puppet manifest on every server",
                [Detect, Action, Mitigate, Resolve],
            ),
            (
                "Corrected the typo in nginx.conf",
                "The Nginx server was successfully started once the fix was applied",
                [Detect, Action, Mitigate, Resolve],
            ),
            (
                "Configuration changes were made to the connection pool",
                "Restarted the application servers",
                [Detect, Action, Mitigate, Resolve],
            ),
            // Changes nothing later puts into effect are the fix themselves.
            (
                "Checked the connection pool settings",
                "Configuration changes were made to alleviate the bottleneck",
                [Detect, Action, Mitigate, Resolve],
            ),
            (
                "DNS A record updated for the new load balancer",
                "DNS has propagated; the new load balancer serves requests",
                [Detect, Mitigate, Mitigate, Resolve],
            ),
        ] {
            assert_eq!(
                timeline_kinds(&[alert, edit, next, "Service restored"]),
                kinds,
                "{edit} / {next}"
            );
        }
        // A deploy after the resolution put in something else.
        assert_eq!(
            timeline_kinds(&[
                alert,
                "Fix implemented (memory limits raised)",
                "Service restored",
                "Deployment of the alerting rules"
            ]),
            [Detect, Mitigate, Resolve, Note]
        );
    }

    /// With no detection cue anywhere, the first entry after the cause is the detection only
    /// when it names a symptom; work with no sign of what was noticed stays work.
    #[test]
    fn the_first_sign_anyone_knew_names_a_symptom() {
        use EventKind::*;
        let cause = "Updates pushed to the web servers";
        let end = "Service restored";
        for (first, kind) in [
            ("Nginx is not running on web-01", Detect),
            ("Sysadmin discovers outage on web server", Detect),
            ("Error logs show 500s on every request", Detect),
            ("Reinstallation of Certbot", Action),
            (
                "Restart servers and validate the status code again",
                Mitigate,
            ),
            // A symptom inside a path is no sign: `/var/log/error.log` is a file.
            ("Opened /var/log/nginx/error.log", Action),
        ] {
            let kinds = timeline_kinds(&[cause, first, "Config rewritten", end]);
            assert_eq!(kinds[..2], [Trigger, kind], "{first}");
            assert_eq!(kinds[3], Resolve, "{first}");
        }
        // An entry that opens with the detection is the detection, whatever it goes on to say.
        assert_eq!(
            timeline_kinds(&[
                "The issue was detected by an alert. Engineers were involved and contacted the \
                 vendor. The incident was escalated to the database team, and engaged management.",
                "Service restored",
            ]),
            [Detect, Resolve]
        );
        // The cause alone: nothing was detected.
        assert_eq!(
            timeline_kinds(&["Traffic increased for no reason in the evening"]),
            [Trigger]
        );
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
        // A figure of speech with the group it stands for in brackets: the bracket is the actor.
        assert_eq!(
            escalation_actor("Called in the cavalry (DevOps team) for a review").as_deref(),
            Some("DevOps team")
        );
        // Or between dashes, as a dash or an em dash.
        for (text, actor) in [
            (
                "We called in the big guns - our DevOps team - to help us",
                "DevOps team",
            ),
            (
                "Called in the cavalry — the SRE team — at 02:00",
                "SRE team",
            ),
        ] {
            assert_eq!(escalation_actor(text).as_deref(), Some(actor), "{text}");
        }
        // A name in brackets after a team is not the actor: the team is.
        assert_eq!(
            escalation_actor("Escalated to the DBA team (Priya) for a look").as_deref(),
            Some("DBA team")
        );
        assert_eq!(
            escalation_actor("Incident escalated to the DB team for review").as_deref(),
            Some("DB team")
        );
        // Two parties, the second with its determiner; a handover said after who made it.
        for (text, actor) in [
            (
                "Incident escalated to senior backend engineers and the DevOps team.",
                "senior backend engineers and the DevOps team",
            ),
            (
                "The issue was escalated by engineers onsite to the senior engineering team, as well as an incident response team.",
                "senior engineering team",
            ),
            (
                "Communication sent to executive leadership about the ongoing incident.",
                "executive leadership",
            ),
        ] {
            assert_eq!(escalation_actor(text).as_deref(), Some(actor), "{text}");
        }
        assert_eq!(
            escalation_actor("Escalated to senior engineers.").as_deref(),
            Some("senior engineers")
        );
        assert_eq!(escalation_actor("Escalation began"), None);
    }
}
