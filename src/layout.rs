//! Line layout for the reading pane: wraps paragraphs of (mostly Chinese) text into display lines
//! of at most a given number of terminal columns, following Chinese line-breaking rules, and hands
//! back byte ranges into the text. It must not depend on the terminal/ratatui or on the corpus, so
//! that it stays pure and testable on its own.
//!
//! Rendering contract: a line is drawn as `sanitize(visible_part(&text[start..end]))`, preceded by
//! `indent` blank columns. `visible_part` drops trailing spaces and a trailing line terminator,
//! which take no room in the layout; `sanitize` turns control characters into one-column
//! placeholders, which is how `display_width` counts them.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use unicode_linebreak::{linebreaks, BreakOpportunity};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// First-line indentation the app uses by default: two full-width spaces, the Chinese convention.
pub const DEFAULT_FIRST_INDENT: u16 = 4;

// ---------------------------------------------------------------------------------------------
// Widths and control characters
// ---------------------------------------------------------------------------------------------

/// The placeholder shown instead of `c`, or `None` when `c` may be printed as it is.
///
/// Control characters must never reach the terminal raw: they would move the cursor or start
/// escape sequences and corrupt the screen.
pub fn visible_char(c: char) -> Option<char> {
    match u32::from(c) {
        // C0 has a dedicated "control picture" for each code (␀..␟).
        n @ 0x00..=0x1F => char::from_u32(0x2400 + n),
        0x7F => Some('\u{2421}'),
        // C1 has no control pictures; the replacement character at least shows something is there.
        0x80..=0x9F => Some('\u{FFFD}'),
        _ => None,
    }
}

/// `s` with every control character replaced by its placeholder; borrows when there is none.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| visible_char(c).unwrap_or(c)).collect())
}

/// Columns one grapheme cluster takes once sanitized.
///
/// `unicode-width` gives control characters no width, but each is drawn as a one-column
/// placeholder, so counting it as 0 would let lines overflow.
pub fn grapheme_width(g: &str) -> usize {
    let mut chars = g.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() {
            1
        } else {
            c.width().unwrap_or(0)
        };
    }
    if g.chars().any(char::is_control) {
        g.chars()
            .map(|c| {
                if c.is_control() {
                    1
                } else {
                    c.width().unwrap_or(0)
                }
            })
            .sum()
    } else {
        g.width()
    }
}

/// Columns `s` takes once sanitized, summed grapheme by grapheme as the terminal buffer does.
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        // Every ASCII character, printable or a control placeholder, is one column.
        return s.len();
    }
    graphemes(s).map(|(_, g)| grapheme_width(g)).sum()
}

/// `s.grapheme_indices(true)`, made faster for ordinary Chinese and ASCII text.
///
/// Full segmentation is most of the layout's running time, yet between two characters of the
/// ranges below (none of which extends, prepends to or joins with a neighbour) a cluster always
/// ends, so only the rest needs the full algorithm.
fn graphemes(s: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &s[pos..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        let len = if is_lone_grapheme_char(c) && chars.next().is_none_or(is_lone_grapheme_char) {
            c.len_utf8()
        } else {
            // Starting afresh at a cluster boundary is safe: the rules that look back (emoji
            // ZWJ sequences, regional indicator pairs) never look past one.
            rest.graphemes(true).next().map_or(rest.len(), str::len)
        };
        let start = pos;
        pos += len;
        Some((start, &rest[..len]))
    })
}

/// Characters whose grapheme cluster break property is Other, so that two of them in a row
/// never belong to the same cluster.
fn is_lone_grapheme_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x20..=0x7E
            | 0xA0..=0xAC
            | 0xAE..=0xFF
            | 0x2010..=0x2027
            | 0x3000..=0x3029
            | 0x3030..=0x303F
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xFF01..=0xFF60
    )
}

/// Whether `c` ends a line by itself (UAX #14 classes BK, CR, LF and NL).
pub const fn is_line_terminator(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The part of a laid-out line that is drawn: without trailing spaces or line terminator.
pub fn visible_part(line: &str) -> &str {
    let line = match line.strip_suffix("\r\n") {
        Some(rest) => rest,
        None => match line.chars().next_back() {
            Some(c) if is_line_terminator(c) => &line[..line.len() - c.len_utf8()],
            _ => line,
        },
    };
    line.trim_end_matches(' ')
}

/// Columns a laid-out line occupies: the width of its visible part.
pub fn line_width(line: &str) -> usize {
    display_width(visible_part(line))
}

/// Characters that must not begin a line (closing punctuation, pauses, ellipsis, dash).
pub const fn forbidden_at_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '”'
            | '’'
            | '〉'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '〞'
            | '］'
            | '｝'
            | '．'
            | '｡'
            | '｣'
            | '､'
            | '…'
            | '‥'
            | '⋯'
            | '·'
            | '・'
            | '‧'
            | '—'
            | '―'
            | '⸺'
            | '⸻'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Characters that must not end a line (opening brackets and quotes).
pub const fn forbidden_at_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '《'
            | '“'
            | '‘'
            | '〈'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '〝'
            | '［'
            | '｛'
            | '｢'
            | '('
            | '['
            | '{'
    )
}

// ---------------------------------------------------------------------------------------------
// Paragraph wrapping
// ---------------------------------------------------------------------------------------------

/// One display line of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    /// Byte offset of the line's first character in the paragraph.
    pub start: usize,
    /// Byte offset just past the line, trailing spaces and terminator included.
    pub end: usize,
    /// Blank columns before the content.
    pub indent: u16,
    /// Columns of the visible content (see [`line_width`]).
    pub width: u16,
}

impl LineRange {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Wraps `text` into lines of at most `width` columns, the first indented by `first_indent`.
///
/// The ranges are contiguous and cover the whole text; an empty text gives one empty line. The
/// indent is dropped when it would leave less than one wide character of room.
pub fn wrap(text: &str, width: u16, first_indent: u16) -> Vec<LineRange> {
    let mut atoms = Vec::new();
    build_atoms(text, &mut atoms);
    let mut lines = Vec::new();
    break_lines(&atoms, text.len(), width, first_indent, |line| {
        lines.push(line)
    });
    lines
}

// How acceptable it is to end a line just before a grapheme: lower is better. The first four
// ranks are fallbacks for lines that cannot be broken properly within the width.
/// Allowed by UAX #14 (with the CJK quote fix-up) and by the Chinese rules.
const RANK_GOOD: u8 = 0;
/// Respects the Chinese rules and keeps words whole, but UAX #14 objects.
const RANK_LOOSE: u8 = 1;
/// Splits a Latin word or a number, but respects the Chinese rules. Preferred to breaking a rule
/// because a word is only split here when no proper break fits, and then it is usually longer
/// than the line and gets split anyway.
const RANK_WORD: u8 = 2;
/// Breaks a Chinese rule (e.g. a line starting with `，`), but no word.
const RANK_KINSOKU: u8 = 3;
/// Anything else between two graphemes.
const RANK_ANY: u8 = 4;
const RANK_COUNT: usize = 5;
/// Before a space or a line terminator, which take no room at the end of a line, so there is
/// never a reason to push them to the next one.
const NEVER: u8 = 0xFE;
const MANDATORY: u8 = 0xFF;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Content,
    /// Takes no room at the end of a line.
    Space,
    /// Ends its line and is never drawn.
    Terminator,
}

