use super::*;

fn chord(s: &str) -> KeyChord {
    parse_key(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn over(action: &str, keys: &[&str]) -> KeyOverride {
    KeyOverride {
        action: action.to_string(),
        action_span: 0..action.len(),
        keys: keys.iter().map(|k| (k.to_string(), 100..101)).collect(),
    }
}

#[test]
fn action_table_is_consistent() {
    for (i, &action) in Action::ALL.iter().enumerate() {
        assert_eq!(action as usize, i, "ALL must follow declaration order");
        assert_eq!(Action::from_name(action.name()), Some(action));
        assert!(action
            .name()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_'));
        for lang in Lang::ALL {
            assert!(!action.description(lang).is_empty());
        }
    }
    // Help groups must be contiguous or the overlay would repeat headings.
    let groups: Vec<Group> = Action::ALL.iter().map(|a| a.group()).collect();
    assert!(groups.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn default_keys_parse_and_are_unique() {
    let keymap = Keymap::default();
    let mut seen = HashMap::new();
    for &action in Action::ALL {
        let scope = action.scope();
        assert_eq!(
            keymap.keys_for(action).len(),
            action.default_keys().len(),
            "{action}: a default key failed to parse"
        );
        assert!(!keymap.keys_for(action).is_empty(), "{action} has no key");
        for &k in keymap.keys_for(action) {
            if let Some(other) = seen.insert((scope, k), action) {
                panic!("{k} is bound to both {other} and {action}");
            }
            assert_eq!(keymap.action_in(k, scope), Some(action));
        }
    }
}

#[test]
fn every_default_chord_round_trips_through_display() {
    let keymap = Keymap::default();
    for &action in Action::ALL {
        for (&k, &written) in keymap.keys_for(action).iter().zip(action.default_keys()) {
            let shown = k.to_string();
            assert_eq!(parse_key(&shown), Ok(k), "{shown}");
            // The defaults are written canonically, like the example config.
            assert_eq!(shown, written);
        }
    }
}

#[test]
fn other_chords_round_trip() {
    for s in [
        "Ctrl--",
        "Ctrl-+",
        "-",
        "+",
        "Alt-Enter",
        "Ctrl-Alt-x",
        "Alt-J",
        "Shift-Up",
        "Ctrl-Shift-Tab",
        "F12",
        "F24",
        "Backspace",
        "Delete",
        "Insert",
        "Left",
        "Right",
        "Ctrl-Space",
        "中",
        "Super-k",
    ] {
        let k = chord(s);
        assert_eq!(k.to_string(), s);
        assert_eq!(chord(&k.to_string()), k);
    }
}

#[test]
fn modifier_forms() {
    let ctrl_d = KeyChord::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
    for s in [
        "Ctrl-d",
        "C-d",
        "ctrl-d",
        "CTRL+d",
        "Control-d",
        "c-d",
        "Ctrl-D",
    ] {
        assert_eq!(chord(s), ctrl_d, "{s}");
    }
    let alt_x = KeyChord::new(KeyCode::Char('x'), KeyModifiers::ALT);
    for s in ["Alt-x", "A-x", "M-x", "alt+x"] {
        assert_eq!(chord(s), alt_x, "{s}");
    }
    let back_tab = KeyChord::new(KeyCode::BackTab, KeyModifiers::NONE);
    for s in ["Shift-Tab", "BackTab", "backtab", "S-Tab", "shift-tab"] {
        assert_eq!(chord(s), back_tab, "{s}");
    }
    assert_eq!(
        chord("Ctrl-Alt-Delete"),
        KeyChord::new(KeyCode::Delete, KeyModifiers::CONTROL | KeyModifiers::ALT)
    );
    assert_eq!(chord("Shift-j"), chord("J"));
    assert_eq!(chord("pagedown"), chord("PageDown"));
    assert_eq!(chord("PgDn"), chord("PageDown"));
    assert_eq!(chord("return"), chord("Enter"));
    assert_eq!(chord("escape"), chord("Esc"));
    assert_eq!(
        chord("f5"),
        KeyChord::new(KeyCode::F(5), KeyModifiers::NONE)
    );
    assert_eq!(chord(" "), chord("Space"));
    assert_ne!(chord("j"), chord("J"));
}

#[test]
fn shift_is_normalised_however_the_terminal_reports_it() {
    let keymap = Keymap::default();
    let shifted = KeyModifiers::SHIFT;
    for modifiers in [KeyModifiers::NONE, shifted] {
        let g = press(KeyCode::Char('G'), modifiers);
        assert_eq!(keymap.lookup(&g), Some(Action::Bottom));
        let q = press(KeyCode::Char('?'), modifiers);
        assert_eq!(keymap.lookup(&q), Some(Action::Help));
    }
    // Some terminals (kitty protocol) send the base letter plus Shift.
    let g = press(KeyCode::Char('g'), shifted);
    assert_eq!(keymap.lookup(&g), Some(Action::Bottom));
    let back_tab = press(KeyCode::BackTab, shifted);
    assert_eq!(keymap.lookup(&back_tab), Some(Action::FocusPrev));
    let shift_tab = press(KeyCode::Tab, shifted);
    assert_eq!(keymap.lookup(&shift_tab), Some(Action::FocusPrev));
    let ctrl_shift_d = press(KeyCode::Char('D'), KeyModifiers::CONTROL | shifted);
    assert_eq!(keymap.lookup(&ctrl_shift_d), Some(Action::HalfPageDown));
    assert_eq!(
        keymap.lookup(&press(KeyCode::Tab, KeyModifiers::NONE)),
        Some(Action::FocusNext)
    );
}

#[test]
fn only_presses_and_repeats_count() {
    let keymap = Keymap::default();
    for (kind, expected) in [
        (KeyEventKind::Press, Some(Action::Down)),
        (KeyEventKind::Repeat, Some(Action::Down)),
        (KeyEventKind::Release, None),
    ] {
        let event = KeyEvent {
            code: KeyCode::Char('j'),
            modifiers: KeyModifiers::NONE,
            kind,
        };
        assert_eq!(keymap.lookup(&event), expected);
    }
    assert_eq!(
        keymap.lookup(&press(KeyCode::Char('w'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        keymap.lookup(&press(KeyCode::Char('j'), KeyModifiers::SUPER)),
        None
    );
}

#[test]
fn bad_key_strings_are_rejected_with_guidance() {
    let cases = [
        ("", "empty key"),
        ("   ", "empty key"),
        (
            "Ctlr-d",
            r#"unknown key "Ctlr-d": "Ctlr" is not a modifier"#,
        ),
        ("PgDown2", r#"unknown key "PgDown2""#),
        ("jj", r#"unknown key "jj""#),
        ("Ctrl-", r#"unknown key "Ctrl-""#),
        ("F0", r#"unknown key "F0""#),
        ("F25", r#"unknown key "F25""#),
        ("F+5", r#"unknown key "F+5""#),
        (
            "Shift-/",
            r#"unknown key "Shift-/": Shift only combines with letters"#,
        ),
        ("\t", "unknown key"),
    ];
    for (input, start) in cases {
        let err = parse_key(input).expect_err(input);
        assert!(err.starts_with(start), "{input:?}: {err}");
        assert!(
            err.contains(r#""Ctrl-d""#),
            "{input:?} lacks examples: {err}"
        );
    }
}

#[test]
fn override_replaces_and_unbinds_elsewhere() {
    let mut keymap = Keymap::default();
    keymap
        .apply_overrides(&[over("quit", &["x"]), over("down", &["Ctrl-d", "j"])])
        .unwrap();
    assert_eq!(keymap.keys_for(Action::Quit), &[chord("x")]);
    let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(keymap.lookup(&x), Some(Action::Quit));
    assert_eq!(
        keymap.lookup(&press(KeyCode::Char('q'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        keymap.keys_for(Action::Down),
        &[chord("Ctrl-d"), chord("j")]
    );
    assert_eq!(keymap.keys_for(Action::HalfPageDown), &[chord("d")]);
    // Untouched actions keep their defaults.
    assert_eq!(keymap.keys_for(Action::Up), &[chord("k"), chord("Up")]);

    let mut keymap = Keymap::default();
    keymap.bind(Action::Quit, &[chord("e")]);
    assert!(keymap.keys_for(Action::Sort).len() == 1);
    // The bookmarks list's own `e` stays: a key does one thing per scope.
    assert_eq!(keymap.keys_for(Action::EditNote), &[chord("e")]);
    assert_eq!(keymap.action_for(chord("e")), Some(Action::Quit));
    keymap.bind(Action::Quit, &[chord("s")]);
    assert!(keymap.keys_for(Action::Sort).is_empty());
    assert!(keymap.help_entries(Lang::En).iter().any(|(_, keys, desc)| {
        keys == "(unbound)" && *desc == Action::Sort.description(Lang::En)
    }));
}

#[test]
fn the_bookmarks_list_and_the_help_have_keys_of_their_own() {
    let keymap = Keymap::default();
    let d = press(KeyCode::Char('d'), KeyModifiers::NONE);
    assert_eq!(keymap.lookup(&d), Some(Action::HalfPageDown));
    assert_eq!(
        keymap.lookup_in(&d, Scope::BookmarkList),
        Some(Action::Delete)
    );
    // What a scope does not bind itself is the reader's.
    let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(
        keymap.lookup_in(&j, Scope::BookmarkList),
        Some(Action::Down)
    );
    let l = press(KeyCode::Char('l'), KeyModifiers::NONE);
    assert_eq!(keymap.lookup(&l), None);
    assert_eq!(
        keymap.lookup_in(&l, Scope::Help),
        Some(Action::ToggleLanguage)
    );
    // less and vim paging.
    for (key, action) in [
        ("Ctrl-f", Action::PageDown),
        ("Ctrl-b", Action::PageUp),
        ("u", Action::HalfPageUp),
        ("Ctrl-e", Action::LineDown),
        ("Ctrl-y", Action::LineUp),
        ("L", Action::ScreenBottom),
        ("F", Action::CorpusSearch),
    ] {
        assert_eq!(keymap.action_for(chord(key)), Some(action), "{key}");
    }
}

#[test]
fn ctrl_c_always_quits_and_cannot_be_given_away() {
    let mut keymap = Keymap::default();
    let err = keymap
        .apply_overrides(&[over("yank", &["Ctrl-c"])])
        .unwrap_err();
    assert!(
        err.message.contains("Ctrl-c always quits"),
        "{}",
        err.message
    );
    keymap.apply_overrides(&[over("quit", &["x"])]).unwrap();
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(is_interrupt(&ctrl_c));
    // The help still says so.
    assert_eq!(keymap.help_entries(Lang::En)[0].1, "x Ctrl-c");
}

#[test]
fn empty_override_unbinds_the_action() {
    let mut keymap = Keymap::default();
    keymap.apply_overrides(&[over("help", &[])]).unwrap();
    assert!(keymap.keys_for(Action::Help).is_empty());
    assert_eq!(keymap.action_for(chord("?")), None);
}

#[test]
fn quit_cannot_be_left_without_a_key() {
    let mut keymap = Keymap::default();
    let err = keymap.apply_overrides(&[over("quit", &[])]).unwrap_err();
    assert!(err.message.contains("no way to quit"), "{}", err.message);
    assert_eq!(err.span, 0..4);
    assert_eq!(keymap, Keymap::default());
    // Taking both its keys away elsewhere is the same mistake.
    let err = keymap
        .apply_overrides(&[over("help", &["q"]), over("quit", &[])])
        .unwrap_err();
    assert!(err.message.contains("no way to quit"), "{}", err.message);
    keymap
        .apply_overrides(&[over("help", &["q"]), over("quit", &["x"])])
        .unwrap();
    assert_eq!(keymap.keys_for(Action::Quit), &[chord("x")]);
}

#[test]
fn override_errors_point_at_the_bad_entry_and_change_nothing() {
    let mut keymap = Keymap::default();
    let err = keymap
        .apply_overrides(&[over("quit", &["x"]), over("quti", &["q"])])
        .unwrap_err();
    assert!(err
        .message
        .starts_with(r#"unknown action "quti"; did you mean "quit"?"#));
    assert!(err.message.contains("half_page_down"), "{}", err.message);
    assert_eq!(err.span, 0..4);
    assert_eq!(keymap, Keymap::default());

    let err = keymap
        .apply_overrides(&[over("quit", &["Ctlr-d"])])
        .unwrap_err();
    assert_eq!(err.span, 100..101);
    assert!(err.message.contains(r#""Ctlr-d""#));

    let clash = keymap
        .apply_overrides(&[over("quit", &["x"]), over("help", &["x"])])
        .unwrap_err();
    assert!(clash.message.contains("both"), "{}", clash.message);
    assert_eq!(keymap, Keymap::default());
}

#[test]
fn help_entries_follow_the_live_keymap() {
    let mut keymap = Keymap::default();
    let entries = keymap.help_entries(Lang::Zh);
    assert_eq!(entries.len(), Action::ALL.len());
    assert_eq!(entries[0].1, "q Ctrl-c");
    let prev = entries
        .iter()
        .find(|(_, _, d)| *d == Action::FocusPrev.description(Lang::Zh))
        .unwrap();
    assert_eq!(prev.1, "Shift-Tab");
    keymap.bind(Action::Quit, &[chord("Ctrl-q")]);
    let entries = keymap.help_entries(Lang::En);
    assert_eq!(
        entries[0],
        (
            "General",
            "Ctrl-q Ctrl-c".to_string(),
            Action::Quit.description(Lang::En)
        )
    );
}

#[test]
fn languages_parse() {
    assert_eq!("zh".parse(), Ok(Lang::Zh));
    assert_eq!("EN".parse(), Ok(Lang::En));
    assert!("fr"
        .parse::<Lang>()
        .unwrap_err()
        .contains("\"zh\" or \"en\""));
    assert_eq!(Lang::Zh.toggled(), Lang::En);
}
