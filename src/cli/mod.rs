//! The command line: argument parsing and the non-interactive subcommands.
//! Prints plain text for scripts; the interactive reader lives elsewhere.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{self, Config};
use crate::corpus::{self, Corpus, Speech};
use crate::store::paths;
use crate::text::one_line;

#[derive(Parser, Debug)]
#[command(
    name = "tigang",
    version,
    about = "提纲 — a terminal reader for Chinese speeches: outline, reading pane, bookmarks",
    long_about = None
)]
pub struct Cli {
    /// Read speeches from this folder instead of the built-in corpus (repeatable).
    #[arg(long = "corpus", value_name = "DIR", global = true)]
    pub corpus: Vec<PathBuf>,
    /// Decode files with this encoding instead of detecting it (gbk, gb18030, utf-16le, big5…).
    #[arg(long, value_name = "ENC", global = true)]
    pub encoding: Option<String>,
    /// Use this config file instead of the one in the config folder.
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the outline of any text file.
    Outline {
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Tsv)]
        format: Format,
    },
    /// One tab-separated line per speech: id, title, 字数, headings, flags.
    List,
    /// Search every speech, printing `id:paragraph: snippet` lines (exit 1 when nothing matches).
    /// Literal with folding (，/, （/( full/half width, Latin case); `re:` starts a regex.
    Search {
        query: String,
        /// Print only `id:count` per matching speech.
        #[arg(short, long)]
        count: bool,
    },
    /// Print all bookmarks (Markdown: a quotable list with titles and heading paths).
    Bookmarks {
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
    },
    /// Print the cleaned text of a speech.
    Show {
        id: String,
        /// Lay the text out at this many columns, as the reading pane does.
        #[arg(long)]
        width: Option<u16>,
        /// Include front matter (site boilerplate, tables of contents).
        #[arg(long)]
        all: bool,
        /// With --width: mark titles and headings with ANSI bold and colour.
        #[arg(long)]
        color: bool,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Tsv,
    Md,
    Json,
}

/// Exit status for bad input, like grep's 2 (1 is kept for "nothing found").
pub const EXIT_ERROR: i32 = 2;

pub fn encoding(cli: &Cli) -> Result<Option<&'static encoding_rs::Encoding>> {
    match &cli.encoding {
        None => Ok(None),
        Some(label) => match corpus::decode::encoding_for_label(label) {
            Some(e) => Ok(Some(e)),
            None => bail!(
                "unknown encoding {label:?} (try utf-8, gbk, gb18030, utf-16le, utf-16be, big5)"
            ),
        },
    }
}

