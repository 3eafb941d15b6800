//! The user's config file: its schema, built-in defaults, validation, and errors that point at the offending line. Must not depend on the terminal (no ratatui, no terminal I/O): it turns a file into plain data, and key syntax is left to `crate::config::keymap`.
//!
//! Every table denies unknown keys, because a misspelt option that is silently ignored looks to
//! the user like a bug in the reader. Values are checked while deserializing so that toml records
//! where they are, and every error reads `file:line:column: what is wrong (what is allowed)`.

pub mod keymap;
pub mod keys;

use crate::text::line_column;
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

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
    // Kept as written, with positions, because only the keymap can judge it and errors must still
    // name a line.
    keys: KeyTable,
    #[serde(skip)]
    keymap: Keymap,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ui: Ui::default(),
            theme: Theme::default(),
            layout: Layout::default(),
            corpus: Corpus::default(),
            keys: KeyTable::defaults(),
            keymap: Keymap::default(),
        }
    }
}

impl Config {
    /// The built-in bindings with the file's `[keys]` applied.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
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

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Corpus {
    /// Folders holding the speeches.
    pub paths: Vec<PathBuf>,
    /// Forces one text encoding (a WHATWG label, lower case) instead of detecting it per file.
    #[serde(deserialize_with = "de_encoding")]
    pub encoding: Option<String>,
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

/// A colour as written in the config. Mirrors the usual terminal palette without depending on
/// ratatui, so the UI converts it one-to-one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// The terminal's own default colour.
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// The 16 ANSI colours in palette order, with their config names.
const ANSI16: [(Color, &str); 16] = [
    (Color::Black, "black"),
    (Color::Red, "red"),
    (Color::Green, "green"),
    (Color::Yellow, "yellow"),
    (Color::Blue, "blue"),
    (Color::Magenta, "magenta"),
    (Color::Cyan, "cyan"),
    (Color::Gray, "gray"),
    (Color::DarkGray, "darkgray"),
    (Color::LightRed, "lightred"),
    (Color::LightGreen, "lightgreen"),
    (Color::LightYellow, "lightyellow"),
    (Color::LightBlue, "lightblue"),
    (Color::LightMagenta, "lightmagenta"),
    (Color::LightCyan, "lightcyan"),
    (Color::White, "white"),
];

// Terminals let users recolour the 16 ANSI slots, so any RGB for them is a guess; xterm's
// defaults are the most widely inherited guess.
const XTERM16: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

const CUBE_LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

const COLOR_HINT: &str = r##"expected a name such as "red", "lightblue", "darkgray" or "reset", "#rrggbb", or a palette index from 0 to 255"##;

impl Color {
    /// The slot of a named colour in the 16-colour palette.
    pub fn ansi_index(self) -> Option<u8> {
        ANSI16.iter().position(|(c, _)| *c == self).map(|i| i as u8)
    }

    /// Best-known RGB value; `None` for [`Color::Reset`], whose value only the terminal knows.
    pub fn rgb(self) -> Option<(u8, u8, u8)> {
        match self {
            Color::Reset => None,
            Color::Rgb(r, g, b) => Some((r, g, b)),
            Color::Indexed(n) => Some(indexed_rgb(n)),
            named => named.ansi_index().map(|i| XTERM16[usize::from(i)]),
        }
    }

    /// The nearest of the 16 ANSI colours, for terminals that show no more. Named colours and
    /// `Reset` are already safe and stay as they are.
    pub fn to_ansi16(self) -> Color {
        match self {
            Color::Indexed(n) if n < 16 => ANSI16[usize::from(n)].0,
            Color::Indexed(_) | Color::Rgb(..) => match self.rgb() {
                Some(rgb) => ANSI16[nearest(rgb, XTERM16.iter().copied())].0,
                None => self,
            },
            other => other,
        }
    }

    /// The nearest entry of the 256-colour palette for RGB colours. Slots 0-15 are skipped
    /// because their real values depend on the user's terminal theme.
    pub fn to_ansi256(self) -> Color {
        match self {
            Color::Rgb(r, g, b) => {
                let index = nearest((r, g, b), (16..=255).map(indexed_rgb));
                Color::Indexed(index as u8 + 16)
            }
            other => other,
        }
    }

    pub fn for_depth(self, depth: ColorDepth) -> Color {
        match depth {
            ColorDepth::Auto | ColorDepth::TrueColor => self,
            ColorDepth::Ansi256 => self.to_ansi256(),
            ColorDepth::Ansi16 => self.to_ansi16(),
        }
    }
}

fn indexed_rgb(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => XTERM16[usize::from(n)],
        16..=231 => {
            let i = usize::from(n - 16);
            (
                CUBE_LEVELS[i / 36],
                CUBE_LEVELS[i / 6 % 6],
                CUBE_LEVELS[i % 6],
            )
        }
        232..=255 => {
            let v = 8 + 10 * (n - 232);
            (v, v, v)
        }
    }
}

/// Index of the closest candidate. Uses the "redmean" weighting because plain RGB distance maps
/// many saturated colours to grey, which looks far more wrong than a slightly off hue.
fn nearest(target: (u8, u8, u8), candidates: impl Iterator<Item = (u8, u8, u8)>) -> usize {
    let distance = |(r1, g1, b1): (u8, u8, u8), (r2, g2, b2): (u8, u8, u8)| {
        let rmean = (i64::from(r1) + i64::from(r2)) / 2;
        let dr = i64::from(r1) - i64::from(r2);
        let dg = i64::from(g1) - i64::from(g2);
        let db = i64::from(b1) - i64::from(b2);
        (((512 + rmean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rmean) * db * db) >> 8)
    };
    candidates
        .enumerate()
        .min_by_key(|&(_, c)| distance(target, c))
        .map_or(0, |(i, _)| i)
}

impl FromStr for Color {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if let Some(hex) = text.strip_prefix('#') {
            if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                return Ok(Color::Rgb(channel(0), channel(2), channel(4)));
            }
            return Err(format!(
                "invalid colour {s:?}: \"#\" must be followed by six hex digits, as in \"#1e90ff\""
            ));
        }
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse::<u8>().map(Color::Indexed).map_err(|_| {
                format!("invalid colour {s:?}: a palette index must be from 0 to 255")
            });
        }
        // "light_blue", "Light Blue" and "light-blue" all mean what the user obviously meant.
        let name: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .collect::<String>()
            .to_ascii_lowercase();
        let alias = match name.as_str() {
            "reset" | "default" | "none" => Some(Color::Reset),
            "grey" | "lightgray" | "lightgrey" | "silver" => Some(Color::Gray),
            "darkgrey" | "brightblack" => Some(Color::DarkGray),
            "brightwhite" => Some(Color::White),
            _ => None,
        };
        let bright = name
            .strip_prefix("bright")
            .map(|base| format!("light{base}"));
        let lookup = bright.as_deref().unwrap_or(&name);
        alias
            .or_else(|| ANSI16.iter().find(|(_, n)| *n == lookup).map(|(c, _)| *c))
            .ok_or_else(|| {
                let names: Vec<&str> = ANSI16.iter().map(|(_, n)| *n).collect();
                format!(
                    "unknown colour {s:?} ({COLOR_HINT}; names are {} and reset)",
                    names.join(", ")
                )
            })
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Color::Reset => f.write_str("reset"),
            Color::Indexed(n) => write!(f, "{n}"),
            Color::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
            named => {
                let name = ANSI16.iter().find(|(c, _)| *c == named).map(|(_, n)| *n);
                f.write_str(name.unwrap_or("reset"))
            }
        }
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ColorVisitor;

        impl Visitor<'_> for ColorVisitor {
            type Value = Color;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&COLOR_HINT["expected ".len()..])
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Color, E> {
                v.parse().map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Color, E> {
                u8::try_from(v)
                    .map(Color::Indexed)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Color, E> {
                u8::try_from(v)
                    .map(Color::Indexed)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
        }

        d.deserialize_any(ColorVisitor)
    }
}

