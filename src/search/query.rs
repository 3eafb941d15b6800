//! Phrase search for tigang: matches a half-remembered query against `&str` text, folding the variants a Chinese reader treats as the same; it must not depend on the terminal UI or on corpus types.
//!
//! # Query syntax
//!
//! * Plain input is a literal phrase. Full-width and half-width ASCII forms
//!   (`，`/`,`, `（`/`(`, `１`/`1`, `ａ`/`a`, …), Latin case, and curly and
//!   straight quotes (`“”`/`"`, `‘’`/`'`) match each other, as do the
//!   half-width forms of CJK punctuation (`｡`/`。`). `。` and `.` do not,
//!   nor do `、` and `,`: they mean different things. Traditional and
//!   Simplified forms of a character match each other (`广州` finds `廣州`; OpenCC's
//!   character table; off with `search.fold_script = false`). A run of
//!   whitespace in the query matches any run of spaces, tabs, U+3000 and
//!   other non-line-breaking blanks in the text.
//! * `re:` (or `re：`, as an input method may type it) starts a regular
//!   expression in the `regex` crate's syntax. It is case-insensitive (turn
//!   that off with `(?-i)`), `^`/`$` match at line starts and ends, and it
//!   does *not* fold full-width forms: write `[,，]` where that matters.
//! * `\re:` searches for the literal text `re:`.
//!
//! The literal query is compiled into a regex in which each foldable char
//! becomes a small class (`[,，]`), so the haystack is never rewritten and
//! the `regex` crate's literal scanners (memchr, Teddy) keep CJK phrases
//! fast. Matches are byte ranges into the original text.
//!
//! # Which matches
//!
//! [`Query::find_iter`] and [`Query::count`] report non-overlapping matches
//! left to right, like `grep -o` or `less`: `啊啊` in `啊啊啊` is one match.
//! [`Query::next_from`] and [`Query::prev_before`] step through every
//! position where a match *starts*, so they may land on a match that
//! overlaps the previous one. Empty matches (possible only in regex mode,
//! e.g. `re:a*`) are never reported: a reader cannot see or step past them.

use std::fmt;
use std::ops::Range;

use regex::{Regex, RegexBuilder};

use crate::text::fold::{script_folding, script_variants, width_variants};

/// Input prefixes that switch a query to regular-expression mode.
const REGEX_PREFIXES: [&str; 2] = ["re:", "re："];

/// Compiled-program budget: a few MiB is plenty for anything typed at a
/// prompt and refuses `a{1000}{1000}` in milliseconds instead of minutes.
const SIZE_LIMIT: usize = 8 << 20;
/// Lazy-DFA cache budget per searching thread.
const DFA_SIZE_LIMIT: usize = 8 << 20;
/// Horizontal whitespace: Unicode White_Space minus the line breaks, so a
/// space in the query never joins two paragraphs.
const BLANK_RUN: &str = r"[\t\x{20}\x{A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]+";

/// Line breaks end a paragraph; matches and snippets stay inside one.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{B}' | '\u{C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn push_literal_char(pattern: &mut String, c: char, script: bool) {
    use std::fmt::Write;
    let mut variants = width_variants(c);
    if script {
        // A CJK char has no width variants: its class is its script variants.
        for v in script_variants(c) {
            if !variants.contains(&v) {
                variants.push(v);
            }
        }
    }
    if variants.len() == 1 {
        let mut buf = [0; 4];
        pattern.push_str(&regex::escape(c.encode_utf8(&mut buf)));
    } else {
        // Hex escapes sidestep every question of what is special inside a
        // class (`-`, `^`, `[`, `&&`, `~~`).
        pattern.push('[');
        for v in variants {
            let _ = write!(pattern, r"\x{{{:X}}}", v as u32);
        }
        pattern.push(']');
    }
}

/// The regex the matcher uses for one non-whitespace char of a literal query: the char
/// itself or a class of its width and quote variants (case is folded by the matcher's
/// case-insensitive flag, on top of this).
pub fn literal_char_pattern(c: char) -> String {
    literal_char_pattern_with(c, script_folding())
}

fn literal_char_pattern_with(c: char, script: bool) -> String {
    let mut pattern = String::new();
    push_literal_char(&mut pattern, c, script);
    pattern
}

