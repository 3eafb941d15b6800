//! A speech's outline as text to reuse: a heading's subtree as indented lines with its
//! citation (what `y` on an outline row copies), and the 纲目 — each heading with the first
//! sentence of its body, so the argument reads in one screen.

use std::ops::Range;

use super::cite;
use crate::corpus::{ParaKind, Speech};

/// Indices of heading `h` and every heading under it (a contiguous run: headings are in
/// text order and a heading's descendants follow it).
pub fn subtree(s: &Speech, h: usize) -> Range<usize> {
    let under = |mut j: usize| {
        while let Some(p) = s.headings[j].parent {
            if p == h {
                return true;
            }
            j = p;
        }
        false
    };
    let end = (h + 1..s.headings.len())
        .find(|&j| !under(j))
        .unwrap_or(s.headings.len());
    h..end
}

/// Heading `h` and its subtree, two spaces of indent per level below it, then the citation
/// line `——《title》，path of h`.
pub fn subtree_text(s: &Speech, h: usize) -> String {
    let top = s.headings[h].depth;
    let mut out = String::new();
    for i in subtree(s, h) {
        let depth = s.headings[i].depth.saturating_sub(top);
        out.push_str(&"  ".repeat(usize::from(depth)));
        out.push_str(&one_line(&s.heading_label(i)));
        out.push('\n');
    }
    let labels = cite::heading_labels(s, Some(h));
    out.push_str(&cite::citation(&s.display_title(), &labels));
    out
}

fn one_line(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Longest first sentence kept, in characters: a run-on paragraph is cut here.
const BRIEF_MAX_CHARS: usize = 120;

/// The first sentence of heading `i`'s body: the text after its heading text (the rest of
/// its paragraph, else the next body paragraph) up to the first 。！？, never reaching into
/// the next heading. `None` when the next heading follows at once (`一、` then `（一）`).
pub fn first_sentence(s: &Speech, i: usize) -> Option<Range<usize>> {
    let h = &s.headings[i];
    let limit = s
        .headings
        .get(i + 1)
        .map_or(s.searchable().len(), |n| n.marker.start);
    let mut at = h.text.end.max(h.marker.end);
    let mut para = s.para_at(at);
    loop {
        let p = s.paragraphs.get(para)?;
        if at >= limit || !matches!(p.kind, ParaKind::Body) {
            return None;
        }
        let start = at.max(p.range.start);
        let end = p.range.end.min(limit);
        let rest = s.text.get(start..end)?;
        let lead = rest.len()
            - rest
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '。' | '；' | '，' | '：' | '！' | '？' | '、')
                })
                .len();
        let body = &rest[lead..];
        if !body.is_empty() {
            let mut stop = body.len();
            for (n, (b, c)) in body.char_indices().enumerate() {
                if n >= BRIEF_MAX_CHARS {
                    stop = b;
                    break;
                }
                if matches!(c, '。' | '！' | '？' | '!' | '?') {
                    stop = b + c.len_utf8();
                    break;
                }
            }
            let from = start + lead;
            return Some(from..from + stop);
        }
        para += 1;
        at = s.paragraphs.get(para)?.range.start;
    }
}

