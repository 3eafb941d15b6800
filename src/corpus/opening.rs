//! The opening of a big file parsed alone, so that a reader can show its first screens at
//! once while the whole file is parsed in the background (at 30–50 MB/s, a 5 MB speech takes
//! a tenth of a second or more).
//!
//! Cleaning and outlining read a text in order and decide a paragraph from what is before
//! it, so the opening's text is the start of the whole's (a place in it, by character, is the
//! same place in the whole). What needs the whole is left out: numbering checks (an
//! announced count met further on), headings a table of contents lists that come later, a
//! cut-off end.

use std::path::Path;

use encoding_rs::{UTF_16BE, UTF_16LE};

use super::decode;
use super::formats::Kind;
use super::load::{self, LoadError};
use super::Speech;

/// Files bigger than this are shown by their opening first.
pub const BIG: usize = 512 << 10;
/// Bytes of the file in the opening (cut at the line break before): many screens' worth.
pub const OPENING: usize = 128 << 10;

/// The file at `path` as the load parses it (`id` is the scan's), but for a big text file
/// only its opening ([`Speech::opening_only`]), read and decoded from the file's head alone.
/// `reach` is a character offset the opening must pass (a saved reading place): the
/// opening grows until it does. `None`: a big file that cannot be cut (UTF-16, Word, PDF,
/// a text that must be sniffed), left to the load rather than parsed whole here.
pub fn load_opening(
    path: &Path,
    id: String,
    encoding: Option<&'static encoding_rs::Encoding>,
    reach: usize,
) -> Result<Option<Speech>, LoadError> {
    let mut bytes = Vec::new();
    // Bytes of 4 per character at most: the place and a screen or two past it.
    let mut want = OPENING.max(4 * (reach + 4096));
    loop {
        let size = load::read_head(path, &mut bytes, want)? as usize;
        // The head read is the whole file already.
        if size <= want {
            return load::parse_read(path, id, &bytes, encoding).map(Some);
        }
        if size <= BIG {
            load::read_into(path, &mut bytes, encoding)?;
            return load::parse_read(path, id, &bytes, encoding).map(Some);
        }
        match opening_of(path, &id, &bytes, encoding)? {
            // What the cut left must pass the place by a screen or two.
            Some(s) if s.text.chars().count() > reach + 4096 => return Ok(Some(s)),
            Some(_) => want *= 2,
            None => return Ok(None),
        }
    }
}

/// The opening parsed from `head`, the first bytes of a bigger file.
fn opening_of(
    path: &Path,
    id: &str,
    head: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Option<Speech>, LoadError> {
    let decode_error = |e| LoadError::Decode(path.to_path_buf(), e);
    if Kind::of(Some(path), head) != Kind::Text {
        return Ok(None);
    }
    let det = decode::detect(head, encoding).map_err(decode_error)?;
    // In UTF-8, GB18030 and the other legacy charsets a line feed byte is a line feed; in
    // UTF-16 it can be half of another character.
    if det.sniffed || det.encoding == UTF_16LE || det.encoding == UTF_16BE {
        return Ok(None);
    }
    let Some(cut) = head[det.start..].iter().rposition(|&b| b == b'\n') else {
        return Ok(None);
    };
    let head = &head[..det.start + cut + 1];
    let d = decode::decode_detected(head, det, encoding).map_err(decode_error)?;
    let mut s = load::catch_panic(path, || {
        load::test_panic(path);
        Speech::parse(id, &d.text)
    })?;
    s.encoding = d.encoding;
    s.warnings = d.warnings;
    s.path = Some(path.to_path_buf());
    s.opening_only = true;
    s.checks.clear();
    s.toc_only.clear();
    s.incomplete = None;
    Ok(Some(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A speech of `n` numbered parts, each a heading and a long paragraph.
    fn big_text(n: usize) -> String {
        let mut t = String::from(
            "在全体会议上的讲话\n\n（2024年1月1日）\n\n同志们：\n\n我讲三点意见。\n\n",
        );
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        for i in 0..n {
            let heading = numerals.get(i % 10).copied().unwrap_or("十");
            t.push_str(&format!("{heading}、第{i}部分的标题\n\n"));
            t.push_str(&"这是一段很长的正文，讲的是工作中的问题和办法。".repeat(200));
            t.push_str("\n\n");
        }
        t
    }

    #[test]
    fn a_big_file_opens_with_the_start_of_the_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let text = big_text(60);
        assert!(text.len() > BIG);
        std::fs::write(&path, &text).unwrap();
        let whole = load::load_with_id(&path, "big".into(), None).unwrap();
        let open = load_opening(&path, "big".into(), None, 0).unwrap().unwrap();
        assert!(open.opening_only && open.loaded);
        assert!(!whole.opening_only);
        assert!(open.text.len() <= OPENING && open.text.len() > OPENING / 2);
        assert!(
            whole.text.starts_with(&open.text),
            "a place in it is the same in the whole"
        );
        assert_eq!((&open.title, &open.path), (&whole.title, &whole.path));
        assert_eq!(open.headings[..], whole.headings[..open.headings.len()]);
        assert!(open.headings.len() > 1);
        // 我讲三点意见 then sixty parts: said of the whole, never of its opening.
        assert!(!whole.checks.is_empty());
        assert!(open.checks.is_empty());
    }

    #[test]
    fn a_place_past_the_opening_grows_it_and_small_files_are_parsed_whole() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.txt");
        std::fs::write(&small, big_text(2)).unwrap();
        let s = load_opening(&small, "small".into(), None, 0)
            .unwrap()
            .unwrap();
        assert!(!s.opening_only);
        let big = dir.path().join("big.txt");
        std::fs::write(&big, big_text(200)).unwrap();
        let whole = load::load_with_id(&big, "big".into(), None).unwrap();
        let open = load_opening(&big, "big".into(), None, 0).unwrap().unwrap();
        let reach = open.text.chars().count() - 100;
        let past = load_opening(&big, "big".into(), None, reach)
            .unwrap()
            .unwrap();
        assert!(past.opening_only, "still an opening, a longer one");
        assert!(past.text.chars().count() > reach + 4096);
        assert!(whole.text.starts_with(&past.text));
    }

    #[test]
    fn a_big_file_that_cannot_be_cut_is_left_to_the_load() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        // One line of GBK: no line break to cut at.
        let one_line = "正文".repeat(BIG);
        let (gbk, _, _) = encoding_rs::GBK.encode(&one_line);
        let line = write("line.txt", &gbk);
        assert!(load_opening(&line, "line".into(), None, 0)
            .unwrap()
            .is_none());
        // UTF-16: a 0x0A byte may be half of a character.
        let mut utf16 = vec![0xff, 0xfe];
        for u in big_text(60).encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let wide = write("wide.txt", &utf16);
        assert!(load_opening(&wide, "wide".into(), None, 0)
            .unwrap()
            .is_none());
        // GBK with line breaks is cut and decoded as the whole is.
        let text = big_text(60);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let lines = write("lines.txt", &gbk);
        let open = load_opening(&lines, "lines".into(), None, 0)
            .unwrap()
            .unwrap();
        let whole = load::load_with_id(&lines, "lines".into(), None).unwrap();
        assert!(open.opening_only);
        assert_eq!(open.encoding, whole.encoding);
        assert!(whole.text.starts_with(&open.text));
        let empty = write("empty.txt", b"");
        assert!(load_opening(&empty, "e".into(), None, 0).is_err());
    }
}
