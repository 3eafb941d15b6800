//! Colours as the config writes them (names, `#rrggbb`, palette indices), the colour depth,
//! and the `[theme]` table; brought down to the terminal's depth here, converted to ratatui
//! colours only in the UI.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::Deserialize;

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
pub(super) const ANSI16: [(Color, &str); 16] = [
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
pub(super) const XTERM16: [(u8, u8, u8); 16] = [
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
    pub(super) fn colors_mut(&mut self) -> [&mut Color; 15] {
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
