//! Search folding: the characters a Chinese reader treats as the same when searching —
//! full- and half-width forms, curly and straight quotes, Latin case. Pure functions on `char`.

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
