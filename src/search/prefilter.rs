//! The prefilter of a query: a literal query (or one of the strings a regex query requires,
//! see [`super::literals`]) with an optional run of whitespace, line breaks and Markdown
//! marks allowed between any two chars (cleaning joins hard-wrapped lines, trims
//! indentation, joins title lines with a space and drops `#`, `>` and `**`), tried against
//! the raw bytes of UTF-8 and GB18030 files or against decoded text before anything is
//! cleaned. It may pass files without a match; it must never reject a file that has one.

use encoding_rs::GB18030;
use regex::bytes::{Regex as BytesRegex, RegexBuilder as BytesRegexBuilder};
use regex::{Regex, RegexBuilder};

use super::query::{literal_pieces as pieces, LiteralPiece as Piece};

/// Whether text (or the raw bytes of a UTF-8 or GB18030 file, where ASCII bytes are always
/// ASCII chars) may hold an HTML tag, an entity or a `<U+…>` escape: cleaning turns those
/// into other chars or nothing, so such a file always passes.
pub(super) fn escape_hazard(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'<', b'&', bytes).any(|i| match (bytes[i], bytes.get(i + 1)) {
        (b'<', Some(&c)) => c == b'/' || c == b'!' || c.is_ascii_alphabetic(),
        (b'&', Some(&c)) => c == b'#' || c.is_ascii_alphabetic(),
        _ => false,
    })
}

/// The pieces of one string of the cleaned text a regex requires: its longest run without
/// a line break (cleaning may drop or reorder the lines around a break), each char as
/// itself, gap chars left out (the gaps between pieces allow for them). `None` when
/// nothing is left or it holds U+FFFD (see [`Prefilter::new`]).
fn required_pieces(s: &str) -> Option<Vec<Piece>> {
    if s.contains('\u{FFFD}') {
        return None;
    }
    let run = s
        .split([
            '\n', '\u{B}', '\u{C}', '\r', '\u{85}', '\u{2028}', '\u{2029}',
        ])
        .max_by_key(|r| r.chars().filter(|&c| !is_gap(c)).count())?;
    let pieces: Vec<Piece> = run
        .chars()
        .filter(|&c| !is_gap(c))
        .map(|c| Piece::Char(regex::escape(c.encode_utf8(&mut [0; 4]))))
        .collect();
    (!pieces.is_empty()).then_some(pieces)
}

fn is_gap(c: char) -> bool {
    c.is_whitespace() || GAP_MARKS.contains(&c)
}

/// What cleaning may put between two chars that are apart in the file: whitespace and line
/// breaks (hard wraps joined, indentation and trailing blanks trimmed, title lines joined
/// with a space), Markdown marks (`#` around headings, `>` quotes, `**` emphasis) and
/// U+FEFF (dropped by decoding).
const GAP_CLASS: &str = r"[\s#*>\x{FEFF}]";
/// The chars of [`GAP_CLASS`] that are not whitespace.
const GAP_MARKS: [char; 4] = ['#', '*', '>', '\u{FEFF}'];
/// Cleaning cuts these notices out of a line and splices the text around them, so a match
/// can straddle one: files that contain them are never filtered out.
const HAZARDS: [&str; 2] = ["省略", "未完"];
/// Byte sequences `encoding_rs` decodes to a char whose GB18030 encoding they are not
/// (`0x80` is also `€`, and GB18030-2022 moved some chars out of the private use area):
/// the raw prefilter looks for these too. The test `gb18030_extra_sequences_are_listed`
/// derives the list by decoding every sequence.
pub(super) const GB18030_EXTRA: [(char, &[u8]); 20] = [
    ('\u{20AC}', &[0x80]),
    ('\u{3000}', &[0xA3, 0xA0]),
    ('\u{9FB4}', &[0x82, 0x35, 0x90, 0x37]),
    ('\u{9FB5}', &[0x82, 0x35, 0x90, 0x38]),
    ('\u{9FB6}', &[0x82, 0x35, 0x90, 0x39]),
    ('\u{9FB7}', &[0x82, 0x35, 0x91, 0x30]),
    ('\u{9FB8}', &[0x82, 0x35, 0x91, 0x31]),
    ('\u{9FB9}', &[0x82, 0x35, 0x91, 0x32]),
    ('\u{9FBA}', &[0x82, 0x35, 0x91, 0x33]),
    ('\u{9FBB}', &[0x82, 0x35, 0x91, 0x34]),
    ('\u{FE10}', &[0x84, 0x31, 0x82, 0x36]),
    ('\u{FE11}', &[0x84, 0x31, 0x82, 0x37]),
    ('\u{FE12}', &[0x84, 0x31, 0x82, 0x38]),
    ('\u{FE13}', &[0x84, 0x31, 0x82, 0x39]),
    ('\u{FE14}', &[0x84, 0x31, 0x83, 0x30]),
    ('\u{FE15}', &[0x84, 0x31, 0x83, 0x31]),
    ('\u{FE16}', &[0x84, 0x31, 0x83, 0x32]),
    ('\u{FE17}', &[0x84, 0x31, 0x83, 0x33]),
    ('\u{FE18}', &[0x84, 0x31, 0x83, 0x34]),
    ('\u{FE19}', &[0x84, 0x31, 0x83, 0x35]),
];
/// A query char folding to more variants than this gets no raw GB18030 prefilter.
const MAX_VARIANTS: usize = 64;

