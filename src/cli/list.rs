//! `tigang list`: one tab-separated line per speech.

use std::io::Write;

use crate::corpus::{Corpus, Speech};
use crate::text::one_line;

/// Flags column of `tigang list`.
pub fn flags(s: &Speech) -> String {
    let mut f = Vec::new();
    if s.incomplete.is_some() {
        f.push("incomplete".to_string());
    }
    if s.front_matter_removed {
        f.push("front-matter".to_string());
    }
    if s.repeated > 0 {
        f.push("repeated".to_string());
    }
    if s.encoding != "UTF-8" {
        f.push(s.encoding.to_string());
    }
    f.join(",")
}

pub fn list(c: &Corpus, out: &mut dyn Write) -> std::io::Result<()> {
    for s in &c.speeches {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            one_line(&s.id),
            one_line(&s.display_title()),
            s.chars,
            s.headings.len(),
            flags(s)
        )?;
    }
    Ok(())
}

/// `tigang list --duplicates`: one line per member of each near-duplicate group —
/// group number, id, title, 字数, path — groups apart by a blank line.
pub fn duplicates(c: &Corpus, header: bool, out: &mut dyn Write) -> std::io::Result<()> {
    if header {
        writeln!(out, "group\tid\ttitle\tchars\tpath")?;
    }
    for (n, group) in c.duplicates.iter().enumerate() {
        if n > 0 && !header {
            writeln!(out)?;
        }
        for &i in group {
            let s = &c.speeches[i];
            let path = s.path.as_deref().map(|p| p.display().to_string());
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                n + 1,
                one_line(&s.id),
                one_line(&s.display_title()),
                s.chars,
                one_line(path.as_deref().unwrap_or(""))
            )?;
        }
    }
    Ok(())
}
