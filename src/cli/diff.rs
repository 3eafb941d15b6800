//! `tigang diff A B`: two outlines aligned heading by heading, one line per row —
//! `=` kept, `~` reworded (`A → B`), `-` dropped, `+` added — then the tally.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::Cli;
use crate::corpus::align::{align_speeches, tally, Change};
use crate::corpus::Speech;
use crate::text::one_line;

pub(super) fn run(cli: &Cli, a: &Path, b: &Path, out: &mut dyn Write) -> Result<i32> {
    let sa = super::setup::load_speech(cli, a)?;
    let sb = super::setup::load_speech(cli, b)?;
    let same = write_diff(&sa, &sb, out)?;
    out.flush()?;
    // As diff(1): 0 when the outlines agree, 1 when they differ (2, trouble, is the error path).
    Ok(if same { 0 } else { 1 })
}

/// Writes the aligned outlines and the tally; true when every heading was kept as it is.
pub fn write_diff(a: &Speech, b: &Speech, out: &mut dyn Write) -> std::io::Result<bool> {
    writeln!(out, "--- 《{}》", one_line(&a.display_title()))?;
    writeln!(out, "+++ 《{}》", one_line(&b.display_title()))?;
    let rows = align_speeches(a, b);
    for r in &rows {
        let (s, i) = match (r.a, r.b) {
            (Some(i), _) => (a, i),
            (None, Some(j)) => (b, j),
            (None, None) => continue,
        };
        let depth = usize::from(s.headings[i].depth.saturating_sub(1));
        let mut line = format!(
            "{} {}{}",
            r.change.sign(),
            "  ".repeat(depth),
            s.heading_label(i)
        );
        if let (Some(_), Some(j), Change::Kept | Change::Reworded) = (r.a, r.b, r.change) {
            let other = b.heading_label(j);
            if other != s.heading_label(i) {
                line.push_str(" → ");
                line.push_str(&other);
            }
        }
        writeln!(out, "{}", one_line(&line))?;
    }
    let (kept, reworded, dropped, added) = tally(&rows);
    writeln!(
        out,
        "kept {kept}, reworded {reworded}, dropped {dropped}, added {added}"
    )?;
    let worded_alike = rows.iter().all(|r| match (r.a, r.b) {
        (Some(i), Some(j)) => a.heading_label(i) == b.heading_label(j),
        _ => false,
    });
    Ok(reworded + dropped + added == 0 && worded_alike)
}
