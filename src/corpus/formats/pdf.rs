//! PDF with a text layer, through `lopdf`: each page's content stream walked for its text
//! operators (`Tj` `TJ` `'` `"`) with the text position (`Tm` `Td` `TD` `T*`, and `cm`), the
//! glyphs decoded by the page's fonts (ToUnicode maps included), fragments grouped into
//! visual lines top to bottom and left to right. Lines are emitted as they stand, with a blank
//! line where the layout ends a paragraph (a wider gap, an indented first line, a short last
//! line); the cleaner joins the hard wraps as it does for a text file. Running headers and
//! footers (the same top or bottom line on most pages, numbers aside) and bare page numbers
//! are dropped. A PDF whose pages hold no text is a scan: "no text layer".
//!
//! Bounded: streams decompress to at most [`STREAM_BYTES`], at most [`limits::PDF_PAGES`]
//! pages and [`limits::PDF_OPS`] operations a page are read, and the whole extraction stops
//! after [`DEADLINE`].

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use lopdf::{Document, Object};

use super::{limits, Extracted, FormatError};

const KIND: &str = "PDF";
const STREAM_BYTES: usize = 32 << 20;
const DEADLINE: Duration = Duration::from_secs(20);

/// A run of text at a place on the page.
#[derive(Debug, Clone)]
struct Frag {
    x: f32,
    y: f32,
    size: f32,
    /// Estimated (see [`ems`]).
    width: f32,
    text: String,
}

/// One visual line.
#[derive(Debug, Clone)]
struct Line {
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    text: String,
}

pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let started = Instant::now();
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(STREAM_BYTES),
        ..lopdf::LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| FormatError::corrupt(KIND, e))?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(FormatError::corrupt(KIND, "no pages"));
    }
    if pages.len() > limits::PDF_PAGES {
        return Err(FormatError::TooLarge {
            kind: KIND,
            why: format!("{} pages (the limit is {})", pages.len(), limits::PDF_PAGES),
        });
    }
    let mut warnings = Vec::new();
    let mut all: Vec<Vec<Line>> = Vec::with_capacity(pages.len());
    for (&n, &id) in &pages {
        if started.elapsed() > DEADLINE {
            return Err(FormatError::TooLarge {
                kind: KIND,
                why: format!("still reading after {} s", DEADLINE.as_secs()),
            });
        }
        match page_frags(&doc, id, started) {
            Ok(frags) => all.push(lines(frags)),
            Err(PageError::Fatal(e)) => return Err(e),
            Err(PageError::Page(why)) => {
                warnings.push(format!("page {n} not read: {why}"));
                all.push(Vec::new());
            }
        }
    }
    drop_running_lines(&mut all);
    Ok(Extracted {
        text: text_of(&all),
        title: None,
        encoding: None,
        warnings,
    })
}

enum PageError {
    Fatal(FormatError),
    Page(String),
}

/// 2-D affine matrix [a b c d e f].
type M = [f32; 6];

fn mul(m: &M, n: &M) -> M {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    if ops.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (o, v) in out.iter_mut().zip(ops) {
        *o = num(v);
    }
    Some(out)
}

