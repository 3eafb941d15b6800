//! Search folding: the characters a Chinese reader treats as the same when searching —
//! full- and half-width forms, curly and straight quotes, Latin case, and Traditional and
//! Simplified forms of a character (OpenCC's character table). Pure functions on `char`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// Width and quote variants outside the regular FF01–FF5E block, each with
/// the form it folds to. The regular block is handled arithmetically.
const NARROW_OF: [(char, char); 18] = [
    ('\u{3000}', ' '),
    ('\u{2018}', '\''),
    ('\u{2019}', '\''),
    ('\u{201C}', '"'),
    ('\u{201D}', '"'),
    ('\u{FF5F}', '\u{2985}'),
    ('\u{FF60}', '\u{2986}'),
    // Half-width CJK punctuation is still CJK punctuation: ｡ is 。, not `.`.
    ('\u{FF61}', '\u{3002}'),
    ('\u{FF62}', '\u{300C}'),
    ('\u{FF63}', '\u{300D}'),
    ('\u{FF64}', '\u{3001}'),
    ('\u{FFE0}', '\u{A2}'),
    ('\u{FFE1}', '\u{A3}'),
    ('\u{FFE2}', '\u{AC}'),
    ('\u{FFE3}', '\u{AF}'),
    ('\u{FFE4}', '\u{A6}'),
    ('\u{FFE5}', '\u{A5}'),
    ('\u{FFE6}', '\u{20A9}'),
];

/// Folds width and quote variants, but not case.
fn narrow(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x2018..=0x201D | 0x3000 | 0xFF5F..=0xFFE6 => NARROW_OF
            .iter()
            .find(|&&(wide, _)| wide == c)
            .map_or(c, |&(_, n)| n),
        _ => c,
    }
}

/// The canonical form of `c` under literal-mode folding: the half-width,
/// straight-quoted, lower-case form. Two chars match in a literal query
/// exactly when their `fold_char`s are equal, with two caveats: whitespace
/// runs are matched as runs (see the module docs), and case folding in the
/// matcher is Unicode simple case folding, which also equates a handful of
/// letters that `to_lowercase` keeps apart (`ſ`/`s`, `ς`/`σ`).
pub fn fold_char(c: char) -> char {
    let n = narrow(c);
    if n.is_ascii() {
        return n.to_ascii_lowercase();
    }
    let mut lower = n.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        // Multi-char lowercase (e.g. U+0130) has no single canonical char.
        _ => n,
    }
}

/// Every char that `narrow`s to the same thing as `c`, `c` first.
pub fn width_variants(c: char) -> Vec<char> {
    let n = narrow(c);
    let mut out = vec![c];
    let mut add = |v: char| {
        if !out.contains(&v) {
            out.push(v);
        }
    };
    add(n);
    if ('!'..='~').contains(&n) {
        if let Some(wide) = char::from_u32(n as u32 + 0xFEE0) {
            add(wide);
        }
    }
    for &(wide, to) in &NARROW_OF {
        if to == n {
            add(wide);
        }
    }
    out
}

/// OpenCC's Traditional → Simplified character table (Apache-2.0; its header names the
/// source): `繁\t简 [other candidates]`.
const TS_CHARACTERS: &str = include_str!("opencc/TSCharacters.txt");

static SCRIPT_FOLDING: AtomicBool = AtomicBool::new(true);

/// Turns Traditional/Simplified folding on or off for queries compiled from now on (the
/// config's `search.fold_script`). On unless turned off.
pub fn set_script_folding(on: bool) {
    SCRIPT_FOLDING.store(on, Ordering::Relaxed);
}

pub fn script_folding() -> bool {
    SCRIPT_FOLDING.load(Ordering::Relaxed)
}

struct Script {
    /// Each Traditional character's Simplified form (the table's first candidate).
    simplified: HashMap<char, char>,
    /// Each Simplified form's whole class: itself first, then the characters folding to it.
    class: HashMap<char, Vec<char>>,
}

fn script() -> &'static Script {
    static SCRIPT: OnceLock<Script> = OnceLock::new();
    SCRIPT.get_or_init(|| {
        let mut simplified = HashMap::new();
        let mut class: HashMap<char, Vec<char>> = HashMap::new();
        for line in TS_CHARACTERS.lines().filter(|l| !l.starts_with('#')) {
            let Some((key, values)) = line.split_once('\t') else {
                continue;
            };
            let (mut k, mut v) = (key.chars(), values.split(' ').next().unwrap_or("").chars());
            let (Some(t), None, Some(s), None) = (k.next(), k.next(), v.next(), v.next()) else {
                continue;
            };
            if t == s {
                continue;
            }
            simplified.insert(t, s);
            let members = class.entry(s).or_insert_with(|| vec![s]);
            if !members.contains(&t) {
                members.push(t);
            }
        }
        Script { simplified, class }
    })
}

/// `c` in Simplified form, character by character (`廣` → `广`; a Simplified or
/// non-Chinese character is itself).
pub fn to_simplified(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    script().simplified.get(&c).copied().unwrap_or(c)
}

/// Every character a search treats as `c` across scripts: its Simplified form and all the
/// Traditional ones that fold to it (`广` → `广 廣`, `發` → `发 發 髮`). Just `c` for most.
pub fn script_variants(c: char) -> Vec<char> {
    // Below the CJK blocks nothing folds: ASCII and punctuation queries stay as they are.
    if (c as u32) < 0x3400 {
        return vec![c];
    }
    let s = to_simplified(c);
    let mut out = vec![c];
    for &v in script().class.get(&s).map_or(&[][..], |v| &v[..]) {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    if !out.contains(&s) {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opencc_table_folds_traditional_to_simplified() {
        assert_eq!(to_simplified('廣'), '广');
        assert_eq!(to_simplified('產'), '产');
        assert_eq!(to_simplified('广'), '广');
        assert_eq!(to_simplified('a'), 'a');
        let fa = script_variants('发');
        assert!(fa.contains(&'發') && fa.contains(&'髮'), "{fa:?}");
        assert_eq!(script_variants('發')[0], '發', "the char itself first");
        assert!(script_variants('發').contains(&'发'));
        assert_eq!(script_variants('的'), vec!['的']);
        assert_eq!(script_variants('，'), vec!['，']);
        // The table is whole: thousands of characters.
        assert!(script().simplified.len() > 3000);
    }
}
