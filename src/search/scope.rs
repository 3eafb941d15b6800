//! Search scopes: 全文 (the text), 提纲 (headings and points only) and 标题 (titles). The two
//! narrow scopes search a compact index of the corpus's headings or titles, so that a 提纲
//! search reads a few megabytes of heading text instead of the whole corpus.

use std::sync::atomic::{AtomicBool, Ordering};

use super::corpus::{Hit, SearchOutcome};
use super::Query;
use crate::corpus::Speech;

/// What a corpus search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every speech's searchable text.
    #[default]
    Text,
    /// Headings and points (marker and text), nothing of the prose under them.
    Outline,
    /// Display titles.
    Titles,
}

impl Scope {
    /// The order the scope key cycles through.
    pub fn next(self) -> Scope {
        match self {
            Scope::Text => Scope::Outline,
            Scope::Outline => Scope::Titles,
            Scope::Titles => Scope::Text,
        }
    }

    pub fn label(self, english: bool) -> &'static str {
        match (self, english) {
            (Scope::Text, false) => "全文",
            (Scope::Outline, false) => "提纲",
            (Scope::Titles, false) => "标题",
            (Scope::Text, true) => "text",
            (Scope::Outline, true) => "outline",
            (Scope::Titles, true) => "titles",
        }
    }
}

/// One indexed heading or title: where its copy starts in the index, whose it is and where
/// its text starts in the speech (headings) or in the display title (titles: 0).
#[derive(Debug, Clone, Copy)]
struct Entry {
    at: usize,
    len: usize,
    doc: usize,
    src: usize,
}

/// The headings (or the titles) of many speeches, one per line of one string.
#[derive(Debug, Clone, Default)]
pub struct ScopeIndex {
    text: String,
    entries: Vec<Entry>,
}

/// Matches checked between two looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

impl ScopeIndex {
    /// Every heading's marker and text as written (a bare numeral's text on the next line
    /// included, its line break kept as a space so byte offsets still map to the speech).
    pub fn headings(speeches: &[Speech]) -> ScopeIndex {
        let mut ix = ScopeIndex::default();
        for (doc, s) in speeches.iter().enumerate() {
            for h in &s.headings {
                let start = h.marker.start.min(h.text.start);
                let end = h.text.end.max(h.marker.end);
                ix.push(doc, start, &s.text[start..end]);
            }
        }
        ix
    }

    /// Every speech's display title; hit ranges are then into that title.
    pub fn titles(speeches: &[Speech]) -> ScopeIndex {
        let mut ix = ScopeIndex::default();
        for (doc, s) in speeches.iter().enumerate() {
            ix.push(doc, 0, &s.display_title());
        }
        ix
    }

    fn push(&mut self, doc: usize, src: usize, text: &str) {
        let at = self.text.len();
        // Same byte length, so an offset into the copy is an offset into the original.
        self.text
            .extend(text.chars().map(|c| if c == '\n' { ' ' } else { c }));
        self.text.push('\n');
        self.entries.push(Entry {
            at,
            len: text.len(),
            doc,
            src,
        });
    }

    /// Number of headings (or titles) indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Searches the index: hits in document order (`doc` as in the speeches indexed), their
    /// ranges into the speech's text (headings) or its display title (titles). A match that
    /// runs from one entry into the next (a regex across the line break) is not a hit.
    pub fn search(&self, query: &Query, cancel: &AtomicBool, limit: usize) -> SearchOutcome {
        let mut out = SearchOutcome::default();
        let docs = self.entries.last().map_or(0, |e| e.doc + 1);
        let mut last_doc = None;
        for (n, m) in query.find_iter(&self.text).enumerate() {
            if n % CANCEL_EVERY == CANCEL_EVERY - 1 && cancel.load(Ordering::Relaxed) {
                out.cancelled = true;
                out.docs_done = last_doc.unwrap_or(0);
                return out;
            }
            let i = self.entries.partition_point(|e| e.at <= m.start) - 1;
            let e = self.entries[i];
            if m.end > e.at + e.len {
                continue;
            }
            out.total += 1;
            if last_doc != Some(e.doc) {
                out.docs_matched += 1;
                last_doc = Some(e.doc);
            }
            if out.hits.len() < limit {
                let from = e.src + (m.start - e.at);
                out.hits.push(Hit {
                    doc: e.doc,
                    range: from..from + m.len(),
                });
            }
        }
        out.docs_done = docs;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Query {
        Query::parse(s).unwrap().unwrap()
    }

    fn speeches() -> Vec<Speech> {
        vec![
            Speech::parse(
                "a",
                "作风建设讲话\n\n一、加强作风建设\n作风建设是永恒课题。\n二、改进文风会风\n具体要求：一是精简文件，减少发文；二是改进会风，开短会。",
            ),
            Speech::parse("b", "另一篇\n\n正文谈作风建设，没有标题。"),
        ]
    }

    #[test]
    fn outline_scope_finds_headings_and_points_not_prose() {
        let sp = speeches();
        let ix = ScopeIndex::headings(&sp);
        let cancel = AtomicBool::new(false);
        let out = ix.search(&q("作风建设"), &cancel, 100);
        assert_eq!((out.total, out.docs_matched), (1, 1));
        let h = &out.hits[0];
        let s = &sp[h.doc];
        assert_eq!(&s.text[h.range.clone()], "作风建设");
        assert_eq!(
            s.heading_label(s.heading_at(h.range.start).unwrap()),
            "一、加强作风建设"
        );
        // A point's marker and text are indexed too.
        let out = ix.search(&q("二是"), &cancel, 100);
        assert_eq!(out.total, 1);
        let h = &out.hits[0];
        assert_eq!(&sp[0].text[h.range.clone()], "二是");
        // The full-text count is larger: the prose mentions it again.
        assert_eq!(q("作风建设").count(sp[0].searchable()), 3);
    }

    #[test]
    fn titles_scope_and_limits() {
        let sp = speeches();
        let ix = ScopeIndex::titles(&sp);
        let cancel = AtomicBool::new(false);
        let out = ix.search(&q("篇"), &cancel, 100);
        assert_eq!(out.hits.len(), 1);
        assert_eq!(out.hits[0].doc, 1);
        assert_eq!(&sp[1].display_title()[out.hits[0].range.clone()], "篇");
        let out = ix.search(&q("讲"), &cancel, 0);
        assert_eq!((out.total, out.hits.len(), out.docs_done), (1, 0, 2));
    }

    #[test]
    fn a_regex_does_not_run_across_two_entries() {
        let sp = speeches();
        let ix = ScopeIndex::headings(&sp);
        let cancel = AtomicBool::new(false);
        let out = ix.search(&q(r"re:设\s二"), &cancel, 100);
        assert_eq!(out.total, 0);
        // One heading a line: `^` anchors at each heading's start.
        let out = ix.search(&q("re:^二、"), &cancel, 100);
        assert_eq!(out.total, 1);
    }
}
