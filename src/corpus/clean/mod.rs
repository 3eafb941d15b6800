//! Decoded text → title, front matter, meta lines, salutation and paragraphs with gaps, and
//! the parts that are not the speech (spec §2–§3, §7.5–§7.6). Pure functions on `&str`; knows
//! numbering forms (to keep heading lines whole) but not the outline.

use std::borrow::Cow;
use std::ops::Range;

use crate::corpus::numbering::{
    atx_prefix, numbered_at, point_at_start, strip_atx, Numbered, Opening,
};
use crate::corpus::scrape;
use crate::corpus::{Gap, Incomplete, ParaKind, Paragraph};

pub use lines::{content, sanitize};
use lines::{scan_lines, Line};
use markdown::markdown_line;
use omission::{find_omission, find_truncation};
use title::{fallback_title, find_title, is_title_line};

/// The title must be found near the top; beyond this a line ending in 讲话 is body text.
const TITLE_SEARCH_LINES: usize = 60;
const TITLE_MAX_CHARS: usize = 60;
/// Shorter lines are headings, list items or verse, never a hard wrap of running prose.
const WRAP_MIN_CHARS: usize = 15;
/// Hard wraps are narrower than this; longer lines are paragraphs.
const WRAP_SCAN_CHARS: usize = 120;
const META_MAX_CHARS: usize = 40;
const SALUTATION_MAX_CHARS: usize = 24;

const ADDRESS_WORDS: [&str; 13] = [
    "同志", "代表", "各位", "朋友", "来宾", "领导", "同学", "女士", "先生", "委员", "老师", "大家",
    "同仁",
];

pub struct Cleaned {
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub title: String,
    pub subtitle: Option<String>,
    pub gaps: Vec<Gap>,
    pub incomplete: Option<Incomplete>,
    /// Control characters replaced by U+FFFD (see `sanitize`).
    pub controls: usize,
    /// Markdown `**emphasis**`, as byte ranges into `text` (the `**` removed).
    pub emphasis: Vec<Range<usize>>,
    /// Copies of the whole text folded after the first (spec §7.5).
    pub repeated: u32,
    /// Paragraphs that are lines of a table of contents (a `目录` block or an unlabelled one).
    pub toc: Vec<usize>,
    /// Per paragraph, the number its first line opens with, where clean asked already (to
    /// keep heading lines whole): the outline need not ask again.
    pub openings: Vec<Opening>,
}

/// The number of chars in `s`, or `max + 1` if it has more. It runs for every line, twice:
/// a line too long to have few chars is not counted, and std's `count` reads words at a time.
fn char_count_at_most(s: &str, max: usize) -> usize {
    // No char is longer than 4 bytes.
    if s.len() > 4 * (max + 1) {
        return max + 1;
    }
    s.chars().count().min(max + 1)
}

/// Terminal punctuation: a line ending in one of these is a finished sentence, not a hard wrap.
pub fn ends_sentence(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '。' | '！'
                | '？'
                | '；'
                | '：'
                | '…'
                | '”'
                | '’'
                | '」'
                | '』'
                | '）'
                | '!'
                | '?'
                | ';'
                | ':'
        )
    })
}

/// `同志们：`, `各位代表、同志们:` — a short address ending with a colon.
pub fn is_salutation(s: &str) -> bool {
    let Some(body) = s.strip_suffix('：').or_else(|| s.strip_suffix(':')) else {
        return false;
    };
    !body.is_empty()
        && char_count_at_most(s, SALUTATION_MAX_CHARS) <= SALUTATION_MAX_CHARS
        && !body.contains(['。', '；', '：', ':', '！', '？'])
        && ADDRESS_WORDS.iter().any(|w| body.contains(w))
}

/// The width a text was hard-wrapped at: the most common line length, when at least a
/// third of the longer lines have it (and there are enough of them to tell).
fn wrap_width(lines: &[Line], numbered: &[bool]) -> Option<usize> {
    let mut counts = [0u32; WRAP_SCAN_CHARS + 1];
    let mut long = 0;
    // Prose lines only: headings are what the width is asked about.
    for (t, _) in lines
        .iter()
        .map(|l| &*l.text)
        .zip(numbered)
        .filter(|(_, &n)| !n)
    {
        // Fewer bytes than WRAP_MIN_CHARS: fewer chars too, nothing to count.
        if t.len() < WRAP_MIN_CHARS {
            continue;
        }
        let n = char_count_at_most(t, WRAP_SCAN_CHARS);
        if (WRAP_MIN_CHARS..WRAP_SCAN_CHARS).contains(&n) {
            counts[n] += 1;
            long += 1;
        }
    }
    let (width, &most) = counts.iter().enumerate().max_by_key(|&(_, c)| *c)?;
    (most >= 5 && most * 3 >= long).then_some(width)
}

