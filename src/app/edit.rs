//! The one-line text input of prompts, edited by character so Chinese input edits cleanly,
//! with the text of a reopened prompt selected (typing replaces it) and a recall history.

use crate::config::keys::{KeyCode, KeyEvent, KeyModifiers};

/// A one-line text input edited by character (not byte), so Chinese input edits cleanly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    /// Cursor as a char index.
    pub cursor: usize,
    /// The whole text is selected, as a reopened prompt shows its old text: the next
    /// character or paste replaces it, a deletion clears it, a cursor move keeps it.
    pub selected: bool,
    /// Which entry of the history Up/Down has recalled (0 = the newest).
    recalled: Option<usize>,
}

impl LineEdit {
    /// A prompt holding `text` with the cursor at its end.
    pub fn with_text(text: String) -> LineEdit {
        let cursor = text.chars().count();
        LineEdit {
            text,
            cursor,
            ..LineEdit::default()
        }
    }

    /// A prompt reopened on its old text: shown selected, so typing starts afresh while
    /// Enter or a cursor key keeps it.
    pub fn reopened(text: String) -> LineEdit {
        let selected = !text.is_empty();
        LineEdit {
            selected,
            ..LineEdit::with_text(text)
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
    }

    /// Up (`older`) or Down through `history` (oldest first), like a shell: Down past the
    /// newest entry empties the prompt. False when there is nothing to recall.
    pub fn recall(&mut self, history: &[String], older: bool) -> bool {
        let n = history.len();
        let next = match (self.recalled, older) {
            (None, true) if n > 0 => Some(0),
            (Some(i), true) if i + 1 < n => Some(i + 1),
            (Some(i), true) => Some(i),
            (Some(0), false) => None,
            (Some(i), false) => Some(i - 1),
            (None, _) => return false,
        };
        let text = next.map_or_else(String::new, |i| history[n - 1 - i].clone());
        *self = LineEdit {
            recalled: next,
            ..LineEdit::with_text(text)
        };
        true
    }

    fn byte_at(&self, ci: usize) -> usize {
        self.text
            .char_indices()
            .nth(ci)
            .map_or(self.text.len(), |(b, _)| b)
    }

    pub fn insert_str(&mut self, s: &str) {
        // Newlines from a paste would make a one-line prompt lie about what it holds.
        let clean: String = s.chars().filter(|c| !c.is_control()).collect();
        if self.selected && !clean.is_empty() {
            self.clear();
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Applies an editing key; false if the key is not an editing key.
    pub fn key(&mut self, k: &KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if self.selected {
            match k.code {
                KeyCode::Backspace | KeyCode::Delete => {
                    self.clear();
                    return true;
                }
                KeyCode::Char('u' | 'w') if ctrl => {
                    self.clear();
                    return true;
                }
                KeyCode::Char(_) if !ctrl => {}
                _ => self.selected = false,
            }
        }
        match k.code {
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.drain(..at);
                self.cursor = 0;
            }
            KeyCode::Char('w') if ctrl => {
                let end = self.byte_at(self.cursor);
                let head = &self.text[..end];
                let trimmed = head.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace() || !c.is_alphanumeric())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let start = if start == end && end > 0 {
                    self.byte_at(self.cursor - 1)
                } else {
                    start
                };
                let removed = self.text[start..end].chars().count();
                self.text.drain(start..end);
                self.cursor -= removed;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.chars().count(),
            KeyCode::Char(c) if !ctrl => self.insert_str(c.encode_utf8(&mut [0; 4])),
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Backspace => {}
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete => {}
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.chars().count(),
            _ => return false,
        }
        true
    }

    /// Text before the cursor, for placing the terminal cursor by display width.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.byte_at(self.cursor)]
    }
}

/// What was entered in a kind of prompt this session, oldest first, without repeats.
pub fn remember(history: &mut Vec<String>, text: &str) {
    if text.is_empty() {
        return;
    }
    history.retain(|t| t != text);
    history.push(text.to_string());
    // A session's worth; an unbounded list would only grow.
    if history.len() > 100 {
        history.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn a_reopened_prompt_is_replaced_by_typing_and_kept_by_a_cursor_move() {
        let mut e = LineEdit::reopened("湖南农民".into());
        assert!(e.selected);
        e.key(&k(KeyCode::Char('g')));
        assert_eq!((e.text.as_str(), e.cursor, e.selected), ("g", 1, false));

        let mut e = LineEdit::reopened("湖南".into());
        e.key(&k(KeyCode::End));
        e.key(&k(KeyCode::Char('省')));
        assert_eq!(e.text, "湖南省");

        let mut e = LineEdit::reopened("湖南".into());
        e.key(&k(KeyCode::Backspace));
        assert_eq!(e.text, "");

        let mut e = LineEdit::reopened("湖南".into());
        e.insert_str("矛盾");
        assert_eq!(e.text, "矛盾");
    }

    #[test]
    fn up_and_down_recall_the_history_newest_first() {
        let history = vec!["一".to_string(), "二".to_string()];
        let mut e = LineEdit::default();
        assert!(e.recall(&history, true));
        assert_eq!(e.text, "二");
        assert!(e.recall(&history, true));
        assert_eq!(e.text, "一");
        // Past the oldest it stays there.
        assert!(e.recall(&history, true));
        assert_eq!(e.text, "一");
        assert!(e.recall(&history, false));
        assert_eq!(e.text, "二");
        assert!(e.recall(&history, false));
        assert_eq!(e.text, "");
        assert!(!e.recall(&[], true));
    }
}