/// One piece of a literal query: a char (as its matcher pattern, see [`literal_char_pattern`])
/// or a run of whitespace. The matcher and the prefilter both split a query here, so they
/// cannot disagree on where its blanks are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiteralPiece {
    Char(String),
    Blank,
}

/// A literal query split into chars and whitespace runs.
pub fn literal_pieces(query: &str) -> Vec<LiteralPiece> {
    literal_pieces_with(query, script_folding())
}

fn literal_pieces_with(query: &str, script: bool) -> Vec<LiteralPiece> {
    let mut out = Vec::new();
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            out.push(LiteralPiece::Blank);
        } else {
            out.push(LiteralPiece::Char(literal_char_pattern_with(c, script)));
        }
    }
    out
}

fn literal_pattern(query: &str, script: bool) -> String {
    let mut pattern = String::with_capacity(query.len() * 4);
    for piece in literal_pieces_with(query, script) {
        match piece {
            LiteralPiece::Char(p) => pattern.push_str(&p),
            LiteralPiece::Blank => pattern.push_str(BLANK_RUN),
        }
    }
    pattern
}

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .multi_line(true)
        .crlf(true)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(DFA_SIZE_LIMIT)
        .build()
}

/// Why a query could not be compiled, as one line fit for the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    message: String,
}

impl QueryError {
    pub fn message(&self) -> &str {
        &self.message
    }

    /// `prefix_chars` shifts the reported column so it points into what the
    /// user typed, prefix included.
    fn from_regex(err: &regex::Error, literal: bool, prefix_chars: usize) -> QueryError {
        let message = match err {
            regex::Error::CompiledTooBig(_) if literal => "query is too long".to_string(),
            regex::Error::CompiledTooBig(limit) => {
                format!("regex too big (over {} KiB compiled)", limit >> 10)
            }
            regex::Error::Syntax(text) => syntax_message(text, prefix_chars),
            other => format!("bad regex: {other}"),
        };
        // Whatever the regex crate prints, the prompt has room for one line.
        let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
        QueryError { message }
    }
}

