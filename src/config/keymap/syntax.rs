//! How keys are written in the config file and shown in the help: `"j"`, `"Ctrl-d"`,
//! `"Shift-Tab"`, `"PageDown"`, `"F5"`, parsed and displayed so that each round-trips.

use std::fmt;
use std::str::FromStr;

use super::{KeyChord, KeyCode, KeyModifiers};

// Display order of modifiers; parsing accepts any order.
const MODIFIER_NAMES: [(KeyModifiers, &str); 6] = [
    (KeyModifiers::CONTROL, "Ctrl"),
    (KeyModifiers::ALT, "Alt"),
    (KeyModifiers::SHIFT, "Shift"),
    (KeyModifiers::SUPER, "Super"),
    (KeyModifiers::HYPER, "Hyper"),
    (KeyModifiers::META, "Meta"),
];

const NAMED_KEYS: [(KeyCode, &str); 15] = [
    (KeyCode::Enter, "Enter"),
    (KeyCode::Esc, "Esc"),
    (KeyCode::Char(' '), "Space"),
    (KeyCode::Tab, "Tab"),
    (KeyCode::Backspace, "Backspace"),
    (KeyCode::Delete, "Delete"),
    (KeyCode::Insert, "Insert"),
    (KeyCode::Up, "Up"),
    (KeyCode::Down, "Down"),
    (KeyCode::Left, "Left"),
    (KeyCode::Right, "Right"),
    (KeyCode::PageUp, "PageUp"),
    (KeyCode::PageDown, "PageDown"),
    (KeyCode::Home, "Home"),
    (KeyCode::End, "End"),
];

const KEY_EXAMPLES: &str = r#"e.g. "j", "Ctrl-d", "Shift-Tab", "PageDown", "F5""#;

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut modifiers = self.modifiers;
        // "Shift-Tab" is what users know the key as; "BackTab" is a terminal detail.
        if self.code == KeyCode::BackTab {
            modifiers |= KeyModifiers::SHIFT;
        }
        for (flag, name) in MODIFIER_NAMES {
            if modifiers.contains(flag) {
                write!(f, "{name}-")?;
            }
        }
        if let Some((_, name)) = NAMED_KEYS.iter().find(|(code, _)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::BackTab => f.write_str("Tab"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            // Keys the config syntax cannot name still need a readable form for diagnostics.
            other => write!(f, "{other:?}"),
        }
    }
}

impl FromStr for KeyChord {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_key(s)
    }
}

/// Parses the config syntax: `"j"`, `"J"`, `"Ctrl-d"`, `"C-d"`, `"Alt-x"`, `"Shift-Tab"`,
/// `"PageDown"`, `"F5"`, `"]"`… Modifier and key names are case-insensitive; a single character is
/// taken literally, so `"J"` is Shift-j. The error says what was wrong and what is allowed.
pub fn parse_key(s: &str) -> Result<KeyChord, String> {
    // Checked before trimming, which would otherwise turn a literal space into nothing.
    if s == " " {
        return Ok(KeyChord::new(KeyCode::Char(' '), KeyModifiers::NONE));
    }
    let text = s.trim_matches(' ');
    if text.is_empty() {
        return Err(format!("empty key ({KEY_EXAMPLES})"));
    }
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    // A lone "-" or "+" is a key, so a separator only counts when something follows it.
    while rest.chars().nth(1).is_some() {
        let Some((at, _)) = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '-' || c == '+')
        else {
            break;
        };
        let (name, tail) = (&rest[..at], &rest[at + 1..]);
        if tail.is_empty() {
            break;
        }
        let Some(flag) = modifier_named(name) else {
            return Err(format!(
                "unknown key {s:?}: {name:?} is not a modifier (expected Ctrl, Alt or Shift, {KEY_EXAMPLES})"
            ));
        };
        modifiers |= flag;
        rest = tail;
    }
    let Some(code) = key_named(rest) else {
        return Err(format!(
            "unknown key {s:?} ({KEY_EXAMPLES}; named keys are {}, Shift-Tab and F1 to F12)",
            NAMED_KEYS.map(|(_, name)| name).join(", ")
        ));
    };
    if let KeyCode::Char(c) = code {
        // The character a shifted symbol types depends on the keyboard layout, so guessing it
        // would bind a key the user did not mean.
        if modifiers.contains(KeyModifiers::SHIFT) && !c.is_alphabetic() {
            return Err(format!(
                "unknown key {s:?}: Shift only combines with letters and named keys; write the character it types instead, such as \"?\" for \"Shift-/\" ({KEY_EXAMPLES})"
            ));
        }
    }
    Ok(KeyChord::new(code, modifiers))
}

fn modifier_named(name: &str) -> Option<KeyModifiers> {
    Some(match name.to_ascii_lowercase().as_str() {
        "ctrl" | "control" | "c" => KeyModifiers::CONTROL,
        // "M-" is Emacs's spelling of Alt; terminals deliver Meta as Alt anyway.
        "alt" | "a" | "m" | "opt" | "option" => KeyModifiers::ALT,
        "shift" | "s" => KeyModifiers::SHIFT,
        "super" => KeyModifiers::SUPER,
        "hyper" => KeyModifiers::HYPER,
        "meta" => KeyModifiers::META,
        _ => return None,
    })
}

fn key_named(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(KeyCode::Char(c));
    }
    if let Some((code, _)) = NAMED_KEYS
        .iter()
        .find(|(_, known)| known.eq_ignore_ascii_case(name))
    {
        return Some(*code);
    }
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "backtab" => KeyCode::BackTab,
        "return" => KeyCode::Enter,
        "escape" => KeyCode::Esc,
        "del" => KeyCode::Delete,
        "ins" => KeyCode::Insert,
        "pgup" => KeyCode::PageUp,
        "pgdn" | "pgdown" => KeyCode::PageDown,
        _ => {
            let digits = lower.strip_prefix('f')?;
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // Terminals report up to F24 (F12 with Shift or Ctrl on many of them).
            match digits.parse::<u8>() {
                Ok(n @ 1..=24) => KeyCode::F(n),
                _ => return None,
            }
        }
    })
}
