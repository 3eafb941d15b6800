//! The corpus model: speeches decoded, cleaned into paragraphs and outlined.
//! Knows nothing of terminals or layout; the reader only displays what this model knows.

pub mod align;
pub mod cache;
pub mod clean;
pub mod count;
pub mod decode;
pub mod dups;
pub mod formats;
pub mod load;
pub mod numbering;
pub mod opening;
pub mod outline;
pub mod scrape;
pub mod sentences;
pub mod toc;
pub mod walk;

use std::ops::Range;
use std::path::PathBuf;

pub use load::{
    builtin, load_dirs, load_file, load_scanned, load_titles, scan, Corpus, LoadError, Scan,
    Skipped,
};

/// What a paragraph is, for styling and for the outline (only `Body` is outlined).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParaKind {
    /// Site boilerplate, a table of contents, anything above the title.
    FrontMatter,
    Title,
    Subtitle,
    /// Speaker, date and similar short lines under the title.
    Meta,
    /// `同志们：` — its own paragraph, never a heading.
    Salutation,
    Body,
    /// A table of contents inside the body (numbered lines repeated later as headings).
    Toc,
    /// Site chrome inside the text: HTML remains, breadcrumbs, credits (spec §7.5).
    Chrome,
    /// Notes and references from `注释` / `参考文献` to the end.
    BackMatter,
    /// A scrape's second and later copies of the whole text.
    Repeated,
}

