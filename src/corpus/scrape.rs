//! What is not the speech (spec §7.5): HTML remains and escapes, site chrome, datelines, lost
//! line breaks, repeated copies of the whole text, back matter. Pure functions on lines.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::corpus::count::more_chars_than;

/// Lines longer than this that hold an indentation run inside them lost their line breaks.
const LOST_BREAKS_MIN_CHARS: usize = 200;
/// Chrome is a short line; a long one is a paragraph that happens to mention a site.
const CHROME_MAX_CHARS: usize = 100;
/// A repeated copy must be at least this many lines, and match this well, to be folded.
const REPEAT_MIN_LINES: usize = 3;
/// A line this long repeated is a page saved as one line, repeated.
const REPEAT_ONE_LINE_CHARS: usize = 2000;
const REPEAT_MIN_MATCH: f64 = 0.9;

/// A text saved with its HTML tags (`<p>…</p>`, `<br>`, `<strong>`): the tags become line
/// breaks (block tags) or nothing (inline tags); `<script>`/`<style>` bodies and comments go.
/// Text without such tags comes back as it is.
pub fn strip_tags(s: &str) -> Cow<'_, str> {
    // One pass for `<`, rare in a text: a page has `<p`, `<br` or `</p`, `</div` somewhere.
    let b = s.as_bytes();
    let tagged = memchr::memchr_iter(b'<', b).any(|i| {
        let t = &b[i + 1..b.len().min(i + 5)];
        let t = t.strip_prefix(b"/").unwrap_or(t);
        let lower: Vec<u8> = t.iter().map(u8::to_ascii_lowercase).collect();
        lower.starts_with(b"p") && !lower.starts_with(b"pr")
            || lower.starts_with(b"br")
            || lower.starts_with(b"div")
    });
    if !tagged {
        return Cow::Borrowed(s);
    }
    const BLOCK: [&str; 14] = [
        "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "hr",
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        if let Some(body) = tag.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |e| &body[e + 3..]);
            continue;
        }
        let Some(gt) = tag.find('>').filter(|&g| g <= 400) else {
            out.push('<');
            rest = &tag[1..];
            continue;
        };
        let inner = tag[1..gt].trim_start_matches('/');
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || inner.starts_with("U+") {
            // `<U+00A0>`, `< 3`: not a tag.
            out.push('<');
            rest = &tag[1..];
            continue;
        }
        rest = &tag[gt + 1..];
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |e| {
                let after = &rest[e..];
                after.find('>').map_or("", |g| &after[g + 1..])
            });
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `<U+00A0>` (escape text some scrapers write) and HTML entities (`&nbsp;` `&amp;` `&#8220;`)
/// become the characters they name. Control characters are never produced.
pub fn unescape(s: &str) -> Cow<'_, str> {
    // One pass for both: `<U+…>` and `&…;` are rare in a text.
    let b = s.as_bytes();
    let escaped =
        memchr::memchr2_iter(b'<', b'&', b).any(|i| b[i] == b'&' || b[i + 1..].starts_with(b"U+"));
    if !escaped {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let next = rest.find(['<', '&']).map_or(rest.len(), |k| k);
        out.push_str(&rest[..next]);
        i += next;
        if i >= s.len() {
            break;
        }
        let rest = &s[i..];
        if let Some((c, len)) = escape_at(rest) {
            out.push(c);
            i += len;
        } else {
            let c = rest.chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    Cow::Owned(out)
}

fn escape_at(s: &str) -> Option<(char, usize)> {
    let safe = |c: char| (!c.is_control() || c == '\t').then_some(c);
    if let Some(r) = s.strip_prefix("<U+") {
        let hex: String = r
            .chars()
            .take_while(|c| c.is_ascii_hexdigit())
            .take(6)
            .collect();
        if (4..=6).contains(&hex.len()) && r[hex.len()..].starts_with('>') {
            let c = char::from_u32(u32::from_str_radix(&hex, 16).ok()?).and_then(safe)?;
            return Some((c, 3 + hex.len() + 1));
        }
        return None;
    }
    let r = s.strip_prefix('&')?;
    let end = r.find(';').filter(|&e| e <= 10)?;
    let name = &r[..end];
    let c = match name {
        "nbsp" => '\u{A0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "hellip" => '…',
        "middot" => '·',
        "emsp" => '\u{3000}',
        "ensp" | "thinsp" => ' ',
        _ => {
            let num = name.strip_prefix('#')?;
            let v = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(v).and_then(safe)?
        }
    };
    Some((c, 1 + end + 1))
}

/// Cheap test before [`split_lost_breaks`]: long, with an indentation run inside.
pub fn may_have_lost_breaks(line: &str) -> bool {
    // U+00A0's lead byte C2 is rare in Chinese text, so memchr finds it fast.
    let b = line.as_bytes();
    // The byte scans first: counting characters costs more than both.
    line.len() >= LOST_BREAKS_MIN_CHARS * 3
        && (memchr::memchr_iter(0xC2, b).any(|i| b.get(i + 1) == Some(&0xA0))
            || space_run().find(b).is_some())
        && more_chars_than(line, LOST_BREAKS_MIN_CHARS)
}

/// Whether a short line holds `。` (E3 80 82): a searcher costs more to start than this.
fn has_full_stop(b: &[u8]) -> bool {
    memchr::memchr_iter(0xE3, b).any(|i| b.get(i + 1..i + 3) == Some(&[0x80, 0x82]))
}

/// Two U+3000 in a row. Built once: a `memmem::find` builds its searcher on every call, which
/// costs more than the search on a line.
fn space_run() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new("\u{3000}\u{3000}"))
}

