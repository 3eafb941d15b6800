//! The user's config file: its schema, built-in defaults, validation, and errors that point at the offending line. Must not depend on the terminal (no ratatui, no terminal I/O): it turns a file into plain data, and key syntax is left to `crate::config::keymap`.
//!
//! Every table denies unknown keys, because a misspelt option that is silently ignored looks to
//! the user like a bug in the reader. Values are checked while deserializing so that toml records
//! where they are, and every error reads `file:line:column: what is wrong (what is allowed)`.

mod colors;
pub mod keymap;
pub mod keys;

pub use colors::{Color, ColorDepth, Theme};

use crate::text::line_column;
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::config::keymap::{Action, KeyOverride, Keymap, Lang};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub ui: Ui,
    pub theme: Theme,
    pub layout: Layout,
    pub corpus: Corpus,
    pub search: Search,
    // Kept as written, with positions, because only the keymap can judge it and errors must still
    // name a line.
    keys: KeyTable,
    #[serde(skip)]
    keymap: Keymap,
    #[serde(skip)]
    warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ui: Ui::default(),
            theme: Theme::default(),
            layout: Layout::default(),
            corpus: Corpus::default(),
            search: Search::default(),
            keys: KeyTable::defaults(),
            keymap: Keymap::default(),
            warnings: Vec::new(),
        }
    }
}

impl Config {
    /// The built-in bindings with the file's `[keys]` applied.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// What the file asks that works but is worth a word, each `file:line:column: message`
    /// as errors are: key conflicts the file wins over the defaults.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ui {
    #[serde(deserialize_with = "de_lang")]
    pub language: Lang,
    pub mouse: bool,
}

impl Default for Ui {
    fn default() -> Self {
        Ui {
            language: Lang::Zh,
            mouse: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Search {
    /// Traditional and Simplified forms of a character match each other (`广州` finds `廣州`).
    pub fold_script: bool,
}

impl Default for Search {
    fn default() -> Self {
        Search { fold_script: true }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Layout {
    #[serde(deserialize_with = "de_pane_width")]
    pub list_width: u16,
    #[serde(deserialize_with = "de_pane_width")]
    pub outline_width: u16,
    #[serde(deserialize_with = "de_indent")]
    pub indent: u16,
    #[serde(deserialize_with = "de_line_width")]
    pub line_width: u16,
    #[serde(deserialize_with = "de_paragraph_spacing")]
    pub paragraph_spacing: u16,
    pub center: bool,
    pub show_list: bool,
    pub show_outline: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            list_width: 30,
            outline_width: 36,
            // Two full-width spaces, the customary first-line indent of Chinese prose.
            indent: 4,
            line_width: 80,
            paragraph_spacing: 1,
            center: true,
            show_list: true,
            show_outline: true,
        }
    }
}

/// Ranges are wide enough for any real terminal and narrow enough that a typo (an extra zero)
/// is caught instead of producing an unusable screen.
/// The built-in configuration written out, every key with its default and what it does
/// (`tigang config --default`); a test keeps it equal to the defaults.
pub const DEFAULT_TOML: &str = include_str!("../../config.example.toml");

pub const PANE_WIDTH: Range<u16> = 10..201;
pub const INDENT: Range<u16> = 0..41;
pub const LINE_WIDTH: Range<u16> = 1..1001;
pub const PARAGRAPH_SPACING: Range<u16> = 0..11;

fn de_pane_width<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    bounded(d, PANE_WIDTH)
}

fn de_indent<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    bounded(d, INDENT)
}

fn de_line_width<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    bounded(d, LINE_WIDTH)
}

fn de_paragraph_spacing<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    bounded(d, PARAGRAPH_SPACING)
}

fn bounded<'de, D: Deserializer<'de>>(d: D, range: Range<u16>) -> Result<u16, D::Error> {
    struct InRange(Range<u16>);

    impl Visitor<'_> for InRange {
        type Value = u16;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "a whole number from {} to {}",
                self.0.start,
                self.0.end - 1
            )
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u16, E> {
            match u16::try_from(v) {
                Ok(n) if self.0.contains(&n) => Ok(n),
                _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
            }
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u16, E> {
            match u16::try_from(v) {
                Ok(n) if self.0.contains(&n) => Ok(n),
                _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
            }
        }
    }

    d.deserialize_any(InRange(range))
}

