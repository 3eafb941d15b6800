use super::colors::{ANSI16, XTERM16};
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
fn a_key_taken_from_a_default_is_a_warning_naming_line_both_actions_and_the_key() {
    let config = parse_str("[ui]\nmouse = true\n\n[keys]\ntoggle_copies = \"s\"\n").unwrap();
    assert_eq!(config.warnings().len(), 1, "{:?}", config.warnings());
    let w = &config.warnings()[0];
    assert_starts(
        w,
        "config.toml:5:17: key \"s\" is given to toggle_copies here but is sort's by default",
    );
    assert!(w.contains("the config wins"), "{w}");
    assert_eq!(
        config.keymap().action_for(parse_key("s").unwrap()),
        Some(Action::ToggleCopies)
    );
    // The example file repeats every default: nothing to warn about.
    assert_eq!(
        parse_str(DEFAULT_TOML).unwrap().warnings(),
        &[] as &[String]
    );
    assert!(parse_str("[keys]\nquit = \"Q\"\n")
        .unwrap()
        .warnings()
        .is_empty());
}

#[test]
fn unknown_keys_name_line_and_allowed_names() {
    let message = error("[ui]\nlanguage = \"zh\"\nmouse_support = true\n");
    assert_eq!(
        message,
        "config.toml:3:1: unknown field `mouse_support`, expected `language` or `mouse`"
    );
    let message = error("[layout]\nline_width = 70\n\n[theme]\nheading5 = \"red\"\n");
    assert_starts(
        &message,
        "config.toml:5:1: unknown field `heading5`, expected one of `colors`, `accent`, `heading1`",
    );
    let message = error("[lay_out]\n");
    assert_eq!(
            message,
            "config.toml:1:2: unknown field `lay_out`, expected one of `ui`, `theme`, `layout`, `corpus`, `search`, `keys`"
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
    let parsed = parse(example, Path::new("config.example.toml")).unwrap_or_else(|e| panic!("{e}"));
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

#[test]
fn every_mistake_is_reported_in_file_order() {
    let source = "\
[ui]
language = \"fr\"
mouse = \"yes\"
colour = 1

[layout]
indent = 99

[nonsense]
a = 1

[corpus]
max_file_mb = 0

[keys]
nosuch = \"x\"
down = \"Ctlr-d\"
";
    let message = error(source);
    let lines: Vec<&str> = message.lines().collect();
    let places: Vec<&str> = lines
        .iter()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        places,
        [
            "config.toml:2:12",
            "config.toml:3:9",
            "config.toml:4:1",
            "config.toml:7:10",
            "config.toml:9:2",
            "config.toml:13:15",
            "config.toml:16:1",
            "config.toml:17:8",
        ],
        "{message}"
    );
}

#[test]
fn quit_without_a_key_is_refused() {
    let message = error("[keys]\nquit = []\n");
    assert_starts(&message, "config.toml:2:1: quit has no key left");
    assert!(parse_str("[keys]\nquit = \"x\"\n").is_ok());
}
