//! `tigang outline`: a speech's headings as TSV, Markdown or JSON.

use std::io::Write;

use crate::corpus::{self, Speech};
use crate::text::one_line;

pub fn outline_tsv(s: &Speech, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "title\t{}", one_line(&s.title))?;
    for h in &s.headings {
        writeln!(
            out,
            "{}\t{}\t{}",
            h.depth,
            one_line(s.dump_marker(h)),
            one_line(&s.heading_text(h))
        )?;
    }
    Ok(())
}

pub fn outline_md(s: &Speech, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "# {}", one_line(&s.title))?;
    if let Some(sub) = &s.subtitle {
        writeln!(out, "\n{}", one_line(sub))?;
    }
    writeln!(out)?;
    for (i, h) in s.headings.iter().enumerate() {
        let indent = "  ".repeat(usize::from(h.depth.saturating_sub(1)));
        writeln!(out, "{indent}- {}", one_line(&s.heading_label(i)))?;
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct JsonHeading<'a> {
    depth: u8,
    marker: &'a str,
    text: std::borrow::Cow<'a, str>,
    number: u32,
    kind: corpus::HeadingKind,
    para: usize,
    offset: usize,
    parent: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct JsonOutline<'a> {
    id: &'a str,
    title: &'a str,
    subtitle: Option<&'a str>,
    encoding: &'a str,
    chars: usize,
    incomplete: Option<corpus::Incomplete>,
    warnings: &'a [String],
    headings: Vec<JsonHeading<'a>>,
    checks: Vec<String>,
    repeated: u32,
}

pub fn outline_json(s: &Speech, out: &mut dyn Write) -> std::io::Result<()> {
    let doc = JsonOutline {
        id: &s.id,
        title: &s.title,
        subtitle: s.subtitle.as_deref(),
        encoding: s.encoding,
        chars: s.chars,
        incomplete: s.incomplete,
        warnings: &s.warnings,
        checks: s.checks.iter().map(|c| c.explain(s, true)).collect(),
        repeated: s.repeated,
        headings: s
            .headings
            .iter()
            .map(|h| JsonHeading {
                depth: h.depth,
                marker: s.heading_marker(h),
                text: s.heading_text(h),
                number: h.number,
                kind: h.kind,
                para: h.para,
                offset: h.offset,
                parent: h.parent,
                label: h.label.clone().map(|r| &s.text[r]),
            })
            .collect(),
    };
    let json = serde_json::to_string_pretty(&doc)?;
    writeln!(out, "{}", crate::text::escape::escape_json(&json))
}
