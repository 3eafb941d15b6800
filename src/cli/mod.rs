//! The command line: argument parsing and dispatch to the subcommands, one file each
//! (`outline`, `list`, `bookmarks`, `search`, `show`, `diff`; `export_docx` writes Word), with
//! `setup` turning the arguments and config into a corpus. Prints plain text for scripts;
//! the interactive reader lives elsewhere.

mod bookmarks;
mod diff;
mod export_docx;
mod list;
mod outline;
mod search;
mod setup;
mod show;

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::corpus::Corpus;
use crate::store::paths;
use crate::text::one_line;

pub use bookmarks::bookmarks;
pub use list::{flags, list};
pub use outline::{outline_json, outline_md, outline_tsv};
use setup::report_skipped;
pub use setup::{corpus_dirs, corpus_source, encoding, load_config, load_corpus};

#[derive(Parser, Debug)]
#[command(
    name = "tigang",
    version,
    about = "提纲 — a terminal reader for Chinese speeches: outline, reading pane, bookmarks",
    long_about = None
)]
pub struct Cli {
    /// Open these files (any format: .txt .md .docx .doc .html .pdf) or folders as the corpus;
    /// `-` reads one speech from standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Read speeches from this folder instead of the built-in corpus (repeatable).
    #[arg(long = "corpus", value_name = "DIR", global = true)]
    pub corpus: Vec<PathBuf>,
    /// Decode files with this encoding instead of detecting it (gbk, gb18030, utf-16le, big5…).
    #[arg(long, value_name = "ENC", global = true)]
    pub encoding: Option<String>,
    /// Use this config file instead of the one in the config folder (also `$TIGANG_CONFIG`).
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
    /// Parse every file, neither reading nor writing the parse cache (`corpus.cache = false`).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Colour: `auto` (on a terminal or with CLICOLOR_FORCE, unless NO_COLOR), `always`
    /// (for `less -R`), `never`. A bare `--color` is `always`.
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        global = true,
        default_value_t = ColorWhen::Auto,
        num_args = 0..=1,
        default_missing_value = "always",
        require_equals = true
    )]
    pub color: ColorWhen,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the outline of any speech file (`-`: standard input) or of a speech of the
    /// corpus by id; `--format docx` writes it with Word heading styles.
    Outline {
        #[arg(value_name = "ID|PATH")]
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Tsv)]
        format: Format,
        /// The 纲目: each heading with the first sentence of its body.
        #[arg(long, conflicts_with = "format")]
        brief: bool,
        /// Write the .docx to this file (else to standard output, when it is not a terminal).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Compare two outlines heading by heading: kept (=), reworded (~), dropped (-), added (+).
    Diff {
        #[arg(value_name = "A")]
        a: PathBuf,
        #[arg(value_name = "B")]
        b: PathBuf,
    },
    /// One tab-separated line per speech: id, title, 字数, headings, flags.
    List {
        /// Start with a line naming the columns.
        #[arg(long)]
        header: bool,
        /// Print the groups of near-duplicate speeches instead (the same speech saved
        /// several times): `group id title chars path`, a blank line between groups.
        #[arg(long)]
        duplicates: bool,
    },
    /// Where the parse cache is and how big; `--clear` empties it.
    Cache {
        #[arg(long)]
        clear: bool,
    },
    /// Search every speech, printing `id:paragraph: snippet` lines (exit 1 when nothing matches).
    /// Literal with folding (，/, （/( full/half width, Latin case); `re:` starts a regex.
    Search {
        query: String,
        /// Search these files or folders instead of the corpus.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print only `id:count` per matching speech.
        #[arg(short, long, conflicts_with_all = ["files_with_matches", "json"])]
        count: bool,
        /// Search headings and points only (the 提纲 scope): `id:paragraph: 《title》 path`.
        #[arg(long, conflicts_with_all = ["titles", "files_with_matches", "json"])]
        headings: bool,
        /// Search titles only: `id: 《title》`.
        #[arg(long, conflicts_with_all = ["files_with_matches", "json"])]
        titles: bool,
        /// Print only the id of each matching speech, once.
        #[arg(short = 'l', long, conflicts_with = "json")]
        files_with_matches: bool,
        /// One JSON object per matching paragraph (JSON Lines): id, paragraph, before,
        /// match, after.
        #[arg(long)]
        json: bool,
        /// Each passage once per group of duplicate speeches, as the reader's corpus search
        /// shows it: in the copy the list shows, with `(+N copies)` (JSON: `copies`) for the
        /// others that have it. Loads the corpus (the parse cache makes that quick).
        #[arg(short = 'u', long, conflicts_with_all = ["headings", "titles"])]
        group_duplicates: bool,
    },
    /// Print shell completions, generated from these very options: `tigang completions bash
    /// > ~/.local/share/bash-completion/completions/tigang` (zsh, fish, elvish, powershell too).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these very options: `tigang man >
    /// ~/.local/share/man/man1/tigang.1`.
    Man,
    /// Print the built-in config (`--default`, every key with its default, as
    /// config.example.toml), or the path of the config file in use, checking it (an error in
    /// it is printed and exits 2; a key conflict the file wins is a warning on stderr).
    Config {
        #[arg(long)]
        default: bool,
    },
    /// Print all bookmarks (Markdown: a quotable list with titles and heading paths).
    Bookmarks {
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Only bookmarks whose note carries this tag (`作风` or `#作风`; repeat the option
        /// for bookmarks carrying all of them).
        #[arg(long, value_name = "TAG")]
        tag: Vec<String>,
        /// Write the .docx to this file (else to standard output, when it is not a terminal).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the cleaned text of a speech (by id, or a file's path; `-`: standard input).
    Show {
        id: String,
        /// Lay the text out at this many columns, as the reading pane does.
        #[arg(long)]
        width: Option<u16>,
        /// Include front matter (site boilerplate, tables of contents).
        #[arg(long)]
        all: bool,
    },
}

/// When to colour what is printed (`--color`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl Cli {
    /// Whether to colour standard output: `--color=always|never`; else not under `NO_COLOR`,
    /// else with `CLICOLOR_FORCE` (set, not "0") or on a terminal.
    pub fn color(&self) -> bool {
        match self.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto if crate::ui::theme::no_color_from_env() => false,
            ColorWhen::Auto => {
                std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
                    || crossterm::tty::IsTty::is_tty(&std::io::stdout())
            }
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Tsv,
    Md,
    Json,
    /// Word, with heading styles (`outline` and `bookmarks` only).
    Docx,
}

/// Exit status for bad input, like grep's 2 (1 is kept for "nothing found").
pub const EXIT_ERROR: i32 = 2;

/// The config's warnings on stderr, one a line. Only the reader and `tigang config` say
/// them: they are about keys, which no other command reads.
fn report_config_warnings(cfg: &crate::config::Config) {
    for w in cfg.warnings() {
        // Not eprintln: a closed stderr must not turn a warning into a panic.
        let _ = writeln!(std::io::stderr(), "tigang: warning: {}", one_line(w));
    }
}

pub fn run(cli: Cli) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match &cli.command {
        Some(Command::Outline {
            path,
            format,
            brief,
            output,
        }) => {
            let s = setup::load_speech(&cli, path)?;
            for w in &s.warnings {
                eprintln!("tigang: {}", one_line(&format!("{}: {w}", path.display())));
            }
            // Numbering a careful reader would flag (skips, announced counts): on stderr, so
            // the dump on stdout stays exactly the spec's format.
            for c in &s.checks {
                let line = format!("{}: {}", path.display(), c.explain(&s, true));
                eprintln!("tigang: {}", one_line(&line));
            }
            match format {
                _ if *brief => write!(out, "{}", crate::view::outline::brief_text(&s))?,
                Format::Tsv => outline_tsv(&s, &mut out)?,
                Format::Md => outline_md(&s, &mut out)?,
                Format::Json => outline_json(&s, &mut out)?,
                Format::Docx => {
                    let blocks = export_docx::outline_blocks(&s);
                    export_docx::write(&blocks, output.as_deref(), &mut out)?;
                }
            }
        }
        Some(Command::Diff { a, b }) => return diff::run(&cli, a, b, &mut out),
        None => {
            drop(out);
            let cfg = load_config(&cli)?;
            // Before the terminal is entered, so they are still there after it is left; the
            // reader says them too, at start.
            report_config_warnings(&cfg);
            let source = corpus_source(&cli, &cfg)?;
            let no_color = match cli.color {
                ColorWhen::Never => true,
                ColorWhen::Always => false,
                ColorWhen::Auto => crate::ui::theme::no_color_from_env(),
            };
            let styles = crate::ui::theme::Styles::new(&cfg.theme, no_color);
            let mut app = crate::app::App::new(Corpus::default(), &cfg);
            // Lock waits are bounded so another program holding a lock cannot freeze the
            // reader: a bookmark change gives up at once (the user retries), the state save
            // at exit waits a little longer.
            let store = paths::bookmarks_file().map(|p| {
                let mut s = crate::store::bookmarks::BookmarkStore::load(p);
                s.set_lock_wait(Some(std::time::Duration::from_millis(500)));
                s
            });
            let state = paths::state_file().map(|p| {
                let mut s = crate::store::state::StateFile::load(p);
                s.set_lock_wait(Some(std::time::Duration::from_secs(2)));
                s
            });
            app.config_path = setup::config_path(&cli);
            app.attach_storage(store, state);
            crate::tui::capture_worker_panics();
            app.load(source);
            return crate::tui::run(app, styles);
        }
        Some(Command::Bookmarks {
            format,
            tag,
            output,
        }) => {
            let Some(path) = paths::bookmarks_file() else {
                bail!("no config folder to read bookmarks from");
            };
            let store = crate::store::bookmarks::BookmarkStore::load(path);
            if let Some(e) = store.error() {
                // A script must not take an unreadable file for "no bookmarks".
                eprintln!("tigang: {}", one_line(&e.to_string()));
                return Ok(EXIT_ERROR);
            }
            let list: Vec<_> = store
                .list()
                .iter()
                .filter(|b| b.has_tags(tag))
                .cloned()
                .collect();
            if *format == Format::Docx {
                let blocks = export_docx::bookmark_blocks(&list, "书签");
                export_docx::write(&blocks, output.as_deref(), &mut out)?;
            } else {
                bookmarks(&list, *format, &mut out)?;
            }
        }
        Some(Command::Search {
            query,
            count,
            paths,
            headings,
            titles,
            files_with_matches,
            json,
            group_duplicates,
        }) => {
            use crate::search::files::Mode;
            use crate::search::scope::Scope;
            let mode = match (*count, *files_with_matches, *json) {
                (true, ..) => Mode::Count,
                (_, true, _) => Mode::Names,
                (.., true) => Mode::Json,
                _ => Mode::Lines,
            };
            let scope = match (headings, titles) {
                (true, _) => Scope::Outline,
                (_, true) => Scope::Titles,
                _ => Scope::Text,
            };
            let how = search::How {
                mode,
                scope,
                grouped: *group_duplicates,
            };
            return search::run(&cli, query, paths, how, &mut out);
        }
        Some(Command::Cache { clear }) => {
            let Some(dir) = crate::store::paths::cache_dir() else {
                anyhow::bail!("this system has no cache folder");
            };
            match std::fs::metadata(&dir) {
                Ok(m) if !m.is_dir() => {
                    anyhow::bail!(
                        "{}: not a folder, so no parse cache can be kept there",
                        dir.display()
                    )
                }
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    anyhow::bail!(
                        "{}: {e}, so no parse cache can be kept there",
                        dir.display()
                    )
                }
                _ => {}
            }
            if *clear {
                let n = crate::corpus::cache::clear(&dir)
                    .with_context(|| format!("cannot clear {}", dir.display()))?;
                writeln!(out, "removed {n} file(s) from {}", dir.display())?;
            } else {
                let (n, bytes) = crate::corpus::cache::usage(&dir);
                writeln!(
                    out,
                    "{}\t{n} pack(s)\t{:.1} MB",
                    dir.display(),
                    bytes as f64 / 1e6
                )?;
            }
        }
        Some(Command::List { header, duplicates }) => {
            let cfg = load_config(&cli)?;
            let c = load_corpus(&cli, &cfg)?;
            report_skipped(&c, &mut std::io::stderr());
            if *duplicates {
                list::duplicates(&c, *header, &mut out)?;
            } else if *header {
                writeln!(out, "id\ttitle\tchars\theadings\tflags")?;
            }
            if !*duplicates {
                list(&c, &mut out)?;
            }
        }
        Some(Command::Show { id, width, all }) => {
            show::run(&cli, id, *width, *all, cli.color(), &mut out)?
        }
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            clap_complete::generate(*shell, &mut Cli::command(), "tigang", &mut out);
        }
        Some(Command::Man) => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
        }
        Some(Command::Config { default }) => {
            if *default {
                out.write_all(crate::config::DEFAULT_TOML.as_bytes())?;
            } else {
                match setup::config_path(&cli) {
                    Some(p) => writeln!(out, "{}", one_line(&p.display().to_string()))?,
                    None => bail!("no config folder"),
                }
                // The path, then whether the file is good: `tigang config` is also how one
                // checks an edit (an error names the line and exits 2, as every command would).
                out.flush().context("writing output")?;
                let cfg = setup::load_config(&cli)?;
                report_config_warnings(&cfg);
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(0)
}
