//! `tigang show`: the cleaned text of one speech, as stored or laid out at a width.

use std::io::Write;

use anyhow::Result;

use super::setup::{load_config, load_corpus};
use super::Cli;

pub(super) fn run(
    cli: &Cli,
    id: &str,
    width: Option<u16>,
    all: bool,
    color: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let cfg = load_config(cli)?;
    // A file's path (or `-`) is read alone; anything else is an id of the corpus.
    let path = std::path::Path::new(id);
    let one;
    let c;
    // Anything at the path is read as a file, so a FIFO or a folder gets its own error.
    let s = if id == "-" || path.exists() {
        one = super::setup::load_path(path, super::setup::encoding(cli)?)?;
        &one
    } else {
        c = load_corpus(cli, &cfg)?;
        &c.speeches[super::setup::find_id(&c, id)?]
    };
    // Rendered whole, then escaped: bidi controls can survive cleaning, and the colour
    // codes are the renderer's own (see `escape_text`).
    // Colour marks headings in the laid-out text only (`--width`).
    let color = color && width.is_some();
    let text = match width {
        None => {
            let mut buf = Vec::new();
            crate::view::render::show(s, all, &mut buf)?;
            String::from_utf8_lossy(&buf).into_owned()
        }
        Some(w) => {
            let opts = crate::view::Opts {
                width: w.max(1),
                indent: cfg.layout.indent,
                spacing: cfg.layout.paragraph_spacing,
            };
            crate::view::render::render_plain(s, opts, all, color)
        }
    };
    out.write_all(crate::text::escape::escape_text(&text, color).as_bytes())?;
    Ok(())
}
