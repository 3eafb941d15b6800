//! A parsed speech as bytes and back, by hand: little-endian integers, length-prefixed strings
//! and lists. Decoding checks every length against what is left and every range against the
//! text, so bad bytes give an error, never a panic or a speech that could panic the reader.

use std::ops::Range;

use crate::corpus::dups::{Sketch, HASHES};
use crate::corpus::numbering::{Form, PartKind};
use crate::corpus::toc::TocOnly;
use crate::corpus::{
    Check, CheckKind, Family, Gap, Heading, HeadingKind, Incomplete, ParaKind, Paragraph, Speech,
};

/// Why bytes are not a speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad(pub &'static str);

pub struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn usize(&mut self, v: usize) {
        self.u64(v as u64);
    }
    fn bool(&mut self, v: bool) {
        self.u8(u8::from(v));
    }
    fn bytes(&mut self, b: &[u8]) {
        self.usize(b.len());
        self.out.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn range(&mut self, r: &Range<usize>) {
        self.usize(r.start);
        self.usize(r.end);
    }
    fn opt_u32(&mut self, v: Option<u32>) {
        match v {
            Some(v) => {
                self.u8(1);
                self.u32(v);
            }
            None => self.u8(0),
        }
    }
}

pub struct Reader<'a> {
    pub rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Bad> {
        if n > self.rest.len() {
            return Err(Bad("truncated"));
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }
    pub fn u8(&mut self) -> Result<u8, Bad> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, Bad> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes(b.try_into().expect("2 bytes")))
    }
    pub fn u32(&mut self) -> Result<u32, Bad> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    pub fn u64(&mut self) -> Result<u64, Bad> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    pub fn usize(&mut self) -> Result<usize, Bad> {
        usize::try_from(self.u64()?).map_err(|_| Bad("number too big"))
    }
    fn bool(&mut self) -> Result<bool, Bad> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Bad("bad flag")),
        }
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], Bad> {
        let n = self.usize()?;
        self.take(n)
    }
    /// Checked by encoding_rs, several times faster than `str::from_utf8` on CJK text: a
    /// warm start checks every speech's text, and std's check was a quarter of its time.
    pub fn str(&mut self) -> Result<&'a str, Bad> {
        use std::borrow::Cow;
        let b = self.bytes()?;
        match encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(b) {
            Some(Cow::Borrowed(s)) => Ok(s),
            _ => Err(Bad("not UTF-8")),
        }
    }
    fn range(&mut self) -> Result<Range<usize>, Bad> {
        Ok(self.usize()?..self.usize()?)
    }
    fn opt_u32(&mut self) -> Result<Option<u32>, Bad> {
        Ok(match self.u8()? {
            0 => None,
            1 => Some(self.u32()?),
            _ => return Err(Bad("bad option")),
        })
    }
    /// A list length, bounded by the bytes left (each item takes at least `min` bytes), so a
    /// corrupt length cannot ask for a huge allocation.
    fn len(&mut self, min: usize) -> Result<usize, Bad> {
        let n = self.usize()?;
        if n.saturating_mul(min) > self.rest.len() {
            return Err(Bad("list longer than the data"));
        }
        Ok(n)
    }
}

const PARA_KINDS: [ParaKind; 10] = [
    ParaKind::FrontMatter,
    ParaKind::Title,
    ParaKind::Subtitle,
    ParaKind::Meta,
    ParaKind::Salutation,
    ParaKind::Body,
    ParaKind::Toc,
    ParaKind::Chrome,
    ParaKind::BackMatter,
    ParaKind::Repeated,
];
const FAMILIES: [Family; 6] = [
    Family::Shi,
    Family::Yao,
    Family::Di,
    Family::DiShi,
    Family::DiYao,
    Family::Qi,
];
const PARTS: [PartKind; 4] = [
    PartKind::Pian,
    PartKind::Bufen,
    PartKind::Zhang,
    PartKind::Jie,
];

fn index_of<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter()
        .position(|x| x == v)
        .expect("every variant is listed") as u8
}

fn pick<T: Copy>(all: &[T], i: u8) -> Result<T, Bad> {
    all.get(usize::from(i))
        .copied()
        .ok_or(Bad("unknown variant"))
}

fn write_form(w: &mut Writer, f: Form) {
    let (tag, arg) = match f {
        Form::Part(k) => (0, index_of(&PARTS, &k)),
        Form::Comma => (1, 0),
        Form::Space => (2, 0),
        Form::Paren => (3, 0),
        Form::Dot => (4, 0),
        Form::DigitSpace => (5, 0),
        Form::DigitParen => (6, 0),
        Form::DigitClose => (7, 0),
        Form::Circled => (8, 0),
        Form::Markdown(l) => (9, l),
    };
    w.u8(tag);
    w.u8(arg);
}

