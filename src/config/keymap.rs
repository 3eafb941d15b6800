//! Key bindings: which key does what, how keys are written in the config file, and the help table. Must not depend on ratatui or on any application state, so bindings can be built, overridden and tested without a terminal.
//!
//! One chord means one action everywhere: panes do not remap keys, so the help overlay built from
//! [`Keymap::help_entries`] is the whole truth. That is why the list filter has its own key (`f`)
//! instead of sharing `/` with search; an app that wants `/` to filter while the list has focus can
//! route [`Action::Search`] there itself.
//!
//! Terminal quirks the defaults are built around:
//! - Ctrl-i and Tab are the same byte on legacy terminals, and Tab must move focus, so
//!   `jump_forward` is on Ctrl-n (works everywhere) and also Ctrl-i (works where the terminal can
//!   tell them apart, e.g. with the kitty keyboard protocol).
//! - Ctrl plus a letter cannot carry Shift on legacy terminals, so `Ctrl-D` means `Ctrl-d`.
//! - Whether Shift is reported with `G` or `?` depends on the terminal, so a character chord never
//!   carries Shift: the character's case already says it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

pub use super::keys::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Interface language. Chinese comes first because the corpus and most readers are Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The name used in the config file.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The other language, for a one-key language switch.
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown language {s:?} (expected \"zh\" or \"en\")"))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Headings of the help overlay, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    General,
    Panes,
    Movement,
    Structure,
    Search,
    Bookmarks,
}

impl Group {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Group::General => lang.pick("通用", "General"),
            Group::Panes => lang.pick("窗格", "Panes"),
            Group::Movement => lang.pick("移动", "Movement"),
            Group::Structure => lang.pick("提纲与跳转", "Outline and jumps"),
            Group::Search => lang.pick("搜索与列表", "Search and list"),
            Group::Bookmarks => lang.pick("选择与书签", "Selection and bookmarks"),
        }
    }
}

// One row per action keeps name, group, help text and default keys from drifting apart; the
// order of rows is the order of the help overlay and of config.example.toml.
macro_rules! actions {
    ($($variant:ident $name:literal $group:ident [$($key:literal),*] $zh:literal $en:literal;)*) => {
        /// Everything the reader can be asked to do from the keyboard.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The stable snake_case name used in the config's `[keys]` table.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                }
            }

            pub fn group(self) -> Group {
                match self {
                    $(Action::$variant => Group::$group,)*
                }
            }

            pub fn description(self, lang: Lang) -> &'static str {
                match self {
                    $(Action::$variant => lang.pick($zh, $en),)*
                }
            }

            /// Built-in keys in config syntax, so defaults read exactly like the config file.
            pub fn default_keys(self) -> &'static [&'static str] {
                match self {
                    $(Action::$variant => &[$($key),*],)*
                }
            }
        }
    };
}

