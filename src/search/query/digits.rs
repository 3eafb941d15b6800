//! The ASCII-digit variant of a regex query: Unicode `\d` (and any class holding every
//! non-ASCII decimal digit, like `[\d年]`) without the non-ASCII digits, for text that has
//! none of them. On such text no class can tell the two apart, so both find the same
//! matches; the variant lets the `regex` crate search `[0-9]{4}年` by its literal `年` at
//! several GB/s where Unicode `\d{4}年` runs its DFA over every byte.

use std::sync::OnceLock;

use regex::bytes::Regex as BytesRegex;
use regex::RegexBuilder;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition,
};

use super::{Query, DFA_SIZE_LIMIT, SIZE_LIMIT};

/// Lead bytes of UTF-8 chars in U+2000–U+9FFF and U+F000–U+FFFF (punctuation, CJK, full-width
/// forms): frequent in Chinese text, so the digits they start are looked for whole. Only
/// speed depends on this list.
fn common_lead(b: u8) -> bool {
    matches!(b, 0xE2..=0xE9 | 0xEF)
}

/// The decimal digits other than `0`–`9`, and how to find them fast.
struct OtherDigits {
    class: ClassUnicode,
    /// The exact UTF-8 of those with a common lead byte (`０`–`９`).
    common: Option<BytesRegex>,
    /// The other lead bytes: each hit is decoded and checked against `class`.
    rare_leads: Vec<u8>,
}

fn other_digits() -> &'static OtherDigits {
    static D: OnceLock<OtherDigits> = OnceLock::new();
    D.get_or_init(|| {
        let mut class = match crate::search::literals::parse(r"\d").map(|h| h.into_kind()) {
            Some(HirKind::Class(Class::Unicode(c))) => c,
            _ => unreachable!(r"\d is a Unicode class"),
        };
        class.difference(&ClassUnicode::new([ClassUnicodeRange::new('0', '9')]));
        let mut common = Vec::new();
        let mut rare_leads = Vec::new();
        for r in class.iter() {
            for c in r.start()..=r.end() {
                let mut buf = [0; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                if common_lead(bytes[0]) {
                    common.push(
                        bytes
                            .iter()
                            .map(|b| format!(r"\x{b:02X}"))
                            .collect::<String>(),
                    );
                } else if !rare_leads.contains(&bytes[0]) {
                    rare_leads.push(bytes[0]);
                }
            }
        }
        let common = (!common.is_empty()).then(|| {
            regex::bytes::RegexBuilder::new(&common.join("|"))
                .unicode(false)
                .build()
                .expect("byte literals compile")
        });
        OtherDigits {
            class,
            common,
            rare_leads,
        }
    })
}

/// Whether `text` holds a decimal digit other than `0`–`9` (`０`, `٣`, `𝟘`, …).
pub fn has_other_digits(text: &str) -> bool {
    let d = other_digits();
    let b = text.as_bytes();
    if d.common.as_ref().is_some_and(|re| re.is_match(b)) {
        return true;
    }
    // A lead byte always starts a char, so `text[i..]` is a char boundary.
    let digit_at = |i: usize| {
        text[i..].chars().next().is_some_and(|c| {
            d.class
                .ranges()
                .iter()
                .any(|r| r.start() <= c && c <= r.end())
        })
    };
    d.rare_leads.chunks(3).any(|leads| match *leads {
        [a] => memchr::memchr_iter(a, b).any(digit_at),
        [a, x] => memchr::memchr2_iter(a, x, b).any(digit_at),
        [a, x, y] => memchr::memchr3_iter(a, x, y, b).any(digit_at),
        _ => unreachable!("chunks of 1 to 3"),
    })
}

