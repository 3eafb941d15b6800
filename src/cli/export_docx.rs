//! Word exports: an outline, or the bookmarks, as a `.docx` whose headings use Word's own
//! heading styles (`heading 1`…`heading 9`, so a template's styles take over on paste) with
//! the Chinese numbering (`一、` `（一）` `1.`) kept in the text, as official documents write it.

use std::io::{Cursor, Write};

use docx_rs::{AlignmentType, Docx, Paragraph, Run, RunFonts, Style, StyleType};

use crate::corpus::Speech;
use crate::store::bookmarks::Bookmark;
use crate::view::cite;

/// One paragraph of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    /// Level 1 to 9, Word's heading styles.
    Heading(u8, String),
    Body(String),
    /// A quoted excerpt.
    Quote(String),
    /// `——《title》，path` under an excerpt, set to the right.
    Citation(String),
}

/// Fonts of the party and government document standard (GB/T 9704): 黑体 for the first
/// level, 楷体 for the second, 仿宋 below and for the body; 三号 (16 pt) throughout.
const BODY_FONT: &str = "仿宋";
const SIZE: usize = 32;

fn heading_style(level: u8) -> Style {
    let font = match level {
        1 => "黑体",
        2 => "楷体",
        _ => BODY_FONT,
    };
    let style = Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .size(SIZE)
        .fonts(RunFonts::new().east_asia(font))
        .outline_lvl(usize::from(level) - 1);
    if level >= 3 {
        style.bold()
    } else {
        style
    }
}

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

/// The blocks as a `.docx` file's bytes.
pub fn docx_bytes(blocks: &[Block]) -> std::io::Result<Vec<u8>> {
    let mut doc = Docx::new()
        .default_fonts(RunFonts::new().east_asia(BODY_FONT))
        .default_size(SIZE)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .size(44)
                .fonts(RunFonts::new().east_asia("宋体"))
                .bold(),
        )
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal"),
        );
    for level in 1..=9 {
        doc = doc.add_style(heading_style(level));
    }
    for b in blocks {
        let p = match b {
            Block::Title(t) => Paragraph::new()
                .add_run(run(t))
                .style("Title")
                .align(AlignmentType::Center),
            Block::Heading(level, t) => Paragraph::new()
                .add_run(run(t))
                .style(&format!("Heading{}", (*level).clamp(1, 9))),
            Block::Body(t) => Paragraph::new().add_run(run(t)),
            Block::Quote(t) => Paragraph::new().add_run(run(t)).style("Quote"),
            Block::Citation(t) => Paragraph::new().add_run(run(t)).align(AlignmentType::Right),
        };
        doc = doc.add_paragraph(p);
    }
    let mut buf = Cursor::new(Vec::new());
    doc.pack(&mut buf).map_err(std::io::Error::other)?;
    Ok(buf.into_inner())
}

/// A speech's outline: its title, subtitle, then each heading at its depth, labelled as
/// the outline pane shows it (`一、总体要求`, `一是 提高站位`).
pub fn outline_blocks(s: &Speech) -> Vec<Block> {
    let mut out = vec![Block::Title(s.display_title().into_owned())];
    if let Some(sub) = &s.subtitle {
        out.push(Block::Body(sub.clone()));
    }
    for (i, h) in s.headings.iter().enumerate() {
        out.push(Block::Heading(h.depth.clamp(1, 9), s.heading_label(i)));
    }
    out
}

/// The bookmarks: a level-1 heading per speech, then for each bookmark its heading path at
/// level 2 (the title when it has none), the excerpt, its citation and the note.
pub fn bookmark_blocks(list: &[Bookmark], title: &str) -> Vec<Block> {
    let mut out = vec![Block::Title(title.to_string())];
    let mut last: Option<&str> = None;
    for b in list {
        if last != Some(b.speech_id.as_str()) {
            out.push(Block::Heading(1, format!("《{}》", b.speech_title)));
            last = Some(&b.speech_id);
        }
        let path = cite::heading_path(&b.heading_path);
        out.push(Block::Heading(
            2,
            if path.is_empty() {
                format!("《{}》", b.speech_title)
            } else {
                path
            },
        ));
        for line in b.excerpt.lines().filter(|l| !l.trim().is_empty()) {
            out.push(Block::Quote(line.to_string()));
        }
        out.push(Block::Citation(cite::citation(
            &b.speech_title,
            &b.heading_path,
        )));
        if !b.note.is_empty() {
            out.push(Block::Body(format!("笔记：{}", b.note)));
        }
    }
    out
}

/// Writes a `.docx` to `path`, or to `out` when there is none and `out` is not a terminal.
pub fn write(
    blocks: &[Block],
    path: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let bytes = docx_bytes(blocks)?;
    match path {
        Some(p) => std::fs::write(p, bytes)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", p.display()))?,
        None => {
            if crossterm::tty::IsTty::is_tty(&std::io::stdout()) {
                anyhow::bail!("a .docx is binary: give -o FILE or redirect the output");
            }
            out.write_all(&bytes)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_levels_and_text_survive_a_read_back() {
        let blocks = vec![
            Block::Title("讲话".into()),
            Block::Heading(1, "一、总体要求".into()),
            Block::Heading(2, "（一）提高站位".into()),
            Block::Quote("摘录。".into()),
        ];
        let bytes = docx_bytes(&blocks).unwrap();
        let doc = docx_rs::read_docx(&bytes).unwrap();
        let paras: Vec<(String, String)> = doc
            .document
            .children
            .iter()
            .filter_map(|c| match c {
                docx_rs::DocumentChild::Paragraph(p) => Some((
                    p.property
                        .style
                        .as_ref()
                        .map_or(String::new(), |s| s.val.clone()),
                    p.raw_text(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            paras,
            [
                ("Title".into(), "讲话".into()),
                ("Heading1".into(), "一、总体要求".into()),
                ("Heading2".into(), "（一）提高站位".into()),
                ("Quote".into(), "摘录。".into()),
            ]
        );
        // Word's own heading styles: `heading N` (what a template restyles), ids HeadingN.
        for level in 1..=9 {
            let style = doc
                .styles
                .styles
                .iter()
                .find(|s| s.style_id == format!("Heading{level}"))
                .expect("heading style");
            assert!(style.name.is_heading());
            assert_eq!(style.name.get_heading_number(), Some(level));
        }
    }
}