impl ParaKind {
    /// Part of the speech itself: outlined, counted in 字数 and searched as the speech.
    pub fn is_speech(self) -> bool {
        matches!(
            self,
            ParaKind::Title
                | ParaKind::Subtitle
                | ParaKind::Meta
                | ParaKind::Salutation
                | ParaKind::Body
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: ParaKind,
    /// Byte range into `Speech::text`.
    pub range: Range<usize>,
    /// A Markdown heading's `#` count (the `#`s are not in the text); 0 for other paragraphs.
    pub level: u8,
    /// A Markdown `>` quote (the `>` is not in the text).
    pub quote: bool,
}

/// Text a scraping site cut out (`……(…省略877字…)……`) or a truncated tail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Gap {
    pub para: usize,
    /// Byte offset into `Speech::text` where the omitted text stood.
    pub at: usize,
    /// Characters omitted, when the site said.
    pub omitted: Option<u32>,
    pub truncated: bool,
}

/// A speech the scraping site showed only in part (`……(未完,全文共4678字,当前仅显示2464字…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Incomplete {
    pub total: Option<u32>,
    pub shown: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// 一是 二是
    Shi,
    /// 一要 二要
    Yao,
    /// 第一， 第二、 第三：
    Di,
    /// 第一是
    DiShi,
    /// 第一要
    DiYao,
    /// 其一， 其二，
    Qi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum HeadingKind {
    /// A numbered heading (`一、` `（一）` `1.` `第一章` …) or a Markdown heading.
    Structural { form: numbering::Form },
    /// Inline parallel enumeration inside the prose.
    Point { family: Family },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub kind: HeadingKind,
    /// 1 = top level.
    pub depth: u8,
    pub number: u32,
    pub para: usize,
    /// Character offset of the marker within its paragraph (positions survive re-layout).
    pub offset: usize,
    /// Byte ranges into `Speech::text`.
    pub marker: Range<usize>,
    pub text: Range<usize>,
    /// Index of the enclosing heading in `Speech::headings`.
    pub parent: Option<usize>,
    /// The lead-in clause of a point sequence (`归纳起来有这么“四个更加”`), on its first item.
    pub label: Option<Range<usize>>,
}

impl Heading {
    pub fn is_point(&self) -> bool {
        matches!(self.kind, HeadingKind::Point { .. })
    }
}

/// Something a careful reader would flag in a speech's numbering (issue: numbering checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// Index into `Speech::headings` of the heading the check is about.
    pub heading: usize,
    pub kind: CheckKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum CheckKind {
    /// `一、` then `三、`: the number this heading should have had.
    Skipped { expected: u32 },
    /// `我讲三点意见` followed by four points: on the list's first item.
    Count { announced: u32, found: u32 },
}

impl Check {
    /// One line for a reader: Chinese, or English for `tigang outline` and the English UI.
    pub fn explain(&self, s: &Speech, english: bool) -> String {
        let label = s.heading_label(self.heading);
        match (self.kind, english) {
            (CheckKind::Skipped { expected }, false) => {
                format!("编号跳过：{label}（应为第 {expected} 项）")
            }
            (CheckKind::Skipped { expected }, true) => {
                format!("numbering skips: {label} (expected number {expected})")
            }
            (CheckKind::Count { announced, found }, false) => {
                format!("数目不符：预告 {announced} 项，实有 {found} 项（{label}）")
            }
            (CheckKind::Count { announced, found }, true) => {
                format!("count differs: {announced} announced, {found} found ({label})")
            }
        }
    }
}

/// Index of the paragraph containing a byte offset of the text `paragraphs` index into
/// (the last one for offsets past the end); what [`Speech::para_at`] answers.
pub fn para_index(paragraphs: &[Paragraph], byte: usize) -> usize {
    paragraphs
        .partition_point(|p| p.range.end < byte)
        .min(paragraphs.len().saturating_sub(1))
}

/// Where a text's folded copies begin (spec §7.5): searches stop there, so a hit in a
/// repeated copy is not shown again. The copies are always the text's tail.
pub fn searchable_end(paragraphs: &[Paragraph], text_len: usize) -> usize {
    paragraphs
        .iter()
        .find(|p| p.kind == ParaKind::Repeated)
        .map_or(text_len, |p| p.range.start.saturating_sub(1))
}

#[derive(Debug, Clone)]
pub struct Speech {
    /// Stable id from the file name (not a hash: it must not change between builds).
    pub id: String,
    pub path: Option<PathBuf>,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
    /// Cleaned text: paragraphs separated by '\n', hard wraps joined, omissions cut out.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub title: String,
    pub subtitle: Option<String>,
    pub headings: Vec<Heading>,
    /// Numbering a careful reader would flag: skipped numbers, announced counts not met.
    pub checks: Vec<Check>,
    /// Markdown `**emphasis**` (the `**` are not in the text): byte ranges into `text`.
    pub emphasis: Vec<Range<usize>>,
    /// Copies of the whole text after the first, folded as `ParaKind::Repeated`.
    pub repeated: u32,
    /// Headings the table of contents lists that the body lost (to a gap or a cut-off tail).
    pub toc_only: Vec<toc::TocOnly>,
    pub gaps: Vec<Gap>,
    pub incomplete: Option<Incomplete>,
    pub front_matter_removed: bool,
    /// 字数: non-whitespace characters outside the front matter (ideographs and punctuation).
    pub chars: usize,
    /// False for a title-only stub shown while the full parse is still running.
    pub loaded: bool,
    /// True for the opening of a big file parsed alone ([`opening`]) while the whole is
    /// still being parsed: its text, outline and 字数 stop short of the file's.
    pub opening_only: bool,
    /// The near-duplicate sketch of its text ([`dups::Sketch::of_speech`]), made by the loader
    /// after the parse (on its threads; [`Speech::sketched`]) and kept in the parse cache.
    /// Not made by [`Speech::parse`]: the parser's own figures (`cargo bench --bench parse`)
    /// leave out what `cargo bench --bench dups` measures.
    /// Boxed: 520 bytes inline would double the size of every speech, a stub's too (the list
    /// of a 100,000-file corpus is made of stubs before its first frame).
    pub sketch: Option<Box<dups::Sketch>>,
}

impl Speech {
    /// Builds a speech from decoded text.
    pub fn parse(id: impl Into<String>, text: &str) -> Speech {
        let cleaned = clean::clean(text);
        let outline = outline::outline_hinted(
            &cleaned.text,
            &cleaned.paragraphs,
            &cleaned.gaps,
            &cleaned.openings,
        );
        let toc_only = toc::toc_only(
            &cleaned.text,
            &cleaned.paragraphs,
            &cleaned.toc,
            &outline.headings,
        );
        let chars = count::non_space_chars_in(
            &cleaned.text,
            cleaned
                .paragraphs
                .iter()
                .filter(|p| p.kind.is_speech())
                .map(|p| p.range.clone()),
        );
        let mut warnings = Vec::new();
        if cleaned.controls > 0 {
            warnings.push(format!(
                "{} control character(s) replaced by U+FFFD",
                cleaned.controls
            ));
        }
        Speech {
            id: id.into(),
            path: None,
            encoding: "UTF-8",
            warnings,
            front_matter_removed: cleaned
                .paragraphs
                .iter()
                .any(|p| p.kind == ParaKind::FrontMatter),
            text: cleaned.text,
            paragraphs: cleaned.paragraphs,
            title: cleaned.title,
            subtitle: cleaned.subtitle,
            headings: outline.headings,
            checks: outline.checks,
            emphasis: cleaned.emphasis,
            repeated: cleaned.repeated,
            toc_only,
            gaps: cleaned.gaps,
            incomplete: cleaned.incomplete,
            chars,
            loaded: true,
            opening_only: false,
            sketch: None,
        }
    }

    /// A placeholder with just a title, for the list while the corpus loads.
    /// Made without a parse (the list makes one per file before its first frame).
    pub fn stub(id: impl Into<String>, title: String, path: &std::path::Path) -> Speech {
        Speech {
            id: id.into(),
            path: Some(path.to_path_buf()),
            encoding: "UTF-8",
            warnings: Vec::new(),
            front_matter_removed: false,
            text: String::new(),
            paragraphs: Vec::new(),
            title,
            subtitle: None,
            headings: Vec::new(),
            checks: Vec::new(),
            emphasis: Vec::new(),
            repeated: 0,
            toc_only: Vec::new(),
            gaps: Vec::new(),
            incomplete: None,
            chars: 0,
            loaded: false,
            opening_only: false,
            sketch: None,
        }
    }

