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
    // Bytes as lanes: each adds 0 or 1 (a space is a lead byte too), so a chunk of 255 fits a
    // u8 and the loop runs 16 or 32 bytes a step.
    for chunk in b.chunks(255) {
        let mut k = 0u8;
        for &c in chunk {
            let lead = u8::from((c as i8) >= -0x40);
            let ascii_space = u8::from((c == b' ') | (c.wrapping_sub(b'\t') < 5));
            k = k.wrapping_add(lead - ascii_space);
        }
        n += usize::from(k);
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

/// Whether `s` has more than `n` chars (`s.chars().nth(n).is_some()`), from its length
/// where that decides it (a char is 1 to 4 bytes): the heading tests ask it of every line.
pub fn more_chars_than(s: &str, n: usize) -> bool {
    s.len() > n && (s.len() > 4 * n || s.chars().nth(n).is_some())
}

/// The non-space chars of the ranges of `text`, in order and not overlapping: what summing
/// [`non_space_chars`] over them gives. Ranges with only ASCII whitespace between them (the
/// line breaks between paragraphs) are counted as one span, so a text of many short
/// paragraphs costs one vector pass instead of a loop started per paragraph.
pub fn non_space_chars_in(
    text: &str,
    ranges: impl IntoIterator<Item = std::ops::Range<usize>>,
) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    let mut span: Option<std::ops::Range<usize>> = None;
    for r in ranges {
        span = Some(match span {
            Some(s)
                if s.end <= r.start && b[s.end..r.start].iter().all(u8::is_ascii_whitespace) =>
            {
                s.start..r.end
            }
            Some(s) => {
                n += non_space_chars(&text[s]);
                r
            }
            None => r,
        });
    }
    n + span.map_or(0, |s| non_space_chars(&text[s]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_chars_than_agrees_with_nth() {
        for s in [
            "",
            "a",
            "讲",
            "讲话",
            "ab讲",
            "𠀀𠀀",
            "一、短标题",
            "a\u{3000}b",
        ] {
            for n in 0..8 {
                assert_eq!(
                    more_chars_than(s, n),
                    s.chars().nth(n).is_some(),
                    "{s:?} {n}"
                );
            }
        }
    }

    #[test]
    fn ranges_count_as_the_sum_of_their_counts_whatever_lies_between() {
        let text = "一、短标题\n\n一是甲，二是乙。\n页眉 x\n这是　正文\r\n  \n最后";
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        // Every way of cutting the text into up to three ranges, with gaps or touching.
        for a in 0..starts.len() {
            for b in a..starts.len() {
                for c in b..starts.len() {
                    for d in c..starts.len() {
                        let ranges = [starts[a]..starts[b], starts[c]..starts[d]];
                        let sum: usize = ranges
                            .iter()
                            .map(|r| non_space_chars(&text[r.clone()]))
                            .sum();
                        assert_eq!(non_space_chars_in(text, ranges.clone()), sum, "{ranges:?}");
                    }
                }
            }
        }
        assert_eq!(non_space_chars_in(text, []), 0);
    }

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
