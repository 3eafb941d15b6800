//! What the help overlay says — the live keymap, then the symbols, the search syntax, the
//! status bar and where the files live — and how far it scrolls (never past its end). The
//! overlay's geometry is here too, so scrolling and drawing agree. State only.

use super::{App, Overlay};

/// A row of the help: (keys or symbol, what it means, is a group heading).
pub type HelpLine = (String, String, bool);

/// Widest the overlays get; the help goes to two columns from this inner width on.
pub const OVERLAY_WIDTH: u16 = 112;
pub const TWO_COLUMNS: usize = 90;

impl App {
    /// Rows of the help overlay, grouped as the keymap groups its actions, then the notes.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut out: Vec<HelpLine> = Vec::new();
        let mut group = "";
        for (g, keys, desc) in self.keymap.help_entries(self.lang) {
            if g != group {
                if !group.is_empty() {
                    out.push((String::new(), String::new(), false));
                }
                out.push((g.to_string(), String::new(), true));
                group = g;
            }
            out.push((keys, desc.to_string(), false));
        }
        let row = |a: &str, b: String| (a.to_string(), b, false);
        let head = |t: String| (t, String::new(), true);
        let gap = || (String::new(), String::new(), false);
        out.push(gap());
        out.push(head(self.t("数字", "Counts")));
        out.push(row(
            "5j 30G",
            self.t(
                "先按数字：重复几次，或到第几段（单按 1 2 3 切换窗格）",
                "digits first: repeat, or go to that paragraph (a lone 1 2 3 switches panes)",
            ),
        ));
        out.push(gap());
        out.push(head(self.t("符号", "Symbols")));
        for (sym, zh, en) in [
            ("▸", "列表中：正在阅读的讲话", "list: the speech being read"),
            (
                "▶",
                "提纲中：正文所在的标题",
                "outline: the heading the text is in",
            ),
            (
                "▌",
                "有书签（提纲和正文左侧）",
                "bookmarked (outline, text margin)",
            ),
            (
                "未完",
                "文本不完整（网站截去了部分）",
                "the text is incomplete (the site cut part)",
            ),
            (
                "⚠",
                "编号可疑（跳号、数目不符），状态栏说明",
                "numbering to check; the status bar says why",
            ),
            (
                "〔目录〕",
                "目录列出而正文缺失的标题",
                "in the contents, missing from the body",
            ),
        ] {
            let sym = match (sym, self.lang) {
                ("未完", crate::config::keymap::Lang::En) => "part",
                ("〔目录〕", crate::config::keymap::Lang::En) => "[contents]",
                (s, _) => s,
            };
            out.push(row(sym, self.t(zh, en)));
        }
        out.push(gap());
        out.push(head(self.t("搜索写法", "Search syntax")));
        out.push(row(
            "文字",
            self.t(
                "按字面查找；全角半角、大小写、中英文引号视为相同",
                "literal; full/half width, case and quotes fold together",
            ),
        ));
        out.push(row(
            "re:…",
            self.t(
                "正则表达式，如 re:一是.*二是",
                "a regular expression, as in re:一是.*二是",
            ),
        ));
        out.push(row(
            "a b",
            self.t(
                "筛选列表时：每个词都要出现",
                "filtering the list: every word must match",
            ),
        ));
        out.push(gap());
        out.push(head(self.t("状态栏", "Status bar")));
        for (k, zh, en) in [
            (
                "段 x/y",
                "第几段／共几段（不计目录等附属文字）",
                "paragraph x of y (body text only)",
            ),
            ("0–100%", "读到全文的位置", "how far through the text"),
            (
                "字 分钟",
                "字数和大约的阅读时间",
                "characters and about how long to read",
            ),
            ("N 跳过", "未能读取的文件数", "files that could not be read"),
        ] {
            let k = match (k, self.lang) {
                ("段 x/y", crate::config::keymap::Lang::En) => "¶ x/y",
                ("字 分钟", crate::config::keymap::Lang::En) => "chars min",
                ("N 跳过", crate::config::keymap::Lang::En) => "N skipped",
                (k, _) => k,
            };
            out.push(row(k, self.t(zh, en)));
        }
        out.push(gap());
        out.push(head(self.t("文件", "Files")));
        let shown = |p: Option<&std::path::Path>| {
            p.map_or_else(|| self.t("（无）", "(none)"), |p| p.display().to_string())
        };
        out.push(row(
            &self.t("配置", "config"),
            shown(self.config_path.as_deref()),
        ));
        out.push(row(
            &self.t("书签", "bookmarks"),
            shown(self.store.as_ref().map(|s| s.path())),
        ));
        out.push(row(
            &self.t("阅读位置", "positions"),
            shown(self.state.as_ref().map(|s| s.path())),
        ));
        out
    }

    /// The help's columns as ranges of its lines: split at the group heading that evens
    /// them out best when there is room for two (the blank row before it left out).
    pub fn help_columns(lines: &[HelpLine], inner_width: usize) -> [std::ops::Range<usize>; 2] {
        let n = lines.len();
        let split = (1..n)
            .filter(|&i| lines[i].2 && inner_width >= TWO_COLUMNS)
            .min_by_key(|&i| i.max(n - i))
            .unwrap_or(n);
        let left_end = if split < n && lines[split - 1].0.is_empty() {
            split - 1
        } else {
            split
        };
        [0..left_end, split..n]
    }

    /// The inner size of an overlay: centred, at most [`OVERLAY_WIDTH`] wide, two rows
    /// shorter than the terminal, inside a border.
    pub fn overlay_inner(&self) -> (usize, usize) {
        let (w, h) = self.size;
        let outer_w = w.min(OVERLAY_WIDTH);
        let outer_h = h.saturating_sub(2).max(3).min(h);
        (
            usize::from(outer_w.saturating_sub(2)),
            usize::from(outer_h.saturating_sub(2)),
        )
    }

    /// The furthest the open overlay scrolls: its last row at the bottom, not past it.
    pub(super) fn overlay_max_scroll(&self) -> u16 {
        let (width, height) = self.overlay_inner();
        let rows = match self.overlay {
            Some(Overlay::Help) => {
                let [left, right] = Self::help_columns(&self.help_lines(), width);
                left.len().max(right.len())
            }
            Some(Overlay::Skipped) => self.corpus.skipped.len().max(1),
            _ => 0,
        };
        u16::try_from(rows.saturating_sub(height)).unwrap_or(u16::MAX)
    }

    /// Opening the help the first time retires the first-start hint, for good.
    pub(super) fn help_opened(&mut self) {
        if !self.help_seen {
            self.help_seen = true;
            if let Some(st) = &mut self.state {
                st.set_help_seen();
            }
        }
    }
}
