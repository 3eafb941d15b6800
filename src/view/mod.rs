//! A speech laid out for reading: paragraphs split into display blocks at omission gaps,
//! wrapped by `layout`, with lookups between text positions and display lines.
//! Shared by the reading pane and `tigang show --width`; must not depend on the terminal.
//! [`render`] turns it into plain or ANSI-styled text; [`outline`] gives the outline as text to reuse.

pub mod cite;
pub mod outline;
pub mod render;

use std::ops::Range;

use crate::corpus::{ParaKind, Speech};
use crate::text::lines::{layout_doc_parallel, DocLayout, ParaSpec};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Opts {
    /// Columns available for text.
    pub width: u16,
    /// First-line indent of body paragraphs, in columns.
    pub indent: u16,
    /// Blank lines between paragraphs.
    pub spacing: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A run of paragraph text.
    Text,
    /// An omission marker; `gaps[gap]` of the speech.
    Gap(usize),
    /// The folded copies of a repeated body: one notice line stands for all of them.
    Folded,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub para: usize,
    pub style: ParaKind,
    /// Absolute byte range into `Speech::text` (empty for a gap, placed where it stood).
    pub range: Range<usize>,
    pub centered: bool,
}

/// One speech at one width: the unit the reader caches.
#[derive(Debug, Clone)]
pub struct SpeechLayout {
    pub opts: Opts,
    pub blocks: Vec<Block>,
    gap_texts: Vec<String>,
    fold_text: String,
    pub doc: DocLayout,
}

fn centered(kind: ParaKind) -> bool {
    matches!(kind, ParaKind::Title | ParaKind::Subtitle | ParaKind::Meta)
}

fn first_indent(kind: ParaKind, indent: u16, continuation: bool) -> u16 {
    // Salutations and front matter stand flush left (顶格); body text opens with two spaces' indent.
    if continuation || kind != ParaKind::Body {
        0
    } else {
        indent
    }
}

