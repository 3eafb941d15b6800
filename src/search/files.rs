//! `tigang search` without loading the corpus: a grep over the speech files that prints
//! exactly what a search over the fully parsed corpus prints ([`write_corpus_hits`], kept as
//! the reference), at close to the speed of reading the files.
//!
//! Nothing is outlined. Each file is read and its charset detected; a literal query is then
//! first tried against the raw bytes (UTF-8 and GB18030 files) or the decoded text (other
//! encodings) with a *prefilter*: the query with an optional run of whitespace, line breaks
//! and `#` allowed between any two chars, since cleaning joins hard-wrapped lines, trims
//! indentation and joins title lines with a space. A file that also contains an omission
//! or truncation notice (`省略`, `未完`) always passes, as cleaning cuts those out and
//! splices the text around them, and so does one with an HTML tag or entity. Only files that
//! pass are decoded, cleaned and searched for real, so paragraph numbers and snippets come
//! from the same cleaned text the reader shows. A regex query is prefiltered the same way
//! by the strings every match must contain ([`super::literals`]): a file must pass each
//! required set; a regex that requires nothing searches every file. A regex with `\d` runs
//! as its ASCII-digit variant on cleaned text without other decimal digits
//! ([`Query::ascii_digits`]): the same matches, found faster.
//!
//! The prefilter may pass files without a match (they are then searched and print nothing);
//! it must never reject a file the reference would print something for.
//!
//! Pure file scanning and text output: must not depend on the terminal, the TUI or the
//! outline.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use encoding_rs::{Encoding, GB18030, UTF_8};

use super::prefilter::{escape_hazard, Prefilter};
use super::query::{self as search, Query};
use crate::corpus::decode::{self, DecodeError};
use crate::corpus::load::{self, LoadError, Source};
use crate::corpus::{clean, Skipped};

/// Files a worker takes at a time.
const BATCH: usize = 32;

pub use super::print::{write_corpus_hits, write_hits, Mode};

/// The prefilters of a query: its literal's, or one per required set of a regex (a set
/// that gives no prefilter is left out: it only narrows less).
fn filters(query: &Query) -> Vec<Prefilter> {
    match query.literal() {
        Some(lit) => Prefilter::new(lit).into_iter().collect(),
        None => super::literals::required(query.pattern())
            .iter()
            .filter_map(|set| Prefilter::any_of(set))
            .collect(),
    }
}

/// A search over files: the query, how to print, and the `--encoding` override.
pub struct Grep<'q> {
    query: &'q Query,
    mode: Mode,
    color: bool,
    force: Option<&'static Encoding>,
    /// A file is searched only if it passes every one (none: every file is searched).
    filters: Vec<Prefilter>,
    /// [`Query::ascii_digits`] of the query.
    ascii: Option<Query>,
}