/// Line starts with a GB/T 9704 number (`一、` `（一）` `1.` `（1）`): never joined to a neighbour.
fn is_structural_line(s: &str) -> bool {
    structural_number(s).is_some()
}

/// The number a line opens with, after markup (`**一、**`), as the outline reads it.
fn structural_number(s: &str) -> Option<Numbered> {
    let m = crate::corpus::numbering::markup_len(s);
    numbered_at(&s[m..], true)
}

/// A structural line or any Markdown heading (`## 背景`): a line of its own, never joined
/// to a neighbour and never a meta line.
fn is_heading_line(s: &str) -> bool {
    is_structural_line(s) || atx_prefix(s).is_some()
}

fn looks_like_meta(s: &str) -> bool {
    let n = char_count_at_most(s, META_MAX_CHARS);
    if s.is_empty() || n > META_MAX_CHARS {
        return false;
    }
    let parenthesized = s.starts_with(['（', '(']) && s.ends_with(['）', ')']);
    if (!parenthesized && ends_sentence(s)) || is_salutation(s) {
        return false;
    }
    if is_heading_line(s) || point_at_start(s) {
        return false;
    }
    let dated = s.contains('年') && (s.contains('月') || s.contains('日'));
    parenthesized || dated || n <= 16
}

struct Builder {
    text: String,
    paragraphs: Vec<Paragraph>,
    gaps: Vec<Gap>,
    emphasis: Vec<Range<usize>>,
    openings: Vec<Opening>,
    /// (start, kind, Markdown level, quote, opening, lines pushed)
    open: Option<(usize, ParaKind, u8, bool, Opening, usize)>,
}

impl Builder {
    fn start(&mut self, kind: ParaKind) {
        self.start_md(kind, 0, false);
    }

    fn start_md(&mut self, kind: ParaKind, level: u8, quote: bool) {
        self.start_body(kind, level, quote, Opening::Unknown);
    }

    fn start_body(&mut self, kind: ParaKind, level: u8, quote: bool, opening: Opening) {
        self.finish();
        if !self.paragraphs.is_empty() || self.open.is_some() {
            self.text.push('\n');
        }
        self.open = Some((self.text.len(), kind, level, quote, opening, 0));
    }

    fn push_line(&mut self, line: &Line) {
        let base = self.text.len();
        let para = self.paragraphs.len();
        if let Some(open) = &mut self.open {
            open.5 += 1;
        }
        self.text.push_str(&line.text);
        for r in line.emphasis.iter() {
            self.emphasis.push(base + r.start..base + r.end);
        }
        for &(at, omitted, truncated) in line.gaps.iter() {
            self.gaps.push(Gap {
                para,
                at: base + at,
                omitted,
                truncated,
            });
        }
    }

    fn finish(&mut self) {
        if let Some((start, kind, level, quote, opening, lines)) = self.open.take() {
            // A number read off one line holds for the paragraph only if it is that line.
            self.openings.push(match opening {
                Opening::Number(_) if lines != 1 => Opening::Unknown,
                o => o,
            });
            self.paragraphs.push(Paragraph {
                kind,
                range: start..self.text.len(),
                level,
                quote,
            });
        }
    }

    fn whole(&mut self, kind: ParaKind, line: &Line) {
        self.start(kind);
        self.push_line(line);
        self.finish();
    }
}