/// How many colours to use. `Auto` leaves colours as configured and lets the terminal cope, since
/// only the caller can ask the terminal what it supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ColorDepth {
    #[default]
    Auto,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl ColorDepth {
    pub fn name(self) -> &'static str {
        match self {
            ColorDepth::Auto => "auto",
            ColorDepth::Ansi16 => "16",
            ColorDepth::Ansi256 => "256",
            ColorDepth::TrueColor => "truecolor",
        }
    }
}

impl<'de> Deserialize<'de> for ColorDepth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DepthVisitor;

        impl Visitor<'_> for DepthVisitor {
            type Value = ColorDepth;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#""auto", "16", "256" or "truecolor""#)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<ColorDepth, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "auto" => Ok(ColorDepth::Auto),
                    "16" => Ok(ColorDepth::Ansi16),
                    "256" => Ok(ColorDepth::Ansi256),
                    "truecolor" | "24bit" => Ok(ColorDepth::TrueColor),
                    _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
                }
            }

            // `colors = 256` without quotes is an easy slip; it is unambiguous, so accept it.
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ColorDepth, E> {
                match v {
                    16 => Ok(ColorDepth::Ansi16),
                    256 => Ok(ColorDepth::Ansi256),
                    _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
                }
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ColorDepth, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
                }
            }
        }

        d.deserialize_any(DepthVisitor)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    pub colors: ColorDepth,
    pub accent: Color,
    pub heading1: Color,
    pub heading2: Color,
    pub heading3: Color,
    pub heading4: Color,
    pub point: Color,
    pub marker: Color,
    pub dim: Color,
    pub selection: Color,
    pub bookmark: Color,
    pub search_match: Color,
    pub status_bg: Color,
    pub status_fg: Color,
    pub border: Color,
    pub border_focused: Color,
}