actions! {
    Quit "quit" General ["q", "Ctrl-c"] "退出（Ctrl-c 总是退出）" "Quit (Ctrl-c always quits)";
    Help "help" General ["?", "F1"] "显示或关闭帮助" "Show or close this help";
    Reload "reload" General ["R"] "重新载入文库" "Reload the corpus";
    SkippedFiles "skipped_files" General ["!"] "查看未能读取的文件" "Show files that could not be read";
    Redraw "redraw" General ["Ctrl-l"] "重画屏幕" "Redraw the screen";
    ToggleLanguage "toggle_language" General ["l"] "切换中英文界面（在帮助中）" "Switch the interface language (here)";
    FocusNext "focus_next" Panes ["Tab"] "焦点移到下一个窗格" "Focus the next pane";
    FocusPrev "focus_prev" Panes ["Shift-Tab"] "焦点移到上一个窗格" "Focus the previous pane";
    FocusList "focus_list" Panes ["1"] "焦点移到演讲列表" "Focus the speech list";
    FocusOutline "focus_outline" Panes ["2"] "焦点移到提纲" "Focus the outline";
    FocusReader "focus_reader" Panes ["3"] "焦点移到正文" "Focus the reading pane";
    ToggleList "toggle_list" Panes ["t", "F2"] "显示或隐藏演讲列表" "Show or hide the speech list";
    ToggleOutline "toggle_outline" Panes ["o", "F3"] "显示或隐藏提纲" "Show or hide the outline";
    Up "up" Movement ["k", "Up"] "上移一行（5k 上移五行）" "Move up (5k: five)";
    Down "down" Movement ["j", "Down"] "下移一行（5j 下移五行）" "Move down (5j: five)";
    LineDown "line_down" Movement ["Ctrl-e"] "正文向下滚一行" "Scroll the text one line down";
    LineUp "line_up" Movement ["Ctrl-y"] "正文向上滚一行" "Scroll the text one line up";
    HalfPageDown "half_page_down" Movement ["Ctrl-d", "d"] "向下翻半页" "Half a page down";
    HalfPageUp "half_page_up" Movement ["Ctrl-u", "u"] "向上翻半页" "Half a page up";
    PageDown "page_down" Movement ["Space", "Ctrl-f", "PageDown"] "向下翻一页" "Page down";
    PageUp "page_up" Movement ["b", "Ctrl-b", "PageUp"] "向上翻一页" "Page up";
    Top "top" Movement ["g", "Home"] "跳到开头" "Go to the top";
    Bottom "bottom" Movement ["G", "End"] "跳到末尾（30G 到第 30 段）" "Go to the bottom (30G: paragraph 30)";
    Percent "percent" Movement ["%"] "跳到百分比处（50%）" "Go to a percentage (50%)";
    GoTo "go_to" Movement [":"] "跳到段落（:段 12、:50%）" "Go to a paragraph (:12, :50%)";
    ScreenTop "screen_top" Movement ["H"] "光标到屏幕顶部" "Cursor to the top of the screen";
    ScreenMiddle "screen_middle" Movement ["M"] "光标到屏幕中间" "Cursor to the middle of the screen";
    ScreenBottom "screen_bottom" Movement ["L"] "光标到屏幕底部" "Cursor to the bottom of the screen";
    Center "center" Movement ["z"] "光标句移到屏幕中间（zz）" "Centre the cursor line (zz)";
    Open "open" Movement ["Enter"] "打开所选项" "Open the selected item";
    Back "back" Movement ["Esc"] "返回或取消" "Go back or cancel";
    NextHeading "next_heading" Structure ["]"] "下一个标题" "Next heading";
    PrevHeading "prev_heading" Structure ["["] "上一个标题" "Previous heading";
    NextTopHeading "next_top_heading" Structure ["}"] "下一个一级标题" "Next top-level heading";
    PrevTopHeading "prev_top_heading" Structure ["{"] "上一个一级标题" "Previous top-level heading";
    NextSentence "next_sentence" Structure [")"] "下一句" "Next sentence";
    PrevSentence "prev_sentence" Structure ["("] "上一句" "Previous sentence";
    JumpBack "jump_back" Structure ["Ctrl-o"] "跳回上一个位置" "Jump back to the previous place";
    JumpForward "jump_forward" Structure ["Ctrl-n", "Ctrl-i"] "跳到下一个位置" "Jump forward again";
    OutlineBrief "outline_brief" Structure ["O"] "提纲与纲目（标题加正文首句）切换" "Outline or brief (each heading with its first sentence)";
    CorpusOutline "corpus_outline" Structure ["T"] "列表中各篇的提纲（随筛选）" "Outlines of the speeches the list shows";
    MarkCompare "mark_compare" Structure ["c"] "标记本篇，用于对比提纲" "Mark this speech to compare outlines";
    Compare "compare" Structure ["C"] "与标记的演讲对比提纲" "Compare outlines with the marked speech";
    Filter "filter" Search ["f"] "筛选演讲列表" "Filter the speech list";
    Search "search" Search ["/"] "在本篇中搜索" "Search this speech";
    SearchNext "search_next" Search ["n"] "下一个匹配" "Next match";
    SearchPrev "search_prev" Search ["N"] "上一个匹配" "Previous match";
    CorpusSearch "corpus_search" Search ["F"] "在全部演讲中搜索" "Search all speeches";
    SearchScope "search_scope" Search ["Ctrl-t"] "切换搜索范围：全文、提纲、标题" "Search scope: text, outline, titles";
    Sort "sort" Search ["s"] "切换列表排序" "Change the list order";
    ToggleCopies "toggle_copies" Search ["x"] "展开或收起重复讲话的副本" "Expand or fold a duplicate speech's copies";
    Visual "visual" Bookmarks ["v"] "开始或结束选择" "Start or end a selection";
    Yank "yank" Bookmarks ["y"] "复制所选（未选则复制光标句）" "Copy the selection or cursor sentence";
    Bookmark "bookmark" Bookmarks ["m"] "添加书签" "Add a bookmark";
    Bookmarks "bookmarks" Bookmarks ["'", "B"] "打开书签列表" "Open the bookmarks list";
    EditNote "edit_note" Bookmarks ["e"] "编辑书签笔记（书签列表中）" "Edit the note (bookmarks list)";
    Delete "delete" Bookmarks ["d"] "删除书签（书签列表中）" "Delete the bookmark (bookmarks list)";
    Undo "undo" Bookmarks ["u"] "撤销删除（书签列表中）" "Undo a delete (bookmarks list)";
    FilterBookmarks "filter_bookmarks" Bookmarks ["f", "/"] "按 #标签 或文字筛选书签（书签列表中）" "Filter by #tag or text (bookmarks list)";
}

