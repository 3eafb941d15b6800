//! Corpus search while the corpus is still loading: a speech the load has not parsed yet is
//! read from its file and tested by the raw-byte prefilter of `tigang search`
//! ([`Grep::may_match`]); only a file that may match is parsed, as the load would parse it,
//! and searched. The hits stream out in corpus order with the speeches they are in, so the
//! results show at once and can be opened before the load ends.

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use encoding_rs::Encoding;

use super::corpus::{search_many, SearchOutcome};
use super::files::{Grep, Mode};
use super::Query;
use crate::corpus::load;
use crate::corpus::Speech;

/// Time between two reports after the first: often enough to look live, seldom enough that
/// copying the hits so far costs nothing.
const EVERY: Duration = Duration::from_millis(40);

/// Text the speeches parsed for listed hits may hold together: past it, further hits are
/// counted but not listed (as past the hit limit), so a query found in every file does not
/// keep a second copy of the corpus while the load makes the first.
pub const KEEP_BYTES: usize = 32 << 20;

/// Speeches parsed for the search that have hits, by their index in the corpus searched.
pub type Found = Vec<(usize, Speech)>;

/// Searches `speeches`, the loaded ones as they are and the title-only stubs from their
/// files (read with `force` as the load reads them). `report` gets the outcome so far and the
/// speeches parsed since its last call that have hits: when the first hits are in (or
/// [`EVERY`] has passed without any), then every [`EVERY`], and at the end with the outcome
/// returned. Files that
/// cannot be read or parsed are passed over (the load reports them). Hits are listed up to
/// `limit`, and only while the speeches sent hold less than [`KEEP_BYTES`] of text.
pub fn search_loading(
    query: &Query,
    speeches: &[Speech],
    force: Option<&'static Encoding>,
    cancel: &AtomicBool,
    report: &mut dyn FnMut(&SearchOutcome, Found),
    limit: usize,
) -> SearchOutcome {
    search_within(query, speeches, force, cancel, report, limit, KEEP_BYTES)
}