impl SpeechLayout {
    pub fn build(speech: &Speech, opts: Opts) -> SpeechLayout {
        let mut blocks = Vec::with_capacity(speech.paragraphs.len() + speech.gaps.len());
        let mut gaps = speech.gaps.iter().enumerate().peekable();
        for (pi, p) in speech.paragraphs.iter().enumerate() {
            if p.kind == ParaKind::Repeated {
                // A scrape's copies of the whole text: folded into one notice (spec §7.5).
                if blocks
                    .last()
                    .is_none_or(|b: &Block| b.kind != BlockKind::Folded)
                {
                    blocks.push(Block {
                        kind: BlockKind::Folded,
                        para: pi,
                        style: p.kind,
                        range: p.range.start..p.range.start,
                        centered: true,
                    });
                }
                continue;
            }
            // Boilerplate and tables of contents are lists of short lines: one block with
            // forced breaks, no spacing between them, so they stay compact and dim.
            let compact = matches!(
                p.kind,
                ParaKind::FrontMatter | ParaKind::Chrome | ParaKind::Toc
            );
            if compact && !speech.gaps.iter().any(|g| g.para == pi) {
                if let Some(prev) = blocks.last_mut().filter(|b: &&mut Block| {
                    b.style == p.kind
                        && b.kind == BlockKind::Text
                        && b.range.end + 1 == p.range.start
                }) {
                    prev.range.end = p.range.end;
                    continue;
                }
            }
            let mut pos = p.range.start;
            while let Some((gi, g)) = gaps.peek().filter(|(_, g)| g.para == pi).copied() {
                if g.at > pos {
                    blocks.push(Block {
                        kind: BlockKind::Text,
                        para: pi,
                        style: p.kind,
                        range: pos..g.at,
                        centered: centered(p.kind),
                    });
                }
                blocks.push(Block {
                    kind: BlockKind::Gap(gi),
                    para: pi,
                    style: p.kind,
                    range: g.at..g.at,
                    centered: true,
                });
                pos = g.at;
                gaps.next();
            }
            if pos < p.range.end || pos == p.range.start {
                blocks.push(Block {
                    kind: BlockKind::Text,
                    para: pi,
                    style: p.kind,
                    range: pos..p.range.end,
                    centered: centered(p.kind),
                });
            }
        }
        let gap_texts: Vec<String> = speech
            .gaps
            .iter()
            .map(|g| render::gap_text(g, speech.incomplete))
            .collect();
        let fold_text = render::fold_text(speech.repeated);
        let specs: Vec<ParaSpec> = blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Gap(gi) => ParaSpec {
                    text: &gap_texts[gi],
                    first_indent: 0,
                    balanced: false,
                },
                BlockKind::Folded => ParaSpec {
                    text: &fold_text,
                    first_indent: 0,
                    balanced: false,
                },
                BlockKind::Text => ParaSpec {
                    text: &speech.text[b.range.clone()],
                    // A Markdown heading stands flush left like the numbered headings.
                    first_indent: first_indent(
                        b.style,
                        opts.indent,
                        b.range.start != speech.paragraphs[b.para].range.start
                            || speech.paragraphs[b.para].level > 0,
                    ),
                    balanced: matches!(b.style, ParaKind::Title | ParaKind::Subtitle),
                },
            })
            .collect();
        let doc = layout_doc_parallel(&specs, opts.width, opts.spacing);
        SpeechLayout {
            opts,
            blocks,
            gap_texts,
            fold_text,
            doc,
        }
    }

    pub fn len(&self) -> usize {
        self.doc.line_count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text shown on a display line (a gap's marker for gap lines, "" for blank lines).
    pub fn line_text<'a>(&'a self, speech: &'a Speech, line: usize) -> &'a str {
        let Some(l) = self.doc.lines.get(line) else {
            return "";
        };
        if l.is_blank() {
            return "";
        }
        let b = &self.blocks[l.para as usize];
        match b.kind {
            BlockKind::Gap(gi) => &self.gap_texts[gi][l.range()],
            BlockKind::Folded => &self.fold_text[l.range()],
            BlockKind::Text => {
                &speech.text[b.range.start + l.start as usize..b.range.start + l.end as usize]
            }
        }
    }

    /// Absolute byte range of a text line in `Speech::text`; None for blank and gap lines.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let l = self.doc.lines.get(line)?;
        if l.is_blank() {
            return None;
        }
        let b = &self.blocks[l.para as usize];
        match b.kind {
            BlockKind::Gap(_) | BlockKind::Folded => None,
            BlockKind::Text => {
                Some(b.range.start + l.start as usize..b.range.start + l.end as usize)
            }
        }
    }

    pub fn block_of_line(&self, line: usize) -> Option<&Block> {
        let l = self.doc.lines.get(line)?;
        self.blocks.get(l.para as usize)
    }

    pub fn indent_of_line(&self, line: usize) -> u16 {
        self.doc.lines.get(line).map_or(0, |l| l.indent)
    }

    /// Display line that shows absolute byte `byte` of the speech text.
    pub fn line_of_byte(&self, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return 0;
        }
        // The last text block starting at or before `byte`.
        let n = self.blocks.partition_point(|b| b.range.start <= byte);
        let mut bi = n.saturating_sub(1);
        while bi > 0 && self.blocks[bi].kind != BlockKind::Text {
            bi -= 1;
        }
        let b = &self.blocks[bi];
        self.doc
            .line_of(bi, byte.saturating_sub(b.range.start).min(b.range.len()))
    }

    /// Absolute byte at the start of a display line (blank and gap lines give the position of
    /// the text that follows them), so a scroll position survives a change of width.
    pub fn byte_of_line(&self, line: usize) -> usize {
        let (bi, off) = self.doc.pos_of_line(line);
        self.blocks
            .get(bi)
            .map_or(0, |b| b.range.start + off.min(b.range.len()))
    }

    /// Display width of a line's content (for centring).
    pub fn line_width(&self, speech: &Speech, line: usize) -> usize {
        crate::text::width::line_width(self.line_text(speech, line))
    }
}

#[cfg(test)]
mod tests {
    use super::render::render_plain;
    use super::*;
    use crate::corpus::builtin;

    fn opts(width: u16) -> Opts {
        Opts {
            width,
            indent: 4,
            spacing: 1,
        }
    }