fn de_lang<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
    String::deserialize(d)?.parse().map_err(de::Error::custom)
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Corpus {
    /// Folders holding the speeches.
    pub paths: Vec<PathBuf>,
    /// Forces one text encoding (a WHATWG label, lower case) instead of detecting it per file.
    #[serde(deserialize_with = "de_encoding")]
    pub encoding: Option<String>,
    /// Files bigger than this many megabytes (MiB) are skipped unread, with a reason.
    #[serde(deserialize_with = "de_max_file_mb")]
    pub max_file_mb: u64,
    /// Keep parsed speeches in the cache folder, so a second start need not parse them again.
    pub cache: bool,
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus {
            paths: Vec::new(),
            encoding: None,
            max_file_mb: 64,
            cache: true,
        }
    }
}

/// Enough for any real speech (a long one is well under 1 MB) and for a whole book.
pub const MAX_FILE_MB: Range<u64> = 1..4097;

fn de_max_file_mb<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = u64::deserialize(d)?;
    if MAX_FILE_MB.contains(&v) {
        Ok(v)
    } else {
        Err(de::Error::custom(format!(
            "max_file_mb must be between {} and {}, found {v}",
            MAX_FILE_MB.start,
            MAX_FILE_MB.end - 1
        )))
    }
}

/// Encodings a Chinese corpus realistically comes in. Each is a WHATWG label, so the caller can
/// hand it straight to `encoding_rs::Encoding::for_label`; checking here lets a typo be reported
/// with its line.
pub const ENCODINGS: [&str; 9] = [
    "utf-8",
    "utf8",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "big5-hkscs",
    "utf-16le",
    "utf-16be",
];

fn de_encoding<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let label = String::deserialize(d)?.trim().to_ascii_lowercase();
    if ENCODINGS.contains(&label.as_str()) {
        Ok(Some(label))
    } else {
        Err(de::Error::custom(format!(
            "unknown encoding {label:?} (expected one of {}; leave it out to detect the encoding)",
            quoted_list(&ENCODINGS)
        )))
    }
}

fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    quoted.join(", ")
}

/// The `[keys]` table as written: action name → keys, each with its byte span in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct KeyTable(Vec<(Spanned<String>, Vec<Spanned<String>>)>);

impl KeyTable {
    fn defaults() -> KeyTable {
        let spanless = |s: &str| Spanned::new(0..0, s.to_string());
        KeyTable(
            Action::ALL
                .iter()
                .map(|a| {
                    let keys = a.default_keys().iter().map(|k| spanless(k)).collect();
                    (spanless(a.name()), keys)
                })
                .collect(),
        )
    }

    fn overrides(&self) -> Vec<KeyOverride> {
        self.0
            .iter()
            .map(|(action, keys)| KeyOverride {
                action: action.get_ref().clone(),
                action_span: action.span(),
                keys: keys
                    .iter()
                    .map(|k| (k.get_ref().clone(), k.span()))
                    .collect(),
            })
            .collect()
    }
}

enum OneOrMany {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeysVisitor;

        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = OneOrMany;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    r#"a key such as "j" or "Ctrl-d", or a list of keys such as ["j", "Down"]"#,
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    keys.push(key);
                }
                Ok(OneOrMany::Many(keys))
            }
        }

        d.deserialize_any(KeysVisitor)
    }
}

impl<'de> Deserialize<'de> for KeyTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let table = BTreeMap::<Spanned<String>, Spanned<OneOrMany>>::deserialize(d)?;
        let mut entries: Vec<_> = table
            .into_iter()
            .map(|(action, value)| {
                let span = value.span();
                let keys = match value.into_inner() {
                    OneOrMany::One(key) => vec![Spanned::new(span, key)],
                    OneOrMany::Many(keys) => keys,
                };
                (action, keys)
            })
            .collect();
        entries.sort_by_key(|(action, _)| action.span().start);
        Ok(KeyTable(entries))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: cannot read the config file: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        /// 1-based.
        line: usize,
        /// 1-based, in characters, as editors count them.
        column: usize,
        message: String,
    },
    /// An error toml could not place; rare, but it must not be given a made-up position.
    #[error("{}: {message}", path.display())]
    Unlocated { path: PathBuf, message: String },
    /// More than one of the above, in file order: one per line.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Several(Vec<ConfigError>),
}

/// Reads the config at `path`. A missing file is not an error: it means the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let read_error = |source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    // Never opens a FIFO or device (that would hang the reader before its first frame).
    let limit = crate::store::file::MAX_DATA_FILE_BYTES;
    match crate::store::file::read_regular(path, limit) {
        Ok(Some(bytes)) => match String::from_utf8(bytes) {
            Ok(source) => parse(&source, path),
            Err(_) => Err(read_error(io::Error::new(
                io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            ))),
        },
        Ok(None) => Ok(Config::default()),
        Err(source) => Err(read_error(source)),
    }
}