fn read_form(r: &mut Reader) -> Result<Form, Bad> {
    let (tag, arg) = (r.u8()?, r.u8()?);
    Ok(match tag {
        0 => Form::Part(pick(&PARTS, arg)?),
        1 => Form::Comma,
        2 => Form::Space,
        3 => Form::Paren,
        4 => Form::Dot,
        5 => Form::DigitSpace,
        6 => Form::DigitParen,
        7 => Form::DigitClose,
        8 => Form::Circled,
        9 => Form::Markdown(arg),
        _ => return Err(Bad("unknown form")),
    })
}

/// The speech as bytes. Its id and path are not kept: the pack's index has the path, and the
/// loader gives both as it would to a freshly parsed file.
pub fn encode(s: &Speech, w: &mut Writer) {
    w.str(s.encoding);
    w.usize(s.warnings.len());
    for x in &s.warnings {
        w.str(x);
    }
    w.str(&s.text);
    w.usize(s.paragraphs.len());
    for p in &s.paragraphs {
        w.u8(index_of(&PARA_KINDS, &p.kind));
        w.range(&p.range);
        w.u8(p.level);
        w.bool(p.quote);
    }
    w.str(&s.title);
    match &s.subtitle {
        Some(t) => {
            w.u8(1);
            w.str(t);
        }
        None => w.u8(0),
    }
    w.usize(s.headings.len());
    for h in &s.headings {
        match h.kind {
            HeadingKind::Structural { form } => {
                w.u8(0);
                write_form(w, form);
            }
            HeadingKind::Point { family } => {
                w.u8(1);
                w.u8(index_of(&FAMILIES, &family));
                w.u8(0);
            }
        }
        w.u8(h.depth);
        w.u32(h.number);
        w.usize(h.para);
        w.usize(h.offset);
        w.range(&h.marker);
        w.range(&h.text);
        w.usize(h.parent.map_or(0, |p| p + 1));
        match &h.label {
            Some(l) => {
                w.u8(1);
                w.range(l);
            }
            None => w.u8(0),
        }
    }
    w.usize(s.checks.len());
    for c in &s.checks {
        w.usize(c.heading);
        match c.kind {
            CheckKind::Skipped { expected } => {
                w.u8(0);
                w.u32(expected);
                w.u32(0);
            }
            CheckKind::Count { announced, found } => {
                w.u8(1);
                w.u32(announced);
                w.u32(found);
            }
        }
    }
    w.usize(s.emphasis.len());
    for e in &s.emphasis {
        w.range(e);
    }
    w.u32(s.repeated);
    w.usize(s.toc_only.len());
    for t in &s.toc_only {
        w.usize(t.after.map_or(0, |a| a + 1));
        w.u8(t.depth);
        w.str(&t.label);
    }
    w.usize(s.gaps.len());
    for g in &s.gaps {
        w.usize(g.para);
        w.usize(g.at);
        w.opt_u32(g.omitted);
        w.bool(g.truncated);
    }
    match s.incomplete {
        Some(i) => {
            w.u8(1);
            w.opt_u32(i.total);
            w.opt_u32(i.shown);
        }
        None => w.u8(0),
    }
    w.bool(s.front_matter_removed);
    w.usize(s.chars);
    // The sketch as made, so a warm start groups duplicates without reading the texts.
    match &s.sketch {
        Some(k) => {
            w.u8(1);
            w.usize(k.size);
            for &m in &k.mins {
                w.u16(m);
            }
        }
        None => w.u8(0),
    }
}

/// The encoding label as the one static string the loader would have given.
fn static_label(s: &str) -> Option<&'static str> {
    use crate::corpus::formats::Kind;
    for k in [Kind::Text, Kind::Docx, Kind::Doc, Kind::Html, Kind::Pdf] {
        if k.label() == s {
            return Some(k.label());
        }
    }
    let enc = encoding_rs::Encoding::for_label(s.as_bytes())?;
    let name = crate::corpus::decode::display_name(enc);
    (name == s).then_some(name)
}