/// The title by the spec's main rule (a line ending like a speech title), without building
/// paragraphs: enough for the speech list while the full parse runs. None when the rule finds
/// no title in this much text.
pub fn quick_title(input: &str) -> Option<String> {
    let (input, _) = sanitize(input);
    let input = scrape::strip_tags(&input);
    let input = scrape::unescape(&input);
    let (lines, _) = scan_lines(&input);
    let chrome = scrape::chrome_lines(&lines);
    let (top, end, _) = find_title(&lines, &chrome)?;
    // Without its Markdown marks, as the full parse shows it.
    let parts: Vec<String> = lines[top..=end]
        .iter()
        .map(|l| match markdown::may_have_marks(&l.text, true) {
            true => markdown_line(l).text.into_owned(),
            false => l.text.to_string(),
        })
        .filter(|t| !t.is_empty())
        .collect();
    Some(parts.join(" "))
}

pub fn clean(input: &str) -> Cleaned {
    let (input, controls) = sanitize(input);
    let input = scrape::strip_tags(&input);
    let input = scrape::unescape(&input);
    let input = &*input;
    let (lines, incomplete) = scan_lines(input);
    // The scrape tests read the lines as text (`AsRef<str>`): no list of their texts is
    // built, as a text of short lines has hundreds of thousands.
    let chrome = scrape::chrome_lines(&lines);
    // At most one paragraph a line (and the title block's few): reserved once, as growing
    // by doubling copies every paragraph again and again on a text of short lines.
    let mut b = Builder {
        text: String::with_capacity(input.len()),
        paragraphs: Vec::with_capacity(lines.len() + 8),
        gaps: Vec::new(),
        emphasis: Vec::new(),
        openings: Vec::with_capacity(lines.len() + 8),
        open: None,
    };

    let mut toc_paras = Vec::new();
    let found = find_title(&lines, &chrome)
        .or_else(|| fallback_title(&lines, &chrome).map(|i| (i, i, None)));
    let (title, mut subtitle, body_from) = match found {
        Some((top, title_end, sub)) => {
            let mut in_toc = 0..0;
            for (k, l) in lines[..top].iter().enumerate() {
                if in_toc.end <= k {
                    in_toc = title::toc_end(&lines, k).map_or(0..0, |end| k + 1..end);
                }
                if !l.is_blank() {
                    if in_toc.contains(&k) && !title::is_dots_line(&l.text) {
                        toc_paras.push(b.paragraphs.len());
                    }
                    b.whole(ParaKind::FrontMatter, l);
                }
            }
            let title: Vec<&str> = lines[top..=title_end]
                .iter()
                .map(|l| strip_atx(&l.text))
                .filter(|t| !t.is_empty())
                .collect();
            // A footnote mark after the title (`…的讲话⑴`) is no part of it (spec §7.3).
            let title = crate::corpus::numbering::strip_footnotes(&title.join(" ")).into_owned();
            b.whole(ParaKind::Title, &Line::plain(Cow::Borrowed(&title)));
            let mut next = title_end + 1;
            let mut subtitle = None;
            if let Some(si) = sub {
                let line = lines[si].without_atx();
                b.whole(ParaKind::Subtitle, &line);
                subtitle = Some(line.text.to_string());
                next = si + 1;
            }
            (title, subtitle, next)
        }
        // No title line: the list shows the file name (spec §7.6).
        None => (String::new(), None, 0),
    };

    let mut i = body_from;
    if found.is_some() {
        // A `——…` subtitle may follow the title after blank lines.
        let mut j = i;
        while j < lines.len() && lines[j].is_blank() && j < i + 3 {
            j += 1;
        }
        if subtitle.is_none()
            && j < lines.len()
            && strip_atx(&lines[j].text).starts_with('—')
            && char_count_at_most(&lines[j].text, TITLE_MAX_CHARS) <= TITLE_MAX_CHARS
        {
            let line = lines[j].without_atx();
            b.whole(ParaKind::Subtitle, &line);
            subtitle = Some(line.text.to_string());
            i = j + 1;
            j = i;
        }
        while j < lines.len() && lines[j].is_blank() && j < i + 3 {
            j += 1;
        }
        let meta =
            |k: usize| !chrome[k] && looks_like_meta(&lines[k].text) && lines[k].gaps.is_empty();
        if j < lines.len() && meta(j) {
            while j < lines.len() && meta(j) {
                b.whole(ParaKind::Meta, &lines[j]);
                j += 1;
            }
            i = j;
        }
    }

    // What of the body is not the speech: copies of it, back matter, a table of contents.
    let (copies_from, repeated) = scrape::repeated_from(&lines, i).unwrap_or((lines.len(), 0));
    let back_from = (i..copies_from)
        .find(|&k| scrape::is_back_matter_start(&lines[k].text))
        .unwrap_or(copies_from);
    // Whether each line opens with a number: asked once, used for contents and joining.
    // The numbers themselves only for the lines that have one, as most lines have none.
    let mut numbers: Vec<(usize, Numbered)> = Vec::new();
    let mut numbered = vec![false; lines.len()];
    for (k, l) in lines.iter().enumerate() {
        if let Some(n) = structural_number(&l.text) {
            numbered[k] = true;
            numbers.push((k, n));
        }
    }
    let mut next_number = numbers.iter().peekable();
    let toc = scrape::toc_lines(&lines[i..back_from], &numbered[i..back_from]);

    // Body: blank lines end paragraphs; hard wraps are joined back (spec §3).
    let wrap = wrap_width(&lines[i..], &numbered[i..]);
    // One pass over the text for `*`: without one, no line needs its emphasis looked for.
    let stars = memchr::memchr(b'*', input.as_bytes()).is_some();
    let mut continuing = false;
    for (k, line) in lines.iter().enumerate().skip(i) {
        // Site chrome stays chrome inside back matter too (a page footer after the notes).
        let aside = if k >= copies_from {
            Some(ParaKind::Repeated)
        } else if chrome[k] {
            Some(ParaKind::Chrome)
        } else if k >= back_from {
            Some(ParaKind::BackMatter)
        } else if toc[k - i] {
            Some(ParaKind::Toc)
        } else {
            None
        };
        // Markdown marks are rare: most lines pass as they are. Notes and contents keep no
        // raw marks either (`## 注释`).
        let marked;
        let (line, changed) = if markdown::may_have_marks(&line.text, stars) {
            marked = markdown_line(line);
            let changed = marked.text != line.text;
            (&marked, changed)
        } else {
            (line, false)
        };
        if let Some(kind) = aside {
            if !line.is_blank() {
                if kind == ParaKind::Toc {
                    toc_paras.push(b.paragraphs.len());
                }
                b.whole(kind, line);
            }
            continuing = false;
            continue;
        }
        if line.is_blank() {
            b.finish();
            continuing = false;
            continue;
        }
        if line.text.is_empty() {
            // A line that was only an omission marker: a gap inside the open paragraph.
            if b.open.is_none() {
                b.start(ParaKind::Body);
                continuing = false;
            }
            b.push_line(line);
            continue;
        }
        let s = &*line.text;
        let structural = line.level > 0 || numbered[k];
        let salutation = is_salutation(s);
        let quote_changes = b.open.is_some_and(|o| o.3 != line.quote);
        if continuing && b.open.is_some() && !structural && !salutation && !quote_changes {
            b.push_line(line);
        } else {
            let kind = if salutation {
                ParaKind::Salutation
            } else {
                ParaKind::Body
            };
            // `numbers` looked at the line as read, before Markdown marks came off.
            while next_number.next_if(|&&(at, _)| at < k).is_some() {}
            let number = next_number
                .peek()
                .filter(|(at, _)| *at == k)
                .map(|&&(_, n)| n);
            let opening = match number {
                _ if changed => Opening::Unknown,
                Some(n) => Opening::Number(n),
                None => Opening::Plain,
            };
            b.start_body(kind, line.level, line.quote, opening);
            b.push_line(line);
        }
        // A heading line is a line of its own, unless it was cut by the hard wrap like the
        // lines around it (`一、充分肯定…取得` + `的显著成绩`).
        let cut_heading = structural
            && line.level == 0
            && wrap.is_some_and(|w| char_count_at_most(s, WRAP_SCAN_CHARS) + 1 >= w);
        continuing = !salutation
            && (!structural || cut_heading)
            && !ends_sentence(s)
            && crate::corpus::count::more_chars_than(s, WRAP_MIN_CHARS - 1);
        if salutation || line.level > 0 {
            b.finish();
        }
    }
    b.finish();

    Cleaned {
        text: b.text,
        paragraphs: b.paragraphs,
        title,
        subtitle,
        gaps: b.gaps,
        incomplete,
        controls,
        emphasis: b.emphasis,
        repeated,
        toc: toc_paras,
        openings: b.openings,
    }
}

mod lines;
mod markdown;
mod omission;
#[cfg(test)]
mod tests;
mod title;
