//! Searching many speeches at once: the first hits and the counts of all, cancellable between
//! and inside documents so that a new keystroke stops a running search promptly.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::query::{next_boundary, Query};

/// How much of one document [`search_many`] scans between cancel checks.
const CHUNK_BYTES: usize = 4 << 20;

/// One match in a corpus-wide search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The caller's document id, as passed to [`search_many`].
    pub doc: usize,
    pub range: Range<usize>,
}

/// What [`search_many`] found before it finished or was cancelled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchOutcome {
    /// The first `limit` hits, in document order, then text order.
    pub hits: Vec<Hit>,
    /// Every non-overlapping match seen, including those past `limit`.
    pub total: usize,
    /// Documents with at least one match.
    pub docs_matched: usize,
    /// Documents searched completely.
    pub docs_done: usize,
    /// Stopped by the cancel flag; the counts cover what was searched.
    pub cancelled: bool,
}

impl SearchOutcome {
    /// More matches exist than `hits` holds.
    pub fn is_capped(&self) -> bool {
        self.total > self.hits.len()
    }
}

/// Searches many documents, keeping the first `limit` hits and counting the
/// rest. `cancel` is checked before each document and every 4 MiB inside
/// large ones, so a new keystroke stops a running search promptly;
/// `progress` gets the number of documents done after each one.
///
/// Large documents are scanned in chunks that end at line breaks (a
/// document without any is one chunk), so in regex mode a match spanning a
/// line break at a chunk boundary may be missed; literal matches never span
/// line breaks and are all found.
pub fn search_many<'a>(
    query: &Query,
    docs: impl Iterator<Item = (usize, &'a str)>,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize),
    limit: usize,
) -> SearchOutcome {
    search_chunked(
        query,
        docs,
        &mut || cancel.load(Ordering::Relaxed),
        progress,
        limit,
        CHUNK_BYTES,
    )
}

fn search_chunked<'a>(
    query: &Query,
    docs: impl Iterator<Item = (usize, &'a str)>,
    stop: &mut dyn FnMut() -> bool,
    progress: &mut dyn FnMut(usize),
    limit: usize,
    chunk_bytes: usize,
) -> SearchOutcome {
    let mut out = SearchOutcome::default();
    for (doc, text) in docs {
        let before = out.total;
        let mut from = 0;
        loop {
            if stop() {
                out.cancelled = true;
                return out;
            }
            let to = chunk_end(text, from, chunk_bytes);
            // The haystack keeps everything before `from`, so look-behind
            // (`\b`, `^`) sees the real context.
            let hay = &text[..to];
            let mut at = from;
            while let Some(m) = query.re.find_at(hay, at) {
                if m.is_empty() {
                    match next_boundary(hay, m.start()) {
                        Some(next) => at = next,
                        None => break,
                    }
                    continue;
                }
                out.total += 1;
                if out.hits.len() < limit {
                    out.hits.push(Hit {
                        doc,
                        range: m.range(),
                    });
                }
                at = m.end();
            }
            if to == text.len() {
                break;
            }
            from = to;
        }
        if out.total > before {
            out.docs_matched += 1;
        }
        out.docs_done += 1;
        progress(out.docs_done);
    }
    out
}

/// End of the chunk starting at `from`: just after the first line break at
/// least `chunk_bytes` in, or the end of the text.
fn chunk_end(text: &str, from: usize, chunk_bytes: usize) -> usize {
    let target = from.saturating_add(chunk_bytes.max(1));
    if target >= text.len() {
        return text.len();
    }
    match memchr::memchr(b'\n', &text.as_bytes()[target..]) {
        Some(i) => target + i + 1,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(input: &str) -> Query {
        Query::parse(input).unwrap().unwrap()
    }

    #[test]
    fn search_many_limits_and_counts() {
        let docs = ["一岗双责", "无", "一岗双责一岗双责", "一岗双责"];
        let query = q("一岗双责");
        let cancel = AtomicBool::new(false);
        let mut seen = Vec::new();
        let out = search_many(
            &query,
            docs.iter().copied().enumerate(),
            &cancel,
            &mut |n| seen.push(n),
            2,
        );
        assert_eq!(
            out.hits,
            [
                Hit {
                    doc: 0,
                    range: 0..12
                },
                Hit {
                    doc: 2,
                    range: 0..12
                }
            ]
        );
        assert_eq!((out.total, out.docs_matched, out.docs_done), (4, 3, 4));
        assert!(out.is_capped() && !out.cancelled);
        assert_eq!(seen, [1, 2, 3, 4]);
    }

    #[test]
    fn cancel_stops_search_many() {
        let docs = vec!["甲"; 100];
        let query = q("甲");
        let cancel = AtomicBool::new(false);
        let out = search_many(
            &query,
            docs.iter().copied().enumerate(),
            &cancel,
            &mut |n| {
                if n == 3 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            usize::MAX,
        );
        assert!(out.cancelled);
        assert_eq!((out.docs_done, out.total), (3, 3));

        let out = search_many(
            &query,
            docs.iter().copied().enumerate(),
            &cancel,
            &mut |_| {},
            10,
        );
        assert!(out.cancelled);
        assert_eq!(out.docs_done, 0);
    }

    #[test]
    fn cancel_inside_a_large_document() {
        let doc = "一岗双责。\n".repeat(1000);
        let query = q("一岗双责");
        let mut checks = 0;
        let out = search_chunked(
            &query,
            std::iter::once((7, doc.as_str())),
            &mut || {
                checks += 1;
                checks > 3
            },
            &mut |_| {},
            usize::MAX,
            100,
        );
        assert!(out.cancelled);
        assert_eq!(out.docs_done, 0);
        assert!(out.total > 0 && out.total < 1000, "{}", out.total);
    }

    #[test]
    fn chunked_search_finds_what_find_iter_finds() {
        let doc = "说一岗双责。\n一岗 双责\n\n一岗\u{3000}双责末".repeat(50);
        for query in ["一岗 双责", "re:双责$", "re:^一", "。"] {
            let query = q(query);
            let whole: Vec<_> = query.find_iter(&doc).collect();
            let out = search_chunked(
                &query,
                std::iter::once((0, doc.as_str())),
                &mut || false,
                &mut |_| {},
                usize::MAX,
                37,
            );
            let chunked: Vec<_> = out.hits.into_iter().map(|h| h.range).collect();
            assert_eq!(chunked, whole, "{}", query.pattern());
        }
    }
}