/// The config file: `--config PATH`, else `config.toml` in the config folder (may not exist).
pub fn load_config(cli: &Cli) -> Result<Config> {
    let path = match &cli.config {
        Some(p) => {
            if !p.exists() {
                bail!("{}: no such config file", p.display());
            }
            p.clone()
        }
        None => match paths::config_file() {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    Ok(config::load(&path)?)
}

/// The folders the user asked for (`--corpus`, else the config's `corpus.paths`; empty for
/// the built-in speeches) and the encoding to force, if any.
pub fn corpus_dirs(
    cli: &Cli,
    cfg: &Config,
) -> Result<(Vec<PathBuf>, Option<&'static encoding_rs::Encoding>)> {
    let dirs = if cli.corpus.is_empty() {
        &cfg.corpus.paths
    } else {
        &cli.corpus
    };
    if dirs.is_empty() {
        return Ok((Vec::new(), None));
    }
    for d in dirs {
        if !d.exists() {
            bail!("{}: no such file or folder", d.display());
        }
    }
    let encoding = match encoding(cli)? {
        Some(e) => Some(e),
        None => cfg
            .corpus
            .encoding
            .as_deref()
            .and_then(corpus::decode::encoding_for_label),
    };
    Ok((dirs.clone(), encoding))
}

/// Where the reader's corpus comes from, so it can load in the background and reload.
pub fn corpus_source(cli: &Cli, cfg: &Config) -> Result<crate::app::Source> {
    let (dirs, encoding) = corpus_dirs(cli, cfg)?;
    Ok(if dirs.is_empty() {
        crate::app::Source::Builtin
    } else {
        crate::app::Source::Dirs { dirs, encoding }
    })
}

/// The whole corpus, loaded now (for the non-interactive commands).
pub fn load_corpus(cli: &Cli, cfg: &Config) -> Result<Corpus> {
    let (dirs, enc) = corpus_dirs(cli, cfg)?;
    if dirs.is_empty() {
        return Ok(corpus::builtin());
    }
    Ok(corpus::load_dirs(&dirs, enc))
}

fn skipped_line(s: &corpus::Skipped) -> String {
    format!("tigang: skipped {}: {}", s.path.display(), s.reason)
}

fn report_skipped(c: &Corpus, err: &mut dyn Write) {
    for s in &c.skipped {
        let _ = writeln!(err, "{}", skipped_line(s));
    }
}

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
        checks: s.checks.iter().map(|c| c.describe_en(s)).collect(),
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
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

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
            one_line(&s.title),
            s.chars,
            s.headings.len(),
            flags(s)
        )?;
    }
    Ok(())
}

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
                    writeln!(out, "> {line}")?;
                }
                let mut cite = format!("——《{}》", one_line(&b.speech_title));
                if !b.heading_path.is_empty() {
                    cite.push_str(&format!("，{}", one_line(&b.heading_path.join(" › "))));
                }
                writeln!(out, ">\n> {cite}\n")?;
                if !b.note.is_empty() {
                    writeln!(out, "笔记：{}\n", one_line(&b.note))?;
                }
                writeln!(out, "<small>{} · {}</small>\n", b.created, b.id)?;
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
                    one_line(&b.heading_path.join(" › ")),
                    one_line(&b.note),
                    one_line(&b.created),
                    one_line(&b.excerpt)
                )?;
            }
        }
        Format::Json => {
            let v: Vec<serde_json::Value> = list
                .iter()
                .map(|b| {
                    serde_json::json!({
                        "id": b.id, "speech_id": b.speech_id, "speech_title": b.speech_title,
                        "start": b.start, "end": b.end, "heading_path": b.heading_path,
                        "excerpt": b.excerpt, "note": b.note, "created": b.created,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

pub fn run(cli: Cli) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match &cli.command {
        Some(Command::Outline { path, format }) => {
            let s = corpus::load_file(path, encoding(&cli)?)?;
            for w in &s.warnings {
                eprintln!("tigang: {}: {w}", path.display());
            }
            // Numbering a careful reader would flag (skips, announced counts): on stderr, so
            // the dump on stdout stays exactly the spec's format.
            for c in &s.checks {
                eprintln!("tigang: {}: {}", path.display(), c.describe_en(&s));
            }
            match format {
                Format::Tsv => outline_tsv(&s, &mut out)?,
                Format::Md => outline_md(&s, &mut out)?,
                Format::Json => outline_json(&s, &mut out)?,
            }
        }
        None => {
            drop(out);
            let cfg = load_config(&cli)?;
            let source = corpus_source(&cli, &cfg)?;
            let styles =
                crate::ui::theme::Styles::new(&cfg.theme, crate::ui::theme::no_color_from_env());
            let mut app = crate::app::App::new(Corpus::default(), &cfg);
            app.attach_storage(
                paths::bookmarks_file().map(crate::store::bookmarks::BookmarkStore::load),
                paths::state_file().map(crate::store::state::StateFile::load),
            );
            app.load(source);
            crate::tui::run(app, styles)?;
            return Ok(0);
        }
        Some(Command::Bookmarks { format }) => {
            let Some(path) = paths::bookmarks_file() else {
                bail!("no config folder to read bookmarks from");
            };
            let store = crate::store::bookmarks::BookmarkStore::load(path);
            if let Some(e) = store.error() {
                eprintln!("tigang: {e}");
            }
            bookmarks(store.list(), *format, &mut out)?;
        }
        Some(Command::Search { query, count }) => {
            let q = match crate::search::Query::parse(query) {
                Ok(Some(q)) => q,
                Ok(None) => bail!("empty search"),
                Err(e) => bail!("{e}"),
            };
            let cfg = load_config(&cli)?;
            let (dirs, enc) = corpus_dirs(&cli, &cfg)?;
            let source = if dirs.is_empty() {
                crate::search::files::Source::Builtin
            } else {
                crate::search::files::Source::Dirs(&dirs)
            };
            let color = crossterm::tty::IsTty::is_tty(&std::io::stdout())
                && !crate::ui::theme::no_color_from_env();
            let grep = crate::search::files::Grep::new(&q, *count, color, enc);
            let mut err = std::io::stderr();
            let found = grep.run(&source, &mut out, &mut |s| {
                let _ = writeln!(err, "{}", skipped_line(s));
            })?;
            out.flush()?;
            return Ok(if found { 0 } else { 1 });
        }
        Some(Command::List) => {
            let cfg = load_config(&cli)?;
            let c = load_corpus(&cli, &cfg)?;
            report_skipped(&c, &mut std::io::stderr());
            list(&c, &mut out)?;
        }
        Some(Command::Show {
            id,
            width,
            all,
            color,
        }) => {
            let cfg = load_config(&cli)?;
            let c = load_corpus(&cli, &cfg)?;
            let Some(i) = c.find(id) else {
                bail!("no speech with id {id:?} (see `tigang list`)");
            };
            let s = &c.speeches[i];
            match width {
                None => crate::view::render::show(s, *all, &mut out)?,
                Some(w) => {
                    let opts = crate::view::Opts {
                        width: (*w).max(1),
                        indent: cfg.layout.indent,
                        spacing: cfg.layout.paragraph_spacing,
                    };
                    out.write_all(
                        crate::view::render::render_plain(s, opts, *all, *color).as_bytes(),
                    )?;
                }
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(0)
}