    #[test]
    fn lines_cover_every_paragraph_in_order() {
        let c = builtin();
        for s in &c.speeches {
            let lay = SpeechLayout::build(s, opts(40));
            let mut joined = String::new();
            let mut last_para = None;
            for i in 0..lay.len() {
                if let (Some(r), Some(b)) = (lay.line_range(i), lay.block_of_line(i)) {
                    if last_para.is_some_and(|p| p != b.para) {
                        joined.push('\n');
                    }
                    last_para = Some(b.para);
                    joined.push_str(&s.text[r]);
                }
            }
            assert_eq!(joined, s.text, "{}", s.id);
        }
    }

    #[test]
    fn gap_gets_its_own_marked_line() {
        let c = builtin();
        let s = &c.speeches[3];
        let lay = SpeechLayout::build(s, opts(60));
        let gap_lines: Vec<&str> = (0..lay.len())
            .filter(|&i| {
                matches!(
                    lay.block_of_line(i).map(|b| &b.kind),
                    Some(BlockKind::Gap(_))
                )
            })
            .filter(|&i| !lay.doc.lines[i].is_blank())
            .map(|i| lay.line_text(s, i))
            .collect();
        assert_eq!(
            gap_lines,
            vec![
                "〔此处省略 877 字〕",
                "〔未完：全文共 4678 字，仅显示 2464 字〕"
            ]
        );
    }

    #[test]
    fn byte_and_line_round_trip_across_widths() {
        let c = builtin();
        let s = &c.speeches[1];
        let h = &s.headings[6];
        for w in [20, 37, 80] {
            let lay = SpeechLayout::build(s, opts(w));
            let line = lay.line_of_byte(h.marker.start);
            let r = lay.line_range(line).unwrap();
            assert!(r.contains(&h.marker.start), "width {w}");
            assert!(lay.byte_of_line(line) <= h.marker.start);
        }
    }

    #[test]
    fn front_matter_is_one_compact_block() {
        let c = builtin();
        let s = &c.speeches[3];
        let lay = SpeechLayout::build(s, opts(60));
        let fm: Vec<&Block> = lay
            .blocks
            .iter()
            .filter(|b| b.style == ParaKind::FrontMatter)
            .collect();
        assert_eq!(fm.len(), 1);
        // 22 lines of table of contents, no blank lines between them.
        let first = lay.line_of_byte(fm[0].range.start);
        let last = lay.line_of_byte(fm[0].range.end);
        assert_eq!(last - first + 1, 22);
        assert!((first..=last).all(|l| !lay.doc.lines[l].is_blank()));
        assert_eq!(
            crate::text::width::visible_part(lay.line_text(s, first + 1)),
            "一、铸牢政治之魂,把准前行方向"
        );
    }

    #[test]
    fn colour_marks_headings_and_strips_back_to_plain() {
        let c = builtin();
        let plain = render_plain(&c.speeches[1], opts(40), false, false);
        let color = render_plain(&c.speeches[1], opts(40), false, true);
        assert!(
            color.contains("\x1b[1;31m一、\x1b[0m\x1b[1m提高政治站位"),
            "structural marker and text"
        );
        assert!(
            color.contains("\x1b[1;33m一要\x1b[0m\x1b[1m当好参谋助手\x1b[0m"),
            "point marker and text"
        );
        let stripped = regex::Regex::new("\x1b\\[[0-9;]*m")
            .unwrap()
            .replace_all(&color, "");
        assert_eq!(stripped, plain);
    }

    #[test]
    fn plain_rendering_indents_and_centres() {
        let c = builtin();
        let text = render_plain(&c.speeches[1], opts(40), false, false);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0]
            .trim_start()
            .starts_with("在全市第二批主题教育培训会上的讲话"));
        assert!(lines[0].starts_with(' '), "title centred: {:?}", lines[0]);
        assert_eq!(lines[2], "同志们：");
        assert!(lines[4].starts_with("    昨天，"), "{:?}", lines[4]);
        for l in &lines {
            assert!(crate::text::width::display_width(l) <= 40, "{l:?}");
        }
    }
}
