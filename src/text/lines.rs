//! A document at one width: paragraphs wrapped by [`super::linebreak`] into one list of
//! display lines with blank spacing between paragraphs, and lookups between (paragraph, byte)
//! positions and lines. Pure typography over `&str`; knows nothing of speeches.

use std::ops::Range;

use super::linebreak::Wrapper;

// ---------------------------------------------------------------------------------------------
// Document layout
// ---------------------------------------------------------------------------------------------

/// A paragraph to lay out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParaSpec<'a> {
    pub text: &'a str,
    /// Columns before the paragraph's first line.
    pub first_indent: u16,
    /// Wrap into lines of even length (a centred title), so the last line is not one word
    /// left alone: the same number of lines as at the full width, at the narrowest width
    /// that keeps it.
    pub balanced: bool,
}

/// Whether a display line shows text or is spacing between paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Part of a paragraph (possibly an empty one).
    Text,
    /// Spacing before paragraph `para`.
    Blank,
}

/// One display line of a document. Kept small: a 5 MB text has hundreds of thousands of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocLine {
    /// Paragraph index; for a blank line, the paragraph it precedes.
    pub para: u32,
    /// Byte range in the paragraph; empty for blank lines.
    pub start: u32,
    pub end: u32,
    pub indent: u16,
    pub kind: LineKind,
}

impl DocLine {
    /// The `spacing` blank lines before paragraph `para`.
    fn blanks(para: u32, spacing: u16) -> impl Iterator<Item = DocLine> {
        let blank = DocLine {
            para,
            start: 0,
            end: 0,
            indent: 0,
            kind: LineKind::Blank,
        };
        std::iter::repeat_n(blank, usize::from(spacing))
    }

    pub fn is_blank(&self) -> bool {
        self.kind == LineKind::Blank
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// All display lines of a document at one width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocLayout {
    pub lines: Vec<DocLine>,
    /// Index of each paragraph's first text line.
    para_first: Vec<u32>,
    width: u16,
    spacing: u16,
}

/// Lays out whole paragraphs with `spacing` blank lines between consecutive ones.
///
/// # Panics
/// If a paragraph exceeds 4 GiB or the document has more than `u32::MAX` lines or paragraphs.
pub fn layout_doc<'a>(
    paras: impl IntoIterator<Item = ParaSpec<'a>>,
    width: u16,
    spacing: u16,
) -> DocLayout {
    let mut layout = DocLayout {
        width,
        spacing,
        ..DocLayout::default()
    };
    // Reused across paragraphs so that laying out a corpus allocates per paragraph at most once.
    let mut wrapper = Wrapper::default();
    for (index, para) in paras.into_iter().enumerate() {
        let para_index = to_u32(index, "paragraphs");
        if index > 0 {
            layout.lines.extend(DocLine::blanks(para_index, spacing));
        }
        layout
            .para_first
            .push(to_u32(layout.lines.len(), "display lines"));
        let lines = &mut layout.lines;
        let width = if para.balanced {
            balanced_width(&mut wrapper, para, width)
        } else {
            width
        };
        wrapper.wrap_each(para.text, width, para.first_indent, |line| {
            lines.push(DocLine {
                para: para_index,
                start: to_u32(line.start, "paragraph bytes"),
                end: to_u32(line.end, "paragraph bytes"),
                indent: line.indent,
                kind: LineKind::Text,
            });
        });
    }
    layout
}

