//! 字数: the characters of a text that are not whitespace, counted off the bytes. It runs
//! over every speech of every corpus, and std's `chars().filter(is_whitespace)` decodes each
//! character and looks most of them up in Unicode's tables.

/// Unicode White_Space outside ASCII, as UTF-8: what [`char::is_whitespace`] also counts.
/// U+0085 and U+00A0 (lead C2), U+1680 (E1), U+2000–200A, 2028, 2029, 202F, 205F (E2), U+3000 (E3).
pub(crate) fn is_wide_space(rest: &[u8]) -> bool {
    matches!(
        rest,
        [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

fn ideographic_space() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new("\u{3000}"))
}

/// `s.chars().filter(|c| !c.is_whitespace()).count()`, without decoding.
pub fn non_space_chars(s: &str) -> usize {
    let b = s.as_bytes();
    if b.len() < 256 {
        return short_non_space_chars(b);
    }
    let mut n = 0usize;
    // Branch-free per chunk so it vectorizes: a char is a byte that is not a continuation
    // byte (10xxxxxx), less ASCII whitespace (tab, LF, VT, FF, CR, space).
    for chunk in b.chunks(256) {
        let mut k = 0u32;
        for &c in chunk {
            let lead = u32::from((c as i8) >= -0x40);
            let ascii_space = u32::from(c == b' ' || (b'\t'..=b'\r').contains(&c));
            k += lead - ascii_space;
        }
        n += k as usize;
    }
    // The wide spaces all start with C2, E1, E2 or E3. E3 leads every CJK punctuation mark,
    // so on a long text U+3000 is found by its whole sequence instead.
    n -= memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b)
        .filter(|&i| is_wide_space(&b[i..]))
        .count();
    n -= ideographic_space().find_iter(b).count();
    n
}

/// The same for a short text (most paragraphs of a text of short lines), a char at a time:
/// the vector loop and the searches cost more to start than this whole loop.
fn short_non_space_chars(b: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            n += usize::from(c != b' ' && !(b'\t'..=b'\r').contains(&c));
            i += 1;
            continue;
        }
        n += usize::from(!((0xC2..=0xE3).contains(&c) && is_wide_space(&b[i..])));
        // `b` is UTF-8: the lead byte says how long the char is.
        i += match c {
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(s: &str) -> usize {
        s.chars().filter(|c| !c.is_whitespace()).count()
    }

    #[test]
    fn every_whitespace_char_and_its_neighbours_count_as_std_counts_them() {
        // Each char up to U+3100 and the planes' samples, alone and between ideographs: the
        // byte patterns must agree with Unicode's White_Space for every one of them.
        let samples = (0..0x3100u32)
            .chain([0xFEFF, 0xFF10, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32);
        for c in samples {
            let long = format!("讲{c}话").repeat(40);
            for s in [c.to_string(), format!("讲{c}话"), format!("{c}{c} a"), long] {
                assert_eq!(non_space_chars(&s), reference(&s), "{:?}", c);
            }
        }
    }

    #[test]
    fn texts_with_indentation_and_punctuation_count_as_std_counts_them() {
        let long = "　　同志们：今天，我们召开会议。\u{2003}“一是”—— …\r\n\t ".repeat(40);
        for s in ["", " ", "　", "全面从严治党", "a b\u{a0}c\u{85}d", &long] {
            assert_eq!(non_space_chars(s), reference(s), "{s:?}");
        }
    }
}
