//! Markdown marks off a body line (spec §7.4): the text keeps no `#`, `>` or `**`.

use super::*;

/// A cheap test before [`markdown_line`]: a `#` or `>` first, or a `*` anywhere (`stars`:
/// the text has one somewhere).
pub(super) fn may_have_marks(t: &str, stars: bool) -> bool {
    t.starts_with(['#', '>']) || (stars && memchr::memchr(b'*', t.as_bytes()).is_some())
}

/// Markdown marks off a body line: `## ` (its level kept), `> ` (a quote), `**…**` (emphasis
/// ranges kept). Lines with omission gaps keep their text as it is.
pub(super) fn markdown_line<'a>(line: &Line<'a>) -> Line<'a> {
    let t: &str = &line.text;
    let mut level = 0;
    let mut quote = false;
    let mut body: &str = t;
    if let Some((l, len)) = atx_prefix(t) {
        level = l as u8;
        let rest = &t[len..];
        body = crate::corpus::numbering::strip_closing_hashes(rest).unwrap_or(rest);
    } else if let Some(r) = t.strip_prefix('>') {
        quote = true;
        body = content(r.trim_start_matches('>'));
    }
    let cut = body.as_ptr() as usize - t.as_ptr() as usize;
    let mut out = Line {
        gaps: line
            .gaps
            .iter()
            .map(|&(at, n, tr)| (at.clamp(cut, cut + body.len()) - cut, n, tr))
            .collect(),
        level,
        quote,
        ..Line::plain(match &line.text {
            Cow::Borrowed(b) => Cow::Borrowed(&b[cut..cut + body.len()]),
            Cow::Owned(o) => Cow::Owned(o[cut..cut + body.len()].to_string()),
        })
    };
    if out.gaps.is_empty() && out.text.contains("**") {
        let (text, emphasis) = strip_emphasis(&out.text);
        if !emphasis.is_empty() {
            out.text = Cow::Owned(text);
            out.emphasis = emphasis.into();
        }
    }
    out
}

/// `**重点**` pairs: the text without them and the emphasised ranges. An unpaired `**` stays.
pub(super) fn strip_emphasis(s: &str) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(s.len());
    let mut ranges = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find("**") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("**").filter(|&c| c > 0) else {
            break;
        };
        out.push_str(&rest[..open]);
        let start = out.len();
        out.push_str(&after[..close]);
        ranges.push(start..out.len());
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    (out, ranges)
}
