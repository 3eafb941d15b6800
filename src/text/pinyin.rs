//! Pinyin of a title, for finding and ordering by sound: what a Chinese reader types
//! without an input method (`ztjy` or `zhuti` for 主题教育) and the order a Chinese index
//! uses (by pinyin, not by code point, where “ sorts before 全 before 市).

use std::borrow::Cow;

use pinyin::{ToPinyin, ToPinyinMulti};

/// The pinyin forms of a text: every syllable in full and its first letters, lower case,
/// Latin letters and digits kept as they are, punctuation and spaces dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spelling {
    /// `zhutijiaoyu` (each character's first reading)
    pub full: String,
    /// `ztjy`
    pub initials: String,
    /// Every reading of every character, when one has more than one (重庆 is `chongqing`,
    /// not only `zhongqing`); empty otherwise.
    readings: Vec<Vec<Cow<'static, str>>>,
}

pub fn spell(text: &str) -> Spelling {
    let mut out = Spelling::default();
    let mut readings: Vec<Vec<Cow<'static, str>>> = Vec::new();
    let mut several = false;
    for ((c, p), multi) in text
        .chars()
        .zip(text.to_pinyin())
        .zip(text.to_pinyin_multi())
    {
        match p {
            Some(p) => {
                out.full.push_str(p.plain());
                out.initials.push_str(p.first_letter());
                let mut all: Vec<Cow<'static, str>> = vec![Cow::Borrowed(p.plain())];
                for m in multi.into_iter().flatten() {
                    if !all.iter().any(|r| r == m.plain()) {
                        all.push(Cow::Borrowed(m.plain()));
                    }
                }
                several |= all.len() > 1;
                readings.push(all);
            }
            None if c.is_alphanumeric() => {
                let l: String = c.to_lowercase().collect();
                out.full.push_str(&l);
                out.initials.push_str(&l);
                readings.push(vec![Cow::Owned(l)]);
            }
            None => {}
        }
    }
    if several {
        out.readings = readings;
    }
    out
}

/// Whether `w` starts at character `i` as initials, any reading's first letter each.
fn initials_at(rs: &[Vec<Cow<'static, str>>], i: usize, w: &[u8]) -> bool {
    w.iter().enumerate().all(|(k, b)| {
        rs.get(i + k)
            .is_some_and(|all| all.iter().any(|r| r.as_bytes().first() == Some(b)))
    })
}

/// Whether `w` goes on from `piece` (what is left of character `i`'s reading) through the
/// readings of the characters after it.
fn full_from(rs: &[Vec<Cow<'static, str>>], i: usize, piece: &[u8], w: &[u8]) -> bool {
    if w.len() <= piece.len() {
        return piece.starts_with(w);
    }
    if !w.starts_with(piece) {
        return false;
    }
    let rest = &w[piece.len()..];
    rs.get(i + 1)
        .is_some_and(|all| all.iter().any(|r| full_from(rs, i + 1, r.as_bytes(), rest)))
}

/// Whether a filter word is pinyin (Latin letters only), so it is worth spelling titles.
pub fn is_pinyin_query(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic())
}

/// Whether `word` (lower-cased Latin letters) is in the title's full pinyin or initials.
pub fn matches(spelling: &Spelling, word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    if spelling.initials.contains(&w) || spelling.full.contains(&w) {
        return true;
    }
    // Other readings of the characters that have several: starting anywhere, as above.
    let (rs, w) = (&spelling.readings, w.as_bytes());
    !w.is_empty()
        && (0..rs.len()).any(|i| {
            initials_at(rs, i, w)
                || rs[i].iter().any(|r| {
                    let r = r.as_bytes();
                    (0..r.len()).any(|o| full_from(rs, i, &r[o..], w))
                })
        })
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

    /// Found by a tester: 重庆 was only `zhongqing`, 长沙 `zhangsha`, 厦门 `shamen`.
    #[test]
    fn every_reading_of_a_character_matches() {
        let s = spell("在重庆市银行业长沙厦门座谈会上的讲话");
        for w in [
            "cq",
            "chongqing",
            "zq",
            "yh",
            "yinhang",
            "cs",
            "changsha",
            "xm",
            "xiamen",
            "qingshi",
        ] {
            assert!(matches(&s, w), "{w}");
        }
        // (`xyz` would match: 行业长 read xing ye zhang.)
        assert!(!matches(&s, "qqq") && !matches(&s, "chongqingq"));
        // One reading each: nothing more is kept.
        assert!(spell("人民").readings.is_empty());
    }
}
