//! From the command line and the config file to what a subcommand needs: the config, the
//! corpus folders and encoding, the loaded corpus; and reporting skipped files.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::Cli;
use crate::config::{self, Config};
use crate::corpus::load::Source;
use crate::corpus::{self, Corpus};
use crate::store::paths;

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
/// A config file the user named: `--config`, else `$TIGANG_CONFIG` (when set and not empty).
fn named_config(cli: &Cli) -> Option<std::path::PathBuf> {
    cli.config.clone().or_else(|| {
        std::env::var_os("TIGANG_CONFIG")
            .filter(|v| !v.is_empty())
            .map(Into::into)
    })
}

/// The config file read: the one named, else the config folder's (which may not exist).
pub fn config_path(cli: &Cli) -> Option<std::path::PathBuf> {
    named_config(cli).or_else(paths::config_file)
}

pub fn load_config(cli: &Cli) -> Result<Config> {
    let path = match named_config(cli) {
        Some(p) => {
            if !p.exists() {
                bail!("{}: no such config file", p.display());
            }
            p
        }
        None => match paths::config_file() {
            Some(p) => p,
            None => {
                let cfg = Config::default();
                apply_corpus_settings(cli, &cfg);
                return Ok(cfg);
            }
        },
    };
    let cfg = config::load(&path)?;
    apply_corpus_settings(cli, &cfg);
    Ok(cfg)
}

/// Settings read by every load and search: the size limit, the parse cache, script folding.
fn apply_corpus_settings(cli: &Cli, cfg: &Config) {
    corpus::load::set_max_file_mb(cfg.corpus.max_file_mb);
    let on = cfg.corpus.cache && !cli.no_cache;
    corpus::cache::set_dir(on.then(paths::cache_dir).flatten());
    crate::text::fold::set_script_folding(cfg.search.fold_script);
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
    let encoding = corpus_encoding(cli, cfg)?;
    Ok((dirs.clone(), encoding))
}

/// The encoding files are read with: `--encoding`, else `corpus.encoding`, else detected.
fn corpus_encoding(cli: &Cli, cfg: &Config) -> Result<Option<&'static encoding_rs::Encoding>> {
    Ok(match encoding(cli)? {
        Some(e) => Some(e),
        None => cfg
            .corpus
            .encoding
            .as_deref()
            .and_then(corpus::decode::encoding_for_label),
    })
}

/// One speech from a file of any format, or from standard input for `-`.
pub fn load_path(
    path: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<corpus::Speech> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        return Ok(corpus::load::speech_from(
            "stdin".into(),
            None,
            &bytes,
            encoding,
        )?);
    }
    Ok(corpus::load_file(path, encoding)?)
}

/// A speech of the corpus by its id, or by the start of an id only one speech has (`001`
/// for `001_e06c157ea6db8405`, as `tigang list` prints them).
pub fn find_id(c: &Corpus, id: &str) -> Result<usize> {
    if let Some(i) = c.find(id) {
        return Ok(i);
    }
    let starts: Vec<usize> = (0..c.speeches.len())
        .filter(|&i| c.speeches[i].id.starts_with(id))
        .collect();
    match starts[..] {
        [i] if !id.is_empty() => Ok(i),
        [] => bail!(
            "{}: no such file, and no speech id begins so (see `tigang list`)",
            crate::text::one_line(id)
        ),
        _ => {
            let some: Vec<String> = starts
                .iter()
                .take(3)
                .map(|&i| crate::text::one_line(&c.speeches[i].id))
                .collect();
            let more = if starts.len() > 3 { ", …" } else { "" };
            bail!(
                "{}: {} speech ids begin so ({}{more}); give more of one",
                crate::text::one_line(id),
                starts.len(),
                some.join(", ")
            )
        }
    }
}

/// One speech named on the command line: a file of any format, `-`, or (when no such file
/// exists) the id of a speech of the corpus, or the start of one.
pub fn load_speech(cli: &Cli, path: &Path) -> Result<corpus::Speech> {
    if path != Path::new("-") && !path.exists() {
        let cfg = load_config(cli)?;
        let c = load_corpus(cli, &cfg)?;
        if let Some(id) = path.to_str() {
            // No such file: the id's own error (none begins so, or several do) says more.
            return Ok(c.speeches[find_id(&c, id)?].clone());
        }
    }
    load_path(path, encoding(cli)?)
}

/// The files and folders named on the command line as the corpus (`-`: standard input).
pub fn paths_source(cli: &Cli, cfg: &Config, paths: &[PathBuf]) -> Result<Source> {
    let encoding = corpus_encoding(cli, cfg)?;
    if paths.iter().any(|p| p == Path::new("-")) {
        if paths.len() > 1 {
            bail!("`-` (standard input) cannot be mixed with other files");
        }
        let s = load_path(Path::new("-"), encoding)?;
        return Ok(Source::Loaded(std::sync::Arc::new(Corpus {
            speeches: vec![s],
            ..Corpus::default()
        })));
    }
    for p in paths {
        if !p.exists() {
            bail!("{}: no such file or folder", p.display());
        }
    }
    Ok(Source::Dirs {
        dirs: paths.to_vec(),
        encoding,
    })
}

/// Where the corpus comes from, so the reader can load it in the background and reload:
/// the files named on the command line, else `--corpus`, the config's folders or the
/// built-in speeches.
pub fn corpus_source(cli: &Cli, cfg: &Config) -> Result<Source> {
    if !cli.files.is_empty() {
        return paths_source(cli, cfg, &cli.files);
    }
    let (dirs, encoding) = corpus_dirs(cli, cfg)?;
    Ok(if dirs.is_empty() {
        Source::Builtin
    } else {
        Source::Dirs { dirs, encoding }
    })
}

/// The whole corpus, loaded now (for the non-interactive commands).
pub fn load_corpus(cli: &Cli, cfg: &Config) -> Result<Corpus> {
    Ok(corpus_source(cli, cfg)?.load())
}

pub(super) fn skipped_line(s: &corpus::Skipped) -> String {
    crate::text::one_line(&format!(
        "tigang: skipped {}: {}",
        s.path.display(),
        s.reason
    ))
}

pub(super) fn report_skipped(c: &Corpus, err: &mut dyn Write) {
    for s in &c.skipped {
        let _ = writeln!(err, "{}", skipped_line(s));
    }
    for n in &c.notes {
        let _ = writeln!(err, "tigang: {n}");
    }
}
