//! Numbered levels (spec §7.1): where a numbered line goes in the stack of open levels,
//! list blocks and summaries that close a level, and the numbering checks.

use std::ops::Range;

use super::*;

/// How much a numbered paragraph looks like a heading line of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Alone {
    No,
    /// Short, and its heading text runs to the paragraph's end.
    Line,
    /// And a single clause, like a title (`二、做好民生工作`).
    TitleLike,
}

/// Bracketed or circled digits are as often footnotes as items: they never skip numbers or
/// open a list anywhere but at 1.
fn strict(form: Form) -> bool {
    matches!(
        form,
        Form::DigitParen | Form::DigitClose | Form::Circled | Form::DigitSpace
    )
}

/// Open numbered levels at most: deeper is no outline a reader can use.
const MAX_LEVELS: usize = 12;

impl Engine<'_> {
    /// The count announced before a list that opens at byte `at`, read once.
    pub(super) fn announced(&mut self, at: usize) -> Option<u32> {
        let from = self.announce_from.take()?;
        let before = self.text.get(from..at)?.trim_end();
        // An announcement is a finished clause: `我讲三点意见。`, `有以下四个方面：`.
        if !before.ends_with(['。', '：', ':', '，', '；']) {
            return None;
        }
        announced_count(before)
    }

    /// Text the site left out may hold items: an announced count can no longer be checked.
    pub(super) fn gap_in_open_lists(&mut self) {
        for l in &mut self.levels {
            l.announced = None;
        }
        for q in &mut self.seqs {
            q.announced = None;
        }
    }

    pub(super) fn close_levels_from(&mut self, k: usize) {
        for l in self.levels.drain(k..) {
            if let Some(a) = l.announced {
                count_check(&mut self.checks, a, l.items, l.first);
            }
        }
    }

    /// Where a numbered line of `form` and number `n` goes: Some(level index to continue) or
    /// None to open a new level; Err when it is no heading. Also says whether numbers were
    /// skipped.
    pub(super) fn place(
        &self,
        form: Form,
        n: u32,
        initial: bool,
        standalone: Alone,
    ) -> Result<(Option<usize>, bool), ()> {
        let (standalone, title_like) = (standalone != Alone::No, standalone == Alone::TitleLike);
        // Continuation by the next number, at any depth, innermost first.
        if let Some(k) = self
            .levels
            .iter()
            .rposition(|l| l.form == form && l.md.is_none() && l.last + 1 == n)
        {
            return Ok((Some(k), false));
        }
        if n == 1 {
            // Inside a paragraph a list of a form already open is an inline enumeration.
            if !initial && self.levels.iter().any(|l| l.form == form) {
                return Err(());
            }
            // `一、甲…一、乙`: a second list right after a first one-item list of its form is
            // its sibling, not nested in it (a restart nests under `二、`, not under `一、`).
            // The depth is bounded too, so hostile text cannot build a stack per line.
            let k = self.levels.len().wrapping_sub(1);
            let replace = self.levels.last().is_some_and(|l| {
                l.md.is_none() && ((l.form == form && l.last == 1) || k + 1 >= MAX_LEVELS)
            });
            return Ok((replace.then_some(k), false));
        }
        let top = self
            .levels
            .iter()
            .rposition(|l| l.form == form && l.md.is_none());
        if let Some(k) = top {
            let last = self.levels[k].last;
            if self.after_gap && n > last {
                return Ok((Some(k), false));
            }
            // A skipped number (一、 → 三、) on a line of its own: kept, and flagged.
            if initial && standalone && !strict(form) && n > last + 1 && n <= last + 3 {
                return Ok((Some(k), true));
            }
        } else if initial && (self.after_gap || (title_like && !strict(form))) {
            // After a gap numbers are expected to be missing; an excerpt may start at `二、`;
            // chapters may number on through a new part. A heading line of its own is a
            // heading even so — a stray number in prose is neither short nor alone.
            return Ok((None, false));
        }
        Err(())
    }

    /// A numbered heading at byte `at` with its text range; returns its index.
    pub(super) fn numbered(
        &mut self,
        para: usize,
        at: usize,
        offset: usize,
        m: Numbered,
        text: Range<usize>,
    ) {
        let (mut cont, skipped) = m.place;
        self.close_seqs_from(0);
        // Placed on a level with a `1`: that level's list ends and a new one takes its place.
        if let Some(k) = cont.filter(|_| m.number == 1) {
            self.close_levels_from(k);
            cont = None;
        }
        let idx_new = self.out.len();
        let parent;
        match cont {
            Some(k) => {
                self.close_levels_from(k + 1);
                let l = &mut self.levels[k];
                if skipped {
                    self.checks.push(Check {
                        heading: idx_new,
                        kind: CheckKind::Skipped {
                            expected: l.last + 1,
                        },
                    });
                }
                l.last = m.number;
                l.idx = idx_new;
                l.items += 1;
                l.body = false;
                parent = if k == 0 {
                    None
                } else {
                    Some(self.levels[k - 1].idx)
                };
            }
            None => {
                parent = self.parent();
                let announced = self.announced(at);
                self.levels.push(Level {
                    form: m.form,
                    last: m.number,
                    idx: idx_new,
                    md: None,
                    items: 1,
                    body: false,
                    all_bare: true,
                    announced,
                    first: idx_new,
                });
            }
        }
        self.after_gap = false;
        self.push(Heading {
            kind: HeadingKind::Structural { form: m.form },
            depth: 0,
            number: m.number,
            para,
            offset,
            marker: at..at + m.len,
            text,
            parent,
            label: None,
        });
    }

    /// A Markdown heading; `next_short` is the line after it, the text of a bare `## 一`.
    pub(super) fn markdown(
        &mut self,
        para: usize,
        level: u8,
        pstart: usize,
        s: &str,
        next_short: Option<Range<usize>>,
    ) -> bool {
        let numbered = numbered_at(s, true);
        let (form, number, marker, text_at) = match numbered {
            Some(n) if !n.bare || next_short.is_some() => (n.form, n.number, 0..n.len, n.text_at),
            _ => (Form::Markdown(level), 0, 0..0, 0),
        };
        let tr = text_range(s, text_at, is_heading_text_end);
        let text = match (numbered, next_short) {
            (Some(n), Some(next)) if n.bare => next,
            _ => pstart + tr.start..pstart + tr.end,
        };
        // `## ` or `## ，`: a heading mark with nothing to name.
        if text.is_empty() {
            return false;
        }
        self.close_seqs_from(0);
        while let Some(l) = self.levels.last() {
            if l.md.is_some_and(|m| m < level) {
                break;
            }
            let k = self.levels.len() - 1;
            self.close_levels_from(k);
        }

        let idx = self.out.len();
        let parent = self.parent();
        self.levels.push(Level {
            form,
            last: number,
            idx,
            md: Some(level),
            items: 1,
            body: false,
            all_bare: false,
            announced: None,
            first: idx,
        });
        self.after_gap = false;
        self.push(Heading {
            kind: HeadingKind::Structural { form },
            depth: 0,
            number,
            para,
            offset: 0,
            marker: pstart + marker.start..pstart + marker.end,
            text,
            parent,
            label: None,
        });
        true
    }

    /// A body paragraph with no heading of its own: it closes a list block, or gives the
    /// innermost item a body; a summary (`上述三项任务…`) closes the list it sums up.
    pub(super) fn body_paragraph(&mut self, s: &str) {
        let depth = self.levels.len();
        let Some(top) = self.levels.last_mut() else {
            return;
        };
        // A list block (one-sentence items, no body between) ends at the first paragraph
        // that is no item; a summary closes the list it counts.
        let list_block = top.all_bare && !top.body;
        let summed = top.body
            && summary(s).is_some_and(|count| match count {
                Some(n) => n == top.items,
                None => depth >= 2,
            });
        if top.md.is_none() && top.items >= 2 && (list_block || summed) {
            let k = self.levels.len() - 1;
            self.close_levels_from(k);
        } else {
            top.body = true;
            top.all_bare = false;
        }
    }
}