fn search_within(
    query: &Query,
    speeches: &[Speech],
    force: Option<&'static Encoding>,
    cancel: &AtomicBool,
    report: &mut dyn FnMut(&SearchOutcome, Found),
    limit: usize,
    keep_bytes: usize,
) -> SearchOutcome {
    let grep = Grep::new(query, Mode::Count, false, force);
    let mut out = SearchOutcome::default();
    let mut found: Found = Vec::new();
    let started = Instant::now();
    let mut last: Option<Instant> = None;
    let mut buf = Vec::new();
    let (mut kept, mut limit) = (0, limit);
    for (i, s) in speeches.iter().enumerate() {
        let parsed = match (&s.path, s.whole()) {
            (Some(path), false) => {
                if load::read_into(path, &mut buf, force).is_err() || !grep.may_match(path, &buf) {
                    None
                } else {
                    load::parse_read(path, s.id.clone(), &buf, force).ok()
                }
            }
            _ => None,
        };
        let text = parsed.as_ref().unwrap_or(s).searchable();
        let one = search_many(
            query,
            std::iter::once((i, text)),
            cancel,
            &mut |_| {},
            limit.saturating_sub(out.hits.len()),
        );
        if one.cancelled {
            out.cancelled = true;
            break;
        }
        out.docs_done += 1;
        out.total += one.total;
        out.docs_matched += one.docs_matched;
        let listed = !one.hits.is_empty();
        out.hits.extend(one.hits);
        if let Some(p) = parsed.filter(|_| listed) {
            kept += p.text.len();
            if kept >= keep_bytes {
                limit = out.hits.len();
            }
            found.push((i, p));
        }
        // The first hits at once; else the count of files done, every EVERY.
        let due = match last {
            None => !found.is_empty() || started.elapsed() >= EVERY,
            Some(t) => t.elapsed() >= EVERY,
        };
        if due {
            report(&out, std::mem::take(&mut found));
            last = Some(Instant::now());
        }
    }
    report(&out, found);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::load::{load_dirs, load_names, Scan};
    use std::path::Path;

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        std::fs::write(dir.join(name), bytes).unwrap();
    }

    fn names(dir: &Path) -> Vec<Speech> {
        let scan: Scan = crate::corpus::scan(&[dir.to_path_buf()]);
        load_names(&scan).speeches
    }

    fn run(q: &str, speeches: &[Speech]) -> (SearchOutcome, Found, usize) {
        let q = Query::parse(q).unwrap().unwrap();
        let mut all = Vec::new();
        let mut reports = 0;
        let out = search_loading(
            &q,
            speeches,
            None,
            &AtomicBool::new(false),
            &mut |_, f| {
                reports += 1;
                all.extend(f);
            },
            100,
        );
        (out, all, reports)
    }

    #[test]
    fn stubs_are_searched_from_their_files_as_the_loaded_corpus_is() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.txt",
            "甲的讲话\n\n要落实一岗双责。\n".as_bytes(),
        );
        write(dir.path(), "b.txt", "乙的讲话\n\n没有那个词。\n".as_bytes());
        let (gbk, _, _) =
            encoding_rs::GBK.encode("丙的讲话\r\n\r\n再讲一岗双\r\n责的问题，一岗双责。\r\n");
        write(dir.path(), "c.txt", &gbk);
        let stubs = names(dir.path());
        assert!(stubs.iter().all(|s| !s.loaded));
        let (out, found, _) = run("一岗双责", &stubs);

        let full = load_dirs(&[dir.path().to_path_buf()], None);
        let q = Query::parse("一岗双责").unwrap().unwrap();
        let docs = full
            .speeches
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.searchable()));
        let want = search_many(&q, docs, &AtomicBool::new(false), &mut |_| {}, 100);
        assert_eq!(out, want);
        assert_eq!(out.total, 2);
        // The speeches with hits come parsed, equal to the load's; the one without does not.
        let docs: Vec<usize> = found.iter().map(|f| f.0).collect();
        assert_eq!(docs, vec![0, 2]);
        for (i, s) in &found {
            assert!(s.loaded);
            assert_eq!(s.text, full.speeches[*i].text);
            assert_eq!(s.headings, full.speeches[*i].headings);
            assert_eq!(s.path, full.speeches[*i].path);
        }
    }

    #[test]
    fn loaded_speeches_are_searched_as_they_are_and_broken_files_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.txt",
            "甲的讲话\n\n要落实一岗双责。\n".as_bytes(),
        );
        write(dir.path(), "b.txt", b"");
        let mut speeches = names(dir.path());
        // A stub whose file went away since the walk, and a speech already parsed.
        std::fs::remove_file(dir.path().join("a.txt")).unwrap();
        speeches.push(Speech::parse("d", "丁的讲话\n\n一岗双责，一岗双责。"));
        let (out, found, _) = run("一岗双责", &speeches);
        assert_eq!(out.total, 2);
        assert_eq!(out.docs_done, 3);
        assert!(out.hits.iter().all(|h| h.doc == 2));
        assert!(found.is_empty(), "the loaded one is not sent again");
    }

    #[test]
    fn past_the_text_it_may_keep_hits_are_counted_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c"] {
            write(
                dir.path(),
                &format!("{name}.txt"),
                "某某讲话\n\n一岗双责，一岗双责。\n".as_bytes(),
            );
        }
        let q = Query::parse("一岗双责").unwrap().unwrap();
        let mut found = Vec::new();
        let out = search_within(
            &q,
            &names(dir.path()),
            None,
            &AtomicBool::new(false),
            &mut |_, f| found.extend(f),
            100,
            // The first speech's text already fills it.
            10,
        );
        assert_eq!((out.total, out.docs_matched), (6, 3));
        assert_eq!(out.hits.len(), 2);
        assert!(out.is_capped());
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_cancelled_search_stops_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", "甲的讲话\n\n一岗双责。\n".as_bytes());
        let q = Query::parse("一岗双责").unwrap().unwrap();
        let out = search_loading(
            &q,
            &names(dir.path()),
            None,
            &AtomicBool::new(true),
            &mut |_, _| {},
            100,
        );
        assert!(out.cancelled);
        assert_eq!(out.docs_done, 0);
    }
}