/// Splits a long line where a scraper lost its line breaks: at runs of two or more U+3000 or
/// any U+00A0 inside it (the indentation of the lost lines). Short lines come back whole.
pub fn split_lost_breaks(line: &str) -> Vec<&str> {
    if !more_chars_than(line, LOST_BREAKS_MIN_CHARS)
        || !(line.contains('\u{A0}') || line.contains("\u{3000}\u{3000}"))
    {
        return vec![line];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let run = match c {
            '\u{A0}' => 1,
            '\u{3000}' if iter.peek().is_some_and(|&(_, n)| n == '\u{3000}') => 2,
            _ => 0,
        };
        if run == 0 {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = iter.peek() {
            if matches!(n, '\u{A0}' | '\u{3000}' | ' ') {
                end = j + n.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let piece = line[start..i].trim();
        if !piece.is_empty() {
            parts.push(piece);
        }
        start = end;
    }
    let piece = line[start..].trim();
    if !piece.is_empty() {
        parts.push(piece);
    }
    if parts.is_empty() {
        parts.push(line);
    }
    parts
}

const AGENCIES: [&str; 8] = [
    "新华社",
    "中新社",
    "中新网",
    "人民网",
    "央视网",
    "本报讯",
    "本报",
    "新华网",
];

fn is_date_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
}

/// A news dateline at the start of a line (`新华社北京3月16日电`, `本报讯`, with an optional
/// `（记者 某某）`): its byte length.
pub fn dateline_len(s: &str) -> Option<usize> {
    // Every agency opens with a lead byte E4–E6: most lines fail on their first byte.
    if !matches!(s.as_bytes().first(), Some(0xE4..=0xE6))
        || !s.starts_with(['新', '中', '人', '央', '本'])
    {
        return None;
    }
    let agency = AGENCIES.iter().find(|a| s.starts_with(*a))?;
    if *agency == "本报讯" {
        return Some(agency.len());
    }
    // Place, month and day, then 电: all within a short span.
    let span: String = s.chars().take(24).collect();
    let dian = span.find("日电")?;
    let head = &span[agency.len()..dian];
    let month = head.find('月')?;
    if !head[..month].chars().next_back().is_some_and(is_date_digit) {
        return None;
    }
    let mut len = dian + "日电".len();
    let rest = &s[len..];
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(r) = rest.strip_prefix(open) {
            if let Some(e) = r.find(close).filter(|&e| e <= 40) {
                len += open.len() + e + close.len();
            }
        }
    }
    Some(len)
}

/// Site chrome anywhere in a text: breadcrumbs, font switches, portal credits, photo credits,
/// editor lines, HTML remains. Short lines only.
pub fn is_chrome(s: &str) -> bool {
    if s.starts_with("<!--") || s.ends_with("-->") || is_html_tag_line(s) {
        return true;
    }
    // Chrome is a label, not a sentence: a line ending like one is text.
    if s.len() > 4 * CHROME_MAX_CHARS || s.ends_with(['。', '；', '！', '？', '，']) {
        return false;
    }
    // Short enough, and a character one of the marks below has: read off the bytes, as this
    // runs for every short line of every text.
    if s.len() > CHROME_MAX_CHARS && s.chars().count() > CHROME_MAX_CHARS {
        return false;
    }
    if !has_chrome_trigger(s.as_bytes()) {
        return false;
    }
    // `首页 > 新闻中心 > 领导讲话`: a breadcrumb, whatever its words.
    if s.contains("首页") && s.contains(['>', '»', '›', '＞']) {
        return true;
    }
    const MARKS: [&str; 19] = [
        "当前位置",
        "【字体",
        "字体：大",
        "责任编辑",
        "E-mail推荐",
        "打印本页",
        "关闭窗口",
        "相关链接",
        "www.",
        "http",
        "来源：",
        "分享到",
        "【打印",
        "【关闭",
        "版权所有",
        "Copyright",
        "©",
        "上一篇：",
        "下一篇：",
    ];
    if MARKS.iter().any(|m| s.contains(m)) {
        return true;
    }
    // `新华社记者 刘卫兵 摄`, `新华社发`: a photo credit closes a caption.
    let t = s.trim_end_matches([' ', '\u{3000}', '）', ')']);
    if (t.ends_with('摄') || t.ends_with("记者摄")) && t.contains("记者") {
        return true;
    }
    dateline_len(s).is_some_and(|l| s[l..].trim().is_empty())
}

/// Whether `b` holds one of 当 字 责 E 打 关 相 w h 来 分 【 摄 电 首 篇 版 C ©, the characters
/// the chrome marks are made of. A three-byte match starts at a lead byte, so at a char.
fn has_chrome_trigger(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'E' | b'w' | b'h' | b'C' => return true,
            0xC2 if b.get(i + 1) == Some(&0xA9) => return true,
            0xE3..=0xE9 => {
                // The chars' last bytes as a bit set: four in five CJK chars fail on it.
                const LAST: u64 = {
                    let ys = [
                        0x93u8, 0x97, 0xA3, 0xB3, 0xB8, 0xA5, 0x86, 0x90, 0x84, 0xB5, 0x96, 0x87,
                        0x88,
                    ];
                    let mut m = 0u64;
                    let mut k = 0;
                    while k < ys.len() {
                        m |= 1 << (ys[k] & 63);
                        k += 1;
                    }
                    m
                };
                let maybe = b.get(i + 2).is_some_and(|&y| LAST >> (y & 63) & 1 == 1);
                if let Some(&[_, x, y]) = b.get(i..i + 3).filter(|_| maybe) {
                    // One integer per char: the compiler turns the set into a few compares.
                    let key = u32::from_be_bytes([0, c, x, y]);
                    if matches!(
                        key,
                        0xE5BD93 // 当
                            | 0xE5AD97 // 字
                            | 0xE8B4A3 // 责
                            | 0xE68993 // 打
                            | 0xE585B3 // 关
                            | 0xE79BB8 // 相
                            | 0xE69DA5 // 来
                            | 0xE58886 // 分
                            | 0xE38090 // 【
                            | 0xE69184 // 摄
                            | 0xE794B5 // 电
                            | 0xE9A696 // 首
                            | 0xE7AF87 // 篇
                            | 0xE78988 // 版
                    ) {
                        return true;
                    }
                }
                i += 3;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

fn is_html_tag_line(s: &str) -> bool {
    s.starts_with('<') && s.ends_with('>') && !s.starts_with("<U+") && s.len() >= 3
}

/// Marks the lines inside `<!-- … -->` blocks (as chrome) and returns one flag per line.
pub fn chrome_lines<S: AsRef<str>>(lines: &[S]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let mut in_comment = false;
    for (i, l) in lines.iter().map(AsRef::as_ref).enumerate() {
        if in_comment {
            out[i] = true;
            if l.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if l.starts_with("<!--") {
            out[i] = true;
            in_comment = !l.contains("-->");
            continue;
        }
        out[i] = !l.is_empty() && is_chrome(l);
    }
    out
}

/// `注释`, `注　　释`, `附注`, `参考文献`, `## 注释`, `注释：`: the line where back matter starts.
pub fn is_back_matter_start(s: &str) -> bool {
    // A short line whose first word starts with one of 注 附 参 尾 脚, before building
    // anything: looked at on the bytes, as this runs for every line of the body.
    if s.len() > 24 {
        return false;
    }
    let head = s.trim_start_matches(|c: char| c == '#' || c.is_whitespace());
    if !head.starts_with(['注', '附', '参', '尾', '脚']) {
        return false;
    }
    let t: String = s
        .trim_start_matches('#')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = t.trim_end_matches(['：', ':']);
    matches!(t, "注释" | "附注" | "参考文献" | "注" | "尾注" | "脚注")
        && (t != "注" || s.chars().count() > 1)
}

/// Where the copies start when the whole text after `from` is repeated (careless scrapes
/// repeat it 6 or 12 times): (line index of the second copy, number of copies after the first).
/// Lines are compared by content; blank lines are ignored. Linear: one anchor, one check.
pub fn repeated_from<S: AsRef<str>>(lines: &[S], from: usize) -> Option<(usize, u32)> {
    // u32 indices, sized once: a text of short lines has hundreds of thousands, and growing
    // a vector of usizes by doubling wrote four times their bytes.
    if lines.len() > u32::MAX as usize {
        return None;
    }
    let mut idx: Vec<u32> = Vec::with_capacity(lines.len());
    idx.extend(
        (0..lines.len())
            .filter(|&i| !lines[i].as_ref().is_empty())
            .map(|i| i as u32),
    );
    let line = |k: usize| lines[idx[k] as usize].as_ref();
    let a0 = idx.partition_point(|&i| (i as usize) < from);
    if idx.len() - a0 < 2 {
        return None;
    }
    // The anchor: the longest of the first lines, distinctive enough to find its copy by.
    // Within the first half: a copy needs room after it. The first of equal lengths wins.
    let probe = ((idx.len() - a0) / 2).clamp(1, 40);
    let a = (a0..a0 + probe).rev().max_by_key(|&k| line(k).len())?;
    let anchor = line(a);
    // Short lines (`各位代表！`) repeat inside any speech: only a long one anchors a copy.
    anchor.chars().nth(20)?;
    let b = (a + 1..idx.len()).find(|&k| line(k) == anchor)?;
    let period = b - a;
    // The copy starts where the first one does: walk back while lines still pair up (into
    // the page header above the title too, which a scrape of a whole page repeats).
    let mut start = b;
    while start > period && line(start - 1) == line(start - 1 - period) {
        start -= 1;
    }
    let start = start.max(a0 + 1);
    let first = start - period;
    let overlap = period.min(idx.len() - start);
    let matching = (0..overlap)
        .filter(|&k| line(first + k) == line(start + k))
        .count();
    if overlap * 2 < period || (matching as f64) < REPEAT_MIN_MATCH * overlap as f64 {
        return None;
    }
    // Two equal paragraphs a line apart are a refrain, not a copy of the text: a copy is
    // several lines long, unless a whole page was saved as one long line.
    let page_on_a_line = anchor.chars().nth(REPEAT_ONE_LINE_CHARS).is_some();
    if (period < REPEAT_MIN_LINES || overlap < REPEAT_MIN_LINES) && !page_on_a_line {
        return None;
    }
    let copies = (idx.len() - start).div_ceil(period) as u32;
    Some((idx[start] as usize, copies))
}

/// An unlabelled table of contents (spec §7.5): runs of at least three short numbered lines
/// with no body between them, most of which come back later as the first words of a line.
/// `numbered(line)` says whether a line opens with a number. Returns one flag per line.
pub fn toc_lines<S: AsRef<str>>(lines: &[S], numbered: &[bool]) -> Vec<bool> {
    // A line's first characters: what finds it again further down.
    fn key(s: &str) -> &str {
        let end = s.char_indices().nth(8).map_or(s.len(), |(i, _)| i);
        &s[..end]
    }
    let mut out = vec![false; lines.len()];
    let line = |k: usize| lines[k].as_ref();
    let is_item = |k: usize| {
        let s = line(k);
        numbered[k] && s.len() <= 3 * 40 && !more_chars_than(s, 40) && !has_full_stop(s.as_bytes())
    };
    // Candidate runs first: most texts have none, and then nothing else is computed.
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_item(i) {
            i += 1;
            continue;
        }
        // Fewer than three items in a row (the usual case) is no table of contents.
        let mut k = i + 1;
        let mut count = 1;
        while k < lines.len() && count < 3 && (line(k).is_empty() || is_item(k)) {
            count += usize::from(!line(k).is_empty());
            k += 1;
        }
        if count < 3 {
            i = k.max(i + 1);
            continue;
        }
        let mut j = i;
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        // The run ends where its first line comes back: there the body begins.
        while j < lines.len() && (line(j).is_empty() || is_item(j)) {
            if !line(j).is_empty() {
                if !seen.insert(key(line(j))) {
                    break;
                }
                items.push(j);
            }
            j += 1;
        }
        if items.len() >= 3 {
            runs.push((items, j));
        }
        i = j.max(i + 1);
    }
    if runs.is_empty() {
        return out;
    }
    // The last line starting with each key: a TOC line must come back after its run.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, l) in lines.iter().map(AsRef::as_ref).enumerate() {
        if more_chars_than(l, 3) {
            last.insert(key(l), i);
        }
    }
    for (items, end) in runs {
        let back = items
            .iter()
            .filter(|&&k| last.get(key(line(k))).is_some_and(|&l| l >= end))
            .count();
        if back * 3 >= items.len() * 2 {
            for k in items {
                out[k] = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_entities_become_characters() {
        assert_eq!(
            unescape("国务院总理<U+00A0>李克强"),
            "国务院总理\u{A0}李克强"
        );
        assert_eq!(
            unescape("A&nbsp;B&amp;C&lt;D&gt;&#8220;E&#x201D;"),
            "A\u{A0}B&C<D>“E”"
        );
        assert_eq!(unescape("<U+001B>[2J"), "<U+001B>[2J");
        assert_eq!(unescape("&#27;"), "&#27;");
        assert_eq!(unescape("a & b <c>"), "a & b <c>");
        assert!(matches!(unescape("普通文字"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_tags_become_line_breaks_or_nothing() {
        let page = "<html><body><p>在会上的讲话</p><p><strong>一、总体要求</strong></p>\n<script>var a = 1 < 2;</script><p>正文<br>第二行</p><!-- 注释 --></body></html>";
        let t = strip_tags(page);
        let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            vec!["在会上的讲话", "一、总体要求", "正文", "第二行"]
        );
        assert!(matches!(strip_tags("a < b 和 <U+00A0>"), Cow::Borrowed(_)));
        assert_eq!(strip_tags("<p>x<U+00A0>y</p>"), "\nx<U+00A0>y\n");
    }

    #[test]
    fn long_lines_split_at_lost_breaks() {
        let long = format!(
            "{}。\u{A0}{}。\u{3000}\u{3000}{}。",
            "甲".repeat(150),
            "乙".repeat(60),
            "丙".repeat(10)
        );
        let parts = split_lost_breaks(&long);
        assert_eq!(parts.len(), 3);
        assert!(parts[1].starts_with('乙') && parts[2].starts_with('丙'));
        assert_eq!(split_lost_breaks("短行\u{A0}不分"), vec!["短行\u{A0}不分"]);
    }

    #[test]
    fn datelines_and_chrome() {
        assert_eq!(
            dateline_len("新华社北京3月16日电政府工作报告"),
            Some("新华社北京3月16日电".len())
        );
        assert_eq!(
            dateline_len("新华社北京３月１５日电（记者 张三）正文"),
            Some("新华社北京３月１５日电（记者 张三）".len())
        );
        assert_eq!(dateline_len("新华社是通讯社"), None);
        assert!(is_chrome("当前位置： 首页>> 中国概况"));
        assert!(is_chrome("【字体：大 中 小】"));
        assert!(is_chrome(
            "中央政府门户网站\u{3000}www.gov.cn\u{3000}\u{3000} 2006年02月16日 来源：新华社"
        ));
        assert!(is_chrome("3月5日，大会开幕。 新华社记者 刘卫兵 摄"));
        assert!(is_chrome("新华社北京３月１５日电"));
        assert!(is_chrome("<!--"));
        assert!(!is_chrome("要加强对外宣传工作。"));
        let lines = ["<!--", "  x", "-->", "正文"];
        assert_eq!(chrome_lines(&lines), vec![true, true, true, false]);
    }

    #[test]
    fn back_matter_lines() {
        for s in ["注释", "注　　释", "附注", "参考文献", "## 注释", "注释："] {
            assert!(is_back_matter_start(s), "{s}");
        }
        assert!(!is_back_matter_start("注释说明了一切。"));
        assert!(!is_back_matter_start("注"));
    }

    #[test]
    fn repeated_whole_text_is_found_once() {
        let body = [
            "标题",
            "",
            "第一段是一个足够长的段落，用来当作锚点的句子。",
            "第二段。",
            "第三段。",
        ];
        let mut lines: Vec<&str> = Vec::new();
        for _ in 0..6 {
            lines.extend(body);
        }
        let (at, copies) = repeated_from(&lines, 1).unwrap();
        assert_eq!(copies, 5);
        assert_eq!(lines[at], "标题");
        assert_eq!(at, 5);
        // No repetition, or a repeated sentence only: nothing folded.
        let once = [
            "第一段是一个足够长的段落，用来当作锚点的句子。",
            "第二段。",
            "第三段。",
        ];
        assert_eq!(repeated_from(&once, 0), None);
        let quote = [
            "第一段是一个足够长的段落，用来当作锚点的句子。",
            "别的",
            "别的二",
            "别的三",
            "第一段是一个足够长的段落，用来当作锚点的句子。",
            "不同",
            "不同二",
            "不同三",
        ];
        assert_eq!(repeated_from(&quote, 0), None);
        // Two equal long paragraphs around a heading: a refrain, not a copy.
        let body = "这是一段正文。".repeat(200);
        let refrain = ["一、第一部分", &body, "二、第二部分", &body];
        assert_eq!(repeated_from(&refrain, 0), None);
        // A whole page on one line, saved twice: a copy.
        let page = "正文".repeat(1500);
        assert_eq!(repeated_from(&[&page, "", &page], 0), Some((2, 1)));
    }

    #[test]
    fn unlabelled_toc_runs() {
        let lines = [
            "一、总体要求",
            "二、主要任务",
            "三、保障措施",
            "",
            "一、总体要求",
            "正文。",
            "二、主要任务",
            "正文。",
            "三、保障措施",
            "正文。",
        ];
        let flags = |l: &[&str]| -> Vec<bool> {
            l.iter()
                .map(|s| crate::corpus::numbering::numbered_at(s, true).is_some())
                .collect()
        };
        let t = toc_lines(&lines, &flags(&lines));
        assert_eq!(&t[..4], &[true, true, true, false]);
        assert!(t[4..].iter().all(|x| !x));
        // Headings with no later copy are a list, not a table of contents.
        let list = ["一、甲甲甲甲", "二、乙乙乙乙", "三、丙丙丙丙", "正文。"];
        assert!(toc_lines(&list, &flags(&list)).iter().all(|x| !x));
    }
    /// The byte scan finds the same trigger characters as a char-by-char reading.
    #[test]
    fn chrome_trigger_from_bytes_matches_chars() {
        let by_chars = |s: &str| {
            s.chars().any(|c| {
                matches!(
                    c,
                    '当' | '字'
                        | '责'
                        | 'E'
                        | '打'
                        | '关'
                        | '相'
                        | 'w'
                        | 'h'
                        | '来'
                        | '分'
                        | '【'
                        | '摄'
                        | '电'
                        | '首'
                        | '篇'
                        | '版'
                        | 'C'
                        | '©'
                )
            })
        };
        let alphabet: Vec<char> = "当字责E打关相whx来分【摄电首篇版C©一，。é𝄞ª½ÿ出版"
            .chars()
            .collect();
        let mut n = 0;
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &["", "中", "a", "©"] {
                    let s = format!("{a}{c}{b}");
                    assert_eq!(has_chrome_trigger(s.as_bytes()), by_chars(&s), "{s:?}");
                    n += 1;
                }
            }
        }
        assert!(n > 3000);
        for s in [
            "",
            "普通的一行字",
            "责任编辑：张三",
            "版权所有 ©2020",
            "一二三四五六七八九",
        ] {
            assert_eq!(has_chrome_trigger(s.as_bytes()), by_chars(s), "{s:?}");
        }
    }
}
