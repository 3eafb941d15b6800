//! Files that are not plain text — Word (`.docx`, `.doc`), saved web pages (`.html`, `.htm`)
//! and PDF — turned into the plain text a `.txt` of the same speech would hold: one paragraph
//! a line, Word's automatic numbering written out (`一、`), heading styles as Markdown `#`
//! lines, notes after a `注释` line. The cleaner and the outline engine then do the rest, the
//! same way as for a text file. Each extractor is a pure function of the file's bytes, bounded
//! in time and memory: a hostile file fails with a reason, never hangs the load.

mod doc;
mod docx;
mod html;
mod pdf;
pub(crate) mod xml;

use std::path::Path;

/// What a file holds, by its extension, corrected by its first bytes (a `.doc` that is really
/// a `.docx`, as Word sometimes saves them, and the reverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.txt`, `.md`: decoded by `corpus::decode`, not here.
    Text,
    Docx,
    Doc,
    Html,
    Pdf,
}

/// The extensions the folder walker takes (compared without case).
pub const EXTENSIONS: &[&str] = &["txt", "md", "docx", "doc", "html", "htm", "pdf"];

impl Kind {
    /// By extension only: `None` for a file the corpus does not read.
    pub fn of_path(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "md" => Kind::Text,
            "docx" => Kind::Docx,
            "doc" => Kind::Doc,
            "html" | "htm" => Kind::Html,
            "pdf" => Kind::Pdf,
            _ => return None,
        })
    }

    /// By extension, then by magic bytes for the Office formats (a path without a known
    /// extension, a pipe, is sniffed: text unless the bytes say otherwise).
    pub fn of(path: Option<&Path>, bytes: &[u8]) -> Kind {
        let by_ext = path.and_then(Kind::of_path);
        let sniffed = if bytes.starts_with(b"PK\x03\x04") {
            Some(Kind::Docx)
        } else if bytes.starts_with(&doc::CFB_MAGIC) {
            Some(Kind::Doc)
        } else if bytes.starts_with(b"%PDF-") {
            Some(Kind::Pdf)
        } else {
            None
        };
        match (by_ext, sniffed) {
            // A text file is read as text whatever it starts with, except from a pipe.
            (Some(Kind::Text), _) => Kind::Text,
            (_, Some(k)) => k,
            // Web pages saved as `.doc` (Word's "Web page" save, many download sites).
            (Some(Kind::Doc), None) if html::looks_like_html(bytes) => Kind::Html,
            (Some(k), None) => k,
            (None, None) if html::looks_like_html(bytes) => Kind::Html,
            (None, None) => Kind::Text,
        }
    }

    /// Shown in the list's flags column, as an encoding is for text files.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Docx => "DOCX",
            Kind::Doc => "DOC",
            Kind::Html => "HTML",
            Kind::Pdf => "PDF",
        }
    }
}

/// A file's text as a `.txt` of it would hold it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// One paragraph a line; headings as `#` lines; back matter after a `注释` line.
    pub text: String,
    /// The document's own title (Word's core properties, an HTML `<title>`), for a text
    /// whose title line the cleaner does not find.
    pub title: Option<String>,
    /// The encoding of a web page, for the list's flags column.
    pub encoding: Option<&'static str>,
    pub warnings: Vec<String>,
}