/// `hir` with every class that holds all of `other` and gets simpler without it stripped of
/// `other`; `None` when nothing changed.
fn strip(hir: &Hir, other: &ClassUnicode) -> Option<Hir> {
    let all = |subs: &[Hir]| -> Option<Vec<Hir>> {
        let new: Vec<Option<Hir>> = subs.iter().map(|s| strip(s, other)).collect();
        new.iter().any(Option::is_some).then(|| {
            new.into_iter()
                .zip(subs)
                .map(|(n, s)| n.unwrap_or_else(|| s.clone()))
                .collect()
        })
    };
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut both = c.clone();
            both.intersect(other);
            let mut without = c.clone();
            without.difference(other);
            (both == *other && without.ranges().len() < c.ranges().len())
                .then(|| Hir::class(Class::Unicode(without)))
        }
        HirKind::Concat(subs) => all(subs).map(Hir::concat),
        HirKind::Alternation(subs) => all(subs).map(Hir::alternation),
        HirKind::Repetition(r) => strip(&r.sub, other).map(|sub| {
            Hir::repetition(Repetition {
                sub: Box::new(sub),
                ..r.clone()
            })
        }),
        HirKind::Capture(c) => strip(&c.sub, other).map(|sub| {
            Hir::capture(Capture {
                sub: Box::new(sub),
                ..c.clone()
            })
        }),
        _ => None,
    }
}

impl Query {
    /// The variant of a regex query to run on text without [`has_other_digits`]: the same
    /// matches there, found faster. `None` for literal queries and regexes without `\d`.
    pub fn ascii_digits(&self) -> Option<Query> {
        if !self.is_regex {
            return None;
        }
        let hir = crate::search::literals::parse(self.re.as_str())?;
        let hir = strip(&hir, &other_digits().class)?;
        // The HIR already holds the query's flags (case folded into classes, `(?mR:^)`):
        // printed, it parses back to itself with none.
        let re = RegexBuilder::new(&hir.to_string())
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(DFA_SIZE_LIMIT)
            .build()
            .ok()?;
        Some(Query {
            re,
            is_regex: true,
            literal: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_digits_are_found_exactly() {
        for (text, other) in [
            ("2023年5月，全市", false),
            ("２０２３年５月", true),
            ("第٣次", true),
            ("𝟘", true),
            ("೧೯", true),
            ("：，（）；〇一二三", false),
            ("emoji 😀 and ẞ and ꙮ", false),
            ("", false),
        ] {
            assert_eq!(has_other_digits(text), other, "{text}");
        }
        // Every char of the class, alone and inside Chinese text.
        for r in other_digits().class.iter() {
            for c in r.start()..=r.end() {
                assert!(has_other_digits(&format!("全市{c}年")), "{c:?}");
            }
        }
        assert!(!has_other_digits("a年，/:\u{FF1A}\u{FF0F}\u{10FFFF}"));
    }

    #[test]
    fn the_variant_strips_digit_classes_and_round_trips() {
        let q = |p: &str| {
            Query::parse_with(&format!("re:{p}"), true)
                .unwrap()
                .unwrap()
        };
        for p in [
            r"\d{4}年\d{1,2}月",
            r"[\d年]+",
            r"^\d+$",
            r"(?-i)A\d",
            r"(\d)\.\d",
        ] {
            let a = q(p).ascii_digits().unwrap_or_else(|| panic!("{p}"));
            // What the variant compiled is exactly the stripped HIR.
            let stripped = strip(
                &crate::search::literals::parse(p).unwrap(),
                &other_digits().class,
            );
            assert_eq!(
                regex_syntax::parse(a.pattern()).unwrap(),
                stripped.unwrap(),
                "{p}"
            );
            assert!(!a.pattern().contains("٠"), "{p}: {}", a.pattern());
        }
        for p in [r"\D+", r"年.月", r"[a-z]+", "一岗双责"] {
            assert!(q(p).ascii_digits().is_none(), "{p}");
        }
        assert!(Query::parse("一岗双责")
            .unwrap()
            .unwrap()
            .ascii_digits()
            .is_none());
        // Case folding and line anchors carried over.
        let a = q(r"(?m)^k\d$").ascii_digits().unwrap();
        assert_eq!(a.count("x\nK1\r\n\u{212A}2\n"), 2);
        assert_eq!(a.count("k１"), 0);
    }
}