impl Default for Theme {
    fn default() -> Self {
        // Named colours only, so the defaults look right whatever the terminal's depth or theme.
        Theme {
            colors: ColorDepth::Auto,
            accent: Color::Cyan,
            heading1: Color::LightYellow,
            heading2: Color::LightCyan,
            heading3: Color::LightGreen,
            heading4: Color::LightMagenta,
            point: Color::Yellow,
            marker: Color::LightRed,
            dim: Color::DarkGray,
            selection: Color::Blue,
            bookmark: Color::LightMagenta,
            search_match: Color::Yellow,
            status_bg: Color::DarkGray,
            status_fg: Color::White,
            border: Color::DarkGray,
            border_focused: Color::Cyan,
        }
    }
}

impl Theme {
    fn colors_mut(&mut self) -> [&mut Color; 15] {
        [
            &mut self.accent,
            &mut self.heading1,
            &mut self.heading2,
            &mut self.heading3,
            &mut self.heading4,
            &mut self.point,
            &mut self.marker,
            &mut self.dim,
            &mut self.selection,
            &mut self.bookmark,
            &mut self.search_match,
            &mut self.status_bg,
            &mut self.status_fg,
            &mut self.border,
            &mut self.border_focused,
        ]
    }

    /// The theme with every colour brought within `depth`.
    pub fn with_depth(&self, depth: ColorDepth) -> Theme {
        let mut theme = self.clone();
        for color in theme.colors_mut() {
            *color = color.for_depth(depth);
        }
        theme.colors = depth;
        theme
    }

    /// The theme as the `colors` setting asks for it to be shown.
    pub fn adapted(&self) -> Theme {
        self.with_depth(self.colors)
    }
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
}

/// Reads the config at `path`. A missing file is not an error: it means the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(source) => parse(&source, path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
        Err(source) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Parses config text; `path` is only used to name the file in errors.
