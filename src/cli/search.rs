//! `tigang search`: every speech searched straight from its file, `id:paragraph: snippet`
//! lines streamed in corpus order; exit status 1 when nothing matches.

use std::io::Write;

use anyhow::{bail, Result};

use super::setup::{corpus_source, load_config, skipped_line};
use super::Cli;

pub(super) fn run(
    cli: &Cli,
    query: &str,
    paths: &[std::path::PathBuf],
    mode: crate::search::files::Mode,
    out: &mut dyn Write,
) -> Result<i32> {
    let q = match crate::search::Query::parse(query) {
        Ok(Some(q)) => q,
        Ok(None) => bail!("empty search"),
        Err(e) => bail!("{e}"),
    };
    let cfg = load_config(cli)?;
    let source = if paths.is_empty() {
        corpus_source(cli, &cfg)?
    } else {
        super::setup::paths_source(cli, &cfg, paths)?
    };
    let color = cli.color() && mode != crate::search::files::Mode::Json;
    let grep = crate::search::files::Grep::new(&q, mode, color, source.encoding());
    let mut err = std::io::stderr();
    let found = grep.run(&source, out, &mut |s| {
        let _ = writeln!(err, "{}", skipped_line(s));
    })?;
    out.flush()?;
    Ok(if found { 0 } else { 1 })
}
