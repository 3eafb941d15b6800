//! `tigang bookmarks`: every bookmark as quotable Markdown, TSV or JSON.

use std::io::Write;

use super::Format;
use crate::text::one_line;
use crate::view::cite;

pub fn bookmarks(
    list: &[crate::store::bookmarks::Bookmark],
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Md => {
            let mut last: Option<&str> = None;
            for b in list {
                if last != Some(b.speech_id.as_str()) {
                    if last.is_some() {
                        writeln!(out)?;
                    }
                    writeln!(out, "## {}\n", one_line(&b.speech_title))?;
                    last = Some(&b.speech_id);
                }
                for line in b.excerpt.lines() {
                    writeln!(out, "> {}", one_line(line))?;
                }
                let cite = one_line(&cite::citation(&b.speech_title, &b.heading_path));
                writeln!(out, ">\n> {cite}\n")?;
                if !b.note.is_empty() {
                    writeln!(out, "笔记：{}\n", one_line(&b.note))?;
                }
                writeln!(
                    out,
                    "<small>{} · {}</small>\n",
                    one_line(&b.created),
                    one_line(&b.id)
                )?;
            }
        }
        Format::Tsv => {
            writeln!(
                out,
                "id\tspeech_id\ttitle\tstart\tend\theading_path\tnote\tcreated\texcerpt"
            )?;
            for b in list {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    one_line(&b.id),
                    one_line(&b.speech_id),
                    one_line(&b.speech_title),
                    b.start,
                    b.end,
                    one_line(&cite::heading_path(&b.heading_path)),
                    one_line(&b.note),
                    one_line(&b.created),
                    one_line(&b.excerpt)
                )?;
            }
        }
        // Binary: written by `export_docx`, never through this text writer.
        Format::Docx => {
            return Err(std::io::Error::other(
                "docx bookmarks are written by export_docx",
            ))
        }
        Format::Json => {
            let v: Vec<serde_json::Value> = list
                .iter()
                .map(|b| {
                    serde_json::json!({
                        "id": b.id, "speech_id": b.speech_id, "speech_title": b.speech_title,
                        "start": b.start, "end": b.end, "heading_path": b.heading_path,
                        "excerpt": b.excerpt, "note": b.note, "tags": b.tags(),
                        "created": b.created,
                    })
                })
                .collect();
            let json = serde_json::to_string_pretty(&v)?;
            writeln!(out, "{}", crate::text::escape::escape_json(&json))?;
        }
    }
    Ok(())
}
