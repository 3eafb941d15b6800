// The harness offers more than the tests call today (helpers for tests still to be written);
// without this the unused ones would warn.
#![allow(dead_code)]

pub mod pty;

/// The screen an app draws at `w`×`h` (ratatui's TestBackend, no colour), as text: each wide
/// character once, trailing blanks off — what a person sees, for snapshots and checks.
pub fn screen(app: &tigang::app::App, w: u16, h: u16) -> String {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    use tigang::config::Config;
    use tigang::ui::{self, theme::Styles};
    let styles = Styles::new(&Config::default().theme, true);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(f, app, &styles)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push_str(&row_text(&buf, y, buf.area.width));
        out.push('\n');
    }
    out
}

/// Row `y` of a drawn buffer up to column `end`, a wide char once, trailing blanks dropped.
pub fn row_text(buf: &ratatui::buffer::Buffer, y: u16, end: u16) -> String {
    let mut line = String::new();
    let mut skip = 0;
    for x in 0..end {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        line.push_str(sym);
    }
    line.trim_end().to_string()
}

/// Runs tigang with `home` as its home, config, state, data and cache folders, so the user's
/// own files neither change the output nor get written.
pub fn tigang_in(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("runs")
}

/// `default` proptest cases, or more when `PROPTEST_CASES` asks for more (a longer hunt);
/// never fewer, so a stray small value cannot weaken CI.
pub fn proptest_cases(default: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config::with_cases(cases_from(
        default,
        std::env::var("PROPTEST_CASES").ok(),
    ))
}

pub fn cases_from(default: u32, env: Option<String>) -> u32 {
    env.and_then(|v| v.trim().parse::<u32>().ok())
        .map_or(default, |n| n.max(default))
}

#[test]
fn proptest_cases_can_be_raised_not_lowered() {
    assert_eq!(cases_from(64, None), 64);
    assert_eq!(cases_from(64, Some("5000".into())), 5000);
    assert_eq!(cases_from(64, Some("10".into())), 64);
    assert_eq!(cases_from(64, Some("lots".into())), 64);
}