/// Parses config text; `path` is only used to name the file in errors. Every mistake is
/// reported, in file order ([`ConfigError::Several`] when there is more than one): after
/// each, the entry it is in is blanked out (every offset kept) and the rest read again.
/// A TOML syntax error ends the search, as nothing after it can be trusted.
pub fn parse(source: &str, path: &Path) -> Result<Config, ConfigError> {
    // Windows editors like to add a byte-order mark, which TOML does not allow.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut text = source.to_string();
    let mut errors: Vec<(usize, ConfigError)> = Vec::new();
    let config = loop {
        match toml::from_str::<Config>(&text) {
            Ok(config) => break Some(config),
            Err(e) => {
                let at = e.span().map_or(usize::MAX, |s| s.start);
                if errors.iter().any(|(seen, _)| *seen == at) {
                    // Blanking did not get past it: stop rather than repeat it.
                    break None;
                }
                errors.push((at, located(path, source, e.span(), e.message())));
                let entry = e.span().and_then(|s| entry_at(&text, s.start));
                match entry {
                    Some(range) if errors.len() < 100 => blank(&mut text, range),
                    _ => break None,
                }
            }
        }
    };
    if let Some(mut config) = config {
        let mut keymap = Keymap::default();
        match keymap.apply_overrides_checked(&config.keys.overrides()) {
            Ok(warnings) => {
                config.keymap = keymap;
                config.warnings = warnings
                    .into_iter()
                    .map(|w| located(path, source, Some(w.span), &w.message).to_string())
                    .collect();
                if errors.is_empty() {
                    return Ok(config);
                }
            }
            Err(key_errors) => errors.extend(key_errors.into_iter().map(|e| {
                let at = e.span.start;
                (at, located(path, source, Some(e.span), &e.message))
            })),
        }
    }
    errors.sort_by_key(|(at, _)| *at);
    let mut errors: Vec<ConfigError> = errors.into_iter().map(|(_, e)| e).collect();
    if errors.len() == 1 {
        Err(errors.remove(0))
    } else {
        Err(ConfigError::Several(errors))
    }
}

/// The byte range of the whole entry (whole lines) holding offset `at`: a `key = value`,
/// or a table with its header and everything in it.
fn entry_at(text: &str, at: usize) -> Option<Range<usize>> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let lines = |r: Range<usize>| {
        let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
        start..end
    };
    fn walk(
        table: &toml_edit::Table,
        at: usize,
        found: &mut Option<Range<usize>>,
    ) -> Option<Range<usize>> {
        // (the extent of this table's own entries, to blank a whole table)
        let mut extent: Option<Range<usize>> = table.span();
        let grow = |r: Range<usize>, extent: &mut Option<Range<usize>>| {
            *extent = Some(match extent.take() {
                Some(e) => e.start.min(r.start)..e.end.max(r.end),
                None => r,
            });
        };
        for (keys, value) in table.get_values() {
            let (Some(k), Some(v)) = (keys.first().and_then(|k| k.span()), value.span()) else {
                continue;
            };
            let r = k.start..v.end;
            if r.contains(&at) && found.is_none() {
                *found = Some(r.clone());
            }
            grow(r, &mut extent);
        }
        for (_, item) in table.iter() {
            let subtables: Vec<&toml_edit::Table> = match item {
                toml_edit::Item::Table(t) => vec![t],
                toml_edit::Item::ArrayOfTables(a) => a.iter().collect(),
                _ => continue,
            };
            for t in subtables {
                if let Some(r) = walk(t, at, found) {
                    grow(r, &mut extent);
                }
            }
        }
        if found.is_none() {
            if let (Some(header), Some(e)) = (table.span(), &extent) {
                if header.contains(&at) {
                    *found = Some(e.clone());
                }
            }
        }
        extent
    }
    let mut found = None;
    walk(doc.as_table(), at, &mut found);
    found.map(lines)
}

/// Spaces over `range` (line breaks kept), so every other offset stays where it was.
fn blank(text: &mut String, range: Range<usize>) {
    let blanked: String = text[range.clone()]
        .chars()
        .map(|c| if c == '\n' { c } else { ' ' })
        .collect();
    // Multi-byte characters become one space each: pad to keep the length.
    let pad = range.len() - blanked.len();
    text.replace_range(range, &format!("{blanked}{}", " ".repeat(pad)));
}

fn located(path: &Path, source: &str, span: Option<Range<usize>>, message: &str) -> ConfigError {
    let path = path.to_path_buf();
    // The message goes on one line after "file:line:col:", so editors and grep can use it.
    let message = message.trim().replace('\n', "; ");
    match span {
        Some(span) => {
            let (line, column) = line_column(source, span.start);
            ConfigError::Invalid {
                path,
                line,
                column,
                message,
            }
        }
        None => ConfigError::Unlocated { path, message },
    }
}

#[cfg(test)]
mod tests;
