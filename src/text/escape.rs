//! The one escaping of text bound for a terminal or a script: every character that a
//! terminal would act on instead of showing is written out as a visible escape, the way
//! `ls -b` does, so a file name, a speech or a shared bookmarks file cannot set the window
//! title (OSC 0), fill the clipboard (OSC 52), clear the screen or reverse the text around it.
//!
//! Escaped: C0 controls and DEL as `\xHH` (`ESC` is `\x1b`), C1 controls (U+0080–U+009F) and
//! the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) as
//! `\u{HHHH}`. Backslashes are left alone, so ordinary text prints unchanged.

use std::borrow::Cow;

/// Whether a terminal could act on `c` rather than show it.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    if (c as u32) < 0x80 {
        let _ = write!(out, "\\x{:02x}", c as u32);
    } else {
        let _ = write!(out, "\\u{{{:04x}}}", c as u32);
    }
}

/// `s` with every unsafe character escaped, line breaks and tabs included.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_with(s, |_| None)
}

/// `s` with unsafe characters escaped, keeping `\n` and `\t` (multi-line output: `show`,
/// error messages). With `keep_sgr`, the colour sequences `ESC [ digits;… m` pass too: only
/// for text whose escapes the program made itself (the cleaner drops every control character
/// from a speech, so any ESC in `show --color` output is tigang's own).
pub fn escape_text(s: &str, keep_sgr: bool) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if keep_sgr && c == '\x1b' {
            if let Some(len) = sgr_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        if is_unsafe(c) && c != '\n' && c != '\t' {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Length of the SGR sequence `s` starts with, if it starts with one.
fn sgr_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix("\x1b[")?;
    let params = body
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// `s` with each character `map` gives a replacement for replaced, then unsafe ones escaped.
pub(crate) fn escape_with(s: &str, map: impl Fn(char) -> Option<char>) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || map(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match map(c) {
            Some(r) => out.push(r),
            None if is_unsafe(c) => push_escaped(&mut out, c),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text with the unsafe characters serde_json leaves raw (DEL, C1, bidi) written as
/// `\uXXXX` escapes. JSON's own syntax is ASCII and serde_json escapes C0 inside strings, so
/// such a character (but the whitespace between tokens) can only be inside a string, where
/// the escape means the same character.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    let unsafe_in_json = |c: char| is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r');
    if !json.chars().any(unsafe_in_json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_in_json(c) {
            use std::fmt::Write;
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_commands_become_visible() {
        assert_eq!(escape("\x1b]0;PWNED\x07.txt"), "\\x1b]0;PWNED\\x07.txt");
        assert_eq!(
            escape("a\u{9b}2J\u{202e}b\u{2066}\x7f"),
            "a\\u{009b}2J\\u{202e}b\\u{2066}\\x7f"
        );
        assert_eq!(escape("a\tb\n"), "a\\x09b\\x0a");
        assert!(matches!(escape("讲话 \\ “引号”"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_keeps_lines_and_only_simple_colour_sequences() {
        assert_eq!(escape_text("a\n\tb\x1b[2J", false), "a\n\tb\\x1b[2J");
        assert_eq!(
            escape_text("\x1b[1;31mx\x1b[0m", true),
            "\x1b[1;31mx\x1b[0m"
        );
        assert_eq!(
            escape_text("\x1b[1;31mx\x1b[0m", false),
            "\\x1b[1;31mx\\x1b[0m"
        );
        assert_eq!(
            escape_text("\x1b]52;c;AAAA\x07", true),
            "\\x1b]52;c;AAAA\\x07"
        );
        assert_eq!(escape_text("\x1b[2J\x1b[", true), "\\x1b[2J\\x1b[");
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        let pretty = serde_json::to_string_pretty(&["a"]).unwrap();
        assert!(matches!(escape_json(&pretty), Cow::Borrowed(_)));
        let json = serde_json::to_string("a\u{9b}b\u{202e}\x7f\x1b").unwrap();
        let escaped = escape_json(&json);
        assert_eq!(escaped, r#""a\u009bb\u202e\u007f\u001b""#);
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{9b}b\u{202e}\x7f\x1b");
    }
}