/// A recognised numbering form with where it goes in the level stack.
#[derive(Clone, Copy)]
pub(super) struct Numbered {
    pub(super) form: Form,
    pub(super) number: u32,
    pub(super) len: usize,
    pub(super) place: (Option<usize>, bool),
}

impl From<crate::corpus::numbering::Numbered> for Numbered {
    fn from(n: crate::corpus::numbering::Numbered) -> Self {
        Numbered {
            form: n.form,
            number: n.number,
            len: n.len,
            place: (None, false),
        }
    }
}

pub(super) fn count_check(checks: &mut Vec<Check>, announced: u32, found: u32, heading: usize) {
    if announced != found {
        checks.push(Check {
            heading,
            kind: CheckKind::Count { announced, found },
        });
    }
}

/// `上述三项任务…`, `以上讲的五个问题…`, `总之…`: a paragraph that sums up a list before it.
/// Some(count) when it names how many items it sums up, Some(None) when it names none.
fn summary(s: &str) -> Option<Option<u32>> {
    const WORDS: [&str; 10] = [
        "以上",
        "上述",
        "综上",
        "总之",
        "总而言之",
        "总的来说",
        "綜上",
        "總之",
        "總而言之",
        "總的來說",
    ];
    // This runs for every body paragraph: bytes settle most before any char is decoded. The
    // address below ends within 8 chars, so within 32 bytes.
    let b = s.as_bytes();
    let head = &b[..b.len().min(32)];
    let opens = ["以", "上", "综", "总", "綜", "總"]
        .iter()
        .any(|w| b.starts_with(w.as_bytes()));
    // `！` is EF BC 81; EF is rare in Chinese text (full-width forms only).
    let bang =
        || memchr::memchr_iter(0xEF, head).any(|i| head.get(i + 1..i + 3) == Some(&[0xBC, 0x81]));
    if !opens && !head.contains(&b'!') && !bang() {
        return None;
    }
    // `各位代表！以上…`: an address first.
    let address = s
        .char_indices()
        .take(8)
        .find(|&(_, c)| c == '！' || c == '!');
    let s = match address {
        Some((i, _)) => &s[i..],
        None => s,
    };
    let s = s.trim_start_matches(['！', '!']).trim_start();
    if !s.starts_with(['以', '上', '综', '总', '綜', '總']) {
        return None;
    }
    let rest = WORDS.iter().find_map(|p| s.strip_prefix(p))?;
    // The count, if any, comes within the first few characters: `以上讲的五个问题`.
    let head = rest.char_indices().nth(6).map_or(rest, |(i, _)| &rest[..i]);
    let count = head.char_indices().find_map(|(i, c)| {
        if !is_cn_numeral_char(c) {
            return None;
        }
        let (n, l) = cn_numeral(&head[i..])?;
        head[i + l..]
            .starts_with(['个', '项', '点', '条', '方', '個', '項', '點', '條'])
            .then_some(n)
    });
    Some(count)
}

