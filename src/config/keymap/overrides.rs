//! Applying the config's `[keys]` table: what is a mistake (reported, nothing applied) and
//! what is a conflict the config wins (applied, and reported as a warning).
//!
//! A conflict is two actions one key reaches in one context ([`Scope`]): in the reader, every
//! reader action; in the help or the bookmarks list, that overlay's own actions and the
//! reader actions it reacts to ([`Action::live_in`]). Two actions the file gives one key is
//! a mistake: nothing says which one the user meant. A key the file gives one action that a
//! default gives another is the user's choice: the file wins, and the other action loses the
//! key there (or, in an overlay whose own key it becomes, is shadowed there only). That is
//! said, because the action that lost its key would otherwise just seem broken. The built-in
//! overlaps (`d` pages in the reader, deletes in the bookmarks list) are by design, so a file
//! that only repeats default keys (a copy of config.example.toml) conflicts with nothing.

use std::collections::HashSet;
use std::ops::Range;

use super::{
    parse_key, unknown_action_message, Action, KeyChord, KeyCode, KeyModifiers, KeyOverride,
    Keymap, OverrideError, Scope,
};

/// A conflict the config file wins, located at the key the file gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideWarning {
    pub span: Range<usize>,
    pub message: String,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Reader, Scope::Help, Scope::BookmarkList];

    fn place(self) -> &'static str {
        match self {
            Scope::Reader => "in the reader",
            Scope::Help => "in the help",
            Scope::BookmarkList => "in the bookmarks list",
        }
    }
}

impl Action {
    /// Whether this action's keys do something where `scope` applies: an overlay's own
    /// actions only there, reader actions in the reader and in the overlays that react to
    /// them (the overlay branch of `App::update` and `App::bookmarks_key`; keep in step).
    pub fn live_in(self, scope: Scope) -> bool {
        use Action as A;
        if self.scope() == scope {
            return true;
        }
        if self.scope() != Scope::Reader {
            return false;
        }
        let moves = matches!(
            self,
            A::Up
                | A::Down
                | A::PageDown
                | A::PageUp
                | A::HalfPageDown
                | A::HalfPageUp
                | A::Top
                | A::Bottom
        );
        let closes = matches!(self, A::Quit | A::Back | A::Help | A::Redraw);
        match scope {
            Scope::Reader => true,
            Scope::Help => moves || closes,
            Scope::BookmarkList => moves || closes || matches!(self, A::Open | A::Bookmarks),
        }
    }

    /// A context both actions act in, if any.
    fn shared_scope(self, other: Action) -> Option<Scope> {
        Scope::ALL
            .into_iter()
            .find(|&s| self.live_in(s) && other.live_in(s))
    }
}

