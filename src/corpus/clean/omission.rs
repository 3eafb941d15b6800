//! Omission markers (`……(…省略877字…)……`) and truncation notices of scraping sites (spec §3).

use super::*;

pub(super) fn parse_number_after(s: &str, key: &str) -> Option<u32> {
    let at = s.find(key)? + key.len();
    let digits: String = s[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || c.is_whitespace())
        .filter(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

pub(super) fn is_open_paren(c: char) -> bool {
    matches!(c, '(' | '（' | '[' | '【')
}

pub(super) fn is_close_paren(c: char) -> bool {
    matches!(c, ')' | '）' | ']' | '】')
}

pub(super) fn is_ellipsis_like(c: char) -> bool {
    matches!(c, '…' | '.' | '·')
}

/// Finds one omission marker `……(…省略877字…)……` in `s`: (byte range, omitted chars).
pub(super) fn find_omission(s: &str, from: usize) -> Option<(std::ops::Range<usize>, Option<u32>)> {
    let mut search = from;
    let next = |from: usize| {
        ["省略", "隐藏"]
            .iter()
            .filter_map(|k| s[from..].find(k))
            .min()
    };
    while let Some(rel) = next(search) {
        let at = search + rel;
        search = at + "省略".len();
        let after = &s[search..];
        let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
        let unit = &after[digits.len()..];
        let unit_len = if unit.starts_with("个字") {
            "个字".len()
        } else if unit.starts_with('字') {
            '字'.len_utf8()
        } else {
            continue;
        };
        if digits.is_empty() {
            continue;
        }
        // `……此处隐藏2356个字……`: a marker between ellipses needs no brackets.
        let before = s[from..at].trim_end_matches("此处");
        let tail = &unit[unit_len..];
        if before.ends_with(['…', '.']) && tail.starts_with(['…', '.']) {
            let start = from
                + before
                    .trim_end_matches(|c: char| is_ellipsis_like(c) || c == ' ')
                    .len();
            let rest = tail.trim_start_matches(|c: char| is_ellipsis_like(c) || c == ' ');
            let end = s.len() - rest.len();
            return Some((start..end, digits.parse().ok()));
        }
        // The marker is bracketed; an unbracketed 省略123字 is ordinary prose. Looking back
        // stops at `from`: the tail of a previous marker (`……`) must not be claimed twice.
        let open = s[from..at]
            .char_indices()
            .rev()
            .take(80)
            .find(|&(_, c)| is_open_paren(c) || is_close_paren(c))
            .filter(|&(_, c)| is_open_paren(c))
            .map(|(i, _)| from + i);
        let close = s[search..]
            .char_indices()
            .take(80)
            .find(|&(_, c)| is_close_paren(c) || is_open_paren(c))
            .filter(|&(_, c)| is_close_paren(c))
            .map(|(i, c)| search + i + c.len_utf8());
        let (Some(open), Some(close)) = (open, close) else {
            continue;
        };
        let start = s[from..open]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_ellipsis_like(c) || c == ' ')
            .last()
            .map_or(open, |(i, _)| from + i);
        let end = close
            + s[close..]
                .char_indices()
                .take_while(|&(_, c)| is_ellipsis_like(c) || c == ' ')
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
        return Some((start..end, digits.parse().ok()));
    }
    None
}

/// `……(未完,全文共4678字,当前仅显示2464字,…` — the cut-off tail of a partial scrape.
pub(super) fn find_truncation(s: &str) -> Option<(usize, Incomplete)> {
    let at = ["(未完", "（未完"].iter().filter_map(|k| s.find(k)).min()?;
    let start = s[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_ellipsis_like(c) || c.is_whitespace())
        .last()
        .map_or(at, |(i, _)| i);
    let tail = &s[at..];
    Some((
        start,
        Incomplete {
            total: parse_number_after(tail, "全文共"),
            shown: parse_number_after(tail, "显示"),
        },
    ))
}