/// `text` broken into at most `max` lines of at most `width` columns by the reading pane's
/// Chinese line-breaking rules (no `，` or `。` at a line start); the last line ends in `…`
/// when the text goes on.
pub fn brief_lines(text: &str, width: usize, max: usize) -> Vec<String> {
    use crate::text::width::{display_width, visible_text};
    if text.is_empty() || max == 0 {
        return Vec::new();
    }
    let width = width.clamp(2, usize::from(u16::MAX));
    let wrapped = crate::text::linebreak::wrap(text, width as u16, 0);
    let mut lines: Vec<String> = wrapped
        .iter()
        .take(max)
        .map(|l| visible_text(text[l.range()].trim_end()).into_owned())
        .collect();
    if wrapped.len() > max {
        if let Some(last) = lines.last_mut() {
            while display_width(last) + 1 > width {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// The first sentence of heading `i` as shown: with `…` when [`first_sentence`] had to cut
/// a run-on one, so a cut fragment is never quoted as the whole sentence.
pub fn first_sentence_text(s: &Speech, i: usize) -> Option<String> {
    let r = first_sentence(s, i)?;
    let t = &s.text[r];
    let ended = t.ends_with(['。', '！', '？', '!', '?']);
    let cut = !ended && t.chars().nth(BRIEF_MAX_CHARS - 1).is_some();
    Some(if cut {
        format!("{t}…")
    } else {
        t.to_string()
    })
}

/// The 纲目 as text: one line per heading (indented by depth), its first sentence after ` — `.
pub fn brief_text(s: &Speech) -> String {
    let mut out = format!("{}\n", one_line(&s.display_title()));
    for (i, h) in s.headings.iter().enumerate() {
        out.push_str(&"  ".repeat(usize::from(h.depth.saturating_sub(1))));
        out.push_str(&one_line(&s.heading_label(i)));
        if let Some(t) = first_sentence_text(s, i) {
            out.push_str(" — ");
            out.push_str(&one_line(&t));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "关于作风建设的讲话\n\n同志们：\n\n一、加强作风建设\n作风建设是永恒课题。我们要常抓不懈。\n（一）转变文风\n文风体现作风！要讲短话。\n（二）改进会风\n二、狠抓落实\n具体要求：一是精简文件，减少发文；二是改进会风，开短会。\n";

    #[test]
    fn subtree_and_its_text_with_the_citation() {
        let s = Speech::parse("t", TEXT);
        let labels: Vec<String> = (0..s.headings.len()).map(|i| s.heading_label(i)).collect();
        assert_eq!(
            labels,
            [
                "一、加强作风建设",
                "（一）转变文风",
                "（二）改进会风",
                "二、狠抓落实",
                "一是 精简文件",
                "二是 改进会风"
            ]
        );
        assert_eq!(subtree(&s, 0), 0..3);
        assert_eq!(subtree(&s, 1), 1..2);
        assert_eq!(subtree(&s, 3), 3..6);
        assert_eq!(
            subtree_text(&s, 0),
            "一、加强作风建设\n  （一）转变文风\n  （二）改进会风\n——《关于作风建设的讲话》，一、加强作风建设"
        );
        assert_eq!(
            subtree_text(&s, 2),
            "（二）改进会风\n——《关于作风建设的讲话》，一、加强作风建设 › （二）改进会风"
        );
    }

    #[test]
    fn brief_lines_wrap_by_width_and_cut_with_an_ellipsis() {
        assert_eq!(
            brief_lines("作风建设是永恒课题。", 8, 3),
            ["作风建设", "是永恒课", "题。"]
        );
        assert_eq!(
            brief_lines("作风建设是永恒课题。", 8, 2),
            ["作风建设", "是永恒…"]
        );
        assert_eq!(brief_lines("ab", 8, 2), ["ab"]);
        assert!(brief_lines("", 8, 2).is_empty());
    }

    #[test]
    fn first_sentences_stop_at_the_next_heading() {
        let s = Speech::parse("t", TEXT);
        let firsts: Vec<Option<&str>> = (0..s.headings.len())
            .map(|i| first_sentence(&s, i).map(|r| &s.text[r]))
            .collect();
        assert_eq!(
            firsts,
            [
                Some("作风建设是永恒课题。"),
                Some("文风体现作风！"),
                None,
                Some("具体要求："),
                Some("减少发文；"),
                Some("开短会。"),
            ]
        );
    }

    #[test]
    fn a_cut_first_sentence_ends_with_an_ellipsis() {
        let long = "很长".repeat(100);
        let text = format!("讲话\n\n一、甲\n{long}。\n二、乙\n短句。\n");
        let s = Speech::parse("t", &text);
        let first = first_sentence_text(&s, 0).unwrap();
        assert!(first.ends_with('…'), "{first}");
        assert_eq!(first.chars().count(), BRIEF_MAX_CHARS + 1);
        assert_eq!(first_sentence_text(&s, 1).as_deref(), Some("短句。"));
        assert!(brief_text(&s).contains("很长…\n"));
    }
}