impl Keymap {
    /// [`apply_overrides_all`](Self::apply_overrides_all), also returning the conflicts the
    /// file wins over the defaults (in file order), each message naming both actions and
    /// the key. Leaving `quit` without a key is a mistake: in raw mode `Ctrl-c` is only a
    /// key, so nothing else would end the reader.
    pub fn apply_overrides_checked(
        &mut self,
        overrides: &[KeyOverride],
    ) -> Result<Vec<OverrideWarning>, Vec<OverrideError>> {
        let mut ordered: Vec<&KeyOverride> = overrides.iter().collect();
        // Report mistakes in file order, not in whatever order a map iterated.
        ordered.sort_by_key(|o| o.action_span.start);
        let interrupt = KeyChord::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        // Every key the file gives, with the action and where it is written.
        let mut given: Vec<(Action, KeyChord, &str, Range<usize>)> = Vec::new();
        let mut resolved = Vec::with_capacity(ordered.len());
        let mut errors = Vec::new();
        for entry in &ordered {
            let Some(action) = Action::from_name(&entry.action) else {
                errors.push(OverrideError {
                    span: entry.action_span.clone(),
                    message: unknown_action_message(&entry.action),
                });
                continue;
            };
            let mut chords = Vec::with_capacity(entry.keys.len());
            for (text, span) in &entry.keys {
                let chord = match parse_key(text) {
                    Ok(chord) => chord,
                    Err(message) => {
                        errors.push(OverrideError {
                            span: span.clone(),
                            message,
                        });
                        continue;
                    }
                };
                if chord == interrupt && action != Action::Quit {
                    errors.push(OverrideError {
                        span: span.clone(),
                        message: format!(
                            "key {text:?} cannot be given to {action}: Ctrl-c always quits"
                        ),
                    });
                    continue;
                }
                // Silently letting the later entry win would leave one action mysteriously
                // dead. Two defaults written out again are the built-in overlap, not this.
                let clash = given.iter().find(|(other, c, ..)| {
                    *c == chord
                        && *other != action
                        && other.shared_scope(action).is_some()
                        && (self.is_new(action, chord) || self.is_new(*other, chord))
                });
                if let Some(&(previous, ..)) = clash {
                    let message = if previous.scope() == action.scope() {
                        format!(
                            "key {text:?} is given to both {previous} and {action}; a key can do only one thing"
                        )
                    } else {
                        let place = previous.shared_scope(action).map_or("", Scope::place);
                        format!(
                            "key {text:?} is given to both {previous} and {action}, which both act {place}; a key can do only one thing there"
                        )
                    };
                    errors.push(OverrideError {
                        span: span.clone(),
                        message,
                    });
                }
                given.push((action, chord, text.as_str(), span.clone()));
                chords.push(chord);
            }
            resolved.push((action, chords));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let written: HashSet<Action> = resolved.iter().map(|(a, _)| *a).collect();
        let mut keymap = self.clone();
        for (action, chords) in &resolved {
            keymap.bind(*action, chords);
        }
        // Each key the file newly gives against the defaults it takes over, once per pair.
        let mut seen = HashSet::new();
        let mut taken: Vec<(Action, KeyChord)> = Vec::new();
        let mut conflicts = Vec::new();
        for (action, chord, text, span) in &given {
            let (action, chord) = (*action, *chord);
            if !self.is_new(action, chord) {
                continue;
            }
            for (&other, keys) in Action::ALL.iter().zip(&self.keys) {
                let Some(place) = other.shared_scope(action) else {
                    continue;
                };
                if other == action || written.contains(&other) || !keys.contains(&chord) {
                    continue;
                }
                if !seen.insert((action, other, chord)) {
                    continue;
                }
                // Same scope: `bind` took the key already. An overlay's own key wins there
                // anyway; a reader key the file gives wins over an overlay's default.
                let shadowed_only = other.scope() != action.scope() && action.scope() == place;
                if !shadowed_only {
                    taken.push((other, chord));
                }
                conflicts.push((
                    action,
                    other,
                    chord,
                    *text,
                    span.clone(),
                    place,
                    shadowed_only,
                ));
            }
        }
        for (other, chord) in &taken {
            keymap.keys[*other as usize].retain(|c| c != chord);
        }
        keymap.reindex();
        if keymap.keys_for(Action::Quit).is_empty() {
            // At the quit entry, else at the entry that took its last key.
            let at = ordered
                .iter()
                .find(|o| o.action == Action::Quit.name())
                .or(ordered.last())
                .map(|o| o.action_span.clone())
                .unwrap_or(0..0);
            return Err(vec![OverrideError {
                span: at,
                message: "quit has no key left, so there would be no way to quit; give it at \
                          least one (quit = \"q\")"
                    .into(),
            }]);
        }
        let warnings = conflicts
            .into_iter()
            .map(|(action, other, _, text, span, place, shadowed_only)| {
                let message = if shadowed_only {
                    format!(
                        "key {text:?} is given to {action} here but is {other}'s by default; \
                         the config wins, so {} {text:?} does {action} (elsewhere it still does {other})",
                        place.place()
                    )
                } else {
                    let cross = if other.scope() == action.scope() {
                        String::new()
                    } else {
                        format!(" {}", place.place())
                    };
                    let left = match keymap.keys_display(other) {
                        keys if keys.is_empty() => format!("{other} has no key left"),
                        keys => format!("{other} keeps {keys}"),
                    };
                    format!(
                        "key {text:?} is given to {action} here but is {other}'s by default{cross}; \
                         the config wins, so {text:?} does {action} and {left}"
                    )
                };
                OverrideWarning { span, message }
            })
            .collect();
        *self = keymap;
        Ok(warnings)
    }

    /// The file gives `action` a key it does not already have.
    fn is_new(&self, action: Action, chord: KeyChord) -> bool {
        !self.keys_for(action).contains(&chord)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn over(action: &str, at: usize, keys: &[&str]) -> KeyOverride {
        KeyOverride {
            action: action.to_string(),
            action_span: at..at + action.len(),
            keys: keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.to_string(), at + 50 + i..at + 51 + i))
                .collect(),
        }
    }

    fn key(s: &str) -> KeyChord {
        parse_key(s).unwrap()
    }

