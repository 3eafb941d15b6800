//! tigang's own key and mouse event types: what the keymap and the app state understand,
//! translated from the terminal library's events at the edge (`crate::tui`), so that nothing
//! below the event loop depends on a terminal crate. Names follow crossterm's.

use std::ops::{BitOr, BitOrAssign, Sub, SubAssign};

/// A key, independent of modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    // In crossterm's order, so that sorting keys gives the same order as before.
    Backspace,
    Enter,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Tab,
    /// Shift+Tab, as terminals report it.
    BackTab,
    Delete,
    Insert,
    F(u8),
    Char(char),
    Esc,
    /// Any other key (media keys, lone modifiers, …): bound to nothing.
    Other,
}

/// A set of modifier keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct KeyModifiers(u8);

impl KeyModifiers {
    pub const NONE: KeyModifiers = KeyModifiers(0);
    pub const SHIFT: KeyModifiers = KeyModifiers(1);
    pub const CONTROL: KeyModifiers = KeyModifiers(1 << 1);
    pub const ALT: KeyModifiers = KeyModifiers(1 << 2);
    pub const SUPER: KeyModifiers = KeyModifiers(1 << 3);
    pub const HYPER: KeyModifiers = KeyModifiers(1 << 4);
    pub const META: KeyModifiers = KeyModifiers(1 << 5);

    /// Every modifier of `other` is held.
    pub const fn contains(self, other: KeyModifiers) -> bool {
        self.0 & other.0 == other.0
    }

    /// Any modifier of `other` is held.
    pub const fn intersects(self, other: KeyModifiers) -> bool {
        self.0 & other.0 != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl BitOr for KeyModifiers {
    type Output = KeyModifiers;
    fn bitor(self, rhs: KeyModifiers) -> KeyModifiers {
        KeyModifiers(self.0 | rhs.0)
    }
}

impl BitOrAssign for KeyModifiers {
    fn bitor_assign(&mut self, rhs: KeyModifiers) {
        self.0 |= rhs.0;
    }
}

impl Sub for KeyModifiers {
    type Output = KeyModifiers;
    fn sub(self, rhs: KeyModifiers) -> KeyModifiers {
        KeyModifiers(self.0 & !rhs.0)
    }
}

impl SubAssign for KeyModifiers {
    fn sub_assign(&mut self, rhs: KeyModifiers) {
        self.0 &= !rhs.0;
    }
}

/// Whether a key went down, repeats while held, or came up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyEventKind {
    Press,
    Repeat,
    Release,
}

/// One key event from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyEvent {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub kind: KeyEventKind,
}

impl KeyEvent {
    /// A key press.
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MouseButton {
    Left,
    Right,
    Middle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MouseEventKind {
    Down(MouseButton),
    Up(MouseButton),
    Drag(MouseButton),
    Moved,
    ScrollDown,
    ScrollUp,
    ScrollLeft,
    ScrollRight,
}

/// One mouse event at a screen cell (0-based column and row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MouseEvent {
    pub kind: MouseEventKind,
    pub column: u16,
    pub row: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifier_sets() {
        let m = KeyModifiers::CONTROL | KeyModifiers::SHIFT;
        assert!(m.contains(KeyModifiers::CONTROL) && m.contains(KeyModifiers::SHIFT));
        assert!(!m.contains(KeyModifiers::CONTROL | KeyModifiers::ALT));
        assert!(m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT));
        assert_eq!(m - KeyModifiers::SHIFT, KeyModifiers::CONTROL);
        assert!(KeyModifiers::NONE.is_empty() && KeyModifiers::NONE.contains(KeyModifiers::NONE));
    }
}