enum Input<'a> {
    File(&'a Path),
    Bytes(&'static [u8]),
}

impl<'q> Grep<'q> {
    pub fn new(
        query: &'q Query,
        mode: Mode,
        color: bool,
        force: Option<&'static Encoding>,
    ) -> Grep<'q> {
        Grep {
            query,
            mode,
            color,
            force,
            filters: filters(query),
            ascii: query.ascii_digits(),
        }
    }

    /// The query to run on cleaned text: the ASCII-digit variant where it finds the same.
    fn matcher(&self, text: &str) -> &Query {
        match &self.ascii {
            Some(a) if !search::has_other_digits(text) => a,
            _ => self.query,
        }
    }

    /// Cleans decoded text and prints its hits.
    fn search_text(&self, id: &str, text: &str, out: &mut Vec<u8>) {
        let c = clean::clean(text);
        // Writing to a Vec cannot fail.
        let end = crate::corpus::searchable_end(&c.paragraphs, c.text.len());
        let text = &c.text[..end];
        let _ = write_hits(
            id,
            text,
            &c.paragraphs,
            self.matcher(text),
            self.mode,
            self.color,
            out,
        );
    }

    /// Decodes, cleans and searches a file whatever it holds.
    fn search_all(&self, id: &str, bytes: &[u8], out: &mut Vec<u8>) -> Result<(), DecodeError> {
        let d = decode::decode(bytes, self.force)?;
        self.search_text(id, &d.text, out);
        Ok(())
    }

    /// The prefilters as they run on the raw bytes of a file so detected: none for other
    /// encodings, which must be decoded first.
    fn raw_filters(&self, det: &decode::Detected) -> Option<Vec<&regex::bytes::Regex>> {
        if det.sniffed {
            None
        } else if det.encoding == UTF_8 {
            Some(self.filters.iter().map(|f| &f.utf8).collect())
        } else if det.encoding == GB18030 {
            self.filters.iter().map(|f| f.gb18030.as_ref()).collect()
        } else {
            None
        }
    }

    /// Whether a file read into `bytes` may hold a hit, told from its raw bytes: false only
    /// when the prefilter proves it has none (as [`Grep`] would print nothing for it). Files
    /// in other formats or encodings, and those that do not decode, may.
    pub fn may_match(&self, path: &Path, bytes: &[u8]) -> bool {
        use crate::corpus::formats::Kind;
        if self.filters.is_empty() || Kind::of(Some(path), bytes) != Kind::Text {
            return true;
        }
        let Ok(det) = decode::detect(bytes, self.force) else {
            return true;
        };
        let raw = &bytes[det.start..];
        match self.raw_filters(&det) {
            Some(res) => escape_hazard(raw) || res.iter().all(|re| re.is_match(raw)),
            None => true,
        }
    }

    /// Prints the hits of one file into `out`; fails as `decode` would.
    fn scan(&self, id: &str, bytes: &[u8], out: &mut Vec<u8>) -> Result<(), DecodeError> {
        if self.filters.is_empty() {
            return self.search_all(id, bytes, out);
        }
        let det = decode::detect(bytes, self.force)?;
        let raw = &bytes[det.start..];
        match self.raw_filters(&det) {
            Some(res) if escape_hazard(raw) || res.iter().all(|re| re.is_match(raw)) => {
                let d = decode::decode_detected(bytes, det, self.force)?;
                self.search_text(id, &d.text, out);
                Ok(())
            }
            Some(_) if decode::decodes_blank(bytes, &det) => Err(DecodeError::Empty),
            Some(_) => Ok(()),
            None => {
                let d = decode::decode_detected(bytes, det, self.force)?;
                let t = &d.text;
                if escape_hazard(t.as_bytes()) || self.filters.iter().all(|f| f.text.is_match(t)) {
                    self.search_text(id, t, out);
                }
                Ok(())
            }
        }
    }

    /// Prints the hits of one file or built-in speech; `buf` is scratch space for the bytes.
    fn scan_input(&self, id: &str, input: &Input, buf: &mut Vec<u8>) -> Result<Vec<u8>, Skipped> {
        let mut out = Vec::new();
        match input {
            Input::Bytes(b) => {
                // Built-in speeches always decode (see `corpus::builtin`).
                let _ = self.scan(id, b, &mut out);
            }
            Input::File(path) => {
                load::read_into(path, buf, self.force).map_err(|e| load::skipped_for(&e))?;
                let kind = crate::corpus::formats::Kind::of(Some(path), buf);
                // A bug on one file skips that file, not the whole search.
                load::catch_panic(path, || {
                    load::test_panic(path);
                    if kind != crate::corpus::formats::Kind::Text {
                        // Word, web and PDF files: their text extracted, then searched as text.
                        let ex = crate::corpus::formats::extract(kind, buf, self.force)
                            .map_err(|e| LoadError::Format(path.to_path_buf(), e))?;
                        self.search_text(id, &ex.text, &mut out);
                        return Ok(());
                    }
                    self.scan(id, buf, &mut out)
                        .map_err(|e| LoadError::Decode(path.to_path_buf(), e))
                })
                .map_err(|e| load::skipped_for(&e))?
                .map_err(|e| load::skipped_for(&e))?;
            }
        }
        Ok(out)
    }

    /// Searches every speech of `source` on all cores, writing hits to `out` in path order
    /// and handing each file or folder that was skipped to `skipped` (in the order
    /// `corpus::load_dirs` lists them). Returns whether anything matched.
    pub fn run(
        &self,
        source: &Source,
        out: &mut dyn Write,
        skipped: &mut dyn FnMut(&Skipped),
    ) -> io::Result<bool> {
        let (files, walk_skipped) = match source {
            Source::Builtin | Source::Loaded(_) => (Vec::new(), Vec::new()),
            Source::Dirs { dirs, .. } => load::list_files(dirs),
        };
        for s in &walk_skipped {
            skipped(s);
        }
        let inputs: Vec<(&str, Input)> = match source {
            Source::Builtin => load::builtin_files()
                .iter()
                .map(|&(id, b)| (id, Input::Bytes(b)))
                .collect(),
            Source::Dirs { .. } => files
                .iter()
                .map(|(p, id)| (id.as_str(), Input::File(p)))
                .collect(),
            Source::Loaded(c) => {
                // Already parsed: searched as they are.
                return write_corpus_hits(c, self.query, self.mode, self.color, out);
            }
        };
        self.run_inputs(&inputs, out, skipped)
    }

    fn run_inputs(
        &self,
        inputs: &[(&str, Input)],
        out: &mut dyn Write,
        skipped: &mut dyn FnMut(&Skipped),
    ) -> io::Result<bool> {
        let stop = AtomicBool::new(false);
        let mut found = false;
        // The batches run on rayon's pool; this thread prints their results in path order as
        // they come in, so output streams while later files are still being read.
        rayon::in_place_scope(|scope| {
            let (tx, rx) = mpsc::channel();
            // Files are taken and sent in batches: a message per file costs more in wake-ups
            // than scanning a small file.
            for (n, batch) in inputs.chunks(BATCH).enumerate() {
                let tx = tx.clone();
                let stop = &stop;
                scope.spawn(move |_| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let mut buf = Vec::new();
                    let results: Vec<_> = batch
                        .iter()
                        .map(|(id, input)| self.scan_input(id, input, &mut buf))
                        .collect();
                    let _ = tx.send((n * BATCH, results));
                });
            }
            drop(tx);
            // Results arrive in any order; print them in path order.
            let mut pending: Vec<Option<Result<Vec<u8>, Skipped>>> =
                (0..inputs.len()).map(|_| None).collect();
            let mut done = 0;
            let result = (|| -> io::Result<()> {
                for (from, results) in rx.iter() {
                    for (i, r) in results.into_iter().enumerate() {
                        pending[from + i] = Some(r);
                    }
                    while let Some(r) = pending.get_mut(done).and_then(Option::take) {
                        match r {
                            Ok(bytes) => {
                                found |= !bytes.is_empty();
                                out.write_all(&bytes)?;
                            }
                            Err(s) => skipped(&s),
                        }
                        done += 1;
                    }
                }
                Ok(())
            })();
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            result
        })?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    mod regex;

    use super::*;
    use crate::corpus;
    use crate::search::prefilter::GB18030_EXTRA;
    use std::path::PathBuf;

    /// (stdout, skipped lines, found)
    type Run = (String, Vec<String>, bool);

    fn skip_line(s: &Skipped) -> String {
        format!("{}: {}", s.path.display(), s.reason)
    }

    /// The reference: the fully parsed corpus, searched by `cli::search`.
    fn reference(
        dirs: &[PathBuf],
        force: Option<&'static Encoding>,
        q: &Query,
        count: bool,
    ) -> Run {
        let c = if dirs.is_empty() {
            corpus::builtin()
        } else {
            corpus::load_dirs(dirs, force)
        };
        let mut out = Vec::new();
        let mode = if count { Mode::Count } else { Mode::Lines };
        let found = write_corpus_hits(&c, q, mode, false, &mut out).unwrap();
        let skipped = c.skipped.iter().map(skip_line).collect();
        (String::from_utf8(out).unwrap(), skipped, found)
    }

    fn fast(dirs: &[PathBuf], force: Option<&'static Encoding>, q: &Query, count: bool) -> Run {
        let source = if dirs.is_empty() {
            Source::Builtin
        } else {
            Source::Dirs {
                dirs: dirs.to_vec(),
                encoding: force,
            }
        };
        let mut out = Vec::new();
        let mut skipped = Vec::new();
        let mode = if count { Mode::Count } else { Mode::Lines };
        let found = Grep::new(q, mode, false, force)
            .run(&source, &mut out, &mut |s| skipped.push(skip_line(s)))
            .unwrap();
        (String::from_utf8(out).unwrap(), skipped, found)
    }

    /// Asserts the fast path prints what the reference prints, with and without `-c`;
    /// returns the reference's hit lines.
    fn same(dirs: &[PathBuf], force: Option<&'static Encoding>, query: &str) -> String {
        let q = Query::parse(query).unwrap().unwrap();
        for count in [false, true] {
            let want = reference(dirs, force, &q, count);
            let got = fast(dirs, force, &q, count);
            assert_eq!(got, want, "query {query:?}, count {count}");
        }
        reference(dirs, force, &q, false).0
    }

    #[test]
    fn builtin_corpus_prints_as_the_reference() {
        for (query, hits) in [
            ("一岗双责", true),
            ("主题教育", true),
            ("乡镇（街道）", true),
            ("乡镇(街道)", true),
            ("同志们 ", false),
            ("re:主题.{0,3}教育", true),
            ("re:^同志们", true),
            ("没有这样一句话", false),
        ] {
            let out = same(&[], None, query);
            assert_eq!(!out.is_empty(), hits, "{query}: {out}");
        }
    }

    fn gbk(text: &str) -> Vec<u8> {
        GB18030.encode(text).0.into_owned()
    }

    /// Files where a hit is only there once the text is cleaned, in every encoding.
    fn tricky_corpus(root: &Path) {
        let w = |name: &str, bytes: &[u8]| {
            let p = root.join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        };
        let body = "同志们：\n今天我们召开会议，部署全年工作。\n";
        w(
            "gbk.txt",
            &gbk("在全市工作会议上的讲话\r\n\r\n同志们：\r\n各级党组织要认真落实一岗双责。\r\n要把乡镇(街道)和ＡＢＣ放在心上，这一点各级领导干部都要落实一岗\r\n　　双责的要求，做到两手抓。\r\n"),
        );
        w(
            "wrap.txt",
            format!("在全市工作会议上的讲话\n\n{body}各级领导干部要切实履行管党治党政治责任落实一岗\n　　双责的要求，做到两手抓。\n").as_bytes(),
        );
        w(
            "omit.txt",
            format!("在会上的发言\n\n{body}要把政治理论学习当成日常必修课落实一岗……(新文秘网http://www.wm114.cn省略877字,正式会员可完整阅读)……双责。\n").as_bytes(),
        );
        w(
            "omitline.txt",
            format!("在会上的发言\n\n{body}要把政治理论学习当成日常必修课也要落实一岗\n……(新文秘网http://www.wm114.cn省略877字,正式会员可完整阅读)……\n双责，才能听到群众的心里话。\n").as_bytes(),
        );
        w(
            "trunc.txt",
            format!("在会上的发言\n\n{body}可以实行导师帮带制度让大家都来落实一岗 ……(未完,全文共4678字,当前仅显示2464字,请阅读下面提示信息。\n\n收藏《在会上的发言》)\n双责等后续内容\n").as_bytes(),
        );
        w(
            "title.md",
            "# 提升能力素质  保持优良作风 #\n# 做一名优秀的党务工作者\n——市委书记在座谈会上的讲话\n\n同志们：\n正文。\n".as_bytes(),
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                format!("在会上的讲话\r\n\r\n{body}落实一岗双责。\r\n")
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes()),
            )
            .collect();
        w("utf16.txt", &utf16);
        w(
            "feff.txt",
            format!("在会上的讲话\n\n{body}落实一岗\u{FEFF}双责，落实ａｂｃ。\n").as_bytes(),
        );
        let mut broken = format!("在会上的讲话\n\n{body}落实一岗双责").into_bytes();
        broken.push(0xFF);
        broken.extend_from_slice("，还要抓好落实。\n".as_bytes());
        w("broken.txt", &broken);
        w("empty.txt", b"");
        w("blank.txt", "\u{3000}\r\n \n".as_bytes());
        w("bin.txt", b"\x00\x01\x02binary");
        w("notes.xlsx", "一岗双责".as_bytes());
        // Enough files for several batches, so the output order is tested too.
        for i in 0..100 {
            let hit = if i % 7 == 0 {
                "一岗双责"
            } else {
                "两手抓"
            };
            w(
                &format!("many/{i:03}.txt"),
                format!("第{i}次会议上的讲话\n\n{body}要落实{hit}。\n").as_bytes(),
            );
        }
    }

    #[test]
    fn tricky_files_print_as_the_reference() {
        let dir = tempfile::tempdir().unwrap();
        tricky_corpus(dir.path());
        let dirs = [dir.path().to_path_buf()];
        let out = same(&dirs, None, "一岗双责");
        // Each fixture really has its hit (so a file wrongly filtered out fails the test).
        for id in [
            "gbk:",
            "wrap:",
            "omit:",
            "omitline:",
            "trunc:",
            "utf16:",
            "broken:",
            "many/014:",
        ] {
            assert!(
                out.lines().filter(|l| l.starts_with(id)).count() >= 1,
                "{id} missing in\n{out}"
            );
        }
        assert_eq!(out.lines().filter(|l| l.starts_with("gbk:")).count(), 2);
        assert!(out.contains("feff:"), "decoding drops U+FEFF: {out}");
        let out = same(&dirs, None, "作风 做一名");
        assert!(out.starts_with("title:1: "), "{out}");
        let out = same(&dirs, None, "乡镇（街道）");
        assert!(out.starts_with("gbk:"), "{out}");
        let out = same(&dirs, None, "abc");
        assert!(out.contains("gbk:") && out.contains("feff:"), "{out}");
        assert!(same(&dirs, None, "re:一岗.?双责").contains("wrap:"));
        assert!(same(&dirs, None, "没有这样一句话").is_empty());
        // Skipped files are reported as `load_dirs` reports them.
        let q = Query::parse("一岗双责").unwrap().unwrap();
        let skipped = fast(&dirs, None, &q, false).1;
        assert_eq!(skipped.len(), 3, "{skipped:?}");
        assert!(skipped
            .iter()
            .any(|s| s.ends_with("bin.txt: file looks binary (NUL bytes), not text")));
        assert!(skipped
            .iter()
            .any(|s| s.ends_with("blank.txt: file is empty")));
        // `--encoding` decodes every file one way, the UTF-8 ones as mojibake.
        let gb = decode::encoding_for_label("gbk");
        let out = same(&dirs, gb, "一岗双责");
        assert!(out.contains("gbk:") && !out.contains("wrap:"), "{out}");
        same(&dirs, decode::encoding_for_label("utf-8"), "一岗双责");
    }

    #[test]
    fn prefilter_allows_breaks_and_rejects_other_text() {
        let f = Prefilter::new("一岗双责").unwrap();
        let gb = f.gb18030.as_ref().expect("CJK has unique GB18030 bytes");
        for (text, hit) in [
            ("落实一岗双责", true),
            ("落实一岗\r\n　　双责", true),
            ("# 一岗 #\n# 双责", true),
            ("一岗\u{FEFF}双责", true),
            ("落实一岗位双责", false),
            ("两手抓，两手都要硬", false),
            ("其他省略部分", true),
        ] {
            assert_eq!(f.text.is_match(text), hit, "{text}");
            assert_eq!(f.utf8.is_match(text.as_bytes()), hit, "{text}");
            assert_eq!(gb.is_match(&gbk(text)), hit, "{text}");
        }
        // Width and case variants, in GB18030 bytes too.
        let f = Prefilter::new("ａbc（").unwrap();
        let gb = f.gb18030.unwrap();
        assert!(gb.is_match(&gbk("ABC(")) && gb.is_match(&gbk("ＡＢｃ（")));
        assert!(!gb.is_match(&gbk("AB C")));
        // U+FFFD stands for bytes the file does not contain: no prefilter.
        assert!(Prefilter::new("一\u{FFFD}").is_none());
    }

    /// Every byte sequence GB18030 decoding turns into a char whose GB18030 encoding it is
    /// not must be in `GB18030_EXTRA`, or a file could hold the char in bytes the raw
    /// prefilter does not look for.
    #[test]
    fn gb18030_extra_sequences_are_listed() {
        let mut extra = std::collections::BTreeSet::new();
        let mut check = |seq: &[u8]| {
            let (text, had_errors) = GB18030.decode_without_bom_handling(seq);
            let mut chars = text.chars();
            if let (false, Some(c), None) = (had_errors, chars.next(), chars.next()) {
                let (enc, _, err) = GB18030.encode(&text);
                if err || *enc != *seq {
                    extra.insert((c, seq.to_vec()));
                }
            }
        };
        for a in 0x80..=0xFF {
            check(&[a]);
            for b in 0x40..=0xFE {
                check(&[a, b]);
            }
            for b in 0x30..=0x39 {
                for c in 0x81..=0xFE {
                    for d in 0x30..=0x39 {
                        check(&[a, b, c, d]);
                    }
                }
            }
        }
        let listed: std::collections::BTreeSet<(char, Vec<u8>)> = GB18030_EXTRA
            .iter()
            .map(|&(c, seq)| (c, seq.to_vec()))
            .collect();
        let found: Vec<String> = extra
            .iter()
            .map(|(c, seq)| {
                let bytes: Vec<String> = seq.iter().map(|b| format!("0x{b:02X}")).collect();
                format!("('\\u{{{:04X}}}', &[{}]),", *c as u32, bytes.join(", "))
            })
            .collect();
        assert_eq!(extra, listed, "\n{}", found.join("\n"));
    }
}