/// Joins piece patterns with the gap (`alt` is the pattern of one gap char) between chars.
fn join_pieces(
    pieces: &[Piece],
    char_pat: impl Fn(&str) -> Option<String>,
    alt: &str,
) -> Option<String> {
    let mut p = String::new();
    let mut after_char = false;
    for piece in pieces {
        match piece {
            Piece::Blank => {
                p.push_str(&format!("(?:{alt})+"));
                after_char = false;
            }
            Piece::Char(pat) => {
                if after_char {
                    p.push_str(&format!("(?:{alt})*"));
                }
                p.push_str(&char_pat(pat)?);
                after_char = true;
            }
        }
    }
    Some(p)
}

/// Every char a single-char pattern matches case-insensitively, as the matcher runs it.
fn class_chars(pattern: &str) -> Option<Vec<char>> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    match hir.kind() {
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            let mut it = s.chars();
            let c = it.next()?;
            it.next().is_none().then(|| vec![c])
        }
        HirKind::Class(Class::Unicode(cls)) => {
            let mut out = Vec::new();
            for r in cls.iter() {
                for c in r.start()..=r.end() {
                    if out.len() == MAX_VARIANTS {
                        return None;
                    }
                    out.push(c);
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// `(?:\xA1\xA1|\x20|…)`: the GB18030 bytes of each char; `None` if one has no unique bytes.
fn gb18030_alternation(chars: &[char]) -> Option<String> {
    let hex = |bytes: &[u8]| {
        bytes
            .iter()
            .map(|b| format!(r"\x{b:02X}"))
            .collect::<String>()
    };
    let mut alts = Vec::new();
    for &c in chars {
        let mut buf = [0; 4];
        let (bytes, _, had_errors) = GB18030.encode(c.encode_utf8(&mut buf));
        if !had_errors {
            alts.push(hex(&bytes));
        }
        for &(_, seq) in GB18030_EXTRA.iter().filter(|(x, _)| *x == c) {
            alts.push(hex(seq));
        }
    }
    // A char that no bytes decode to cannot be in the file: an empty class never matches.
    Some(if alts.is_empty() {
        "[^\\x00-\\xFF]".to_string()
    } else {
        format!("(?:{})", alts.join("|"))
    })
}

/// The prefilters of a literal query, or of one required set of a regex query.
pub(super) struct Prefilter {
    /// On decoded text.
    pub(super) text: Regex,
    /// On the raw bytes of a UTF-8 file (the same pattern; invalid bytes never match).
    pub(super) utf8: BytesRegex,
    /// On the raw bytes of a GB18030 file; `None` when a char of the query has no unique
    /// GB18030 bytes (the file is then decoded first).
    pub(super) gb18030: Option<BytesRegex>,
}

impl Prefilter {
    pub(super) fn new(literal: &str) -> Option<Prefilter> {
        // Cleaning turns control characters into U+FFFD, and decoding invalid bytes: a
        // query for U+FFFD can match where the file has neither.
        if literal.contains('\u{FFFD}') {
            return None;
        }
        Prefilter::build(&[pieces(literal)])
    }

    /// Passes text that may hold any of `strings` once cleaned (a required set of a regex
    /// query); `None` when one of them gives nothing to look for.
    pub(super) fn any_of(strings: &[String]) -> Option<Prefilter> {
        let alts: Vec<Vec<Piece>> = strings
            .iter()
            .map(|s| required_pieces(s))
            .collect::<Option<_>>()?;
        Prefilter::build(&alts)
    }

    /// Passes text that may hold any of the alternatives, or a hazard.
    fn build(alts: &[Vec<Piece>]) -> Option<Prefilter> {
        let query = alts
            .iter()
            .map(|pieces| join_pieces(pieces, |p| Some(p.to_string()), GAP_CLASS))
            .collect::<Option<Vec<_>>>()?;
        let pattern = format!("(?:{})|{}", query.join("|"), HAZARDS.join("|"));
        let text = RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .size_limit(32 << 20)
            .build()
            .ok()?;
        let utf8 = BytesRegexBuilder::new(&pattern)
            .case_insensitive(true)
            .size_limit(32 << 20)
            .build()
            .ok()?;
        let gb18030 = (|| {
            let gap = gb18030_alternation(&class_chars(GAP_CLASS)?)?;
            let query = alts
                .iter()
                .map(|pieces| join_pieces(pieces, |p| gb18030_alternation(&class_chars(p)?), &gap))
                .collect::<Option<Vec<_>>>()?
                .join("|");
            let hazards: Vec<String> = HAZARDS
                .iter()
                .map(|h| {
                    let chars: Vec<char> = h.chars().collect();
                    chars
                        .iter()
                        .map(|&c| gb18030_alternation(&[c]))
                        .collect::<Option<String>>()
                })
                .collect::<Option<_>>()?;
            let pattern = format!("(?:{query})|{}", hazards.join("|"));
            BytesRegexBuilder::new(&pattern)
                .unicode(false)
                .size_limit(32 << 20)
                .build()
                .ok()
        })();
        Some(Prefilter {
            text,
            utf8,
            gb18030,
        })
    }
}
