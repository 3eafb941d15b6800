//! Decoded text → source lines: made safe to show (controls), split on any line end, with
//! indentation off, lines a scraper glued together split again, and omission and truncation
//! markers cut out (spec §1–§2, §7.5).

use super::*;

/// One source line with its omission markers cut out.
pub(super) struct Line<'a> {
    pub(super) text: Cow<'a, str>,
    /// (byte offset into `text`, omitted chars, truncated tail)
    pub(super) gaps: Sparse<(usize, Option<u32>, bool)>,
    /// Markdown: heading level (its `#`s removed from `text`), a `>` quote, emphasis ranges.
    pub(super) level: u8,
    pub(super) quote: bool,
    pub(super) emphasis: Sparse<Range<usize>>,
}

/// A list almost every line has empty: one pointer instead of a `Vec`'s three words, as a
/// text of short lines holds hundreds of thousands of `Line`s at once.
// The box is the point: `Option<Box<_>>` is one word, `Vec` three.
#[allow(clippy::box_collection)]
pub(super) struct Sparse<T>(Option<Box<Vec<T>>>);

impl<T> Sparse<T> {
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub(super) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.as_deref().map_or(&[][..], |v| &v[..]).iter()
    }

    pub(super) fn push(&mut self, x: T) {
        self.0.get_or_insert_with(Default::default).push(x);
    }

    pub(super) fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        if let Some(v) = &mut self.0 {
            v.retain(keep);
            if v.is_empty() {
                self.0 = None;
            }
        }
    }
}

impl<T> From<Vec<T>> for Sparse<T> {
    fn from(v: Vec<T>) -> Sparse<T> {
        Sparse((!v.is_empty()).then(|| Box::new(v)))
    }
}

impl<T> FromIterator<T> for Sparse<T> {
    fn from_iter<I: IntoIterator<Item = T>>(it: I) -> Sparse<T> {
        Sparse::from(it.into_iter().collect::<Vec<T>>())
    }
}

impl<'a> Line<'a> {
    pub(super) fn plain(text: Cow<'a, str>) -> Line<'a> {
        Line {
            text,
            gaps: Sparse(None),
            level: 0,
            quote: false,
            emphasis: Sparse(None),
        }
    }
}

/// A line reads as its text: the scrape tests take lines and plain strings alike.
impl AsRef<str> for Line<'_> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Line<'_> {
    pub(super) fn is_blank(&self) -> bool {
        self.text.is_empty() && self.gaps.is_empty()
    }

    /// The line without Markdown heading marks (`# 在会上的讲话`), for the title block.
    pub(super) fn without_atx(&self) -> Line<'_> {
        let t = strip_atx(&self.text);
        let start = t.as_ptr() as usize - self.text.as_ptr() as usize;
        Line {
            gaps: self
                .gaps
                .iter()
                .map(|&(at, n, tr)| (at.clamp(start, start + t.len()) - start, n, tr))
                .collect(),
            ..Line::plain(Cow::Borrowed(t))
        }
    }
}

fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}')
}

/// Line content for recognition: leading indentation and trailing whitespace are not content.
pub fn content(line: &str) -> &str {
    // Most lines neither start with indentation nor end in whitespace: the bytes at either
    // end tell, before any char is decoded (this runs for every line of every text).
    let b = line.as_bytes();
    let t = match b.first() {
        Some(b' ' | b'\t' | 0xE3 | 0xC2) => line.trim_start_matches(is_indent),
        _ => line,
    };
    if ends_in_space(t.as_bytes()) {
        t.trim_end()
    } else {
        t
    }
}

/// Whether the last char of `b` (UTF-8) is whitespace as `char::is_whitespace` says.
fn ends_in_space(b: &[u8]) -> bool {
    match *b {
        [] => false,
        [.., c] if c < 0x80 => c == b' ' || (b'\t'..=b'\r').contains(&c),
        [.., x, y] if crate::corpus::count::is_wide_space(&[x, y]) => true,
        [.., x, y, z] => crate::corpus::count::is_wide_space(&[x, y, z]),
        _ => false,
    }
}

/// Splits on CRLF, CR and LF alike.
pub(super) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        // memchr: `str::find` with a char set decodes every char on the way.
        match memchr::memchr2(b'\r', b'\n', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some(line)
            }
            None => {
                done = true;
                if rest.is_empty() {
                    None
                } else {
                    Some(rest)
                }
            }
        }
    })
}

