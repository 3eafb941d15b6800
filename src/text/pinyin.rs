//! Pinyin of a title, for finding and ordering by sound: what a Chinese reader types
//! without an input method (`ztjy` or `zhuti` for 主题教育) and the order a Chinese index
//! uses (by pinyin, not by code point, where “ sorts before 全 before 市).

use pinyin::ToPinyin;

/// The pinyin forms of a text: every syllable in full and its first letters, lower case,
/// Latin letters and digits kept as they are, punctuation and spaces dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spelling {
    /// `zhutijiaoyu`
    pub full: String,
    /// `ztjy`
    pub initials: String,
}

pub fn spell(text: &str) -> Spelling {
    let mut out = Spelling::default();
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        match p {
            Some(p) => {
                out.full.push_str(p.plain());
                out.initials.push_str(p.first_letter());
            }
            None if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    out.full.push(l);
                    out.initials.push(l);
                }
            }
            None => {}
        }
    }
    out
}

/// Whether a filter word is pinyin (Latin letters only), so it is worth spelling titles.
pub fn is_pinyin_query(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic())
}

/// Whether `word` (lower-cased Latin letters) is in the title's full pinyin or initials.
pub fn matches(spelling: &Spelling, word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    spelling.initials.contains(&w) || spelling.full.contains(&w)
}

/// The key that orders texts as a pinyin index does: by the full spelling with syllable
/// breaks kept (so `xian` 西安 and `xian` 先 do not tie by accident of joining), then by
/// the text itself.
pub fn sort_key(text: &str) -> (Vec<String>, String) {
    let mut syllables = Vec::new();
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        match p {
            Some(p) => syllables.push(p.plain().to_string()),
            None if c.is_alphanumeric() => syllables.push(c.to_lowercase().collect()),
            None => {}
        }
    }
    (syllables, text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_spell_in_full_and_by_initials() {
        let s = spell("在全市第二批主题教育培训会上的讲话");
        assert!(
            s.full.starts_with("zaiquanshidierpizhutijiaoyu"),
            "{}",
            s.full
        );
        assert!(s.initials.starts_with("zqsdepztjy"), "{}", s.initials);
        assert!(matches(&s, "ztjy") && matches(&s, "zhuti") && matches(&s, "ZhuTi"));
        assert!(!matches(&s, "xyz"));
        // Latin and digits stay, punctuation goes.
        assert_eq!(spell("“两个X”10").initials, "lgx10");
        assert!(is_pinyin_query("zhuti") && !is_pinyin_query("主题") && !is_pinyin_query("a1"));
    }

    #[test]
    fn sorting_follows_pinyin_not_code_points() {
        let mut titles = ["市委讲话", "“抓重点”", "全市会议", "提升能力"];
        titles.sort_by_key(|t| sort_key(t));
        // quan < shi < ti < zhua
        assert_eq!(titles, ["全市会议", "市委讲话", "提升能力", "“抓重点”"]);
    }
}