fn page_frags(
    doc: &Document,
    page: lopdf::ObjectId,
    started: Instant,
) -> Result<Vec<Frag>, PageError> {
    let fonts = doc
        .get_page_fonts(page)
        .map_err(|e| PageError::Page(e.to_string()))?;
    let encodings: BTreeMap<Vec<u8>, (lopdf::Encoding, Metrics)> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(doc, STREAM_BYTES)
                .ok()
                .map(|e| (name, (e, Metrics::of(doc, font))))
        })
        .collect();
    let data = doc
        .get_page_content_with_limit(page, STREAM_BYTES)
        .map_err(|e| PageError::Page(e.to_string()))?;
    let mut frags = Vec::new();
    let mut ctm = ID;
    let mut stack: Vec<M> = Vec::new();
    let (mut tm, mut tlm) = (ID, ID);
    let mut leading = 0.0f32;
    let mut size = 0.0f32;
    let mut font: Option<&(lopdf::Encoding, Metrics)> = None;
    let mut ops = 0usize;
    for op in lopdf::content::Content::decode_iter(&data) {
        let Ok(op) = op else { break };
        ops += 1;
        if ops > limits::PDF_OPS {
            return Err(PageError::Fatal(FormatError::TooLarge {
                kind: KIND,
                why: format!("a page of more than {} operations", limits::PDF_OPS),
            }));
        }
        if ops.is_multiple_of(4096) && started.elapsed() > DEADLINE {
            return Err(PageError::Fatal(FormatError::TooLarge {
                kind: KIND,
                why: format!("still reading after {} s", DEADLINE.as_secs()),
            }));
        }
        let a = &op.operands;
        match op.operator.as_str() {
            "q" if stack.len() < 64 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ID),
            "cm" => {
                if let Some(m) = nums::<6>(a) {
                    ctm = mul(&m, &ctm);
                }
            }
            "BT" => {
                tm = ID;
                tlm = ID;
            }
            "Tf" => {
                font = a
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| encodings.get(n));
                size = a.get(1).map(num).unwrap_or(size);
            }
            "TL" => leading = a.first().map(num).unwrap_or(leading),
            "Tm" => {
                if let Some(m) = nums::<6>(a) {
                    tm = m;
                    tlm = m;
                }
            }
            "Td" | "TD" => {
                if let Some([tx, ty]) = nums::<2>(a) {
                    if op.operator == "TD" {
                        leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if matches!(op.operator.as_str(), "'" | "\"") {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                let Some(enc) = font else { continue };
                let mut glyphs = Vec::new();
                let shown = if op.operator == "\"" {
                    &a[a.len().min(2)..]
                } else {
                    &a[..]
                };
                let mut at = 0.0;
                collect(&mut glyphs, &mut at, enc, shown);
                let m = mul(&tm, &ctm);
                let scale = (m[2] * m[2] + m[3] * m[3]).sqrt().max(0.01);
                let size = size.abs() * scale;
                let advance = size.abs() * (m[0] * m[0] + m[1] * m[1]).sqrt() / scale.max(0.01);
                let mut ends = glyphs.iter().skip(1).map(|g| g.0).chain([at]);
                for (off, t) in glyphs.iter() {
                    let next = ends.next().unwrap_or(at);
                    if t.trim().is_empty() {
                        continue;
                    }
                    frags.push(Frag {
                        x: m[4] + off * advance,
                        y: m[5],
                        size,
                        width: (next - off).max(0.0) * advance,
                        text: t.clone(),
                    });
                }
                // The text position moves on past what was shown.
                tm = mul(
                    &[1.0, 0.0, 0.0, 1.0, at * size.abs() / scale.max(0.01), 0.0],
                    &tm,
                );
            }
            _ => {}
        }
    }
    Ok(frags)
}

/// Glyph widths of a font (in thousandths of an em), from its `/Widths` or, for a composite
/// font, its descendant's `/W`; glyphs it does not list are estimated.
#[derive(Debug, Default)]
struct Metrics {
    /// Two-byte codes (a composite font with Identity-H, as LibreOffice and Word write).
    two_byte: bool,
    widths: HashMap<u32, f32>,
    default: Option<f32>,
}

