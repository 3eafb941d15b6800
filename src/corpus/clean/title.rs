//! Where the title is (spec §2, §7.4, §7.6): a line ending like a speech title, a `#` line,
//! a block above a `——` subtitle, or the fallback; site boilerplate and prose never are.

use super::*;
use crate::corpus::numbering::is_enclosed_number;

pub(super) const TITLE_ENDINGS: [&str; 16] = [
    "讲话",
    "发言",
    "致辞",
    "致词",
    "报告",
    "讲稿",
    "演讲",
    "贺词",
    "主持词",
    "开幕词",
    "闭幕词",
    "讲话稿",
    "发言稿",
    "讲话提纲",
    "发言提纲",
    "汇报",
];
/// A title says at least this much: `领导讲话` alone is a site's channel label.
const TITLE_MIN_CHARS: usize = 5;

/// Marks of scraped-site boilerplate: never a title, even by the fallback rule.
pub(super) const BOILERPLATE: [&str; 24] = [
    "http",
    "www.",
    "会员",
    "QQ",
    "微信",
    "订阅",
    "下载",
    "版权",
    "仅供",
    "举报",
    "免费",
    "公众号",
    "扫码",
    "点击",
    "首页",
    "当前位置",
    "登录",
    "注册",
    "来源：",
    "责任编辑",
    "编辑：",
    "浏览",
    "分享到",
    "收藏",
];

pub(super) fn strip_closing_brackets(s: &str) -> &str {
    s.trim_end_matches(|c: char| {
        matches!(c, '）' | ')' | '》' | '」' | '』' | '】' | '〕' | '”') || c.is_whitespace()
    })
}

pub(super) fn is_title_line(s: &str) -> bool {
    let s = strip_atx(s);
    let n = char_count_at_most(s, TITLE_MAX_CHARS);
    if !(TITLE_MIN_CHARS..=TITLE_MAX_CHARS).contains(&n) {
        return false;
    }
    let core = strip_closing_brackets(s.trim_end_matches(is_enclosed_number));
    // `报告（摘要）`, `报告（十一届人大三次会议）`: a bracketed note after the title word.
    let bracketed = s
        .trim_end()
        .strip_suffix(['）', ')'])
        .and_then(|t| t.rfind(['（', '(']).map(|i| &t[..i]))
        .unwrap_or(core);
    TITLE_ENDINGS
        .iter()
        .any(|e| core.ends_with(e) || bracketed.trim_end().ends_with(e))
}

pub(super) fn is_boilerplate(s: &str) -> bool {
    BOILERPLATE.iter().any(|b| s.contains(b))
        || (s.starts_with('【') && s.ends_with('】'))
        || scrape::is_chrome(s)
}

pub(super) fn is_dots_line(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '…' | '.' | '·' | '・' | '。' | '-' | '—'))
}

pub(super) fn is_toc_start(s: &str) -> bool {
    let s: String = strip_atx(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(2)
        .collect();
    s == "目录" || s == "提纲"
}

/// Lines of a table-of-contents block (`目录…` down to a line of dots), if one starts at `i`.
pub(super) fn toc_end(lines: &[Line], i: usize) -> Option<usize> {
    if !is_toc_start(&lines[i].text) {
        return None;
    }
    // A TOC line that itself ends in dots (`目录/提纲:……`) is also the start.
    for (j, l) in lines.iter().enumerate().skip(i + 1).take(200) {
        if is_dots_line(&l.text) {
            return Some(j + 1);
        }
    }
    // No closing line: the block runs to the first blank line.
    let end = lines[i..]
        .iter()
        .position(|l| l.is_blank())
        .map_or(lines.len(), |p| i + p);
    Some(end)
}

/// Where the title is: (first line of the title block, title line, subtitle line).
pub(super) fn find_title(lines: &[Line], chrome: &[bool]) -> Option<(usize, usize, Option<usize>)> {
    let limit = lines.len().min(TITLE_SEARCH_LINES);
    // Markdown: the first `# ` line is the document's title, whatever it ends with (§7.4).
    if let Some(i) = (0..limit).find(|&i| {
        atx_prefix(&lines[i].text).is_some_and(|(level, _)| level == 1)
            && !strip_atx(&lines[i].text).is_empty()
            && numbered_at(strip_atx(&lines[i].text), true).is_none()
    }) {
        // A title in two `#` lines directly above its `——` subtitle is one block (§2).
        let mut end = i;
        while end + 1 < limit
            && atx_prefix(&lines[end + 1].text).is_some_and(|(level, _)| level == 1)
            && !strip_atx(&lines[end + 1].text).starts_with('—')
        {
            end += 1;
        }
        let sub = (end + 1..limit.min(end + 4))
            .find(|&k| !lines[k].is_blank())
            .filter(|&k| strip_atx(&lines[k].text).starts_with('—'));
        if sub.is_none() {
            end = i;
        }
        return Some((i, end, sub));
    }
    for i in candidates(lines, limit) {
        let s = strip_atx(&lines[i].text);
        if !chrome[i] && is_title_line(s) {
            if s.starts_with('—') {
                // The title is the block above, also across a blank line or two (§7.6).
                let mut bottom = i;
                while bottom > 0 && i - bottom < 3 && lines[bottom - 1].is_blank() {
                    bottom -= 1;
                }
                let usable = |k: usize| !lines[k].text.is_empty() && !chrome[k];
                if bottom > 0 && usable(bottom - 1) {
                    let mut top = bottom - 1;
                    while top > 0 && usable(top - 1) {
                        top -= 1;
                    }
                    return Some((top, bottom - 1, Some(i)));
                }
                return Some((i, i, None));
            }
            return Some((i, i, None));
        }
    }
    None
}

/// The lines a title may be on: the first `limit`, past any table-of-contents block.
fn candidates<'a>(lines: &'a [Line], limit: usize) -> impl Iterator<Item = usize> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < limit {
            if let Some(end) = toc_end(lines, i) {
                i = end;
                continue;
            }
            i += 1;
            return Some(i - 1);
        }
        None
    })
}

/// Spec §2 fallback: the first non-empty, non-boilerplate line that is not a sentence. A
/// line of prose (`xx年的工作已接近尾声，…`) is no title (§7.6): then the speech has none.
pub(super) fn fallback_title(lines: &[Line], chrome: &[bool]) -> Option<usize> {
    let limit = lines.len().min(TITLE_SEARCH_LINES);
    for i in candidates(lines, limit) {
        let s = strip_atx(&lines[i].text);
        if s.is_empty() || chrome[i] {
            continue;
        }
        // A line of only punctuation or symbols (`，，，`, `***`) names nothing.
        let named = s.chars().any(char::is_alphanumeric);
        if named
            && lines[i].gaps.is_empty()
            && char_count_at_most(s, TITLE_MAX_CHARS) <= TITLE_MAX_CHARS
            && !ends_sentence(s)
            && !s.ends_with(['.', ',', '，', '、'])
            && !s.contains(['。', '；', '！', '？', '，'])
            && !is_boilerplate(s)
            && !is_dots_line(s)
            && numbered_at(s, true).is_none()
            && !point_at_start(s)
        {
            return Some(i);
        }
        if named
            && !is_boilerplate(s)
            && lines[i].level == 0
            && atx_prefix(&lines[i].text).is_none()
        {
            // The first real line is prose: the speech has no title line.
            return None;
        }
    }
    None
}