/// One grapheme cluster with what line breaking needs to know about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Atom {
    start: usize,
    width: u32,
    kind: Kind,
    /// Rank of the break opportunity just before this grapheme.
    before: u8,
}

#[derive(Clone, Copy)]
struct Traits {
    first: char,
    width: u32,
    space: bool,
    terminator: bool,
    alnum: bool,
    no_start: bool,
    no_end: bool,
    open_quote: bool,
    close_quote: bool,
    /// Written in pairs: "……", "——".
    doubled: bool,
}

/// Traits of CJK ideographs (U+3400–4DBF, U+4E00–9FFF): two columns, no special role.
const IDEOGRAPH: Traits = Traits {
    first: '\u{4E00}',
    width: 2,
    space: false,
    terminator: false,
    alnum: false,
    no_start: false,
    no_end: false,
    open_quote: false,
    close_quote: false,
    doubled: false,
};

/// Traits of each printable ASCII character standing alone (indexed by code; controls unused).
const ASCII: [Traits; 128] = {
    let mut table = [IDEOGRAPH; 128];
    let mut n = 0x20;
    while n < 0x7F {
        let c = n as u8 as char;
        table[n] = Traits {
            first: c,
            width: 1,
            space: c == ' ',
            terminator: false,
            alnum: c.is_ascii_alphanumeric(),
            no_start: forbidden_at_line_start(c),
            no_end: forbidden_at_line_end(c),
            open_quote: false,
            close_quote: false,
            doubled: false,
        };
        n += 1;
    }
    table
};

impl Traits {
    #[cfg(test)]
    fn fields(&self) -> (char, u32, [bool; 8]) {
        let t = self;
        let flags = [
            t.space,
            t.terminator,
            t.alnum,
            t.no_start,
            t.no_end,
            t.open_quote,
            t.close_quote,
            t.doubled,
        ];
        (t.first, t.width, flags)
    }

    fn of(g: &str) -> Self {
        let mut chars = g.chars();
        let first = chars.next().unwrap_or(' ');
        if chars.next().is_none() && !g.is_empty() {
            return Self::of_char(first);
        }
        Self::with_width(first, grapheme_width(g), false)
    }

    /// Traits of the grapheme made of `c` alone.
    fn of_char(c: char) -> Self {
        let width = if c.is_control() {
            1
        } else {
            c.width().unwrap_or(0)
        };
        Self::with_width(c, width, c == ' ')
    }

    fn with_width(first: char, width: usize, space: bool) -> Self {
        Traits {
            first,
            width: u32::try_from(width).unwrap_or(u32::MAX),
            space,
            terminator: is_line_terminator(first),
            alnum: width <= 1 && first.is_alphanumeric(),
            no_start: forbidden_at_line_start(first),
            no_end: forbidden_at_line_end(first),
            open_quote: matches!(first, '“' | '‘'),
            close_quote: matches!(first, '”' | '’'),
            doubled: matches!(first, '…' | '—'),
        }
    }

    /// The traits of `c` when it is one of the characters that never join a neighbour in a
    /// grapheme cluster (see [`is_lone_grapheme_char`]); `None` for every other character.
    #[inline]
    fn of_lone_char(c: char) -> Option<Self> {
        let n = u32::from(c);
        if n < 0x80 {
            return (0x20..0x7F).contains(&n).then(|| ASCII[n as usize]);
        }
        if (0x4E00..=0x9FFF).contains(&n) || (0x3400..=0x4DBF).contains(&n) {
            return Some(Traits {
                first: c,
                ..IDEOGRAPH
            });
        }
        let index = match n {
            0x2010..=0x2027 => n - 0x2010,
            0x3000..=0x3029 | 0x3030..=0x303F => n - 0x3000 + 0x18,
            0xFF01..=0xFF60 => n - 0xFF01 + 0x58,
            _ => return is_lone_grapheme_char(c).then(|| Self::of_char(c)),
        };
        Some(punctuation_table()[index as usize])
    }

    /// Ideographs, kana, full-width punctuation: the context where Chinese rules apply.
    fn wide(&self) -> bool {
        self.width >= 2
    }
}

/// Traits of the general and CJK punctuation blocks and full-width forms (U+2010–2027,
/// U+3000–303F, U+FF01–FF60), indexed as in [`Traits::of_lone_char`].
fn punctuation_table() -> &'static [Traits] {
    static TABLE: OnceLock<Vec<Traits>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0x2010..=0x2027)
            .chain(0x3000..=0x303F)
            .chain(0xFF01..=0xFF60)
            .map(|n| Traits::of_char(char::from_u32(n).unwrap_or(' ')))
            .collect()
    })
}

/// Splits `text` into grapheme clusters (as [`graphemes`] does) with their traits and the rank of
/// the break before each.
fn build_atoms(text: &str, atoms: &mut Vec<Atom>) {
    atoms.clear();
    atoms.reserve(text.len() / 3);
    let mut uax = linebreaks(text);
    // The next break opportunity UAX #14 reports that has not been passed yet.
    let mut next_uax = uax.next();
    let mut chars = text.char_indices();
    let lookahead = |chars: &mut std::str::CharIndices<'_>| {
        chars.next().map(|(i, c)| (i, c, Traits::of_lone_char(c)))
    };
    // The character after the current one, with its traits if it can stand alone.
    let mut ahead = lookahead(&mut chars);
    let mut prev = IDEOGRAPH;
    let mut have_prev = false;
    // Whether the last non-space grapheme must not end a line: "（ " must not end one either.
    let mut after_no_end = false;
    while let Some((start, _, fast)) = ahead {
        ahead = lookahead(&mut chars);
        let cur = match fast {
            // Between two characters that never join, a cluster always ends.
            Some(traits) if ahead.is_none_or(|(_, _, next)| next.is_some()) => traits,
            _ => {
                // Starting afresh at a cluster boundary is safe: the rules that look back (emoji
                // ZWJ sequences, regional indicator pairs) never look past one.
                let rest = &text[start..];
                let len = rest.graphemes(true).next().map_or(rest.len(), str::len);
                let end = start + len;
                while ahead.is_some_and(|(i, _, _)| i < end) {
                    ahead = lookahead(&mut chars);
                }
                Traits::of(&rest[..len])
            }
        };
        let mut before = NEVER;
        if have_prev {
            // UAX #14 also reports positions inside grapheme clusters; those are skipped.
            let mut opportunity = None;
            while let Some((pos, kind)) = next_uax {
                if pos > start {
                    break;
                }
                if pos == start {
                    opportunity = Some(kind);
                }
                next_uax = uax.next();
            }
            before = boundary_rank(&prev, &cur, opportunity, after_no_end);
        }
        if !cur.space {
            after_no_end = cur.no_end;
        }
        let (kind, width) = if cur.terminator {
            (Kind::Terminator, 0)
        } else if cur.space {
            (Kind::Space, cur.width)
        } else {
            (Kind::Content, cur.width)
        };
        atoms.push(Atom {
            start,
            width,
            kind,
            before,
        });
        prev = cur;
        have_prev = true;
    }
}