/// Where an action's keys act. A key does one thing per scope: the bookmarks list and the
/// help have a few keys of their own (`d` deletes a bookmark there, pages elsewhere), and
/// their own keys win there over the reader's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Reader,
    Help,
    BookmarkList,
}

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    pub fn scope(self) -> Scope {
        match self {
            Action::EditNote | Action::Delete | Action::Undo | Action::FilterBookmarks => {
                Scope::BookmarkList
            }
            Action::ToggleLanguage => Scope::Help,
            _ => Scope::Reader,
        }
    }
}

/// `Ctrl-c`: quits whatever `quit` is bound to, since in raw mode it is only a key and a
/// user pressing it means it.
pub fn is_interrupt(event: &KeyEvent) -> bool {
    KeyChord::from_event(event) == Some(KeyChord::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One key press as the keymap sees it: a key plus modifiers, normalised so that every way a
/// terminal may report the same press compares equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl KeyChord {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> KeyChord {
        let (code, modifiers) = normalise(code, modifiers);
        KeyChord { code, modifiers }
    }

    /// `None` for key releases, so a press is never handled twice on terminals that report both.
    pub fn from_event(event: &KeyEvent) -> Option<KeyChord> {
        match event.kind {
            KeyEventKind::Press | KeyEventKind::Repeat => {
                Some(KeyChord::new(event.code, event.modifiers))
            }
            KeyEventKind::Release => None,
        }
    }

    pub fn code(&self) -> KeyCode {
        self.code
    }

    pub fn modifiers(&self) -> KeyModifiers {
        self.modifiers
    }
}

fn normalise(code: KeyCode, mut modifiers: KeyModifiers) -> (KeyCode, KeyModifiers) {
    match code {
        KeyCode::BackTab => (KeyCode::BackTab, modifiers - KeyModifiers::SHIFT),
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
            (KeyCode::BackTab, modifiers - KeyModifiers::SHIFT)
        }
        KeyCode::Char(mut c) => {
            if modifiers.contains(KeyModifiers::SHIFT) {
                c = single_uppercase(c);
                modifiers -= KeyModifiers::SHIFT;
            }
            if modifiers.contains(KeyModifiers::CONTROL) {
                c = c.to_ascii_lowercase();
            }
            (KeyCode::Char(c), modifiers)
        }
        other => (other, modifiers),
    }
}

// Only a one-to-one case mapping is usable: "ß" upper-cases to two characters, which no key sends.
fn single_uppercase(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// One `[keys]` entry as written in the config. Spans are opaque byte ranges chosen by the caller
/// and handed back in [`OverrideError`], so this module needs to know nothing about files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub action: String,
    pub action_span: Range<usize>,
    pub keys: Vec<(String, Range<usize>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct OverrideError {
    /// The span of the offending action name or key, as given in the [`KeyOverride`].
    pub span: Range<usize>,
    pub message: String,
}

/// Which keys trigger which action. In each [`Scope`] a chord belongs to at most one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    keys: Vec<Vec<KeyChord>>,
    by_chord: HashMap<(Scope, KeyChord), Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        let keys = Action::ALL
            .iter()
            .map(|action| {
                // A test guarantees the built-in strings parse; skipping rather than panicking
                // keeps a typo from taking the whole reader down.
                action
                    .default_keys()
                    .iter()
                    .filter_map(|s| parse_key(s).ok())
                    .collect()
            })
            .collect();
        let mut keymap = Keymap {
            keys,
            by_chord: HashMap::new(),
        };
        keymap.reindex();
        keymap
    }
}

impl Keymap {
    fn reindex(&mut self) {
        self.by_chord.clear();
        for (&action, chords) in Action::ALL.iter().zip(&self.keys) {
            for &chord in chords {
                self.by_chord
                    .entry((action.scope(), chord))
                    .or_insert(action);
            }
        }
    }

