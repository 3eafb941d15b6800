//! Sentences of a paragraph, for the passage cursor: a Chinese sentence ends with 。！？…
//! (closing quotes and brackets that follow stay with it) or at the paragraph end.
//! Pure functions on `&str`; no terminal code.

use std::ops::Range;

fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '"' | '\''
    )
}

/// Byte ranges of the sentences of `para`, covering it without gaps (leading spaces included).
pub fn sentences(para: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_end(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        // `……`, `。”` and `？！` belong to the sentence they close.
        while let Some(&(j, d)) = chars.peek() {
            if is_end(d) || is_closer(d) {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        out.push(start..end);
        start = end;
    }
    if start < para.len() || out.is_empty() {
        out.push(start..para.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_on_chinese_sentence_ends() {
        assert_eq!(
            split("第一句。第二句！第三句？尾巴"),
            vec!["第一句。", "第二句！", "第三句？", "尾巴"]
        );
    }

    #[test]
    fn closing_quotes_and_ellipses_stay_with_their_sentence() {
        assert_eq!(
            split("他说：“好。”我们走吧……好吗？！下一句。"),
            vec!["他说：“好。”", "我们走吧……", "好吗？！", "下一句。"]
        );
    }

    #[test]
    fn commas_and_semicolons_do_not_end_sentences() {
        assert_eq!(
            split("一是甲，二是乙；三是丙。"),
            vec!["一是甲，二是乙；三是丙。"]
        );
    }

    #[test]
    fn empty_paragraph_is_one_empty_sentence() {
        assert_eq!(sentences(""), vec![0..0]);
    }

    #[test]
    fn ranges_cover_the_paragraph() {
        for s in ["a。b", "。。。", "……", "x", "“引号”。后文"] {
            let r = sentences(s);
            assert_eq!(r.first().unwrap().start, 0);
            assert_eq!(r.last().unwrap().end, s.len());
            for w in r.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
        }
    }
}
