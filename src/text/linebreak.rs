//! Line breaking: wraps one paragraph of (mostly Chinese) text into lines of at most a given
//! number of terminal columns, following UAX #14 and the Chinese rules (禁则: no closing
//! punctuation at a line start, no opening one at a line end), and hands back byte ranges.
//! Pure: no terminal, no corpus.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use super::width::{grapheme_width, is_line_terminator, is_lone_grapheme_char};

/// First-line indentation the app uses by default: two full-width spaces, the Chinese convention.
pub const DEFAULT_FIRST_INDENT: u16 = 4;

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
    let mut lines = Vec::new();
    Wrapper::default().wrap_each(text, width, first_indent, |line| lines.push(line));
    lines
}

/// [`wrap`] for many paragraphs: keeps its scratch space between them, so laying out a
/// corpus allocates per paragraph at most once, and hands each line to `emit`.
#[derive(Default)]
pub struct Wrapper {
    atoms: Vec<Atom>,
}

impl Wrapper {
    pub fn wrap_each(
        &mut self,
        text: &str,
        width: u16,
        first_indent: u16,
        emit: impl FnMut(LineRange),
    ) {
        build_atoms(text, &mut self.atoms);
        break_lines(&self.atoms, text.len(), width, first_indent, emit);
    }
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

#[cfg(test)]
mod tests;