pub fn parse(source: &str, path: &Path) -> Result<Config, ConfigError> {
    // Windows editors like to add a byte-order mark, which TOML does not allow.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut config: Config =
        toml::from_str(source).map_err(|e| located(path, source, e.span(), e.message()))?;
    let mut keymap = Keymap::default();
    keymap
        .apply_overrides(&config.keys.overrides())
        .map_err(|e| located(path, source, Some(e.span), &e.message))?;
    config.keymap = keymap;
    Ok(config)
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
mod tests {
    use super::*;
    use crate::config::keymap::parse_key;

    fn parse_str(source: &str) -> Result<Config, ConfigError> {
        parse(source, Path::new("config.toml"))
    }

    fn error(source: &str) -> String {
        match parse_str(source) {
            Ok(config) => panic!("accepted {source:?}: {config:?}"),
            Err(e) => e.to_string(),
        }
    }

    fn assert_starts(message: &str, start: &str) {
        assert!(message.starts_with(start), "{message}");
    }

    #[test]
    fn missing_file_means_defaults() {
        let path = Path::new("/nonexistent/tigang-test/config.toml");
        assert_eq!(load(path).unwrap(), Config::default());
    }

    #[test]
    fn unreadable_path_is_an_error_naming_it() {
        let dir = std::env::temp_dir();
        let message = load(&dir).unwrap_err().to_string();
        assert!(message.contains(&dir.display().to_string()), "{message}");
    }

    #[test]
    fn load_reads_a_real_file() {
        let path = std::env::temp_dir().join(format!("tigang-keycfg-{}.toml", std::process::id()));
        std::fs::write(&path, "[ui]\nlanguage = \"en\"\n").unwrap();
        let loaded = load(&path);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(loaded.unwrap().ui.language, Lang::En);
    }

    #[test]
    fn empty_file_means_defaults() {
        assert_eq!(parse_str("").unwrap(), Config::default());
        assert_eq!(parse_str("\u{feff}# 注释\n").unwrap(), Config::default());
    }

    #[test]
    fn ui_section() {
        let config = parse_str("[ui]\nlanguage = \"en\"\nmouse = false\n").unwrap();
        assert_eq!(
            config.ui,
            Ui {
                language: Lang::En,
                mouse: false
            }
        );
        assert_eq!(config.layout, Layout::default());
    }

    #[test]
    fn theme_section() {
        let config = parse_str(
            "[theme]\ncolors = \"16\"\naccent = \"#ff0000\"\nheading1 = 208\nheading2 = \"Light Blue\"\ndim = \"reset\"\nborder = \"242\"\n",
        )
        .unwrap();
        let theme = &config.theme;
        assert_eq!(theme.colors, ColorDepth::Ansi16);
        assert_eq!(theme.accent, Color::Rgb(255, 0, 0));
        assert_eq!(theme.heading1, Color::Indexed(208));
        assert_eq!(theme.heading2, Color::LightBlue);
        assert_eq!(theme.dim, Color::Reset);
        assert_eq!(theme.border, Color::Indexed(242));
        assert_eq!(theme.heading3, Theme::default().heading3);
        let mut adapted = theme.adapted();
        assert_eq!(adapted.accent, Color::LightRed);
        assert!(adapted
            .colors_mut()
            .iter()
            .all(|c| c.ansi_index().is_some() || **c == Color::Reset));
        for (text, depth) in [
            ("auto", ColorDepth::Auto),
            ("256", ColorDepth::Ansi256),
            ("TrueColor", ColorDepth::TrueColor),
        ] {
            let config = parse_str(&format!("[theme]\ncolors = {text:?}\n")).unwrap();
            assert_eq!(config.theme.colors, depth);
        }
        assert_eq!(
            parse_str("theme.colors = 256").unwrap().theme.colors,
            ColorDepth::Ansi256
        );
    }

    #[test]
    fn layout_section() {
        let config = parse_str(
            "[layout]\nlist_width = 24\noutline_width = 40\nindent = 0\nline_width = 1000\nparagraph_spacing = 0\ncenter = false\nshow_list = false\nshow_outline = false\n",
        )
        .unwrap();
        assert_eq!(
            config.layout,
            Layout {
                list_width: 24,
                outline_width: 40,
                indent: 0,
                line_width: 1000,
                paragraph_spacing: 0,
                center: false,
                show_list: false,
                show_outline: false,
            }
        );
    }

    #[test]
    fn corpus_section() {
        let config =
            parse_str("[corpus]\npaths = [\"/srv/speeches\", \"演讲\"]\nencoding = \"GB18030\"\n")
                .unwrap();
        assert_eq!(
            config.corpus.paths,
            vec![PathBuf::from("/srv/speeches"), PathBuf::from("演讲")]
        );
        assert_eq!(config.corpus.encoding.as_deref(), Some("gb18030"));
        let message = error("[corpus]\nencoding = \"latin9\"\n");
        assert_starts(
            &message,
            "config.toml:2:12: unknown encoding \"latin9\" (expected one of \"utf-8\"",
        );
    }

    #[test]
    fn keys_section_overrides_the_keymap() {
        let config = parse_str("[keys]\nquit = \"x\"\ndown = [\"j\", \"Ctrl-n\"]\n").unwrap();
        let keymap = config.keymap();
        assert_eq!(keymap.keys_for(Action::Quit), &[parse_key("x").unwrap()]);
        assert_eq!(
            keymap.action_for(parse_key("Ctrl-n").unwrap()),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.keys_for(Action::JumpForward),
            &[parse_key("Ctrl-i").unwrap()]
        );
        assert_eq!(
            keymap.keys_for(Action::Up),
            Keymap::default().keys_for(Action::Up)
        );
    }

    #[test]
    fn unknown_action_names_line_and_allowed_names() {
        let message = error("[ui]\nmouse = true\n\n[keys]\nquit = \"x\"\nqiut = \"q\"\n");
        assert_starts(
            &message,
            "config.toml:6:1: unknown action \"qiut\"; did you mean \"quit\"?",
        );
        assert!(
            message.contains("expected one of: quit, help,"),
            "{message}"
        );
    }

    #[test]
    fn bad_key_string_names_line_column_value_and_allowed_forms() {
        let source = "[keys]\nquit = \"q\"\nhalf_page_down = [\"Ctrl-u\", \"Ctlr-d\"]\n";
        let message = error(source);
        assert_starts(&message, "config.toml:3:29: unknown key \"Ctlr-d\"");
        assert!(
            message.contains(r#"e.g. "j", "Ctrl-d", "Shift-Tab", "PageDown", "F5""#),
            "{message}"
        );
        assert_starts(
            &error("[keys]\nquit = \"Ctrl-\"\n"),
            "config.toml:2:8: unknown key \"Ctrl-\"",
        );
        assert_starts(
            &error("[keys]\nquit = 5\n"),
            "config.toml:2:8: invalid type: integer `5`, expected a key such as",
        );
        assert_starts(
            &error("[keys]\nquit = [\"q\", 5]\n"),
            "config.toml:2:14: invalid type: integer `5`, expected a string",
        );
        let clash = error("[keys]\nquit = \"x\"\nhelp = \"x\"\n");
        assert_starts(
            &clash,
            "config.toml:3:8: key \"x\" is given to both quit and help",
        );
    }

    #[test]
    fn unknown_keys_name_line_and_allowed_names() {
        let message = error("[ui]\nlanguage = \"zh\"\nmouse_support = true\n");
        assert_eq!(
            message,
            "config.toml:3:1: unknown field `mouse_support`, expected `language` or `mouse`"
        );
        let message = error("[layout]\nline_width = 70\n\n[theme]\nheading5 = \"red\"\n");
        assert_starts(&message, "config.toml:5:1: unknown field `heading5`, expected one of `colors`, `accent`, `heading1`");
        let message = error("[lay_out]\n");
        assert_eq!(
            message,
            "config.toml:1:2: unknown field `lay_out`, expected one of `ui`, `theme`, `layout`, `corpus`, `keys`"
        );
    }

    #[test]
    fn wrong_types_name_the_line() {
        assert_eq!(
            error("[ui]\nmouse = \"yes\"\n"),
            "config.toml:2:9: invalid type: string \"yes\", expected a boolean"
        );
        assert_eq!(
            error("[layout]\nline_width = \"80\"\n"),
            "config.toml:2:14: invalid type: string \"80\", expected a whole number from 1 to 1000"
        );
        assert_starts(
            &error("[corpus]\npaths = \"/srv\"\n"),
            "config.toml:2:9: invalid type: string \"/srv\", expected a sequence",
        );
        assert_starts(
            &error("ui = 3\n"),
            "config.toml:1:6: invalid type: integer `3`",
        );
    }

    #[test]
    fn out_of_range_values_say_what_is_allowed() {
        for (source, expected) in [
            ("[layout]\nline_width = 0\n", "config.toml:2:14: invalid value: integer `0`, expected a whole number from 1 to 1000"),
            ("[layout]\nline_width = 1001\n", "config.toml:2:14: invalid value: integer `1001`, expected a whole number from 1 to 1000"),
            ("[layout]\nlist_width = -5\n", "config.toml:2:14: invalid value: integer `-5`, expected a whole number from 10 to 200"),
            ("[layout]\nindent = 41\n", "config.toml:2:10: invalid value: integer `41`, expected a whole number from 0 to 40"),
            ("[layout]\nparagraph_spacing = 2.5\n", "config.toml:2:21: invalid type: floating point `2.5`, expected a whole number from 0 to 10"),
            ("[ui]\nlanguage = \"fr\"\n", "config.toml:2:12: unknown language \"fr\" (expected \"zh\" or \"en\")"),
            ("[theme]\ncolors = \"8\"\n", "config.toml:2:10: invalid value: string \"8\", expected \"auto\", \"16\", \"256\" or \"truecolor\""),
        ] {
            assert_eq!(error(source), expected);
        }
    }

    #[test]
    fn bad_colours_are_rejected() {
        let message = error("[theme]\naccent = \"purpel\"\n");
        assert_starts(
            &message,
            "config.toml:2:10: unknown colour \"purpel\" (expected a name such as \"red\"",
        );
        assert!(message.contains("lightmagenta"), "{message}");
        assert_starts(
            &error("[theme]\nmarker = \"#12345\"\n"),
            "config.toml:2:10: invalid colour \"#12345\": \"#\" must be followed by six hex digits",
        );
        assert_starts(
            &error("[theme]\nmarker = \"#gggggg\"\n"),
            "config.toml:2:10: invalid colour",
        );
        assert_starts(
            &error("[theme]\nmarker = 256\n"),
            "config.toml:2:10: invalid value: integer `256`, expected a name such as",
        );
        assert_starts(
            &error("[theme]\nmarker = \"300\"\n"),
            "config.toml:2:10: invalid colour \"300\": a palette index must be from 0 to 255",
        );
        assert_starts(
            &error("[theme]\nmarker = true\n"),
            "config.toml:2:10: invalid type: boolean `true`",
        );
    }

    #[test]
    fn colour_names_parse_and_display() {
        for (text, colour) in [
            ("red", Color::Red),
            ("LightBlue", Color::LightBlue),
            ("light_blue", Color::LightBlue),
            ("bright-black", Color::DarkGray),
            ("darkgrey", Color::DarkGray),
            ("grey", Color::Gray),
            ("brightred", Color::LightRed),
            ("reset", Color::Reset),
            ("#1E90ff", Color::Rgb(0x1e, 0x90, 0xff)),
            ("0", Color::Indexed(0)),
            ("255", Color::Indexed(255)),
        ] {
            assert_eq!(text.parse::<Color>(), Ok(colour), "{text}");
            assert_eq!(colour.to_string().parse::<Color>(), Ok(colour));
        }
    }

    #[test]
    fn sixteen_colour_mapping() {
        // Each palette colour maps to itself, whether named, indexed or given as RGB.
        for (i, &(named, _)) in ANSI16.iter().enumerate() {
            let (r, g, b) = XTERM16[i];
            assert_eq!(named.to_ansi16(), named);
            assert_eq!(Color::Indexed(i as u8).to_ansi16(), named);
            assert_eq!(Color::Rgb(r, g, b).to_ansi16(), named);
        }
        assert_eq!(Color::Reset.to_ansi16(), Color::Reset);
        assert_eq!(Color::Rgb(250, 10, 10).to_ansi16(), Color::LightRed);
        assert_eq!(Color::Rgb(128, 0, 0).to_ansi16(), Color::Red);
        assert_eq!(Color::Rgb(20, 20, 20).to_ansi16(), Color::Black);
        assert_eq!(Color::Rgb(30, 144, 255).to_ansi16(), Color::LightBlue);
        assert_eq!(Color::Rgb(0, 0, 128).to_ansi16(), Color::Blue);
        assert_eq!(Color::Rgb(135, 135, 135).to_ansi16(), Color::DarkGray);
        assert_eq!(Color::Indexed(196).to_ansi16(), Color::LightRed);
        assert_eq!(Color::Indexed(232).to_ansi16(), Color::Black);
        assert_eq!(Color::Indexed(255).to_ansi16(), Color::Gray);
        // Whatever goes in, a 16-colour terminal gets one of its 16 colours.
        for v in (0..=255u8).step_by(17) {
            for color in [Color::Rgb(v, 255 - v, v / 2), Color::Indexed(v)] {
                assert!(color.to_ansi16().ansi_index().is_some(), "{color:?}");
            }
        }
    }

    #[test]
    fn two_fifty_six_colour_mapping() {
        assert_eq!(Color::Rgb(255, 0, 0).to_ansi256(), Color::Indexed(196));
        assert_eq!(Color::Rgb(8, 8, 8).to_ansi256(), Color::Indexed(232));
        assert_eq!(
            Color::Rgb(0x87, 0xaf, 0xd7).to_ansi256(),
            Color::Indexed(110)
        );
        assert_eq!(Color::Cyan.to_ansi256(), Color::Cyan);
        assert_eq!(Color::Indexed(3).to_ansi256(), Color::Indexed(3));
    }

    #[test]
    fn syntax_errors_name_the_line() {
        assert_eq!(
            error("[ui]\nlanguage = \"zh\nmouse = true\n"),
            "config.toml:2:15: invalid basic string, expected `\"`"
        );
        assert_starts(&error("# 中文注释\n[ui\n"), "config.toml:2:");
        assert_starts(
            &error("[ui]\nmouse = true\nmouse = false\n"),
            "config.toml:3:1: duplicate key",
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_column("ab\n中文x", 9), (2, 3));
        assert_eq!(line_column("abc", 99), (1, 4));
        assert_eq!(line_column("中", 1), (1, 1));
        let message = error("[theme]\n\"边框\" = 1\n");
        assert_starts(&message, "config.toml:2:1: unknown field `边框`");
    }

    #[test]
    fn example_file_documents_exactly_the_defaults() {
        let example = include_str!("../../config.example.toml");
        let parsed =
            parse(example, Path::new("config.example.toml")).unwrap_or_else(|e| panic!("{e}"));
        // Key lists compare as written, so the example must use each action's canonical keys.
        for &action in Action::ALL {
            let listed = parsed
                .keys
                .0
                .iter()
                .find(|(name, _)| name.get_ref() == action.name());
            let listed: Option<Vec<&str>> =
                listed.map(|(_, keys)| keys.iter().map(|k| k.get_ref().as_str()).collect());
            assert_eq!(
                listed.as_deref(),
                Some(action.default_keys()),
                "[keys] {action}"
            );
        }
        assert_eq!(parsed, Config::default());
        assert_eq!(parsed.keymap(), &Keymap::default());
        // Optional keys have no default value, so they appear commented out.
        assert!(example.contains("\n# encoding = "));
    }
}