    #[test]
    fn a_key_taken_from_a_default_is_the_configs_and_said_so() {
        let mut keymap = Keymap::default();
        let warnings = keymap
            .apply_overrides_checked(&[over("toggle_copies", 0, &["s"])])
            .unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0].message;
        assert!(w.contains(r#"key "s""#), "{w}");
        assert!(w.contains("toggle_copies") && w.contains("sort"), "{w}");
        assert!(w.contains("the config wins"), "{w}");
        assert!(w.contains("sort has no key left"), "{w}");
        assert_eq!(warnings[0].span, 50..51);
        assert_eq!(keymap.action_for(key("s")), Some(Action::ToggleCopies));
        assert!(keymap.keys_for(Action::Sort).is_empty());
    }

    #[test]
    fn an_action_that_keeps_other_keys_says_which() {
        let mut keymap = Keymap::default();
        let warnings = keymap
            .apply_overrides_checked(&[over("visual", 0, &["k"])])
            .unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.ends_with("up keeps Up"), "{warnings:?}");
    }

    #[test]
    fn writing_the_defaults_out_again_conflicts_with_nothing() {
        let all: Vec<KeyOverride> = Action::ALL
            .iter()
            .enumerate()
            .map(|(i, a)| over(a.name(), i * 100, a.default_keys()))
            .collect();
        let mut keymap = Keymap::default();
        assert_eq!(keymap.apply_overrides_checked(&all), Ok(vec![]));
        assert_eq!(keymap, Keymap::default());
    }

    #[test]
    fn rebinding_both_actions_is_no_conflict() {
        let mut keymap = Keymap::default();
        let swap = [over("sort", 0, &["x"]), over("toggle_copies", 100, &["s"])];
        assert_eq!(keymap.apply_overrides_checked(&swap), Ok(vec![]));
        assert_eq!(keymap.action_for(key("x")), Some(Action::Sort));
    }

    #[test]
    fn an_overlays_key_over_a_reader_key_it_reacts_to_is_a_conflict_there() {
        // `j` moves down the bookmarks list: given to delete, it deletes there instead.
        let mut keymap = Keymap::default();
        let warnings = keymap
            .apply_overrides_checked(&[over("delete", 0, &["j"])])
            .unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0].message;
        assert!(w.contains("delete") && w.contains("down"), "{w}");
        assert!(w.contains("in the bookmarks list"), "{w}");
        assert_eq!(
            keymap.action_in(key("j"), Scope::BookmarkList),
            Some(Action::Delete)
        );
        assert_eq!(keymap.action_for(key("j")), Some(Action::Down));
        // A reader key no overlay reacts to is no conflict with an overlay's key.
        let mut keymap = Keymap::default();
        let warnings = keymap.apply_overrides_checked(&[over("delete", 0, &["s"])]);
        assert_eq!(warnings, Ok(vec![]));
    }

    #[test]
    fn a_reader_key_the_config_gives_wins_over_an_overlays_default() {
        let mut keymap = Keymap::default();
        let warnings = keymap
            .apply_overrides_checked(&[over("open", 0, &["Enter", "e"])])
            .unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0].message;
        assert!(w.contains("edit_note has no key left"), "{w}");
        assert_eq!(
            keymap.action_in(key("e"), Scope::BookmarkList),
            Some(Action::Open)
        );
        assert!(keymap.keys_for(Action::EditNote).is_empty());
    }

    #[test]
    fn two_actions_the_file_gives_one_key_in_one_context_are_a_mistake() {
        let mut keymap = Keymap::default();
        let both = [over("down", 0, &["j", "Down"]), over("delete", 100, &["j"])];
        let errors = keymap.apply_overrides_checked(&both).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0].message;
        assert!(
            e.starts_with(
                r#"key "j" is given to both down and delete, which both act in the bookmarks list"#
            ),
            "{e}"
        );
        assert_eq!(errors[0].span, 150..151);
        assert_eq!(keymap, Keymap::default());
        let both = [over("sort", 0, &["z"]), over("toggle_copies", 100, &["z"])];
        let errors = keymap.apply_overrides_checked(&both).unwrap_err();
        assert!(
            errors[0].message.contains("sort and toggle_copies"),
            "{errors:?}"
        );
    }

    #[test]
    fn the_live_table_matches_the_scopes() {
        for &a in Action::ALL {
            assert!(a.live_in(a.scope()), "{a}");
            if a.scope() != Scope::Reader {
                assert!(!a.live_in(Scope::Reader), "{a}");
            }
        }
    }
}