fn boundary_rank(
    prev: &Traits,
    cur: &Traits,
    uax: Option<BreakOpportunity>,
    after_no_end: bool,
) -> u8 {
    if prev.terminator || uax == Some(BreakOpportunity::Mandatory) {
        return MANDATORY;
    }
    if cur.space || cur.terminator {
        return NEVER;
    }
    // UAX #14 (LB19) glues quotation marks to both neighbours, which in Chinese would weld whole
    // quoted clauses to the text around them; Chinese only needs the quote kept with the quoted
    // text.
    let cjk_quote = (cur.open_quote && prev.wide() && !prev.no_end)
        || (prev.close_quote && (cur.open_quote || (cur.wide() && !cur.no_start)));
    let allowed = uax.is_some() || cjk_quote;
    let kinsoku = cur.no_start || after_no_end;
    // Narrow runs that UAX #14 keeps together are words, numbers ("1.5", "2,000") or a word with
    // its punctuation: splitting those is the last resort.
    let in_word = (!allowed
        && prev.width <= 1
        && cur.width <= 1
        && !prev.space
        && (prev.alnum || cur.alnum))
        // Splitting "……" or "——" is worse than letting it start a line.
        || (prev.doubled && cur.doubled && prev.first == cur.first);
    match (allowed, kinsoku, in_word) {
        (true, false, _) => RANK_GOOD,
        (false, false, false) => RANK_LOOSE,
        (_, false, true) => RANK_WORD,
        (_, true, false) => RANK_KINSOKU,
        (_, true, true) => RANK_ANY,
    }
}

fn break_lines(
    atoms: &[Atom],
    text_len: usize,
    width: u16,
    first_indent: u16,
    mut emit: impl FnMut(LineRange),
) {
    let width = usize::from(width);
    let mut indent = if usize::from(first_indent) + 2 <= width {
        first_indent
    } else {
        0
    };
    if atoms.is_empty() {
        emit(LineRange {
            start: 0,
            end: text_len,
            indent,
            width: 0,
        });
        return;
    }
    let mut first = 0;
    while first < atoms.len() {
        let (end, line_width) = fit_line(atoms, first, width - usize::from(indent));
        emit(LineRange {
            start: atoms[first].start,
            end: atoms.get(end).map_or(text_len, |a| a.start),
            indent,
            width: u16::try_from(line_width).unwrap_or(u16::MAX),
        });
        first = end;
        indent = 0;
    }
}

