//! Pure typography on `&str`: display widths, line breaking, documents at a width, and the
//! folding that search applies. Knows nothing of speeches, files or terminals.

pub mod escape;
pub mod fold;
pub mod linebreak;
pub mod lines;
pub mod pinyin;
pub mod width;

/// `text` on one line: tabs and line breaks become spaces, so line-and-column dump formats
/// (TSV, grep-like hits) cannot be broken by what a speech contains; every other character a
/// terminal would act on is escaped ([`escape`]), so no output line can drive the terminal.
pub fn one_line(text: &str) -> String {
    escape::escape_with(text, |c| matches!(c, '\t' | '\n' | '\r').then_some(' ')).into_owned()
}

/// 1-based (line, column) of byte offset `at`, counting columns in characters.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_replaces_tabs_and_breaks() {
        assert_eq!(one_line("a\tb\r\nc"), "a b  c");
        assert_eq!(one_line("\x1b]0;t\x07\u{202e}"), "\\x1b]0;t\\x07\\u{202e}");
    }
}
