//! Styles for every kind of thing the reader draws, from the config theme or, under
//! `NO_COLOR`, from text attributes alone. Knows nothing of app state.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{self, Theme};

#[derive(Debug, Clone)]
pub struct Styles {
    pub no_color: bool,
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub subtitle: Style,
    pub meta: Style,
    pub gap: Style,
    pub headings: [Style; 4],
    pub marker: Style,
    pub point_marker: Style,
    pub point_text: Style,
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    pub pane_title_focused: Style,
    pub selection: Style,
    pub selection_unfocused: Style,
    pub current: Style,
    pub status: Style,
    pub status_accent: Style,
    pub message: Style,
    pub error: Style,
    pub bookmark: Style,
    pub search: Style,
    pub search_current: Style,
    /// The passage cursor's sentence and a `v` selection: a background, not an underline
    /// (markers are underlined without colour), and the selection stronger than the cursor.
    pub passage: Style,
    pub selection_text: Style,
    /// A Markdown `>` quote and `**emphasis**` (derived, not themed: italic and bold).
    pub quote: Style,
    pub emphasis: Style,
}

pub fn color(c: config::Color) -> Color {
    use config::Color as C;
    match c {
        C::Reset => Color::Reset,
        C::Black => Color::Black,
        C::Red => Color::Red,
        C::Green => Color::Green,
        C::Yellow => Color::Yellow,
        C::Blue => Color::Blue,
        C::Magenta => Color::Magenta,
        C::Cyan => Color::Cyan,
        C::Gray => Color::Gray,
        C::DarkGray => Color::DarkGray,
        C::LightRed => Color::LightRed,
        C::LightGreen => Color::LightGreen,
        C::LightYellow => Color::LightYellow,
        C::LightBlue => Color::LightBlue,
        C::LightMagenta => Color::LightMagenta,
        C::LightCyan => Color::LightCyan,
        C::White => Color::White,
        C::Indexed(i) => Color::Indexed(i),
        C::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// `NO_COLOR` set to anything non-empty turns colours off (https://no-color.org).
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Styles {
    pub fn new(theme: &Theme, no_color: bool) -> Styles {
        let b = Modifier::BOLD;
        if no_color {
            let plain = Style::default();
            return Styles {
                no_color,
                base: plain,
                dim: plain.add_modifier(Modifier::DIM),
                title: plain.add_modifier(b),
                subtitle: plain.add_modifier(b),
                meta: plain.add_modifier(Modifier::DIM),
                gap: plain.add_modifier(Modifier::DIM | Modifier::ITALIC),
                headings: [plain.add_modifier(b); 4],
                marker: plain.add_modifier(b | Modifier::UNDERLINED),
                point_marker: plain.add_modifier(b | Modifier::UNDERLINED),
                point_text: plain.add_modifier(b),
                border: plain,
                border_focused: plain.add_modifier(b),
                pane_title: plain,
                pane_title_focused: plain.add_modifier(b | Modifier::REVERSED),
                selection: plain.add_modifier(Modifier::REVERSED),
                selection_unfocused: plain.add_modifier(Modifier::UNDERLINED),
                current: plain.add_modifier(b),
                status: plain.add_modifier(Modifier::REVERSED),
                status_accent: plain.add_modifier(Modifier::REVERSED | b),
                message: plain.add_modifier(b),
                error: plain.add_modifier(b | Modifier::REVERSED),
                bookmark: plain.add_modifier(b),
                search: plain.add_modifier(Modifier::REVERSED),
                search_current: plain.add_modifier(Modifier::REVERSED | b | Modifier::UNDERLINED),
                passage: plain.add_modifier(Modifier::REVERSED),
                selection_text: plain.add_modifier(Modifier::REVERSED | b),
                quote: plain.add_modifier(Modifier::ITALIC),
                emphasis: plain.add_modifier(b),
            };
        }
        let t = theme.adapted();
        let fg = |c: config::Color| Style::default().fg(color(c));
        Styles {
            no_color,
            base: Style::default(),
            dim: fg(t.dim),
            title: fg(t.accent).add_modifier(b),
            subtitle: fg(t.accent),
            meta: fg(t.dim),
            gap: fg(t.dim).add_modifier(Modifier::ITALIC),
            headings: [
                fg(t.heading1).add_modifier(b),
                fg(t.heading2).add_modifier(b),
                fg(t.heading3).add_modifier(b),
                fg(t.heading4).add_modifier(b),
            ],
            marker: fg(t.marker).add_modifier(b),
            point_marker: fg(t.point).add_modifier(b),
            point_text: Style::default().add_modifier(b),
            border: fg(t.border),
            border_focused: fg(t.border_focused).add_modifier(b),
            pane_title: fg(t.border),
            pane_title_focused: fg(t.border_focused).add_modifier(b | Modifier::REVERSED),
            selection: Style::default()
                .bg(color(t.selection))
                .fg(Color::White)
                .add_modifier(b),
            selection_unfocused: Style::default().add_modifier(Modifier::REVERSED),
            current: fg(t.accent).add_modifier(b),
            status: Style::default()
                .bg(color(t.status_bg))
                .fg(color(t.status_fg)),
            status_accent: Style::default()
                .bg(color(t.status_bg))
                .fg(color(t.accent))
                .add_modifier(b),
            message: fg(t.accent).add_modifier(b),
            error: Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(b),
            bookmark: fg(t.bookmark).add_modifier(b),
            search: Style::default().bg(color(t.search_match)).fg(Color::Black),
            search_current: Style::default()
                .bg(color(t.marker))
                .fg(Color::Black)
                .add_modifier(b),
            passage: Style::default().bg(Color::Indexed(237)),
            selection_text: Style::default().bg(color(t.selection)).fg(Color::White),
            quote: Style::default().add_modifier(Modifier::ITALIC),
            emphasis: Style::default().add_modifier(b),
        }
    }
}