    /// The speech with its near-duplicate sketch made, as the loader keeps it.
    pub fn sketched(mut self) -> Speech {
        self.sketch = dups::Sketch::of_speech(&self.text, &self.paragraphs).map(Box::new);
        self
    }

    /// Decodes and parses raw file bytes.
    pub fn from_bytes(
        id: impl Into<String>,
        bytes: &[u8],
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Speech, decode::DecodeError> {
        let d = decode::decode(bytes, encoding)?;
        let mut s = Speech::parse(id, &d.text);
        s.encoding = d.encoding;
        // Decoding warnings first: they explain the ones parsing adds.
        let parsed = std::mem::replace(&mut s.warnings, d.warnings);
        s.warnings.extend(parsed);
        Ok(s)
    }

    /// Parses the text extracted from a Word, web or PDF file.
    pub fn from_extracted(
        id: impl Into<String>,
        kind: formats::Kind,
        ex: formats::Extracted,
    ) -> Speech {
        let mut s = Speech::parse(id, &ex.text);
        s.encoding = kind.label();
        if s.title.is_empty() {
            if let Some(t) = ex.title {
                s.title = t;
            }
        }
        let parsed = std::mem::replace(&mut s.warnings, ex.warnings);
        s.warnings.extend(parsed);
        s
    }

    /// The title to show: a speech without a title line shows its file name (spec §7.6).
    pub fn display_title(&self) -> std::borrow::Cow<'_, str> {
        if !self.title.is_empty() {
            return std::borrow::Cow::Borrowed(&self.title);
        }
        let stem = self
            .path
            .as_deref()
            .and_then(|p| p.file_stem())
            .map(|f| f.to_string_lossy().into_owned());
        std::borrow::Cow::Owned(stem.unwrap_or_else(|| self.id.clone()))
    }

    /// The text searches look in: all of it but the folded copies of a repeated body.
    /// Whether all of the speech is parsed: neither a title-only stub nor a big file's
    /// opening ([`Speech::opening_only`]).
    pub fn whole(&self) -> bool {
        self.loaded && !self.opening_only
    }

    pub fn searchable(&self) -> &str {
        &self.text[..searchable_end(&self.paragraphs, self.text.len())]
    }

    pub fn para_text(&self, i: usize) -> &str {
        &self.text[self.paragraphs[i].range.clone()]
    }

    /// A heading's text without footnote marks (`⑹`, `〔1〕`, `[1]`, `（22）` after a word).
    pub fn heading_text(&self, h: &Heading) -> std::borrow::Cow<'_, str> {
        numbering::strip_footnotes(&self.text[h.text.clone()])
    }

    /// The numbering token as written (`一、`, `一是`); empty for a Markdown heading without one.
    pub fn heading_marker(&self, h: &Heading) -> &str {
        &self.text[h.marker.clone()]
    }

    /// The marker column of the outline dump: a Markdown heading without a number shows its
    /// `#` run (spec §7.4).
    pub fn dump_marker(&self, h: &Heading) -> &str {
        match h.kind {
            HeadingKind::Structural {
                form: numbering::Form::Markdown(l),
            } => &"######"[..(l as usize).min(6)],
            _ => self.heading_marker(h),
        }
    }

    /// Index of the paragraph containing a byte offset of `text`.
    pub fn para_at(&self, byte: usize) -> usize {
        para_index(&self.paragraphs, byte)
    }

    /// Reading time at a calm 300 characters a minute, the usual estimate for Chinese prose.
    pub fn reading_minutes(&self) -> usize {
        self.chars.div_ceil(300).max(1)
    }

    /// Headings from the outermost to `idx` itself.
    pub fn heading_path(&self, idx: usize) -> Vec<usize> {
        let mut path = vec![idx];
        let mut cur = idx;
        while let Some(p) = self.headings[cur].parent {
            path.push(p);
            cur = p;
        }
        path.reverse();
        path
    }

    /// The heading whose section contains a byte offset: the last heading starting at or before it.
    pub fn heading_at(&self, byte: usize) -> Option<usize> {
        let n = self.headings.partition_point(|h| h.marker.start <= byte);
        n.checked_sub(1)
    }

    /// One label per heading, e.g. `一、提高政治站位` or `一要 当好参谋助手`.
    pub fn heading_label(&self, idx: usize) -> String {
        let h = &self.headings[idx];
        let marker = self.heading_marker(h);
        let text = self.heading_text(h);
        // A bare numeral from a Markdown heading (`## 一 总体要求`) needs its space back.
        let bare = marker
            .chars()
            .next_back()
            .is_some_and(|c| outline::cn_numeral(&c.to_string()).is_some());
        if marker.is_empty() {
            text.into_owned()
        } else if h.is_point() || bare {
            format!("{marker} {text}")
        } else {
            format!("{marker}{text}")
        }
    }
}
