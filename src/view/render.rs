//! A speech as text for `tigang show`: paragraphs with their gap markers written in, or the
//! reading pane's lines at a width, optionally with ANSI styling of titles and headings.

use std::io::Write;

use super::{Opts, SpeechLayout};
use crate::corpus::{self, ParaKind, Speech};

/// How a gap is shown in plain text and in the reader.
pub fn gap_text(g: &corpus::Gap, inc: Option<corpus::Incomplete>) -> String {
    if g.truncated {
        match inc {
            Some(corpus::Incomplete {
                total: Some(t),
                shown: Some(s),
            }) => format!("〔未完：全文共 {t} 字，仅显示 {s} 字〕"),
            _ => "〔未完〕".to_string(),
        }
    } else {
        match g.omitted {
            Some(n) => format!("〔此处省略 {n} 字〕"),
            None => "〔此处有省略〕".to_string(),
        }
    }
}

/// How the folded copies of a repeated body are shown (spec §7.5): one line for all of them.
pub fn fold_text(copies: u32) -> String {
    format!("〔以下为全文的 {copies} 份重复，已折叠〕")
}

/// What `show` and the reader leave out unless asked for everything: site boilerplate.
pub fn hidden_unless_all(kind: ParaKind) -> bool {
    matches!(kind, ParaKind::FrontMatter | ParaKind::Chrome)
}

/// A paragraph's text with its gaps written in.
pub fn para_with_gaps(s: &Speech, i: usize) -> String {
    let p = &s.paragraphs[i];
    let mut out = String::new();
    let mut pos = p.range.start;
    for g in s.gaps.iter().filter(|g| g.para == i) {
        out.push_str(&s.text[pos..g.at]);
        out.push_str(&gap_text(g, s.incomplete));
        pos = g.at;
    }
    out.push_str(&s.text[pos..p.range.end]);
    out
}

pub fn show(s: &Speech, all: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let mut first = true;
    let mut folded = false;
    for (i, p) in s.paragraphs.iter().enumerate() {
        if hidden_unless_all(p.kind) && !all {
            continue;
        }
        let text = if p.kind == ParaKind::Repeated && !all {
            if folded {
                continue;
            }
            folded = true;
            fold_text(s.repeated)
        } else {
            para_with_gaps(s, i)
        };
        if !first {
            writeln!(out)?;
        }
        first = false;
        writeln!(out, "{text}")?;
    }
    Ok(())
}

/// A laid-out line with ANSI attributes: heading numbering bold and coloured, heading text
/// bold, as the reading pane shows them (for `tigang show --width N --color`).
fn ansi_line(speech: &Speech, range: std::ops::Range<usize>, title: bool) -> String {
    const RESET: &str = "\x1b[0m";
    let clean = |t: &str| crate::text::width::visible_text(t).into_owned();
    if title {
        return format!("\x1b[1m{}{RESET}", clean(&speech.text[range]));
    }
    let mut marks: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    let first = speech.heading_at(range.start).unwrap_or(0);
    for h in speech.headings.iter().skip(first) {
        if h.marker.start >= range.end {
            break;
        }
        let marker = if h.is_point() {
            "\x1b[1;33m"
        } else {
            "\x1b[1;31m"
        };
        marks.push((h.marker.clone(), marker));
        marks.push((h.text.clone(), "\x1b[1m"));
    }
    let mut out = String::new();
    let mut pos = range.start;
    for (r, code) in marks {
        let (a, b) = (r.start.max(pos), r.end.min(range.end));
        if a >= b {
            continue;
        }
        out.push_str(&clean(&speech.text[pos..a]));
        out.push_str(code);
        out.push_str(&clean(&speech.text[a..b]));
        out.push_str(RESET);
        pos = b;
    }
    out.push_str(&clean(&speech.text[pos..range.end]));
    out
}

/// Plain-text rendering for `tigang show --width`: the same lines the reading pane shows,
/// with ANSI styling of titles and headings when `color` is asked for.
pub fn render_plain(speech: &Speech, opts: Opts, all: bool, color: bool) -> String {
    let lay = SpeechLayout::build(speech, opts);
    let mut out = String::new();
    let mut last_blank = true;
    for i in 0..lay.len() {
        let block = lay.block_of_line(i);
        // A blank line belongs to the block after it, so this also drops the spacing around
        // hidden front matter.
        let hidden = block.is_some_and(|b| hidden_unless_all(b.style)) && !all;
        if hidden {
            continue;
        }
        let text = crate::text::width::visible_text(crate::text::width::visible_part(
            lay.line_text(speech, i),
        ))
        .into_owned();
        if text.is_empty() {
            if last_blank {
                continue;
            }
            last_blank = true;
            out.push('\n');
            continue;
        }
        last_blank = false;
        let pad = if block.is_some_and(|b| b.centered) {
            (usize::from(opts.width).saturating_sub(crate::text::width::line_width(&text))) / 2
        } else {
            usize::from(lay.indent_of_line(i))
        };
        out.extend(std::iter::repeat_n(' ', pad));
        match lay.line_range(i) {
            Some(r) if color => {
                let visible = r.start
                    ..r.start + crate::text::width::visible_part(&speech.text[r.clone()]).len();
                let title =
                    block.is_some_and(|b| matches!(b.style, ParaKind::Title | ParaKind::Subtitle));
                out.push_str(&ansi_line(speech, visible, title));
            }
            _ => out.push_str(&text),
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
