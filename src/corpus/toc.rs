//! A speech's table of contents against its body: the headings the contents list that the body
//! lost (to an omission gap or a cut-off tail), to show in the outline as not jumpable.

use super::outline::outline;
use super::{Heading, ParaKind, Paragraph};

/// How far ahead in the body a contents line is looked for.
const MATCH_WINDOW: usize = 64;

/// A heading listed in the table of contents and missing from the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocOnly {
    /// The body heading it follows in the contents' order (None: before the first).
    pub after: Option<usize>,
    pub depth: u8,
    /// `二、厚植为民之心…` as the contents write it.
    pub label: String,
}

/// What the dump scorer compares: the number and the first four characters of the text.
fn key(number: u32, text: &str) -> (u32, [char; 4]) {
    // A fixed array, not a String: every body heading gets a key, and most are never matched.
    let mut k = ['\0'; 4];
    let chars = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .skip_while(|c| matches!(c, '是' | '要' | '，' | '、' | '：' | ',' | ':'));
    for (slot, c) in k.iter_mut().zip(chars) {
        *slot = c;
    }
    (number, k)
}

/// Outlines the contents paragraphs `toc` and matches them, in order, against the body's
/// headings; returns the ones the body does not have.
pub fn toc_only(
    text: &str,
    paragraphs: &[Paragraph],
    toc: &[usize],
    body: &[Heading],
) -> Vec<TocOnly> {
    if toc.is_empty() {
        return Vec::new();
    }
    // The contents lines alone, read as if they were the body (only text ranges are used).
    let as_body: Vec<Paragraph> = toc
        .iter()
        .map(|&i| Paragraph {
            kind: ParaKind::Body,
            ..paragraphs[i].clone()
        })
        .collect();
    let listed = outline(text, &as_body, &[]).headings;
    let body_keys: Vec<(u32, [char; 4])> = body
        .iter()
        .map(|h| key(h.number, &text[h.text.clone()]))
        .collect();
    let mut out = Vec::new();
    let mut next = 0;
    let mut last: Option<usize> = None;
    for h in &listed {
        let k = key(h.number, &text[h.text.clone()]);
        // Contents and body run in the same order: look a little ahead, never the whole rest
        // (a text with thousands of contents lines stays linear).
        let window = &body_keys[next..body_keys.len().min(next + MATCH_WINDOW)];
        match window.iter().position(|b| *b == k) {
            Some(p) => {
                last = Some(next + p);
                next += p + 1;
            }
            None => out.push(TocOnly {
                after: last,
                depth: h.depth,
                label: label(text, h),
            }),
        }
    }
    out
}

fn label(text: &str, h: &Heading) -> String {
    let marker = &text[h.marker.clone()];
    let t = &text[h.text.clone()];
    if h.is_point() {
        format!("{marker} {t}")
    } else {
        format!("{marker}{t}")
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Speech;

    #[test]
    fn contents_headings_the_body_lost_to_a_gap() {
        let src = "目录/提纲:……\n一、铸牢政治之魂\n一是以学立身\n二是以谋定向\n二、厚植为民之心\n一是用脚步丈量\n二是用真心化解\n三、扛起发展之责\n……\n在培训班上的发言\n同志们:\n一、铸牢政治之魂\n正文。一是以学立身。正文……(某网省略877字,正式会员可完整阅读)……正文。二是用真心化解。正文。\n三、扛起发展之责\n正文。\n";
        let s = Speech::parse("t", src);
        let labels: Vec<String> = (0..s.headings.len()).map(|i| s.heading_label(i)).collect();
        assert_eq!(
            labels,
            [
                "一、铸牢政治之魂",
                "一是 以学立身",
                "二是 用真心化解",
                "三、扛起发展之责"
            ]
        );
        let missing: Vec<(Option<usize>, u8, &str)> = s
            .toc_only
            .iter()
            .map(|t| (t.after, t.depth, t.label.as_str()))
            .collect();
        assert_eq!(
            missing,
            vec![
                (Some(1), 2, "二是 以谋定向"),
                (Some(1), 1, "二、厚植为民之心"),
                (Some(1), 2, "一是 用脚步丈量"),
            ]
        );
    }

    #[test]
    fn no_contents_nothing_missing() {
        let s = Speech::parse("t", "在会上的讲话\n一、甲\n正文。\n");
        assert!(s.toc_only.is_empty());
    }
}