/// Finds where the line starting at atom `first` ends: returns the index of the next line's first
/// atom and the line's visible width.
fn fit_line(atoms: &[Atom], first: usize, avail: usize) -> (usize, usize) {
    // Latest candidate of each rank seen so far, with the line width if broken there. Taking the
    // best rank's latest candidate is what "carries characters down" when a Chinese rule forbids
    // the break at the width limit.
    let mut best: [Option<(usize, usize)>; RANK_COUNT] = [None; RANK_COUNT];
    let mut width = 0;
    let mut spaces = 0;
    let mut i = first;
    loop {
        let atom = atoms[i];
        match atom.kind {
            Kind::Space => spaces += atom.width as usize,
            Kind::Terminator => {}
            Kind::Content => {
                let grown = width + spaces + atom.width as usize;
                if grown > avail {
                    if let Some(&found) = best.iter().flatten().next() {
                        return found;
                    }
                    // Nowhere to break before it: a single grapheme wider than the line must
                    // still go somewhere.
                }
                width = grown;
                spaces = 0;
            }
        }
        i += 1;
        let Some(next) = atoms.get(i) else {
            return (i, width);
        };
        match next.before {
            MANDATORY => return (i, width),
            NEVER => {}
            rank => best[usize::from(rank)] = Some((i, width)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Document layout
// ---------------------------------------------------------------------------------------------

/// A paragraph to lay out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParaSpec<'a> {
    pub text: &'a str,
    /// Columns before the paragraph's first line.
    pub first_indent: u16,
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
    let mut atoms = Vec::new();
    for (index, para) in paras.into_iter().enumerate() {
        let para_index = to_u32(index, "paragraphs");
        if index > 0 {
            let blank = DocLine {
                para: para_index,
                start: 0,
                end: 0,
                indent: 0,
                kind: LineKind::Blank,
            };
            layout
                .lines
                .extend(std::iter::repeat_n(blank, usize::from(spacing)));
        }
        layout
            .para_first
            .push(to_u32(layout.lines.len(), "display lines"));
        build_atoms(para.text, &mut atoms);
        let lines = &mut layout.lines;
        break_lines(&atoms, para.text.len(), width, para.first_indent, |line| {
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

/// Below this many bytes a document is laid out on one thread: spawning costs more than it saves.
const PARALLEL_MIN_BYTES: usize = 256 * 1024;

/// [`layout_doc`] on all cores: contiguous runs of paragraphs are laid out on their own
/// threads and stitched together. The result is identical to `layout_doc`; opening a 5 MB
/// speech is then bounded by the slowest run rather than the sum.
pub fn layout_doc_parallel(paras: &[ParaSpec<'_>], width: u16, spacing: u16) -> DocLayout {
    let total: usize = paras.iter().map(|p| p.text.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
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
    let parts: Vec<DocLayout> = std::thread::scope(|scope| {
        let handles: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let run = &paras[w[0]..w[1]];
                scope.spawn(move || layout_doc(run.iter().copied(), width, spacing))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("layout thread"))
            .collect()
    });
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
            let blank = DocLine {
                para: para_offset,
                start: 0,
                end: 0,
                indent: 0,
                kind: LineKind::Blank,
            };
            out.lines
                .extend(std::iter::repeat_n(blank, usize::from(spacing)));
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

#[cfg(test)]
mod tests {

    /// The layout's atoms as computed before the fast paths, kept to check that the fast paths
    /// change nothing.
    mod reference {
        use super::super::{
            forbidden_at_line_end, forbidden_at_line_start, grapheme_width, graphemes,
            is_line_terminator, Atom, Kind, MANDATORY, NEVER, RANK_ANY, RANK_GOOD, RANK_KINSOKU,
            RANK_LOOSE, RANK_WORD,
        };
        use unicode_linebreak::{linebreaks, BreakOpportunity};

        #[derive(Clone, Copy)]
        pub(super) struct Traits {
            first: char,
            width: usize,
            space: bool,
            terminator: bool,
            alnum: bool,
            no_start: bool,
            no_end: bool,
            open_quote: bool,
            close_quote: bool,
            /// Written in pairs: "……", "——".
            doubled: bool,
        }

        impl Traits {
            pub(super) fn fields(&self) -> (char, u32, [bool; 8]) {
                let t = self;
                let flags = [
                    t.space,
                    t.terminator,
                    t.alnum,
                    t.no_start,
                    t.no_end,
                    t.open_quote,
                ];
                let flags = [
                    flags[0],
                    flags[1],
                    flags[2],
                    flags[3],
                    flags[4],
                    flags[5],
                    t.close_quote,
                    t.doubled,
                ];
                (t.first, u32::try_from(t.width).unwrap_or(u32::MAX), flags)
            }

            pub(super) fn of(g: &str) -> Self {
                let first = g.chars().next().unwrap_or(' ');
                let width = grapheme_width(g);
                Traits {
                    first,
                    width,
                    space: g == " ",
                    terminator: is_line_terminator(first),
                    alnum: width <= 1 && first.is_alphanumeric(),
                    no_start: forbidden_at_line_start(first),
                    no_end: forbidden_at_line_end(first),
                    open_quote: matches!(first, '“' | '‘'),
                    close_quote: matches!(first, '”' | '’'),
                    doubled: matches!(first, '…' | '—'),
                }
            }

            /// Ideographs, kana, full-width punctuation: the context where Chinese rules apply.
            fn wide(&self) -> bool {
                self.width >= 2
            }
        }

        pub(super) fn build_atoms(text: &str, atoms: &mut Vec<Atom>) {
            atoms.clear();
            let mut uax = linebreaks(text).peekable();
            atoms.reserve(text.len() / 3);
            let mut prev: Option<Traits> = None;
            // Whether the last non-space grapheme must not end a line: "（ " must not end one either.
            let mut after_no_end = false;
            for (start, g) in graphemes(text) {
                let cur = Traits::of(g);
                let mut before = NEVER;
                if let Some(prev) = prev {
                    // UAX #14 also reports positions inside grapheme clusters; those are skipped.
                    let mut opportunity = None;
                    while let Some(&(pos, kind)) = uax.peek() {
                        if pos > start {
                            break;
                        }
                        if pos == start {
                            opportunity = Some(kind);
                        }
                        uax.next();
                    }
                    before = boundary_rank(&prev, &cur, opportunity, after_no_end);
                }
                if !cur.space {
                    after_no_end = cur.no_end;
                }
                let (kind, width) = if cur.terminator {
                    (Kind::Terminator, 0)
                } else if cur.space {
                    (Kind::Space, cur.width)
                } else {
                    (Kind::Content, cur.width)
                };
                atoms.push(Atom {
                    start,
                    width: u32::try_from(width).unwrap_or(u32::MAX),
                    kind,
                    before,
                });
                prev = Some(cur);
            }
        }

        fn boundary_rank(
            prev: &Traits,
            cur: &Traits,
            uax: Option<BreakOpportunity>,
            after_no_end: bool,
        ) -> u8 {
            if prev.terminator || uax == Some(BreakOpportunity::Mandatory) {
                return MANDATORY;
            }
            if cur.space || cur.terminator {
                return NEVER;
            }
            // UAX #14 (LB19) glues quotation marks to both neighbours, which in Chinese would weld whole
            // quoted clauses to the text around them; Chinese only needs the quote kept with the quoted
            // text.
            let cjk_quote = (cur.open_quote && prev.wide() && !prev.no_end)
                || (prev.close_quote && (cur.open_quote || (cur.wide() && !cur.no_start)));
            let allowed = uax.is_some() || cjk_quote;
            let kinsoku = cur.no_start || after_no_end;
            // Narrow runs that UAX #14 keeps together are words, numbers ("1.5", "2,000") or a word with
            // its punctuation: splitting those is the last resort.
            let in_word = (!allowed
            && prev.width <= 1
            && cur.width <= 1
            && !prev.space
            && (prev.alnum || cur.alnum))
            // Splitting "……" or "——" is worse than letting it start a line.
            || (prev.doubled && cur.doubled && prev.first == cur.first);
            match (allowed, kinsoku, in_word) {
                (true, false, _) => RANK_GOOD,
                (false, false, false) => RANK_LOOSE,
                (_, false, true) => RANK_WORD,
                (_, true, false) => RANK_KINSOKU,
                (_, true, true) => RANK_ANY,
            }
        }
    }
    use super::*;
    use proptest::prelude::*;
    use unicode_linebreak::{break_property, BreakClass};

    #[test]
    fn parallel_layout_equals_sequential() {
        let para =
            "一是坚持党的领导，“两个确立”具有决定性意义；二是1.5倍的增长。ABC company grew. ";
        let texts: Vec<String> = (0..400).map(|i| para.repeat(1 + i % 17)).collect();
        let specs: Vec<ParaSpec> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| ParaSpec {
                text: t,
                first_indent: if i % 3 == 0 { 0 } else { 4 },
            })
            .collect();
        for spacing in [0, 1, 2] {
            let seq = layout_doc(specs.iter().copied(), 37, spacing);
            let par = layout_doc_parallel(&specs, 37, spacing);
            assert_eq!(seq, par, "spacing {spacing}");
        }
    }

    const NO_START: &str = "，。、；：？！）」』》”’〉】〕…·—,.;:?!)]}";
    const NO_END: &str = "（「『《“‘〈【〔([{";
    const IDEOGRAPHS: &str = "中国人民共和发展经济社会我们的是在有这个上不";

    fn lines(text: &str, width: u16, indent: u16) -> Vec<&str> {
        wrap(text, width, indent)
            .iter()
            .map(|l| &text[l.range()])
            .collect()
    }

    /// The invariants every layout must satisfy, whatever the text.
    fn check_basic(text: &str, width: u16, first_indent: u16) -> Vec<LineRange> {
        let out = wrap(text, width, first_indent);
        assert!(!out.is_empty());
        assert_eq!(out[0].start, 0);
        assert_eq!(out.last().unwrap().end, text.len());
        for pair in out.windows(2) {
            assert_eq!(
                pair[0].end, pair[1].start,
                "{text:?}: ranges not contiguous"
            );
        }
        let joined: String = out.iter().map(|l| &text[l.range()]).collect();
        assert_eq!(joined, text);
        let expected_indent = if first_indent + 2 <= width {
            first_indent
        } else {
            0
        };
        for (i, l) in out.iter().enumerate() {
            assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end));
            assert!(l.start < l.end || text.is_empty(), "{text:?}: empty line");
            let line = &text[l.range()];
            assert_eq!(usize::from(l.width), line_width(line), "{line:?}");
            assert_eq!(l.indent, if i == 0 { expected_indent } else { 0 });
            if width >= 2 {
                assert!(
                    line_width(line) + usize::from(l.indent) <= usize::from(width),
                    "{text:?} at {width}: line {line:?} too wide"
                );
            }
        }
        out
    }

    fn ends_with_terminator(line: &str) -> bool {
        line.chars().next_back().is_some_and(is_line_terminator)
    }

    /// Lines whose break breaks a Chinese rule: the next line starts with a forbidden character,
    /// or this one ends with one. Breaks forced by a line terminator are exempt.
    fn kinsoku_violations(text: &str, out: &[LineRange]) -> Vec<usize> {
        let mut bad = Vec::new();
        for (i, pair) in out.windows(2).enumerate() {
            let line = &text[pair[0].range()];
            if ends_with_terminator(line) {
                continue;
            }
            let next_first = text[pair[1].range()].chars().next().unwrap();
            let last_visible = visible_part(line).chars().next_back();
            if NO_START.contains(next_first) || last_visible.is_some_and(|c| NO_END.contains(c)) {
                bad.push(i);
            }
        }
        bad
    }

    /// Whether a break at `b` is plainly fine in Chinese: an ideograph after it, and before it an
    /// ideograph or a closing mark.
    fn clearly_good_break(text: &str, b: usize) -> bool {
        let before = text[..b].chars().next_back();
        let after = text[b..].chars().next();
        matches!(
            (before, after),
            (Some(x), Some(y)) if (IDEOGRAPHS.contains(x) || "，。、；：？！）」』》”’…—".contains(x))
                && IDEOGRAPHS.contains(y)
        )
    }

    /// Asserts that each rule-breaking line break had no plainly good alternative that fit.
    fn check_kinsoku(text: &str, width: u16, out: &[LineRange]) {
        for i in kinsoku_violations(text, out) {
            let l = out[i];
            let avail = usize::from(width) - usize::from(l.indent);
            let mut b = l.start;
            for c in text[l.start..].chars() {
                b += c.len_utf8();
                if is_line_terminator(c) || line_width(&text[l.start..b]) > avail {
                    break;
                }
                assert!(
                    !clearly_good_break(text, b),
                    "{text:?} at {width}: line {:?} breaks a rule though a break at {b} fit",
                    &text[l.range()]
                );
            }
        }
    }

    #[test]
    fn pure_chinese_fills_lines() {
        let text = "我们要坚持和发展中国特色社会主义不断推进国家治理体系和治理能力现代化".repeat(3);
        let text = text.as_str();
        let n = text.chars().count();
        for (width, per_line) in [(10, 5), (11, 5), (20, 10), (80, 40)] {
            let out = check_basic(text, width, 0);
            assert_eq!(out.len(), n.div_ceil(per_line), "width {width}");
            for l in &out[..out.len() - 1] {
                assert_eq!(text[l.range()].chars().count(), per_line);
                assert_eq!(usize::from(l.width), per_line * 2);
            }
        }
    }

    #[test]
    fn punctuated_chinese_keeps_the_rules() {
        let text =
            "同志们：今年是全面贯彻党的二十大精神的开局之年。我们要坚持“以人民为中心”的发展思想，\
            推进《规划》（2021—2025年）落实——这是大局……同时，要看到困难：经济增长1.5%、\
            就业压力（特别是青年）较大！怎么办？";
        for width in [10, 11, 20, 80] {
            let out = check_basic(text, width, DEFAULT_FIRST_INDENT);
            assert!(out.len() > 1);
            let bad = kinsoku_violations(text, &out);
            assert!(bad.is_empty(), "{width}: {:?}", lines(text, width, 4));
        }
    }

    #[test]
    fn first_line_indent() {
        let text = "一二三四五六七八九十一二三四五六七八九十";
        let out = check_basic(text, 20, 4);
        assert_eq!(out[0].indent, 4);
        assert_eq!(text[out[0].range()].chars().count(), 8);
        assert_eq!(out[1].indent, 0);
        assert_eq!(text[out[1].range()].chars().count(), 10);
        // An indent that leaves no room for a wide character is dropped rather than overflowing.
        assert_eq!(wrap("一二", 5, 4)[0].indent, 0);
        assert_eq!(wrap("一二", 6, 4)[0].indent, 4);
        assert_eq!(wrap("一二", 3, 8)[0].indent, 0);
    }

    #[test]
    fn mixed_chinese_latin_digits_keep_words_whole() {
        let text = "ABC公司2023年增长1.5倍";
        let words = ["ABC", "2023", "1.5"];
        for width in 4..=30 {
            let out = check_basic(text, width, 0);
            for l in &out {
                for w in words {
                    let at = text.find(w).unwrap();
                    assert!(
                        l.end <= at || l.end >= at + w.len(),
                        "width {width} splits {w}: {:?}",
                        lines(text, width, 0)
                    );
                }
            }
        }
        assert_eq!(lines(text, 8, 0), ["ABC公司", "2023年增", "长1.5倍"]);
    }

    #[test]
    fn long_word_is_split_only_as_last_resort() {
        let text = "参见abcdefghijklmnopqrstuvwxyz一文";
        let out = check_basic(text, 10, 0);
        assert_eq!(
            lines(text, 10, 0),
            ["参见", "abcdefghij", "klmnopqrst", "uvwxyz一文"]
        );
        assert!(out.iter().all(|l| l.width <= 10));
        // A word too long for any line is split rather than leaving "（" at a line end.
        assert_eq!(
            lines("（abcdefghijklmnop", 12, 0),
            ["（abcdefghij", "klmnop"]
        );
    }

    #[test]
    fn each_forbidden_line_start_is_carried_down() {
        for c in NO_START.chars() {
            let text = format!("一二三四五{c}六七八九");
            let out = check_basic(&text, 10, 0);
            let got = lines(&text, 10, 0);
            assert_eq!(got[0], "一二三四", "{c}: {got:?}");
            assert!(got[1].starts_with('五'), "{c}: {got:?}");
            assert!(kinsoku_violations(&text, &out).is_empty());
        }
    }

    #[test]
    fn each_forbidden_line_end_is_moved_down() {
        for c in NO_END.chars() {
            let text = format!("一二三四{c}五六七八");
            let width = 8 + display_width(&c.to_string()) as u16;
            let out = check_basic(&text, width, 0);
            let got = lines(&text, width, 0);
            assert_eq!(got[0], "一二三四", "{c}: {got:?}");
            assert!(got[1].starts_with(c), "{c}: {got:?}");
            assert!(kinsoku_violations(&text, &out).is_empty());
        }
    }

    #[test]
    fn ellipsis_and_dash_stay_whole_and_never_start_a_line() {
        for pair in ["……", "——"] {
            let text = format!("一二三四{pair}五六七");
            assert_eq!(
                lines(&text, 10, 0),
                [format!("一二三四{pair}"), "五六七".into()]
            );
            assert_eq!(
                lines(&text, 9, 0),
                ["一二三", &format!("四{pair}五六"), "七"]
            );
            let half = &pair[..pair.len() / 2];
            for width in 2..=12 {
                let out = check_basic(&text, width, 0);
                for l in &out {
                    let line = &text[l.range()];
                    assert!(!line.ends_with(half) || line.ends_with(pair), "{line:?}");
                    // Below 4 columns "四" and the pair cannot share a line.
                    if width >= 4 && l.start > 0 {
                        assert!(!line.starts_with(half), "{line:?} at {width}");
                    }
                }
            }
        }
    }

    #[test]
    fn quotes_break_on_their_outer_side_in_chinese() {
        assert_eq!(lines("一二“三四”五六", 6, 0), ["一二", "“三四”", "五六"]);
        assert_eq!(
            lines("他说：“走吧。”他们走了", 8, 0),
            ["他说：", "“走吧。”", "他们走了"]
        );
        // Between Latin words quotes keep UAX #14's behaviour and stick to the word.
        assert_eq!(lines("say “hi” now", 7, 0), ["say ", "“hi” ", "now"]);
    }

    #[test]
    fn narrow_widths_terminate_and_cover_everything() {
        let text = "中文，English 123。“引号”\n（括号）";
        for width in [0, 1] {
            let out = check_basic(text, width, 4);
            for l in &out {
                let line = visible_part(&text[l.range()]);
                assert!(line.graphemes(true).count() <= 1, "{line:?}");
            }
        }
        assert_eq!(lines("一二", 0, 0), ["一", "二"]);
        assert_eq!(lines("ab", 1, 0), ["a", "b"]);
        assert_eq!(lines("一", 1, 0), ["一"]);
    }

    #[test]
    fn empty_text_gives_one_empty_line() {
        assert_eq!(
            wrap("", 20, 4),
            [LineRange {
                start: 0,
                end: 0,
                indent: 4,
                width: 0
            }]
        );
    }

    #[test]
    fn only_punctuation_falls_back_to_breaking() {
        let text = "，。、；：？！，。、；：？！";
        let out = check_basic(text, 6, 0);
        assert!(out.iter().all(|l| l.width == 6 || l.end == text.len()));
        check_basic("………………………………", 4, 0);
        check_basic("（（（（（（（（", 4, 0);
    }

    #[test]
    fn spaces_take_no_room_at_line_end() {
        assert_eq!(
            wrap("      ", 2, 0),
            [LineRange {
                start: 0,
                end: 6,
                indent: 0,
                width: 0
            }]
        );
        let out = check_basic("hello world foo", 11, 0);
        assert_eq!(lines("hello world foo", 11, 0), ["hello world ", "foo"]);
        assert_eq!(out[0].width, 11);
        assert_eq!(lines("hello   world", 5, 0), ["hello   ", "world"]);
        assert_eq!(visible_part("ab  \r\n"), "ab");
    }

    #[test]
    fn newline_is_a_forced_break() {
        let out = check_basic("一二\n三四\r\n\n五", 80, 4);
        assert_eq!(
            lines("一二\n三四\r\n\n五", 80, 4),
            ["一二\n", "三四\r\n", "\n", "五"]
        );
        assert_eq!(out[0].width, 4);
        assert_eq!(out[1].indent, 0);
        // A full line followed by its newline does not spill an empty line.
        assert_eq!(lines("一二\n三", 4, 0), ["一二\n", "三"]);
    }

    #[test]
    fn control_characters_are_one_column_placeholders() {
        assert_eq!(visible_char('a'), None);
        assert_eq!(visible_char('中'), None);
        assert_eq!(visible_char('\0'), Some('␀'));
        assert_eq!(visible_char('\t'), Some('␉'));
        assert_eq!(visible_char('\u{1b}'), Some('␛'));
        assert_eq!(visible_char('\u{1f}'), Some('␟'));
        assert_eq!(visible_char('\u{7f}'), Some('␡'));
        assert_eq!(visible_char('\u{85}'), Some('\u{FFFD}'));
        assert_eq!(visible_char('\u{9f}'), Some('\u{FFFD}'));
        assert_eq!(visible_char('\u{a0}'), None);
        assert_eq!(display_width("\u{1b}"), 1);
        assert_eq!(display_width("中\u{1b}[31m"), 7);
        assert_eq!(display_width("\u{9b}中"), 3);
        assert_eq!(grapheme_width("\u{7f}"), 1);
        assert_eq!(sanitize("a\tb\u{1b}"), "a␉b␛");
        assert!(matches!(sanitize("中文 “”"), Cow::Borrowed(_)));
        for s in ["\u{1b}\u{1b}\u{1b}\u{1b}", "中\u{1b}文\u{7}\u{90}字"] {
            assert_eq!(display_width(&sanitize(s)), display_width(s));
        }
        let text = "中\u{1b}\u{1b}\u{1b}文";
        let out = check_basic(text, 4, 0);
        assert!(out.iter().all(|l| l.width <= 4));
        assert_eq!(wrap("\u{1b}\u{1b}\u{1b}", 2, 0).len(), 2);
    }

    #[test]
    fn ambiguous_width_punctuation_is_one_column() {
        assert_eq!(display_width("“”‘’…·—"), 7);
        assert_eq!(display_width("，。（）《》"), 12);
    }

    #[test]
    fn fast_grapheme_ranges_never_join() {
        // Each lone-grapheme char must not extend its left neighbour, nor prepend to, start a
        // Hangul syllable with or pair (regional indicators) with its right one.
        for c in (0..=0xFFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_lone_grapheme_char(c))
        {
            for s in [format!("a{c}"), format!("{c}a")]
                .into_iter()
                .chain(["\u{1100}", "\u{1161}", "\u{11A8}", "\u{1F1E8}"].map(|n| format!("{c}{n}")))
            {
                assert_eq!(s.graphemes(true).count(), 2, "{s:?}");
            }
        }
    }

    #[test]
    fn line_terminators_match_uax14() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let class = break_property(u32::from(c));
            let terminator = matches!(
                class,
                BreakClass::Mandatory
                    | BreakClass::CarriageReturn
                    | BreakClass::LineFeed
                    | BreakClass::NextLine
            );
            assert_eq!(is_line_terminator(c), terminator, "{c:?}");
        }
    }

    #[test]
    fn layout_doc_spacing_and_lookup() {
        let paras = ["一二三四五六七八九十", "", "abc"];
        let doc = layout_doc(
            paras.iter().map(|&text| ParaSpec {
                text,
                first_indent: DEFAULT_FIRST_INDENT,
            }),
            10,
            1,
        );
        let kinds: Vec<_> = doc.lines.iter().map(|l| (l.para, l.kind)).collect();
        use LineKind::{Blank, Text};
        assert_eq!(
            kinds,
            [
                (0, Text),
                (0, Text),
                (0, Text),
                (1, Blank),
                (1, Text),
                (2, Blank),
                (2, Text)
            ]
        );
        assert_eq!(doc.para_first_line(1), 4);
        assert_eq!(doc.para_lines(0), 0..3);
        assert_eq!(doc.line_of(0, 0), 0);
        assert_eq!(doc.line_of(0, 9), 1);
        assert_eq!(doc.line_of(0, 30), 2);
        assert_eq!(doc.line_of(0, 999), 2);
        assert_eq!(doc.line_of(1, 0), 4);
        assert_eq!(doc.line_of(9, 0), 6);
        assert_eq!(doc.pos_of_line(1), (0, 9));
        assert_eq!(doc.pos_of_line(3), (1, 0));
        assert_eq!(doc.pos_of_line(99), (2, 0));
        let tight = layout_doc(
            paras.iter().map(|&text| ParaSpec {
                text,
                first_indent: 0,
            }),
            10,
            0,
        );
        assert!(tight.lines.iter().all(|l| !l.is_blank()));
        assert_eq!(tight.para_lines(2), 3..4);
        let empty = layout_doc(std::iter::empty(), 10, 1);
        assert_eq!((empty.line_of(0, 0), empty.pos_of_line(0)), (0, (0, 0)));
        assert_eq!(empty.para_lines(3), 0..0);
    }

    #[test]
    fn megabyte_text_completes() {
        let sentence = "我们要坚持和发展中国特色社会主义，推进国家治理体系和治理能力现代化。“人民”（2023年）增长1.5倍…… ";
        let text = sentence.repeat(1024 * 1024 / sentence.len() + 1);
        let out = wrap(&text, 80, 4);
        assert_eq!(out.last().unwrap().end, text.len());
        assert!(out.windows(2).all(|p| p[0].end == p[1].start));
        let doc = layout_doc(
            text.split('。').map(|text| ParaSpec {
                text,
                first_indent: 4,
            }),
            60,
            1,
        );
        assert!(doc.line_count() > 10_000);
    }

    /// Exactly the old `wrap`: reference atoms, same line breaking.
    fn wrap_reference(text: &str, width: u16, first_indent: u16) -> Vec<LineRange> {
        let mut atoms = Vec::new();
        reference::build_atoms(text, &mut atoms);
        let mut lines = Vec::new();
        break_lines(&atoms, text.len(), width, first_indent, |line| {
            lines.push(line)
        });
        lines
    }

    #[test]
    fn lone_char_traits_match_full_computation() {
        // Every BMP character, plus a sample beyond it.
        let chars = (0..0x1_0000u32)
            .chain((0x1_0000..0x11_0000).step_by(97))
            .filter_map(char::from_u32);
        for c in chars {
            let fast = Traits::of_lone_char(c);
            assert_eq!(fast.is_some(), is_lone_grapheme_char(c), "{c:?}");
            let full = reference::Traits::of(c.encode_utf8(&mut [0; 4])).fields();
            if let Some(fast) = fast {
                assert_eq!(fast.fields(), full, "{c:?}");
            }
            assert_eq!(Traits::of_char(c).fields(), full, "{c:?}");
            assert_eq!(
                Traits::of(c.encode_utf8(&mut [0; 4])).fields(),
                full,
                "{c:?}"
            );
        }
    }

    #[test]
    fn atoms_match_reference_on_samples() {
        for text in [
            "",
            "a",
            "\r\n",
            "e\u{301}x",
            "一\u{301}二",
            "👨\u{200D}👩\u{200D}👧 家",
            "🇨🇳🇨🇳一",
            "他说：“我们要‘实事求是’。”（见《讲话》第3页）「注意」……——好！",
            "The quick brown fox, 3.14 times; state-of-the-art.\n中文 English 2,000。",
        ] {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            build_atoms(text, &mut fast);
            reference::build_atoms(text, &mut slow);
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    /// Anything the layout may meet: ideographs, CJK punctuation, ASCII words, digits and
    /// spaces, combining marks, emoji sequences, Hangul jamo, controls and line terminators.
    fn any_char() -> impl Strategy<Value = char> {
        let pick = |s: &'static str| {
            let v: Vec<char> = s.chars().collect();
            proptest::sample::select(v)
        };
        prop_oneof![
            8 => pick(IDEOGRAPHS),
            1 => (0x3400u32..0x4DC0).prop_map(|n| char::from_u32(n).unwrap()),
            6 => pick("，。、；：？！“”‘’（）《》「」『』【】〔〕…—·・〜～　"),
            4 => pick("abcxyzABCXYZ0123456789"),
            3 => Just(' '),
            2 => pick(".,;:?!()[]{}'\"-/#%&"),
            1 => pick("\u{1}\t\u{1b}\u{7f}\u{85}\u{9b}\n\r\u{b}\u{c}\u{2028}\u{2029}"),
            1 => pick("\u{301}\u{302A}\u{3099}\u{FF9E}\u{200D}\u{FE0F}\u{AD}\u{A0}\u{200B}"),
            1 => pick("\u{1F600}\u{1F1E8}\u{1F1F3}\u{1F468}\u{1F3FB}\u{2764}\u{A9}\u{203C}"),
            1 => pick("\u{1100}\u{1161}\u{11A8}\u{AC00}\u{600}\u{915}\u{94D}\u{903}é"),
            1 => any::<char>(),
        ]
    }

    fn any_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(any_char(), 0..200).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn prop_wrap_equals_reference(
            text in any_text(), width in 1u16..100, indent in 0u16..9,
        ) {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            build_atoms(&text, &mut fast);
            reference::build_atoms(&text, &mut slow);
            prop_assert_eq!(fast, slow);
            prop_assert_eq!(wrap(&text, width, indent), wrap_reference(&text, width, indent));
        }

        #[test]
        fn prop_layout_doc_equals_reference(
            paras in proptest::collection::vec((any_text(), 0u16..9), 0..6),
            width in 0u16..100, spacing in 0u16..3,
        ) {
            let specs: Vec<ParaSpec> = paras
                .iter()
                .map(|(text, first_indent)| ParaSpec { text, first_indent: *first_indent })
                .collect();
            let doc = layout_doc(specs.iter().copied(), width, spacing);
            let mut expected = Vec::new();
            for (p, spec) in specs.iter().enumerate() {
                if p > 0 {
                    expected.extend((0..spacing).map(|_| (p, 0, 0, 0, LineKind::Blank)));
                }
                for l in wrap_reference(spec.text, width, spec.first_indent) {
                    expected.push((p, l.start, l.end, l.indent, LineKind::Text));
                }
            }
            let got: Vec<_> = doc
                .lines
                .iter()
                .map(|l| (l.para as usize, l.range().start, l.range().end, l.indent, l.kind))
                .collect();
            prop_assert_eq!(got, expected);
        }
    }

    fn mixed_char() -> impl Strategy<Value = char> {
        let pick = |s: &'static str| {
            let v: Vec<char> = s.chars().collect();
            proptest::sample::select(v)
        };
        prop_oneof![
            10 => pick(IDEOGRAPHS),
            6 => pick("，。、；：？！“”‘’（）《》「」…—"),
            3 => pick("abcxyzABCXYZ0123456789"),
            2 => Just(' '),
            1 => pick("\u{1}\t\u{1b}\u{7f}\u{9b}\n.,()"),
        ]
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(mixed_char(), 0..160).prop_map(|v| v.into_iter().collect())
    }

    /// Ordinary Chinese prose: clauses of ideographs, sometimes with a number or a Latin word,
    /// sometimes quoted or bracketed, ending with one punctuation mark.
    fn chinese_prose() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            4 => proptest::sample::select(IDEOGRAPHS.chars().collect::<Vec<_>>()).prop_map(String::from),
            1 => "[0-9]{1,4}|[a-zA-Z]{1,4}|[0-9]\\.[0-9]",
        ];
        let clause = (
            0..6usize,
            proptest::collection::vec(word, 1..6),
            proptest::sample::select(vec!["", "……", "——"]),
            proptest::sample::select("，。、；：？！".chars().collect::<Vec<_>>()),
        )
            .prop_map(|(wrap_kind, words, trail, punct)| {
                let (open, close) = ["", "“", "‘", "（", "《", "「"]
                    .into_iter()
                    .zip(["", "”", "’", "）", "》", "」"])
                    .nth(wrap_kind)
                    .unwrap();
                format!("{open}{}{trail}{close}{punct}", words.concat())
            });
        proptest::collection::vec(clause, 1..12).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn prop_fast_graphemes_match_full_segmentation(
            v in proptest::collection::vec(prop_oneof![
                3 => mixed_char(),
                1 => proptest::sample::select(vec![
                    '\u{301}', '\u{200D}', '\u{FE0F}', '\u{1F600}', '\u{1F1E8}', '\u{1F1F3}',
                    '\u{1100}', '\u{1161}', '\u{11A8}', '\u{AC00}', '\r', '\u{302A}',
                    '\u{600}', '\u{915}', '\u{94D}', '\u{903}', '\u{A9}', '\u{AD}', '\u{203C}',
                    '\u{FF9E}', '\u{3099}', '\u{2028}',
                ]),
            ], 0..40),
        ) {
            let text: String = v.into_iter().collect();
            let fast: Vec<_> = graphemes(&text).collect();
            let full: Vec<_> = text.grapheme_indices(true).collect();
            prop_assert_eq!(fast, full);
        }

        #[test]
        fn prop_covers_text_fits_width_and_char_boundaries(
            text in mixed_text(), width in 0u16..40, indent in 0u16..9,
        ) {
            // Checks (1) concatenation, (2) width for width >= 2, (4) char boundaries.
            check_basic(&text, width, indent);
        }

        #[test]
        fn prop_rules_broken_only_when_unavoidable(
            text in mixed_text(), width in 2u16..40, indent in 0u16..9,
        ) {
            let out = check_basic(&text, width, indent);
            check_kinsoku(&text, width, &out);
        }

        #[test]
        fn prop_prose_never_breaks_rules(
            text in chinese_prose(), width in 12u16..60, indent in prop_oneof![Just(0u16), Just(4)],
        ) {
            prop_assume!(width >= 12 + indent);
            let out = check_basic(&text, width, indent);
            let bad = kinsoku_violations(&text, &out);
            prop_assert!(bad.is_empty(), "{:?}", lines(&text, width, indent));
        }

        #[test]
        fn prop_doc_lookup_consistent(
            paras in proptest::collection::vec(mixed_text(), 0..6),
            width in 0u16..30, spacing in 0u16..3, probes in proptest::collection::vec((0usize..8, 0usize..200), 8),
        ) {
            let doc = layout_doc(paras.iter().map(|t| ParaSpec { text: t, first_indent: 4 }), width, spacing);
            prop_assert_eq!(doc.para_count(), paras.len());
            for (p, text) in paras.iter().enumerate() {
                let range = doc.para_lines(p);
                prop_assert_eq!(range.start, doc.para_first_line(p));
                let mut joined = String::new();
                for l in &doc.lines[range.clone()] {
                    prop_assert_eq!(l.kind, LineKind::Text);
                    prop_assert_eq!(l.para as usize, p);
                    joined.push_str(&text[l.range()]);
                }
                prop_assert_eq!(&joined, text);
                if p > 0 {
                    let gap = &doc.lines[range.start - usize::from(spacing)..range.start];
                    prop_assert!(gap.iter().all(|l| l.is_blank() && l.para as usize == p));
                }
            }
            if paras.is_empty() {
                return Ok(());
            }
            for (p, b) in probes {
                let p = p % paras.len();
                let b = b.min(paras[p].len());
                let line = doc.line_of(p, b);
                let l = doc.lines[line];
                prop_assert!(!l.is_blank());
                prop_assert!(doc.pos_of_line(line) <= (p, b));
                prop_assert!(l.start as usize <= b);
                prop_assert!(b < l.end as usize || line + 1 == doc.para_lines(p).end);
            }
            for line in 0..doc.line_count() {
                let (p, b) = doc.pos_of_line(line);
                let back = doc.line_of(p, b);
                prop_assert!(back == line || doc.lines[line].is_blank());
            }
        }
    }
}
