//! Required literals of a regex query: sets of strings such that every match contains at
//! least one string of each set, so `tigang search` can skip files holding none of them.
//!
//! The strings are taken from the same HIR the matcher compiles (case folding, `(?m)` and
//! CRLF lines as in [`super::query`]), with `regex-syntax`'s prefix and suffix extractors run
//! on every node that each match must go through (concatenation items, repetitions of at
//! least one, captures; an alternation gives the union of its branches' best sets). They
//! are strings of the *cleaned* text the matcher runs on: the prefilter allows for what
//! cleaning may put between their chars.

use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

/// More sets cost a scan of the file each; three catch what a typed regex usually has.
const MAX_SETS: usize = 3;

/// One required set: every match contains one of these (non-empty) strings.
pub type AnyOf = Vec<String>;

/// The HIR the matcher compiles for `pattern` (see `query::build`).
pub(super) fn parse(pattern: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .multi_line(true)
        .crlf(true)
        .build()
        .parse(pattern)
        .ok()
}

/// The required sets of a regex, best first (longest shortest string); empty when nothing
/// is required (`\d+`, `.`, an alternation with an open branch) or the pattern does not parse.
pub fn required(pattern: &str) -> Vec<AnyOf> {
    let Some(hir) = parse(pattern) else {
        return Vec::new();
    };
    let mut sets = Vec::new();
    collect(&hir, &mut sets);
    for s in &mut sets {
        s.sort();
        s.dedup();
    }
    sets.sort_by_key(|s| std::cmp::Reverse(score(s)));
    let mut seen: Vec<AnyOf> = Vec::new();
    sets.retain(|s| {
        let new = !seen.contains(s);
        if new {
            seen.push(s.clone());
        }
        new
    });
    sets.truncate(MAX_SETS);
    sets
}

/// How much a set narrows the search: its shortest string in chars, then fewer strings.
fn score(set: &AnyOf) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(|s| s.chars().count()).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len()))
}

/// The strings of a finite sequence, cut to whole chars (a prefix of a required string is
/// required too); `None` when it says nothing (infinite, empty, or holding "").
fn strings(seq: &Seq) -> Option<AnyOf> {
    let lits = seq.literals()?;
    if lits.is_empty() {
        return None;
    }
    lits.iter()
        .map(|l| {
            let b = l.as_bytes();
            let s = match std::str::from_utf8(b) {
                Ok(s) => s,
                Err(e) => std::str::from_utf8(&b[..e.valid_up_to()]).ok()?,
            };
            (!s.is_empty()).then(|| s.to_string())
        })
        .collect()
}

fn extract(hir: &Hir, kind: ExtractKind) -> Option<AnyOf> {
    strings(&Extractor::new().kind(kind).extract(hir))
}

fn collect(hir: &Hir, sets: &mut Vec<AnyOf>) {
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        if let Some(s) = extract(hir, kind) {
            sets.push(s);
        }
    }
    match hir.kind() {
        HirKind::Concat(subs) => {
            for s in subs {
                collect(s, sets);
            }
        }
        HirKind::Capture(c) => collect(&c.sub, sets),
        HirKind::Repetition(r) if r.min >= 1 => collect(&r.sub, sets),
        HirKind::Alternation(subs) => {
            let mut union = Vec::new();
            for s in subs {
                let mut inner = Vec::new();
                collect(s, &mut inner);
                match inner.into_iter().max_by_key(score) {
                    Some(best) => union.extend(best),
                    None => return,
                }
            }
            sets.push(union);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(p: &str) -> Vec<Vec<&'static str>> {
        required(p)
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|x| &*Box::leak(x.into_boxed_str()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn literals_inside_unicode_classes_are_required() {
        let r = req(r"\d{4}年\d{1,2}月");
        assert!(r.contains(&vec!["年"]) && r.contains(&vec!["月"]), "{r:?}");
        assert_eq!(req("一岗双责")[0], vec!["一岗双责"]);
        assert_eq!(req("主题.{0,3}教育"), vec![vec!["主题"], vec!["教育"]]);
        assert_eq!(req("^同志们")[0], vec!["同志们"]);
    }

    #[test]
    fn alternations_and_small_classes_give_any_of_sets() {
        assert_eq!(req("第[一二三]次")[0], vec!["第一次", "第三次", "第二次"]);
        let r = req("(?:全面从严治党|党风廉政)建设");
        assert!(r[0].contains(&"全面从严治党建设") || r.contains(&vec!["建设"]));
        assert!(r.contains(&vec!["建设"]), "{r:?}");
        // Case folding as the matcher does it: every case of `ab` (and K's Kelvin sign).
        assert_eq!(req("ab")[0], vec!["AB", "Ab", "aB", "ab"]);
        assert!(req("k")[0].contains(&"\u{212A}"));
        assert!(req("(?-i)ab")[0] == vec!["ab"]);
    }

    #[test]
    fn nothing_is_required_of_open_patterns() {
        for p in [
            r"\d+",
            ".",
            "a*",
            "一岗|",
            "(?:一岗)?",
            r"\w{2}",
            "a{0}",
            "(",
            "",
        ] {
            assert!(required(p).is_empty(), "{p}: {:?}", required(p));
        }
        // One open branch leaves the whole alternation open, but not what follows it.
        assert_eq!(req("(?:一岗|.)双责"), vec![vec!["双责"]]);
    }
}