impl Metrics {
    fn of(doc: &Document, font: &lopdf::Dictionary) -> Metrics {
        fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
            doc.dereference(o).map(|(_, o)| o).ok()
        }
        let deref = |o| deref(doc, o);
        let mut m = Metrics::default();
        let subtype = font.get(b"Subtype").ok().and_then(|o| o.as_name().ok());
        if subtype == Some(b"Type0".as_slice()) {
            m.two_byte = true;
            let desc = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(deref)
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(deref)
                .and_then(|o| o.as_dict().ok());
            let Some(desc) = desc else { return m };
            m.default = Some(desc.get(b"DW").ok().map_or(1000.0, num));
            let w = desc
                .get(b"W")
                .ok()
                .and_then(deref)
                .and_then(|o| o.as_array().ok());
            let Some(w) = w else { return m };
            let mut i = 0;
            while i < w.len() && m.widths.len() < 65_536 {
                let first = num(&w[i]) as u32;
                match w.get(i + 1).and_then(deref) {
                    Some(Object::Array(ws)) => {
                        for (k, v) in ws.iter().enumerate().take(65_536) {
                            m.widths.insert(first + k as u32, num(v));
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let last = (num(last) as u32).min(first.saturating_add(65_536));
                        let v = w.get(i + 2).map_or(1000.0, num);
                        for c in first..=last {
                            m.widths.insert(c, v);
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        } else {
            let first = font.get(b"FirstChar").ok().map_or(0.0, num) as u32;
            if let Some(ws) = font
                .get(b"Widths")
                .ok()
                .and_then(deref)
                .and_then(|o| o.as_array().ok())
            {
                for (k, v) in ws.iter().enumerate().take(256) {
                    m.widths
                        .insert(first + k as u32, num(deref(v).unwrap_or(v)));
                }
            }
        }
        m
    }

    /// A glyph's advance in ems: from the font, else estimated from its text.
    fn advance(&self, code: u32, text: &str) -> f32 {
        match self.widths.get(&code).copied().or(self.default) {
            Some(w) if w > 0.0 => w / 1000.0,
            _ => ems(text),
        }
    }
}

/// Decodes shown strings into `out` as (offset in ems from the text position, text of one
/// glyph): each glyph placed by the widths of those before it and the `TJ` adjustments.
fn collect(
    out: &mut Vec<(f32, String)>,
    at: &mut f32,
    font: &(lopdf::Encoding, Metrics),
    operands: &[Object],
) {
    let (enc, metrics) = font;
    for o in operands {
        match o {
            Object::String(bytes, _) => {
                let step = if metrics.two_byte { 2 } else { 1 };
                for code in bytes.chunks(step) {
                    let mut s = String::new();
                    let _ = enc.write_to_string(code, &mut s);
                    let c = code.iter().fold(0u32, |a, &b| a << 8 | b as u32);
                    let adv = metrics.advance(c, &s);
                    out.push((*at, s));
                    *at += adv;
                }
            }
            Object::Array(arr) => collect(out, at, font, arr),
            Object::Integer(_) | Object::Real(_) => *at -= num(o) / 1000.0,
            _ => {}
        }
    }
}

/// A text's width in ems, estimated without the font's metrics: Chinese glyphs are one em
/// wide, Latin about half.
fn ems(s: &str) -> f32 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// Fragments into lines: the same baseline (within a third of the type size), top to bottom,
/// left to right.
fn lines(mut frags: Vec<Frag>) -> Vec<Line> {
    frags.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<(Line, Vec<Frag>)> = Vec::new();
    for f in frags {
        match out.last_mut() {
            Some((l, fs)) if (l.y - f.y).abs() <= l.size.max(f.size).max(1.0) / 3.0 => {
                fs.push(f);
                let _ = l;
            }
            _ => out.push((
                Line {
                    x: f.x,
                    y: f.y,
                    end: f.x,
                    size: f.size,
                    text: String::new(),
                },
                vec![f],
            )),
        }
    }
    out.into_iter()
        .map(|(mut l, mut fs)| {
            fs.sort_by(|a, b| a.x.total_cmp(&b.x));
            l.x = fs[0].x;
            let mut end = f32::MIN;
            for f in &fs {
                // A gap of a third of an em between Latin letters is a space.
                let gap = f.x - end > f.size / 3.0;
                if gap
                    && l.text
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                    && f.text.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    l.text.push(' ');
                }
                l.text.push_str(&f.text);
                end = end.max(f.x + f.width);
            }
            l.end = end;
            l.size = fs.iter().map(|f| f.size).fold(0.0, f32::max);
            l
        })
        .collect()
}

/// Digits folded, so `第 3 页` and `第 4 页` compare equal.
fn shape(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                '#'
            } else {
                c
            }
        })
        .collect()
}

fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(['-', '—', '–', '·', '•']);
    let t = t
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix('页'))
        .unwrap_or(t);
    let t = t.split(['/', '共']).next().unwrap_or(t);
    !t.is_empty()
        && (t
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
        || (t.starts_with("Page") && t[4..].chars().all(|c| c.is_ascii_digit()))
}

/// Drops running headers and footers: the top or bottom line of a page whose shape recurs on
/// at least half the pages (two or more), and bare page numbers within two lines of an edge.
fn drop_running_lines(pages: &mut [Vec<Line>]) {
    const EDGE: usize = 1;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        let n = p.len();
        for (i, l) in p.iter().enumerate() {
            if i < EDGE || i + EDGE >= n {
                let s = shape(&l.text);
                if seen.insert(s.clone()) {
                    *counts.entry(s).or_default() += 1;
                }
            }
        }
    }
    let with_text = pages.iter().filter(|p| !p.is_empty()).count();
    for p in pages.iter_mut() {
        let n = p.len();
        let mut i = 0;
        p.retain(|l| {
            let edge = i < EDGE || i + EDGE >= n;
            let near = i < 2 || i + 2 >= n;
            i += 1;
            if !near {
                return true;
            }
            if !edge {
                return !is_page_number(&l.text);
            }
            let recurs = with_text >= 2
                && counts.get(&shape(&l.text)).copied().unwrap_or(0) * 2 >= with_text;
            !(recurs || is_page_number(&l.text))
        });
    }
}

