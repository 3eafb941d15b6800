//! Display width of text in terminal columns, and the placeholders that keep control
//! characters off the terminal. Pure functions on `&str`.
//!
//! Rendering contract: a laid-out line is drawn as `visible_text(visible_part(&text[range]))`.
//! `visible_part` drops trailing spaces and a trailing line terminator, which take no room;
//! `visible_text` turns control characters into one-column placeholders, which is how
//! `display_width` counts them.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The placeholder shown instead of `c`, or `None` when `c` may be printed as it is.
///
/// Control characters must never reach the terminal raw: they would move the cursor or start
/// escape sequences and corrupt the screen.
pub fn visible_char(c: char) -> Option<char> {
    match u32::from(c) {
        // C0 has a dedicated "control picture" for each code (␀..␟).
        n @ 0x00..=0x1F => char::from_u32(0x2400 + n),
        0x7F => Some('\u{2421}'),
        // C1 has no control pictures; the replacement character at least shows something is there.
        0x80..=0x9F => Some('\u{FFFD}'),
        _ => None,
    }
}

/// `s` with every control character replaced by its placeholder; borrows when there is none.
pub fn visible_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| visible_char(c).unwrap_or(c)).collect())
}

/// Columns one grapheme cluster takes once visible_textd.
///
/// `unicode-width` gives control characters no width, but each is drawn as a one-column
/// placeholder, so counting it as 0 would let lines overflow.
pub fn grapheme_width(g: &str) -> usize {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() {
            1
        } else {
            c.width().unwrap_or(0)
        };
    }
    if g.chars().any(char::is_control) {
        g.chars()
            .map(|c| {
                if c.is_control() {
                    1
                } else {
                    c.width().unwrap_or(0)
                }
            })
            .sum()
    } else {
        g.width()
    }
}

/// Columns `s` takes once visible_textd, summed grapheme by grapheme as the terminal buffer does.
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        // Every ASCII character, printable or a control placeholder, is one column.
        return s.len();
    }
    graphemes(s).map(|(_, g)| grapheme_width(g)).sum()
}

/// `s.grapheme_indices(true)`, made faster for ordinary Chinese and ASCII text.
///
/// Full segmentation is most of the layout's running time, yet between two characters of the
/// ranges below (none of which extends, prepends to or joins with a neighbour) a cluster always
/// ends, so only the rest needs the full algorithm.
pub(crate) fn graphemes(s: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &s[pos..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        let len = if is_lone_grapheme_char(c) && chars.next().is_none_or(is_lone_grapheme_char) {
            c.len_utf8()
        } else {
            // Starting afresh at a cluster boundary is safe: the rules that look back (emoji
            // ZWJ sequences, regional indicator pairs) never look past one.
            rest.graphemes(true).next().map_or(rest.len(), str::len)
        };
        let start = pos;
        pos += len;
        Some((start, &rest[..len]))
    })
}

/// Characters whose grapheme cluster break property is Other, so that two of them in a row
/// never belong to the same cluster.
pub(crate) fn is_lone_grapheme_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x20..=0x7E
            | 0xA0..=0xAC
            | 0xAE..=0xFF
            | 0x2010..=0x2027
            | 0x3000..=0x3029
            | 0x3030..=0x303F
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xFF01..=0xFF60
    )
}

/// Whether `c` ends a line by itself (UAX #14 classes BK, CR, LF and NL).
pub const fn is_line_terminator(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The part of a laid-out line that is drawn: without trailing spaces or line terminator.
pub fn visible_part(line: &str) -> &str {
    let line = match line.strip_suffix("\r\n") {
        Some(rest) => rest,
        None => match line.chars().next_back() {
            Some(c) if is_line_terminator(c) => &line[..line.len() - c.len_utf8()],
            _ => line,
        },
    };
    line.trim_end_matches(' ')
}

/// Columns a laid-out line occupies: the width of its visible part.
pub fn line_width(line: &str) -> usize {
    display_width(visible_part(line))
}

/// Cuts `s` to at most `width` columns, ending in `…` when cut; control chars made visible.
pub fn ellipsize(s: &str, width: usize) -> String {
    let s = visible_text(s);
    if display_width(&s) <= width {
        return s.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(&*s, true) {
        let w = grapheme_width(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `s` to at most `width` columns from the left, starting with `…` when cut: for paths,
/// whose end tells them apart (`…/2010s`).
pub fn ellipsize_left(s: &str, width: usize) -> String {
    let s = visible_text(s);
    if display_width(&s) <= width {
        return s.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(&*s, true).rev() {
        let w = grapheme_width(g);
        if used + w + 1 > width {
            break;
        }
        kept.push(g);
        used += w;
    }
    kept.reverse();
    format!("…{}", kept.concat())
}