/// A count announced for the list that follows: `我讲三点意见`, `从以下四个方面来看：`,
/// `抓好八个方面工作：`.
fn announced_count(s: &str) -> Option<u32> {
    const TAIL_BYTES: usize = 3 * 16;
    // Simplified and Traditional (`我講三個問題`): a speech is written in either.
    const NOUNS: [&str; 11] = [
        "点",
        "个方面",
        "方面",
        "个问题",
        "件事",
        "项任务",
        "點",
        "個方面",
        "個問題",
        "項任務",
        "個",
    ];
    const VERBS: [&str; 13] = [
        "讲", "谈", "以下", "抓好", "做好", "提", "从", "有", "这么", "講", "談", "從", "這麼",
    ];
    // Only the paragraph's last words announce what follows it (`我讲三点意见：`).
    let mut tail_from = s.len().saturating_sub(TAIL_BYTES);
    while !s.is_char_boundary(tail_from) {
        tail_from += 1;
    }
    let tail = &s[tail_from..];
    // The last UTF-8 bytes of 点 方 项 (B9), 个 (AA), 件 (B6), 點 (9E), 個 (8B), 項 (85):
    // without one, no count noun.
    let b = tail.as_bytes();
    memchr::memchr3(0xB9, 0xAA, 0xB6, b).or_else(|| memchr::memchr3(0x9E, 0x8B, 0x85, b))?;
    let mut found = None;
    for (i, c) in tail.char_indices() {
        if !is_cn_numeral_char(c) || c == '十' && i > 0 && tail[..i].ends_with('第') {
            continue;
        }
        let Some((n, l)) = cn_numeral(&tail[i..]) else {
            continue;
        };
        let after = &tail[i + l..];
        if !after.starts_with(['点', '个', '方', '件', '项', '點', '個', '項']) {
            continue;
        }
        let before = &tail[..i];
        if NOUNS.iter().any(|w| after.starts_with(w))
            && VERBS.iter().any(|v| before.ends_with(v))
            && n >= 2
        {
            found = Some(n);
        }
    }
    found
}