/// The pages' lines as text, one paragraph a line: a line joins the one before unless the
/// layout ends a paragraph there (a wider gap than the page's line spacing, an indented first
/// line, a short last line). A page break alone ends no paragraph.
fn text_of(pages: &[Vec<Line>]) -> String {
    let all: Vec<&Line> = pages.iter().flatten().collect();
    if all.is_empty() {
        return String::new();
    }
    // The body's left margin and right edge: the most common start, the far end of most lines.
    let mode = |vals: Vec<f32>| {
        let mut m: HashMap<i32, usize> = HashMap::new();
        for v in vals {
            *m.entry(v.round() as i32).or_default() += 1;
        }
        m.into_iter()
            .max_by_key(|&(v, c)| (c, -v))
            .map_or(0.0, |(v, _)| v as f32)
    };
    let left = mode(all.iter().map(|l| l.x).collect());
    let mut ends: Vec<f32> = all.iter().map(|l| l.end).collect();
    ends.sort_by(f32::total_cmp);
    let right = ends[ends.len() * 9 / 10];
    let mut out = String::new();
    let mut prev: Option<&Line> = None;
    for p in pages {
        // Typical line spacing on this page.
        let mut gaps: Vec<f32> = p
            .windows(2)
            .map(|w| w[0].y - w[1].y)
            .filter(|g| *g > 0.0)
            .collect();
        gaps.sort_by(f32::total_cmp);
        let spacing = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
        for (i, l) in p.iter().enumerate() {
            let text = l.text.trim();
            if let Some(pl) = prev {
                let wide_gap = i > 0 && spacing > 0.0 && pl.y - l.y > spacing * 1.4;
                let indented = l.x > left + l.size.max(1.0) * 1.5;
                let short = pl.end < right - pl.size.max(1.0) * 2.0;
                if wide_gap || indented || short {
                    out.push('\n');
                } else if out
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && text.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    out.push(' ');
                }
            }
            out.push_str(text);
            prev = Some(l);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f32) -> Line {
        Line {
            x: 72.0,
            y,
            end: 500.0,
            size: 12.0,
            text: text.into(),
        }
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let mut pages: Vec<Vec<Line>> = (1..=3)
            .map(|n| {
                vec![
                    line("中共某某市委办公室文件", 800.0),
                    line(&format!("正文第{n}页的内容，"), 700.0),
                    line("更多正文。", 680.0),
                    line(&format!("- {n} -"), 40.0),
                ]
            })
            .collect();
        drop_running_lines(&mut pages);
        let texts: Vec<&str> = pages.iter().flatten().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "正文第1页的内容，",
                "更多正文。",
                "正文第2页的内容，",
                "更多正文。",
                "正文第3页的内容，",
                "更多正文。"
            ]
        );
        assert!(is_page_number("第 12 页"));
        assert!(is_page_number("3/10"));
        assert!(!is_page_number("2023年"));
    }

    /// A page tree whose node lists itself among its kids, and a page whose content
    /// stream is an endless run of text operators: both end, with a reason or the text read
    /// so far, within the limits.
    #[test]
    fn looping_and_huge_pdfs_end() {
        use lopdf::{dictionary, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content = "BT /F1 12 Tf 72 700 Td (x) Tj ET\n".repeat(limits::PDF_OPS / 4);
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page_id.into(), pages_id.into()],
                "Count" => 2,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let t = Instant::now();
        let r = extract(&bytes);
        assert!(t.elapsed() < DEADLINE + Duration::from_secs(5));
        let e = r.unwrap_err();
        assert!(e.to_string().contains("operations"), "{e}");
    }

    #[test]
    fn garbage_is_corrupt() {
        let e = extract(b"%PDF-1.4\ngarbage").unwrap_err();
        assert!(e.to_string().contains("PDF"), "{e}");
    }
}