/// A speech from bytes `encode` wrote, with every offset checked against its text.
pub fn decode(id: &str, r: &mut Reader) -> Result<Speech, Bad> {
    let encoding = static_label(r.str()?).ok_or(Bad("unknown encoding"))?;
    let n = r.len(8)?;
    let mut warnings = Vec::with_capacity(n);
    for _ in 0..n {
        warnings.push(r.str()?.to_string());
    }
    let text = r.str()?.to_string();
    let in_text = |x: &Range<usize>| {
        x.start <= x.end
            && x.end <= text.len()
            && text.is_char_boundary(x.start)
            && text.is_char_boundary(x.end)
    };
    let n = r.len(19)?;
    let mut paragraphs = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = pick(&PARA_KINDS, r.u8()?)?;
        let range = r.range()?;
        let (level, quote) = (r.u8()?, r.bool()?);
        if !in_text(&range) {
            return Err(Bad("paragraph outside the text"));
        }
        paragraphs.push(Paragraph {
            kind,
            range,
            level,
            quote,
        });
    }
    let title = r.str()?.to_string();
    let subtitle = match r.u8()? {
        0 => None,
        1 => Some(r.str()?.to_string()),
        _ => return Err(Bad("bad option")),
    };
    let n = r.len(60)?;
    let mut headings: Vec<Heading> = Vec::with_capacity(n);
    for i in 0..n {
        let kind = match r.u8()? {
            0 => HeadingKind::Structural {
                form: read_form(r)?,
            },
            1 => {
                let family = pick(&FAMILIES, r.u8()?)?;
                r.u8()?;
                HeadingKind::Point { family }
            }
            _ => return Err(Bad("unknown heading kind")),
        };
        let (depth, number, para, offset) = (r.u8()?, r.u32()?, r.usize()?, r.usize()?);
        let (marker, htext) = (r.range()?, r.range()?);
        let parent = r.usize()?.checked_sub(1);
        let label = match r.u8()? {
            0 => None,
            1 => Some(r.range()?),
            _ => return Err(Bad("bad option")),
        };
        let ok = para < paragraphs.len().max(1)
            && in_text(&marker)
            && in_text(&htext)
            && parent.is_none_or(|p| p < i)
            && label.as_ref().is_none_or(in_text);
        if !ok {
            return Err(Bad("heading outside the text"));
        }
        headings.push(Heading {
            kind,
            depth,
            number,
            para,
            offset,
            marker,
            text: htext,
            parent,
            label,
        });
    }
    let n = r.len(17)?;
    let mut checks = Vec::with_capacity(n);
    for _ in 0..n {
        let heading = r.usize()?;
        let kind = match (r.u8()?, r.u32()?, r.u32()?) {
            (0, expected, _) => CheckKind::Skipped { expected },
            (1, announced, found) => CheckKind::Count { announced, found },
            _ => return Err(Bad("unknown check")),
        };
        if heading >= headings.len() {
            return Err(Bad("check on no heading"));
        }
        checks.push(Check { heading, kind });
    }
    let n = r.len(16)?;
    let mut emphasis = Vec::with_capacity(n);
    for _ in 0..n {
        let e = r.range()?;
        if !in_text(&e) {
            return Err(Bad("emphasis outside the text"));
        }
        emphasis.push(e);
    }
    let repeated = r.u32()?;
    let n = r.len(17)?;
    let mut toc_only = Vec::with_capacity(n);
    for _ in 0..n {
        let after = r.usize()?.checked_sub(1);
        let depth = r.u8()?;
        let label = r.str()?.to_string();
        if after.is_some_and(|a| a >= headings.len()) {
            return Err(Bad("contents entry after no heading"));
        }
        toc_only.push(TocOnly {
            after,
            depth,
            label,
        });
    }
    let n = r.len(18)?;
    let mut gaps = Vec::with_capacity(n);
    for _ in 0..n {
        let (para, at) = (r.usize()?, r.usize()?);
        let omitted = r.opt_u32()?;
        let truncated = r.bool()?;
        if at > text.len() || !text.is_char_boundary(at) || para > paragraphs.len() {
            return Err(Bad("gap outside the text"));
        }
        gaps.push(Gap {
            para,
            at,
            omitted,
            truncated,
        });
    }
    let incomplete = match r.u8()? {
        0 => None,
        1 => Some(Incomplete {
            total: r.opt_u32()?,
            shown: r.opt_u32()?,
        }),
        _ => return Err(Bad("bad option")),
    };
    let front_matter_removed = r.bool()?;
    let chars = r.usize()?;
    let sketch = match r.u8()? {
        0 => None,
        1 => {
            let size = r.usize()?;
            let mut mins = [0u16; HASHES];
            for m in &mut mins {
                *m = r.u16()?;
            }
            Some(Box::new(Sketch { mins, size }))
        }
        _ => return Err(Bad("bad option")),
    };
    Ok(Speech {
        id: id.to_string(),
        path: None,
        encoding,
        warnings,
        text,
        paragraphs,
        title,
        subtitle,
        headings,
        checks,
        emphasis,
        repeated,
        toc_only,
        gaps,
        incomplete,
        front_matter_removed,
        chars,
        loaded: true,
        opening_only: false,
        sketch,
    })
}