    /// The reader's action for a key event; `None` for unbound keys and key releases.
    pub fn lookup(&self, event: &KeyEvent) -> Option<Action> {
        self.lookup_in(event, Scope::Reader)
    }

    /// The action for a key event where `scope` applies: its own keys first, then the
    /// reader's.
    pub fn lookup_in(&self, event: &KeyEvent, scope: Scope) -> Option<Action> {
        KeyChord::from_event(event).and_then(|chord| self.action_in(chord, scope))
    }

    /// The reader's action for a chord.
    pub fn action_for(&self, chord: KeyChord) -> Option<Action> {
        self.action_in(chord, Scope::Reader)
    }

    pub fn action_in(&self, chord: KeyChord, scope: Scope) -> Option<Action> {
        self.by_chord
            .get(&(scope, chord))
            .or_else(|| self.by_chord.get(&(Scope::Reader, chord)))
            .copied()
    }

    /// The keys of an action as a hint on screen shows them: the first one, or a word
    /// saying it has none (so a remapped key shows as remapped, an unbound one as unbound).
    pub fn hint(&self, action: Action, lang: Lang) -> String {
        match self.keys_for(action).first() {
            Some(k) => k.to_string(),
            None => lang.pick("（未绑定）", "(unbound)").to_string(),
        }
    }

    pub fn keys_for(&self, action: Action) -> &[KeyChord] {
        &self.keys[action as usize]
    }

    /// The keys of an action as the help overlay shows them, e.g. `j Down`.
    pub fn keys_display(&self, action: Action) -> String {
        let shown: Vec<String> = self
            .keys_for(action)
            .iter()
            .map(|k| k.to_string())
            .collect();
        shown.join(" ")
    }

    /// Gives `action` exactly `chords`, taking them away from whatever action of its scope had
    /// them, so a key never does two things.
    pub fn bind(&mut self, action: Action, chords: &[KeyChord]) {
        for (other, list) in Action::ALL.iter().zip(&mut self.keys) {
            if other.scope() == action.scope() {
                list.retain(|chord| !chords.contains(chord));
            }
        }
        let list = &mut self.keys[action as usize];
        list.clear();
        for &chord in chords {
            if !list.contains(&chord) {
                list.push(chord);
            }
        }
        self.reindex();
    }

    /// Applies the config's `[keys]` table: each listed action gets exactly the listed keys.
    /// Everything is checked before anything changes, so on error the keymap is untouched.
    pub fn apply_overrides(&mut self, overrides: &[KeyOverride]) -> Result<(), OverrideError> {
        self.apply_overrides_all(overrides)
            .map_err(|mut errors| errors.remove(0))
    }

    /// [`apply_overrides`](Self::apply_overrides), reporting every mistake (in file order)
    /// instead of the first; nothing is applied unless there is none. The conflicts the
    /// config wins are left out: [`apply_overrides_checked`](Self::apply_overrides_checked)
    /// returns them.
    pub fn apply_overrides_all(
        &mut self,
        overrides: &[KeyOverride],
    ) -> Result<(), Vec<OverrideError>> {
        self.apply_overrides_checked(overrides).map(|_| ())
    }

    /// Rows for the help overlay: (group heading, keys, description), in help order. Unbound
    /// actions are listed too, so a user who unbound one can still see that it exists.
    pub fn help_entries(&self, lang: Lang) -> Vec<(&'static str, String, &'static str)> {
        Action::ALL
            .iter()
            .map(|&action| {
                let mut keys = if self.keys_for(action).is_empty() {
                    lang.pick("（未绑定）", "(unbound)").to_string()
                } else {
                    self.keys_display(action)
                };
                let interrupt = KeyChord::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
                if action == Action::Quit && !self.keys_for(action).contains(&interrupt) {
                    keys.push_str(" Ctrl-c");
                }
                (action.group().label(lang), keys, action.description(lang))
            })
            .collect()
    }
}

fn unknown_action_message(name: &str) -> String {
    let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    let suggestion = names
        .iter()
        .map(|known| (edit_distance(name, known), *known))
        .filter(|&(distance, _)| distance <= 2)
        .min()
        .map(|(_, known)| format!("; did you mean {known:?}?"))
        .unwrap_or_default();
    format!(
        "unknown action {name:?}{suggestion} (expected one of: {})",
        names.join(", ")
    )
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

mod overrides;
mod syntax;
pub use overrides::OverrideWarning;
pub use syntax::parse_key;

#[cfg(test)]
mod tests;
