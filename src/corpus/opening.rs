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

use super::decode;
use super::formats::Kind;
use super::load::{self, LoadError};
use super::Speech;

/// Files whose text is longer than this are shown by their opening first.
pub const BIG: usize = 512 << 10;
/// Bytes of text in the opening (cut at the line break before): many screens' worth.
pub const OPENING: usize = 128 << 10;

/// The file at `path` as the load parses it (`id` is the scan's), but for a big text file
/// only its opening ([`Speech::opening_only`]); smaller files and other formats whole.
/// `reach` is a character offset the opening must pass (a saved reading place): a file
/// whose opening would stop short of it is parsed whole.
pub fn load_opening(
    path: &Path,
    id: String,
    encoding: Option<&'static encoding_rs::Encoding>,
    reach: usize,
) -> Result<Speech, LoadError> {
    let mut bytes = Vec::new();
    load::read_into(path, &mut bytes, encoding)?;
    if bytes.len() <= BIG || Kind::of(Some(path), &bytes) != Kind::Text {
        return load::parse_read(path, id, &bytes, encoding);
    }
    let d = load::catch_panic(path, || decode::decode(&bytes, encoding))?
        .map_err(|e| LoadError::Decode(path.to_path_buf(), e))?;
    let Some(cut) = cut(&d.text) else {
        return load::parse_read(path, id, &bytes, encoding);
    };
    let mut s = load::catch_panic(path, || {
        load::test_panic(path);
        Speech::parse(id.clone(), &d.text[..cut])
    })?;
    // A screen or two past the place, so that what is shown there is all in the opening.
    if s.text.chars().count() <= reach + 4096 {
        return load::parse_read(path, id, &bytes, encoding);
    }
    s.encoding = d.encoding;
    s.path = Some(path.to_path_buf());
    s.opening_only = true;
    s.checks.clear();
    s.toc_only.clear();
    s.incomplete = None;
    Ok(s)
}

/// Where the opening of `text` ends: after the last line break in its first [`OPENING`]
/// bytes, if the text is [`BIG`] and has one there.
fn cut(text: &str) -> Option<usize> {
    if text.len() <= BIG {
        return None;
    }
    let mut end = OPENING;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].rfind('\n').map(|i| i + 1).filter(|&i| i > 0)
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
        let open = load_opening(&path, "big".into(), None, 0).unwrap();
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
    fn small_files_and_places_past_the_opening_are_parsed_whole() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.txt");
        std::fs::write(&small, big_text(2)).unwrap();
        let s = load_opening(&small, "small".into(), None, 0).unwrap();
        assert!(!s.opening_only);
        let big = dir.path().join("big.txt");
        std::fs::write(&big, big_text(60)).unwrap();
        let open = load_opening(&big, "big".into(), None, 0).unwrap();
        let reach = open.text.chars().count() - 100;
        let past = load_opening(&big, "big".into(), None, reach).unwrap();
        assert!(!past.opening_only);
        assert_eq!(
            past.text,
            load::load_with_id(&big, "big".into(), None).unwrap().text
        );
    }

    #[test]
    fn a_big_gbk_file_without_line_breaks_is_parsed_whole() {
        let dir = tempfile::tempdir().unwrap();
        let one_line = "正文".repeat(BIG);
        let (gbk, _, _) = encoding_rs::GBK.encode(&one_line);
        let path = dir.path().join("line.txt");
        std::fs::write(&path, &gbk).unwrap();
        let s = load_opening(&path, "line".into(), None, 0).unwrap();
        assert!(!s.opening_only);
        assert_eq!(s.encoding, "GB18030");
        let broken = dir.path().join("empty.txt");
        std::fs::write(&broken, b"").unwrap();
        assert!(load_opening(&broken, "e".into(), None, 0).is_err());
    }
}
