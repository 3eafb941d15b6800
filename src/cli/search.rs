//! `tigang search`: every speech searched straight from its file, `id:paragraph: snippet`
//! lines streamed in corpus order; with `--headings` (or `--titles`) the loaded corpus's
//! headings (or titles) only, with `--group-duplicates` the loaded corpus's text with each
//! passage once per duplicate group. Exit status 1 when nothing matches.

use std::io::Write;

use anyhow::{bail, Result};

use super::setup::{corpus_source, load_config, skipped_line};
use super::Cli;
use crate::corpus::Speech;
use crate::search::scope::{Scope, ScopeIndex};
use crate::search::Query;
use crate::text::one_line;
use crate::view::cite;

/// What to print and where to look.
pub(super) struct How {
    pub mode: crate::search::files::Mode,
    pub scope: Scope,
    /// Each passage once per duplicate group (`--group-duplicates`): needs the corpus loaded.
    pub grouped: bool,
}

pub(super) fn run(
    cli: &Cli,
    query: &str,
    paths: &[std::path::PathBuf],
    how: How,
    out: &mut dyn Write,
) -> Result<i32> {
    let How {
        mode,
        scope,
        grouped,
    } = how;
    // The config first: it says how queries fold (search.fold_script).
    let cfg = load_config(cli)?;
    let q = match crate::search::Query::parse(query) {
        Ok(Some(q)) => q,
        Ok(None) => bail!("empty search"),
        Err(e) => bail!("{e}"),
    };
    let source = if paths.is_empty() {
        corpus_source(cli, &cfg)?
    } else {
        super::setup::paths_source(cli, &cfg, paths)?
    };
    if scope != Scope::Text {
        let c = source.load();
        super::setup::report_skipped(&c, &mut std::io::stderr());
        let count = mode == crate::search::files::Mode::Count;
        let found = scoped(&c.speeches, &q, scope, count, out)?;
        out.flush()?;
        return Ok(if found { 0 } else { 1 });
    }
    let color = cli.color() && mode != crate::search::files::Mode::Json;
    if grouped {
        // Duplicates are found over the whole parsed corpus, so this cannot stream from files.
        let c = source.load();
        super::setup::report_skipped(&c, &mut std::io::stderr());
        let found = crate::search::print::write_grouped(&c, &q, mode, color, out)?;
        out.flush()?;
        let named_failed = c.skipped.iter().any(|s| paths.contains(&s.path));
        return Ok(exit(named_failed, found));
    }
    let grep = crate::search::files::Grep::new(&q, mode, color, source.encoding());
    let mut err = std::io::stderr();
    // A file named on the command line that could not be searched is an error, as in grep
    // (exit 2 whatever was found elsewhere); one met in a folder is only reported.
    let mut named_failed = false;
    let found = grep.run(&source, out, &mut |s| {
        named_failed |= paths.contains(&s.path);
        let _ = writeln!(err, "{}", skipped_line(s));
    })?;
    out.flush()?;
    Ok(exit(named_failed, found))
}

/// grep's exit status: 2 when a file named on the command line could not be searched,
/// whatever was found elsewhere; else 0 when something matched, 1 when nothing did.
fn exit(named_failed: bool, found: bool) -> i32 {
    match (named_failed, found) {
        (true, _) => 2,
        (false, true) => 0,
        (false, false) => 1,
    }
}

/// Headings: `id:paragraph: 《title》 一、… › （二）…`, one line per heading hit (a heading
/// with two hits once). Titles: `id: 《title》`. With `count`, `id:count` per speech.
fn scoped(
    speeches: &[Speech],
    q: &Query,
    scope: Scope,
    count: bool,
    out: &mut dyn Write,
) -> Result<bool> {
    let ix = match scope {
        Scope::Titles => ScopeIndex::titles(speeches),
        _ => ScopeIndex::headings(speeches),
    };
    let found = ix.search(q, &std::sync::atomic::AtomicBool::new(false), usize::MAX);
    if count {
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for h in &found.hits {
            match groups.last_mut() {
                Some((d, n)) if *d == h.doc => *n += 1,
                _ => groups.push((h.doc, 1)),
            }
        }
        for (d, n) in groups {
            writeln!(out, "{}:{n}", one_line(&speeches[d].id))?;
        }
        return Ok(found.total > 0);
    }
    let mut last: Option<(usize, Option<usize>)> = None;
    for h in &found.hits {
        let s = &speeches[h.doc];
        let title = one_line(&s.display_title());
        let heading = match scope {
            Scope::Titles => None,
            _ => match s.heading_at(h.range.start) {
                Some(hi) => Some(hi),
                None => continue,
            },
        };
        if last == Some((h.doc, heading)) {
            continue;
        }
        last = Some((h.doc, heading));
        match heading {
            None => writeln!(out, "{}: 《{title}》", one_line(&s.id))?,
            Some(hi) => {
                let path = cite::heading_path(&cite::heading_labels(s, Some(hi)));
                let para = s.headings[hi].para + 1;
                writeln!(
                    out,
                    "{}:{para}: 《{title}》 {}",
                    one_line(&s.id),
                    one_line(&path)
                )?;
            }
        }
    }
    Ok(found.total > 0)
}
