//! Tags in a bookmark's note (`#作风 #金句`): found in the note text itself, so the file
//! format needs no new field and a tag is added or removed by editing the note by hand.
//!
//! A tag is `#` (or the full-width `＃` a Chinese input method types) followed by letters,
//! digits or ideographs, with `_` and `-` allowed inside (`#十四五_规划`). It ends at
//! whitespace, at punctuation (`，。、；#` …) or at the end of the note, so the Weibo form
//! `#作风建设#` gives `作风建设` too.
//!
//! Not tags:
//! - a `#` right after an ASCII letter, digit or URL character (`C#`, `issue#12`,
//!   `https://x.cn/a.html#p3`): there the `#` belongs to a word or an address. After a
//!   Chinese character it does start a tag, since Chinese puts no spaces between words
//!   (`此句可用#金句`);
//! - digits only (`#3`, `＃12`): a number (an item, an issue), as on most hashtag sites.

use crate::text::fold::{fold_char, to_simplified};

/// Characters of an address or identifier: a `#` right after one is part of it.
fn is_word_or_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "/.:?=&%~+@_-#".contains(c)
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// The tags of `note`, in order of appearance, without the `#`, each once.
pub fn tags(note: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = note.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let starts = matches!(c, '#' | '＃') && !prev.is_some_and(is_word_or_url_char);
        prev = Some(c);
        if !starts {
            continue;
        }
        let from = i + c.len_utf8();
        let mut to = from;
        while let Some(&(j, d)) = iter.peek() {
            if !is_tag_char(d) {
                break;
            }
            to = j + d.len_utf8();
            prev = Some(d);
            iter.next();
        }
        // `-`/`_` only join words: a tag does not end in one (`#金句-` is `金句`).
        let tag = note[from..to].trim_end_matches(['-', '_']);
        if !tag.is_empty()
            && !tag.chars().all(|d| d.is_numeric())
            && !out.iter().any(|t| same_tag(t, tag))
        {
            out.push(tag);
        }
    }
    out
}

/// A tag's canonical form: Latin case, full/half width and Traditional/Simplified folded,
/// so `#作風` and `#作风`, `#AI` and `#ai` are one tag.
pub fn tag_key(tag: &str) -> String {
    fold(tag.strip_prefix(['#', '＃']).unwrap_or(tag))
}

fn fold(text: &str) -> String {
    text.chars().map(|c| to_simplified(fold_char(c))).collect()
}

pub fn same_tag(a: &str, b: &str) -> bool {
    tag_key(a) == tag_key(b)
}

/// Whether `note` carries `tag` (given with or without its `#`).
pub fn has_tag(note: &str, tag: &str) -> bool {
    let want = tag_key(tag);
    tags(note).iter().any(|t| tag_key(t) == want)
}

/// Whether a bookmark passes the bookmarks overlay's filter: every word of `filter` must
/// hold, a `#word` as a tag of the note, any other word as text found in the excerpt, note,
/// title or heading path (folded as [`tag_key`] folds, so `作風` finds `作风`). A lone `#`
/// is text.
pub fn matches_filter(b: &super::Bookmark, filter: &str) -> bool {
    let mut haystack: Option<String> = None;
    filter.split_whitespace().all(|word| {
        if word.chars().count() > 1 && word.starts_with(['#', '＃']) {
            return has_tag(&b.note, word);
        }
        let hay = haystack.get_or_insert_with(|| {
            let mut all = String::new();
            for part in [&b.excerpt, &b.note, &b.speech_title] {
                all.push_str(part);
                all.push('\n');
            }
            all.push_str(&b.heading_path.join("\n"));
            fold(&all)
        });
        hay.contains(&fold(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bookmark(excerpt: &str, note: &str) -> super::super::Bookmark {
        let mut b = super::super::Bookmark::new("s", 0, 1);
        b.excerpt = excerpt.into();
        b.note = note.into();
        b.speech_title = "在全国组织工作会议上的讲话".into();
        b.heading_path = vec!["二、坚持从严从实".into()];
        b
    }

    #[test]
    fn filter_words_are_tags_or_text_and_all_must_hold() {
        let b = bookmark("打铁必须自身硬。", "开头用 #作风 #金句");
        for yes in [
            "",
            "  ",
            "#作风",
            "#金句 #作风",
            "打铁",
            "#作风 打铁",
            "组织工作",
            "从严",
            "開頭",
        ] {
            assert!(matches_filter(&b, yes), "{yes:?}");
        }
        // `作风` as text is in the note; as a tag `#作` is not (tags match whole).
        assert!(matches_filter(&b, "作风"));
        for no in ["#作", "#调研", "#作风 调研", "调研"] {
            assert!(!matches_filter(&b, no), "{no:?}");
        }
        // A lone `#` is text, not an empty tag.
        assert!(matches_filter(&b, "#"));
        assert!(!matches_filter(&bookmark("x", "y"), "#"));
    }

    #[test]
    fn chinese_tags_separated_by_spaces_or_nothing() {
        assert_eq!(tags("#作风 #金句"), ["作风", "金句"]);
        assert_eq!(tags("#作风#金句"), ["作风", "金句"]);
        assert_eq!(tags("此句可用#金句，另见#作风建设。"), ["金句", "作风建设"]);
        assert_eq!(tags("开头有一句话"), Vec::<&str>::new());
    }

    #[test]
    fn weibo_style_closing_hash_and_full_width_hash() {
        assert_eq!(tags("#作风建设# 很重要"), ["作风建设"]);
        assert_eq!(tags("＃金句　＃调研"), ["金句", "调研"]);
    }

    #[test]
    fn punctuation_ends_a_tag_and_a_bare_hash_is_nothing() {
        assert_eq!(tags("（#调研）、#学习。"), ["调研", "学习"]);
        assert_eq!(tags("# 作风"), Vec::<&str>::new());
        assert_eq!(tags("#，"), Vec::<&str>::new());
        assert_eq!(tags("#"), Vec::<&str>::new());
        assert_eq!(tags("#金句-"), ["金句"]);
        assert_eq!(
            tags("#十四五_规划 #open-source"),
            ["十四五_规划", "open-source"]
        );
    }

    #[test]
    fn mixed_text_with_latin_tags() {
        assert_eq!(
            tags("draft for #AI 讲稿 #2025规划 and #todo."),
            ["AI", "2025规划", "todo"]
        );
    }

    #[test]
    fn hashes_inside_words_urls_and_numbers_are_not_tags() {
        assert_eq!(tags("C# and F# code"), Vec::<&str>::new());
        assert_eq!(tags("see issue#12"), Vec::<&str>::new());
        assert_eq!(tags("原文 https://www.gov.cn/a.html#p3 #出处"), ["出处"]);
        assert_eq!(tags("第 #3 条"), Vec::<&str>::new());
        assert_eq!(tags("##金句"), Vec::<&str>::new());
    }

    #[test]
    fn repeated_tags_count_once_across_scripts_and_case() {
        assert_eq!(tags("#作风 #作風 #AI #ai"), ["作风", "AI"]);
        assert!(has_tag("#作風建設", "作风建设"));
        assert!(has_tag("#作风", "#作风"));
        assert!(has_tag("#AI", "ＡＩ"));
        assert!(!has_tag("#作风建设", "作风"));
        assert!(!has_tag("作风", "作风"));
    }
}