/// Why a file could not be read; the message is what the skipped list shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not a readable {kind} file: {why}")]
    Corrupt { kind: &'static str, why: String },
    #[error("{kind} file too large to read: {why}")]
    TooLarge { kind: &'static str, why: String },
    #[error("{0}")]
    Other(String),
    #[error("no text layer (a scanned PDF: run it through OCR first)")]
    NoTextLayer,
    #[error("no text found in the {0} file")]
    NoText(&'static str),
}

impl FormatError {
    pub(crate) fn corrupt(kind: &'static str, why: impl std::fmt::Display) -> FormatError {
        FormatError::Corrupt {
            kind,
            why: why.to_string(),
        }
    }
}

/// Limits on what one file may cost, whatever it claims about itself.
pub mod limits {
    /// A file is read whole: larger ones are skipped before parsing.
    pub const FILE_BYTES: u64 = 64 << 20;
    /// One part of a `.docx` (a zip entry), uncompressed.
    pub const PART_BYTES: u64 = 32 << 20;
    /// All the parts read from one `.docx`, uncompressed.
    pub const TOTAL_BYTES: u64 = 64 << 20;
    /// Entries in a `.docx`'s zip directory (Word writes a dozen or two).
    pub const ZIP_ENTRIES: usize = 10_000;
    /// Element nesting in any XML part (Word's deepest real documents stay under 40).
    pub const XML_DEPTH: usize = 256;
    /// Extracted text: a speech is tens of KB, a whole annual report a few MB.
    pub const TEXT_BYTES: usize = 16 << 20;
    /// PDF pages read.
    pub const PDF_PAGES: usize = 2_000;
    /// Operations of one PDF page's content streams.
    pub const PDF_OPS: usize = 2_000_000;
}

/// Extracts the text of a non-text file. `force` is the user's `--encoding`, honoured by web
/// pages (Office and PDF files say their own encoding).
pub fn extract(
    kind: Kind,
    bytes: &[u8],
    force: Option<&'static encoding_rs::Encoding>,
) -> Result<Extracted, FormatError> {
    if bytes.is_empty() {
        return Err(FormatError::Other("file is empty".into()));
    }
    if bytes.len() as u64 > limits::FILE_BYTES {
        return Err(FormatError::TooLarge {
            kind: kind.label(),
            why: format!(
                "{} MB (the limit is {} MB)",
                bytes.len() >> 20,
                limits::FILE_BYTES >> 20
            ),
        });
    }
    let mut ex = match kind {
        Kind::Text => unreachable!("text files are decoded, not extracted"),
        Kind::Docx => docx::extract(bytes)?,
        Kind::Doc => doc::extract(bytes)?,
        Kind::Html => html::extract(bytes, force)?,
        Kind::Pdf => pdf::extract(bytes)?,
    };
    if ex.text.trim().is_empty() {
        return Err(match kind {
            Kind::Pdf => FormatError::NoTextLayer,
            k => FormatError::NoText(k.label()),
        });
    }
    if ex.text.len() > limits::TEXT_BYTES {
        let mut cut = limits::TEXT_BYTES;
        while !ex.text.is_char_boundary(cut) {
            cut -= 1;
        }
        ex.text.truncate(cut);
        ex.warnings
            .push(format!("text cut at {} MB", limits::TEXT_BYTES >> 20));
    }
    Ok(ex)
}

/// Appends a paragraph as one line: inner line breaks and runs of blanks folded to one space,
/// blank paragraphs dropped.
pub(crate) fn push_line(out: &mut String, line: &str) {
    let mut wrote = false;
    let start = out.len();
    for word in line.split(|c: char| c.is_whitespace() && c != '\u{3000}') {
        if word.is_empty() {
            continue;
        }
        if wrote {
            out.push(' ');
        }
        out.push_str(word);
        wrote = true;
    }
    if out[start..].trim_matches('\u{3000}').is_empty() {
        out.truncate(start);
    } else {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_by_extension_then_magic() {
        let p = |s: &str| Some(Path::new(s).to_path_buf());
        assert_eq!(Kind::of(p("a.TXT").as_deref(), b"PK\x03\x04"), Kind::Text);
        assert_eq!(Kind::of(p("a.doc").as_deref(), b"PK\x03\x04xx"), Kind::Docx);
        assert_eq!(Kind::of(p("a.docx").as_deref(), &doc::CFB_MAGIC), Kind::Doc);
        assert_eq!(Kind::of(p("a.htm").as_deref(), b"hello"), Kind::Html);
        assert_eq!(Kind::of(p("a.doc").as_deref(), b"<html><body>"), Kind::Html);
        assert_eq!(Kind::of(None, b"%PDF-1.4"), Kind::Pdf);
        assert_eq!(Kind::of(None, b"<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(Kind::of(None, "讲话".as_bytes()), Kind::Text);
        assert_eq!(Kind::of_path(Path::new("x.xlsx")), None);
    }

    #[test]
    fn lines_fold_blanks_and_drop_empty_paragraphs() {
        let mut s = String::new();
        push_line(&mut s, "  一、 提高\n站位  ");
        push_line(&mut s, " \u{3000} ");
        push_line(&mut s, "\u{3000}\u{3000}同志们：");
        assert_eq!(s, "一、 提高 站位\n\u{3000}\u{3000}同志们：\n");
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert!(extract(Kind::Docx, b"", None).is_err());
        let big = vec![b' '; (limits::FILE_BYTES + 1) as usize];
        let e = extract(Kind::Html, &big, None).unwrap_err();
        assert!(matches!(e, FormatError::TooLarge { .. }), "{e}");
    }
}