/// The narrowest width at which `para` takes as few lines as at `width`.
fn balanced_width(wrapper: &mut Wrapper, para: ParaSpec<'_>, width: u16) -> u16 {
    let mut count = |w: u16| {
        let mut n = 0usize;
        wrapper.wrap_each(para.text, w, para.first_indent, |_| n += 1);
        n
    };
    let lines = count(width);
    if lines < 2 {
        return width;
    }
    // Fewer columns never give fewer lines, so the widths that keep the count are a range.
    let (mut lo, mut hi) = (width / 2, width);
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if count(mid) <= lines {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Below this many bytes a document is laid out on one thread: spawning costs more than it saves.
const PARALLEL_MIN_BYTES: usize = 256 * 1024;

/// [`layout_doc`] on all cores: contiguous runs of paragraphs are laid out on rayon's pool
/// and stitched together. The result is identical to `layout_doc`; opening a 5 MB
/// speech is then bounded by the slowest run rather than the sum.
pub fn layout_doc_parallel(paras: &[ParaSpec<'_>], width: u16, spacing: u16) -> DocLayout {
    let total: usize = paras.iter().map(|p| p.text.len()).sum();
    let threads = rayon::current_num_threads();
    if threads < 2 || total < PARALLEL_MIN_BYTES || paras.len() < 2 {
        return layout_doc(paras.iter().copied(), width, spacing);
    }
    // Cut into runs of about equal byte size.
    let share = total.div_ceil(threads);
    let mut cuts = vec![0];
    let mut acc = 0;
    for (i, p) in paras.iter().enumerate() {
        acc += p.text.len();
        if acc >= share * cuts.len() && i + 1 < paras.len() && cuts.len() < threads {
            cuts.push(i + 1);
        }
    }
    cuts.push(paras.len());
    let parts: Vec<DocLayout> = {
        use rayon::prelude::*;
        cuts.par_windows(2)
            .map(|w| layout_doc(paras[w[0]..w[1]].iter().copied(), width, spacing))
            .collect()
    };
    let mut out = DocLayout {
        width,
        spacing,
        lines: Vec::with_capacity(
            parts
                .iter()
                .map(|p| p.lines.len() + usize::from(spacing))
                .sum(),
        ),
        para_first: Vec::with_capacity(paras.len()),
    };
    for (part, &first_para) in parts.into_iter().zip(&cuts) {
        let para_offset = to_u32(first_para, "paragraphs");
        if first_para > 0 {
            // The spacing `layout_doc` puts before every paragraph but its first.
            out.lines.extend(DocLine::blanks(para_offset, spacing));
        }
        let line_offset = to_u32(out.lines.len(), "display lines");
        out.para_first
            .extend(part.para_first.iter().map(|&l| l + line_offset));
        out.lines.extend(part.lines.into_iter().map(|mut l| {
            l.para += para_offset;
            l
        }));
    }
    out
}

fn to_u32(n: usize, what: &str) -> u32 {
    u32::try_from(n).unwrap_or_else(|_| panic!("layout: too many {what} ({n})"))
}

impl DocLayout {
    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn spacing(&self) -> u16 {
        self.spacing
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    pub fn para_count(&self) -> usize {
        self.para_first.len()
    }

    /// First display line of paragraph `para` (clamped to the last paragraph).
    pub fn para_first_line(&self, para: usize) -> usize {
        match self.para_first.len() {
            0 => 0,
            n => self.para_first[para.min(n - 1)] as usize,
        }
    }

    /// The text lines of paragraph `para` (clamped to the last paragraph), blank lines excluded.
    pub fn para_lines(&self, para: usize) -> Range<usize> {
        let n = self.para_first.len();
        if n == 0 {
            return 0..0;
        }
        let para = para.min(n - 1);
        let start = self.para_first[para] as usize;
        let end = match self.para_first.get(para + 1) {
            Some(&next) => next as usize - usize::from(self.spacing),
            None => self.lines.len(),
        };
        start..end
    }

    /// Display line showing byte `byte` of paragraph `para`; positions past the end of a
    /// paragraph (or of the document) map to its last line.
    pub fn line_of(&self, para: usize, byte: usize) -> usize {
        let lines = self.para_lines(para);
        if para >= self.para_first.len() {
            return lines.end.saturating_sub(1);
        }
        let found = self.lines[lines.clone()].partition_point(|l| l.start as usize <= byte);
        // Every paragraph's first line starts at byte 0, so `found` is at least 1.
        lines.start + found.saturating_sub(1)
    }

    /// `(para, byte)` at the start of display line `line` (clamped to the last line). A blank
    /// line gives the start of the paragraph it precedes.
    pub fn pos_of_line(&self, line: usize) -> (usize, usize) {
        match self.lines.get(line.min(self.lines.len().saturating_sub(1))) {
            Some(l) => (l.para as usize, l.start as usize),
            None => (0, 0),
        }
    }
}