/// The text's lines as content (indentation off), with lines a scraper glued together split
/// again: at lost line breaks inside long lines, after a leading news dateline, and between
/// a title and its `——` subtitle near the top.
/// Each piece goes to `out` as it is found: a text of short lines would otherwise hold a
/// second list as long as the lines themselves.
fn pieces<'a>(text: &'a str, mut out: impl FnMut(&'a str)) {
    // Pieces pushed so far: the title's `——` split is looked for near the top only.
    let mut count = 0;
    for raw in split_lines(text) {
        let line = content(raw);
        let split;
        let parts: &[&str] = if scrape::may_have_lost_breaks(line) {
            split = scrape::split_lost_breaks(line);
            &split
        } else {
            std::slice::from_ref(&line)
        };
        for &piece in parts {
            let mut piece = piece;
            if let Some(l) = scrape::dateline_len(piece).filter(|&l| l < piece.len()) {
                out(&piece[..l]);
                count += 1;
                piece = content(&piece[l..]);
            }
            if count < TITLE_SEARCH_LINES {
                if let Some(i) = piece.find("——").filter(|&i| i > 0) {
                    let head = piece[..i].trim_end();
                    if is_title_line(head) && !piece.starts_with('—') {
                        out(head);
                        count += 1;
                        piece = &piece[i..];
                    }
                }
            }
            out(piece);
            count += 1;
        }
    }
}

/// Cuts omission markers out of every line; returns the lines and the truncation, if any.
pub(super) fn scan_lines(text: &str) -> (Vec<Line<'_>>, Option<Incomplete>) {
    let mut lines: Vec<Line> = Vec::new();
    let mut incomplete = None;
    let mut drop_collect_line = false;
    // One scan of the whole text spares most lines the two searches below.
    let omissions = ["省略", "隐藏"]
        .iter()
        .any(|k| memchr::memmem::find(text.as_bytes(), k.as_bytes()).is_some());
    let truncation = memchr::memmem::find(text.as_bytes(), "未完".as_bytes()).is_some();
    // As many lines as line ends (CR alone in old Mac files): one allocation, as growing by
    // doubling copies them all again and again on a text of short lines.
    let b = text.as_bytes();
    let ends = match memchr::memchr_iter(b'\n', b).count() {
        0 => memchr::memchr_iter(b'\r', b).count(),
        n => n,
    };
    lines.reserve_exact(ends + 1);
    pieces(text, |c| {
        if drop_collect_line {
            // The truncation notice closes on the next line: `收藏《标题》)`.
            if c.is_empty() {
                return;
            }
            drop_collect_line = false;
            if c.starts_with("收藏") && char_count_at_most(c, 200) <= 200 {
                return;
            }
        }
        if incomplete.is_some() {
            // Whatever follows the truncation notice is site chrome, not speech.
            lines.push(Line::plain(Cow::Borrowed(c)));
            return;
        }
        let mut line = Line::plain(Cow::Borrowed(c));
        if omissions && (c.contains("省略") || c.contains("隐藏")) {
            let mut out = String::new();
            let mut gaps = Vec::new();
            let mut pos = 0;
            while let Some((range, n)) = find_omission(c, pos) {
                out.push_str(c[pos..range.start].trim_end());
                gaps.push((out.len(), n, false));
                pos = range.end;
            }
            if !gaps.is_empty() {
                out.push_str(&c[pos..]);
                line = Line {
                    gaps: gaps.into(),
                    ..Line::plain(Cow::Owned(out))
                };
            }
        }
        // Cutting an omission out can splice a `未完` together.
        if (truncation || matches!(line.text, Cow::Owned(_))) && line.text.contains("未完") {
            if let Some((cut, inc)) = find_truncation(&line.text) {
                let mut s = line.text.into_owned();
                s.truncate(cut);
                let kept = s.trim_end().len();
                s.truncate(kept);
                line.gaps.retain(|g| g.0 <= kept);
                line.gaps.push((kept, None, true));
                line.text = Cow::Owned(s);
                incomplete = Some(inc);
                drop_collect_line = true;
            }
        }
        lines.push(line);
    });
    (lines, incomplete)
}

/// Control characters other than tab and line ends: an ESC in a scraped file would
/// otherwise reach the terminal through the reading pane and the dumps. Byte-level so
/// the common case (none) costs one fast scan.
pub(super) fn has_stray_controls(s: &str) -> bool {
    let b = s.as_bytes();
    // C0 controls but tab and line ends, and DEL: branch-free per chunk so it vectorizes.
    let c0 = |c: u8| ((c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r')) | (c == 0x7F);
    b.chunks(64).any(|ch| ch.iter().fold(false, |a, &c| a | c0(c)))
        // C1 controls (U+0080–U+009F) and U+FEFF, in UTF-8.
        || memchr::memchr_iter(0xC2, b).any(|i| b.get(i + 1).is_some_and(|&n| n < 0xA0))
        || memchr::memmem::find(b, "\u{FEFF}".as_bytes()).is_some()
}

/// Makes decoded text safe to show: vertical tab and form feed (page breaks in old
/// files) become line ends, U+FEFF is dropped (spec §1), every other control character
/// becomes U+FFFD, counted so the caller can warn rather than skip silently.
pub fn sanitize(input: &str) -> (Cow<'_, str>, usize) {
    if !has_stray_controls(input) {
        return (Cow::Borrowed(input), 0);
    }
    let mut out = String::with_capacity(input.len());
    let mut replaced = 0;
    for c in input.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            '\x0b' | '\x0c' => out.push('\n'),
            '\u{FEFF}' => {}
            c if c.is_control() => {
                out.push('\u{FFFD}');
                replaced += 1;
            }
            c => out.push(c),
        }
    }
    (Cow::Owned(out), replaced)
}