/// regex-syntax renders errors as a block: a header, the pattern, a caret
/// line and `error: what`. Keep `what` and turn the caret into a column.
fn syntax_message(text: &str, prefix_chars: usize) -> String {
    let what = text
        .lines()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix("error: "))
        .unwrap_or_else(|| text.lines().last().unwrap_or("invalid"));
    let lines: Vec<&str> = text.lines().collect();
    // The pattern is shown indented by four spaces on line 2 for one-line
    // patterns; multi-line patterns get numbered lines and no column here.
    let column = match lines.as_slice() {
        [_, pattern, caret, ..]
            if pattern.starts_with("    ") && caret.trim_start().starts_with('^') =>
        {
            caret
                .chars()
                .position(|c| c == '^')
                .map(|p| p.saturating_sub(4) + 1 + prefix_chars)
        }
        _ => None,
    };
    match column {
        Some(col) => format!("bad regex at column {col}: {what}"),
        None => format!("bad regex: {what}"),
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

/// A compiled search query.
#[derive(Debug, Clone)]
pub struct Query {
    pub(super) re: Regex,
    is_regex: bool,
    /// The phrase a literal query looks for (`\re:` unescaped); `None` in regex mode.
    literal: Option<String>,
}

impl Query {
    /// Compiles what the user typed. `Ok(None)` for an empty query (and for
    /// a bare `re:`), which the caller treats as "no search".
    pub fn parse(input: &str) -> Result<Option<Query>, QueryError> {
        Query::parse_with(input, script_folding())
    }

    /// [`Query::parse`] with Traditional/Simplified folding on or off whatever the setting.
    pub fn parse_with(input: &str, script: bool) -> Result<Option<Query>, QueryError> {
        for prefix in REGEX_PREFIXES {
            if let Some(pattern) = input.strip_prefix(prefix) {
                if pattern.is_empty() {
                    return Ok(None);
                }
                let re = build(pattern)
                    .map_err(|e| QueryError::from_regex(&e, false, prefix.chars().count()))?;
                return Ok(Some(Query {
                    re,
                    is_regex: true,
                    literal: None,
                }));
            }
        }
        let literal = match input.strip_prefix('\\') {
            Some(rest) if REGEX_PREFIXES.iter().any(|p| rest.starts_with(p)) => rest,
            _ => input,
        };
        if literal.is_empty() {
            return Ok(None);
        }
        let re = build(&literal_pattern(literal, script))
            .map_err(|e| QueryError::from_regex(&e, true, 0))?;
        Ok(Some(Query {
            re,
            is_regex: false,
            literal: Some(literal.to_string()),
        }))
    }

    pub fn is_regex(&self) -> bool {
        self.is_regex
    }

    /// The phrase of a literal query, as typed (without a `\` before `re:`); `None` in
    /// regex mode.
    pub fn literal(&self) -> Option<&str> {
        self.literal.as_deref()
    }

    /// The regex actually run, for diagnostics.
    pub fn pattern(&self) -> &str {
        self.re.as_str()
    }

    /// Non-overlapping matches, left to right.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        self.re
            .find_iter(text)
            .filter(|m| !m.is_empty())
            .map(|m| m.range())
    }

    /// Number of non-overlapping matches.
    pub fn count(&self, text: &str) -> usize {
        self.find_iter(text).count()
    }

    /// The first match starting at or after `pos` (rounded up to a char
    /// boundary). Use `find_at(text, 0)` to wrap around after `next_from`
    /// returns `None`.
    pub fn find_at(&self, text: &str, pos: usize) -> Option<Range<usize>> {
        if pos > text.len() {
            return None;
        }
        let mut at = text.ceil_char_boundary(pos);
        loop {
            let m = self.re.find_at(text, at)?;
            if !m.is_empty() {
                return Some(m.range());
            }
            at = next_boundary(text, m.start())?;
        }
    }

    /// The first match starting strictly after `pos`, for `n` from a cursor
    /// sitting on a match. It may overlap the match at `pos`. `None` at the
    /// end: wrapping is the caller's choice (`find_at(text, 0)`).
    pub fn next_from(&self, text: &str, pos: usize) -> Option<Range<usize>> {
        if pos >= text.len() {
            return None;
        }
        self.find_at(text, text.ceil_char_boundary(pos + 1))
    }

    /// The last match starting strictly before `pos`, for `N`; the
    /// mirror of [`Query::next_from`]. `prev_before(text, text.len())` is the
    /// last match, for wrapping.
    pub fn prev_before(&self, text: &str, pos: usize) -> Option<Range<usize>> {
        // There is no reverse search, so scan forward through ever larger
        // windows ending at `pos`; the first window is enough when
        // matches are dense, as they are when a reader is pressing `N`.
        let mut hi = pos.min(text.len());
        let mut window = 4096;
        while hi > 0 {
            let lo = text.floor_char_boundary(hi.saturating_sub(window));
            let mut last = None;
            let mut at = lo;
            while let Some(m) = self.find_at(text, at) {
                if m.start >= hi {
                    break;
                }
                at = match next_boundary(text, m.start) {
                    Some(next) => next,
                    None => text.len(),
                };
                last = Some(m);
            }
            if last.is_some() {
                return last;
            }
            hi = lo;
            window = window.saturating_mul(2);
        }
        None
    }
}

/// The char boundary after the char starting at `pos`, if any.
pub(super) fn next_boundary(text: &str, pos: usize) -> Option<usize> {
    let c = text.get(pos..)?.chars().next()?;
    Some(pos + c.len_utf8())
}

/// A window of context around the match `m`: at most `max_chars_each_side`
/// chars before and after it, on char boundaries, and not reaching across a
/// line break (a paragraph boundary in the corpus). Returns the window as a
/// range of `text` and the match as a range of the window.
pub fn snippet(
    text: &str,
    m: Range<usize>,
    max_chars_each_side: usize,
) -> (Range<usize>, Range<usize>) {
    let end = text.ceil_char_boundary(m.end.min(text.len()));
    let start = text.floor_char_boundary(m.start.min(end));
    let mut lo = start;
    for (i, c) in text[..start].char_indices().rev().take(max_chars_each_side) {
        if is_line_break(c) {
            break;
        }
        lo = i;
    }
    let mut hi = end;
    for c in text[end..].chars().take(max_chars_each_side) {
        if is_line_break(c) {
            break;
        }
        hi += c.len_utf8();
    }
    (lo..hi, start - lo..end - lo)
}

mod digits;
pub use digits::has_other_digits;

#[cfg(test)]
mod tests;
