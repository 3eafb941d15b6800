//! Word `.docx` (Office Open XML): `word/document.xml` read in order, with `styles.xml` for
//! heading and title styles, `numbering.xml` for the automatic numbering Word draws before a
//! paragraph (written out as text, as if typed), `footnotes.xml`/`endnotes.xml` as back
//! matter after a `注释` line and `docProps/core.xml` for the title.
//!
//! Bounded: the zip directory may list at most [`limits::ZIP_ENTRIES`] entries, each part is
//! read through a cap of [`limits::PART_BYTES`] whatever its header claims (a zip bomb stops
//! there), all parts together at most [`limits::TOTAL_BYTES`], and XML nests at most
//! [`limits::XML_DEPTH`] deep.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use super::xml::{attr, local, Ev, Xml};
use super::{limits, push_line, Extracted, FormatError};

const KIND: &str = "DOCX";

pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| FormatError::corrupt(KIND, format!("not a zip archive ({e})")))?;
    if zip.len() > limits::ZIP_ENTRIES {
        return Err(FormatError::TooLarge {
            kind: KIND,
            why: format!(
                "{} zip entries (the limit is {})",
                zip.len(),
                limits::ZIP_ENTRIES
            ),
        });
    }
    let mut budget = limits::TOTAL_BYTES;
    let Some(document) = read_part(&mut zip, "word/document.xml", &mut budget)? else {
        return Err(FormatError::corrupt(KIND, "no word/document.xml"));
    };
    let styles = match read_part(&mut zip, "word/styles.xml", &mut budget)? {
        Some(x) => Styles::parse(&x)?,
        None => Styles::default(),
    };
    let numbering = match read_part(&mut zip, "word/numbering.xml", &mut budget)? {
        Some(x) => Numbering::parse(&x)?,
        None => Numbering::default(),
    };
    let mut notes = Vec::new();
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(x) = read_part(&mut zip, part, &mut budget)? {
            notes.push(x);
        }
    }
    let core_title = match read_part(&mut zip, "docProps/core.xml", &mut budget)? {
        Some(x) => core_title(&x)?,
        None => None,
    };

    let mut w = Walker {
        styles: &styles,
        numbering: &numbering,
        counters: HashMap::new(),
        overridden: HashSet::new(),
        out: String::with_capacity(document.len() / 4),
        title: None,
        note_ids: HashMap::new(),
    };
    w.body(&document, Part::Body)?;
    let mut notes_text = String::new();
    for x in &notes {
        let mut nw = Walker {
            out: String::new(),
            ..w.clone_for_notes()
        };
        nw.body(x, Part::Notes)?;
        notes_text.push_str(&nw.out);
    }
    let mut text = w.out;
    if !notes_text.is_empty() {
        text.push_str("注释\n");
        text.push_str(&notes_text);
    }
    Ok(Extracted {
        text,
        title: w.title.or(core_title),
        encoding: None,
        warnings: Vec::new(),
    })
}

/// One part, uncompressed through the caps; `None` when the archive lacks it.
fn read_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, FormatError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(FormatError::corrupt(KIND, format!("{name}: {e}"))),
    };
    let cap = limits::PART_BYTES.min(*budget);
    let too_large = || FormatError::TooLarge {
        kind: KIND,
        why: format!(
            "{name} uncompresses to more than {} MB (a zip bomb?)",
            cap >> 20
        ),
    };
    if file.size() > cap {
        return Err(too_large());
    }
    let mut buf = Vec::with_capacity(file.size() as usize);
    // The header's size may lie: the cap holds whatever the stream inflates to.
    file.take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| FormatError::corrupt(KIND, format!("{name}: {e}")))?;
    if buf.len() as u64 > cap {
        return Err(too_large());
    }
    *budget -= buf.len() as u64;
    Ok(Some(buf))
}

fn core_title(xml: &[u8]) -> Result<Option<String>, FormatError> {
    let mut x = Xml::new(xml, KIND);
    let mut in_title = false;
    let mut title = String::new();
    while let Some(ev) = x.next()? {
        match ev {
            Ev::Start { e, empty: false } if local(&e) == b"title" => in_title = true,
            Ev::End(n) if n == b"title" => in_title = false,
            Ev::Text(t) if in_title => title.push_str(&t),
            _ => {}
        }
    }
    let title = title.trim();
    Ok((!title.is_empty()).then(|| title.to_string()))
}

/// What a paragraph style means for the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Subtitle,
    /// `Heading N` / `标题 N` / an outline level: a Markdown heading of that level.
    Heading(u8),
}

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_lvl: Option<u8>,
    num: Option<NumPr>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct NumPr {
    num_id: Option<u32>,
    ilvl: Option<u8>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default_para: Option<String>,
}

impl Styles {
    fn parse(xml: &[u8]) -> Result<Styles, FormatError> {
        let mut x = Xml::new(xml, KIND);
        let mut s = Styles::default();
        let mut cur: Option<(String, Style)> = None;
        while let Some(ev) = x.next()? {
            match ev {
                Ev::Start { e, empty } => match local(&e).as_slice() {
                    b"style" => {
                        let para = attr(&e, b"type").is_none_or(|t| t == "paragraph");
                        let id = attr(&e, b"styleId").unwrap_or_default();
                        if para && attr(&e, b"default").is_some_and(|d| d == "1" || d == "true") {
                            s.default_para = Some(id.clone());
                        }
                        if para && !empty {
                            cur = Some((id, Style::default()));
                        } else if !empty {
                            x.skip()?;
                        }
                    }
                    b"name" => {
                        if let Some((_, st)) = &mut cur {
                            st.name = attr(&e, b"val").unwrap_or_default();
                        }
                    }
                    b"basedOn" => {
                        if let Some((_, st)) = &mut cur {
                            st.based_on = attr(&e, b"val");
                        }
                    }
                    b"outlineLvl" => {
                        if let Some((_, st)) = &mut cur {
                            st.outline_lvl = attr(&e, b"val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"numId" => {
                        if let Some((_, st)) = &mut cur {
                            st.num.get_or_insert_default().num_id =
                                attr(&e, b"val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"ilvl" => {
                        if let Some((_, st)) = &mut cur {
                            st.num.get_or_insert_default().ilvl =
                                attr(&e, b"val").and_then(|v| v.parse().ok());
                        }
                    }
                    // Run properties and tables of a style hold nothing the outline needs.
                    b"rPr" | b"tblPr" | b"tcPr" | b"trPr" | b"tblStylePr" if !empty => x.skip()?,
                    _ => {}
                },
                Ev::End(n) if n == b"style" => {
                    if let Some((id, st)) = cur.take() {
                        s.by_id.insert(id, st);
                    }
                }
                _ => {}
            }
        }
        Ok(s)
    }

    /// A style and the ones it is based on, nearest first (a loop is cut).
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut cur = Some(id.to_string());
        while let Some(id) = cur {
            let Some(st) = self.by_id.get(&id) else { break };
            out.push(st);
            if out.len() > 16 {
                break;
            }
            cur = st.based_on.clone();
        }
        out
    }

    fn role(&self, id: &str) -> Option<Role> {
        let chain = self.chain(id);
        if let Some(st) = chain.first() {
            if let Some(r) = role_by_name(&st.name).or_else(|| role_by_name(id)) {
                return Some(r);
            }
        }
        // An outline level, own or inherited (`Heading 1` renamed by a template).
        for st in &chain {
            if let Some(r) = role_by_name(&st.name) {
                return matches!(r, Role::Heading(_)).then_some(r);
            }
            if let Some(l) = st.outline_lvl {
                return (l < 9).then_some(Role::Heading(l + 1));
            }
        }
        None
    }

    fn num(&self, id: &str) -> Option<NumPr> {
        let mut found = NumPr::default();
        for st in self.chain(id) {
            if let Some(n) = st.num {
                found.num_id = found.num_id.or(n.num_id);
                found.ilvl = found.ilvl.or(n.ilvl);
            }
        }
        found.num_id.map(|_| found)
    }
}

/// `heading 1`, `Heading1`, `标题 1`, `标题1`, `Title`, `标题`, `Subtitle`, `副标题`.
fn role_by_name(name: &str) -> Option<Role> {
    let n: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match n.as_str() {
        "title" | "标题" => return Some(Role::Title),
        "subtitle" | "副标题" => return Some(Role::Subtitle),
        _ => {}
    }
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    let level: u8 = rest.parse().ok()?;
    (1..=9).contains(&level).then_some(Role::Heading(level))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Notes,
}

struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    /// Per abstract numbering (lists sharing one continue each other): the current number
    /// of each level, `None` before its first use or after a restart.
    counters: HashMap<u32, [Option<u32>; 9]>,
    /// (numId, level) whose start override has been applied.
    overridden: HashSet<(u32, u8)>,
    out: String,
    title: Option<String>,
    /// Footnote and endnote ids in the order the body cites them → the number shown.
    note_ids: HashMap<(bool, String), usize>,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num: Option<NumPr>,
    outline_lvl: Option<u8>,
}

/// A table being read: its rows so far, the open row's cells, the open cell's paragraphs.
#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: Vec<String>,
}

impl Walker<'_> {
    fn clone_for_notes(&self) -> Walker<'_> {
        Walker {
            styles: self.styles,
            numbering: self.numbering,
            counters: HashMap::new(),
            overridden: HashSet::new(),
            out: String::new(),
            title: None,
            note_ids: self.note_ids.clone(),
        }
    }

    fn body(&mut self, xml: &[u8], part: Part) -> Result<(), FormatError> {
        let mut x = Xml::new(xml, KIND);
        let mut paras: Vec<Para> = Vec::new();
        let mut tables: Vec<Table> = Vec::new();
        let mut in_t = false;
        let mut in_ppr = false;
        // A note's number, for the start of its first paragraph.
        let mut note: Option<String> = None;
        while let Some(ev) = x.next()? {
            match ev {
                Ev::Start { e, empty } => {
                    let name = local(&e);
                    match name.as_slice() {
                        b"p" if !empty => paras.push(Para::default()),
                        b"pPr" if !empty => in_ppr = true,
                        b"pStyle" if in_ppr => {
                            if let Some(p) = paras.last_mut() {
                                p.style = attr(&e, b"val");
                            }
                        }
                        b"numId" if in_ppr => {
                            if let Some(p) = paras.last_mut() {
                                p.num.get_or_insert_default().num_id =
                                    attr(&e, b"val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"ilvl" if in_ppr => {
                            if let Some(p) = paras.last_mut() {
                                p.num.get_or_insert_default().ilvl =
                                    attr(&e, b"val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"outlineLvl" if in_ppr => {
                            if let Some(p) = paras.last_mut() {
                                p.outline_lvl = attr(&e, b"val").and_then(|v| v.parse().ok());
                            }
                        }
                        // Run properties inside the paragraph mark's properties: nothing.
                        b"rPr" if in_ppr && !empty => x.skip()?,
                        b"t" if !empty => in_t = true,
                        b"tab" if !in_ppr => push_to(&mut paras, " "),
                        b"br" | b"cr" => {
                            let t = attr(&e, b"type");
                            if t.is_none_or(|t| t == "textWrapping") {
                                push_to(&mut paras, "\n");
                            }
                        }
                        b"noBreakHyphen" => push_to(&mut paras, "-"),
                        b"footnoteReference" | b"endnoteReference" => {
                            let key = (
                                name.as_slice() == b"endnoteReference",
                                attr(&e, b"id").unwrap_or_default(),
                            );
                            let next = self.note_ids.len() + 1;
                            let n = *self.note_ids.entry(key).or_insert(next);
                            push_to(&mut paras, &format!("[{n}]"));
                        }
                        b"footnote" | b"endnote" if part == Part::Notes && !empty => {
                            let endnote = name.as_slice() == b"endnote";
                            let id = attr(&e, b"id").unwrap_or_default();
                            // Separators and notes the body never cites are left out.
                            match self.note_ids.get(&(endnote, id)) {
                                Some(&n) => note = Some(format!("[{n}]")),
                                None => x.skip()?,
                            }
                        }
                        // Deleted text, field codes, the fallback copy of a text box, hidden
                        // document parts: not what the reader sees.
                        b"delText" | b"instrText" | b"Fallback" | b"del" | b"moveFrom"
                            if !empty =>
                        {
                            x.skip()?
                        }
                        b"tbl" if !empty => tables.push(Table::default()),
                        _ => {}
                    }
                }
                Ev::Text(t) if in_t => push_to(&mut paras, &t),
                Ev::Text(_) => {}
                Ev::End(name) => match name.as_slice() {
                    b"t" => in_t = false,
                    b"pPr" => in_ppr = false,
                    b"p" => {
                        if let Some(p) = paras.pop() {
                            let mut line = self.paragraph(p, part);
                            if let Some(n) = note.take() {
                                line.insert_str(0, &n);
                            }
                            match (paras.last_mut(), tables.last_mut()) {
                                // A text box's paragraph inside a paragraph: on a line of
                                // its own, before it.
                                (Some(_), _) => push_line(&mut self.out, &line),
                                (None, Some(t)) => t.cell.push(line),
                                (None, None) => push_line(&mut self.out, &line),
                            }
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            let cell = std::mem::take(&mut t.cell);
                            t.row.push(cell.join("\n"));
                        }
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            let row = std::mem::take(&mut t.row);
                            let line = if row.len() == 1 {
                                // A one-cell table frames text: its paragraphs stay lines.
                                row.into_iter().next().unwrap_or_default()
                            } else {
                                row.iter()
                                    .map(|c| c.replace('\n', " "))
                                    .collect::<Vec<_>>()
                                    .join(" | ")
                            };
                            match tables.len() {
                                1 => {
                                    for l in line.lines() {
                                        push_line(&mut self.out, l);
                                    }
                                }
                                // A nested table's row is a paragraph of the outer cell.
                                n => tables[n - 2].cell.push(line),
                            }
                        }
                    }
                    b"tbl" => {
                        tables.pop();
                    }
                    _ => {}
                },
            }
            if self.out.len() > limits::TEXT_BYTES {
                return Err(FormatError::TooLarge {
                    kind: KIND,
                    why: format!("more than {} MB of text", limits::TEXT_BYTES >> 20),
                });
            }
        }
        let _ = x.depth();
        Ok(())
    }

    /// A paragraph as its line: the number Word draws written out, a heading style as `#`s.
    fn paragraph(&mut self, p: Para, part: Part) -> String {
        let style = p.style.clone().or_else(|| self.styles.default_para.clone());
        let role = match (p.outline_lvl, &style) {
            (Some(l), _) if l < 9 => Some(Role::Heading(l + 1)),
            (_, Some(s)) => self.styles.role(s),
            _ => None,
        };
        let num = p
            .num
            .filter(|n| n.num_id.is_some())
            .or_else(|| style.as_deref().and_then(|s| self.styles.num(s)));
        let number = num.and_then(|n| self.number(n.num_id?, n.ilvl.unwrap_or(0)));
        let mut text = p.text;
        if let Some(num) = number {
            text.insert_str(0, &num);
        }
        if part == Part::Notes {
            return text;
        }
        match role {
            Some(Role::Title) => {
                let t = text.trim();
                if self.title.is_none() && !t.is_empty() {
                    self.title = Some(t.to_string());
                }
                text
            }
            Some(Role::Heading(l)) if !text.trim().is_empty() => {
                format!("{} {}", "#".repeat(l.min(6) as usize), text.trim())
            }
            _ => text,
        }
    }

    /// The number Word shows for the next paragraph of list `num_id` at level `ilvl`, with
    /// what follows it; `None` for bullets and unnumbered lists.
    fn number(&mut self, num_id: u32, ilvl: u8) -> Option<String> {
        if num_id == 0 || ilvl > 8 {
            return None;
        }
        let (abs, overrides) = self.numbering.nums.get(&num_id)?;
        let level = self.numbering.level(num_id, ilvl)?;
        let counters = self.counters.entry(*abs).or_insert([None; 9]);
        // A start override restarts the list the first time this numId is used.
        if let Some((Some(_), _)) | Some((_, Some(_))) = overrides.get(&ilvl) {
            if self.overridden.insert((num_id, ilvl)) {
                counters[ilvl as usize] = None;
            }
        }
        let i = ilvl as usize;
        counters[i] = Some(counters[i].map_or(level.start, |n| n + 1));
        for (k, c) in counters.iter_mut().enumerate().skip(i + 1) {
            let restarts = self
                .numbering
                .level(num_id, k as u8)
                .is_none_or(|l| !l.no_restart);
            if restarts {
                *c = None;
            }
        }
        if level.fmt == "bullet" {
            return None;
        }
        let counters = *counters;
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).saturating_sub(1).min(8);
                    let lv = if k == i {
                        level.clone()
                    } else {
                        self.numbering.level(num_id, k as u8).unwrap_or_default()
                    };
                    let n = counters[k].unwrap_or(lv.start);
                    let fmt = if level.legal && k != i {
                        "decimal"
                    } else {
                        &lv.fmt
                    };
                    out.push_str(&format_number(n, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        if out.trim().is_empty() {
            return None;
        }
        match level.suffix.as_str() {
            "nothing" => {}
            "space" => out.push(' '),
            // A tab: what a typist puts there, nothing after Chinese punctuation.
            _ => {
                if !out.ends_with(['、', '）', '．', '：', '，', '.', ')']) {
                    out.push(' ')
                }
            }
        }
        Some(out)
    }
}

fn push_to(paras: &mut [Para], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

mod numbering;
#[cfg(test)]
use numbering::chinese;
use numbering::{format_number, Numbering};

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100, 101, 110, 1000, 1024]
            .iter()
            .map(|&n| chinese(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零一",
                "一百一十",
                "一千",
                "一千零二十四"
            ]
        );
        assert_eq!(format_number(3, "decimalFullWidth"), "３");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }

    #[test]
    fn style_names_give_roles() {
        assert_eq!(role_by_name("heading 2"), Some(Role::Heading(2)));
        assert_eq!(role_by_name("标题 3"), Some(Role::Heading(3)));
        assert_eq!(role_by_name("Heading1"), Some(Role::Heading(1)));
        assert_eq!(role_by_name("Title"), Some(Role::Title));
        assert_eq!(role_by_name("标题"), Some(Role::Title));
        assert_eq!(role_by_name("Normal"), None);
    }

    pub(crate) fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn para(style: Option<&str>, num: Option<(u32, u8)>, text: &str) -> String {
        let mut ppr = String::new();
        if let Some(s) = style {
            ppr.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
        }
        if let Some((id, l)) = num {
            ppr.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#
            ));
        }
        format!(
            r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
        )
    }

    fn numbering() -> String {
        format!(
            r#"<w:numbering {W}>
            <w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="（%2）"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
              <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="8">
              <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1．"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="8"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            </w:numbering>"#
        )
    }

    #[test]
    fn word_numbering_is_written_out() {
        let body: String = [
            para(None, Some((1, 0)), "总体要求"),
            para(None, Some((1, 1)), "指导思想"),
            para(None, Some((1, 2)), "坚持问题导向"),
            para(None, Some((1, 2)), "坚持系统观念"),
            para(None, Some((1, 3)), "要点"),
            para(None, Some((1, 1)), "工作目标"),
            para(None, Some((1, 0)), "重点任务"),
            para(None, Some((1, 1)), "深化改革"),
            para(None, Some((1, 2)), "加强党建"),
            para(None, Some((2, 0)), "全角"),
            para(None, Some((2, 0)), "续编"),
            para(None, Some((3, 0)), "重新开始"),
        ]
        .concat();
        let doc = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
        let bytes = docx(&[
            ("word/document.xml", &doc),
            ("word/numbering.xml", &numbering()),
        ]);
        let ex = extract(&bytes).unwrap();
        assert_eq!(
            ex.text,
            "一、总体要求\n（一）指导思想\n1.坚持问题导向\n2.坚持系统观念\n要点\n（二）工作目标\n\
             二、重点任务\n（一）深化改革\n1.加强党建\n３．全角\n４．续编\n１．重新开始\n"
        );
    }

    #[test]
    fn heading_styles_title_tables_and_notes() {
        let styles = format!(
            r#"<w:styles {W}>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
            <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="我的标题"/><w:basedOn w:val="2"/></w:style>
            <w:style w:type="paragraph" w:styleId="Lvl"><w:name w:val="要点"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            </w:styles>"#
        );
        let body = [
            para(Some("a3"), None, "在会上的讲话"),
            para(Some("1"), None, "总体要求"),
            para(Some("Mine"), None, "继承"),
            para(Some("Lvl"), None, "大纲级别"),
            r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnoteReference w:id="5"/></w:r><w:r><w:t>。</w:t></w:r></w:p>"#.to_string(),
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
            r#"<w:p><w:r><w:delText>删去</w:delText><w:instrText>PAGE</w:instrText><w:t>留</w:t></w:r></w:p>"#.to_string(),
        ]
        .concat();
        let doc = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
        let notes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>---</w:t></w:r></w:p></w:footnote>
            <w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>见文件。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let core = r#"<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:title>属性标题</dc:title></cp:coreProperties>"#;
        let bytes = docx(&[
            ("word/document.xml", &doc),
            ("word/styles.xml", &styles),
            ("word/footnotes.xml", &notes),
            ("docProps/core.xml", core),
        ]);
        let ex = extract(&bytes).unwrap();
        assert_eq!(
            ex.text,
            "在会上的讲话\n# 总体要求\n## 继承\n### 大纲级别\n正文[1]。\n甲 | 乙\n留\n注释\n[1]见文件。\n"
        );
        assert_eq!(ex.title.as_deref(), Some("在会上的讲话"));
        // Without a title paragraph, the core properties' title.
        let doc2 = format!(
            r#"<w:document {W}><w:body>{}</w:body></w:document>"#,
            para(None, None, "正文")
        );
        let ex = extract(&docx(&[
            ("word/document.xml", &doc2),
            ("docProps/core.xml", core),
        ]))
        .unwrap();
        assert_eq!(ex.title.as_deref(), Some("属性标题"));
    }

    #[test]
    fn hostile_archives_are_refused_quickly() {
        // Not a zip, a zip without the document.
        assert!(extract(b"PK\x03\x04garbage").is_err());
        let e = extract(&docx(&[("a.txt", "x")])).unwrap_err();
        assert!(e.to_string().contains("no word/document.xml"), "{e}");
        // A bomb: 40 MB of zeros deflate to a few KB; the cap stops the read.
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(false),
        )
        .unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..40 {
            w.write_all(&zeros).unwrap();
        }
        let bomb = w.finish().unwrap().into_inner();
        assert!(bomb.len() < 200_000, "{}", bomb.len());
        let t = std::time::Instant::now();
        let e = extract(&bomb).unwrap_err();
        assert!(matches!(e, FormatError::TooLarge { .. }), "{e}");
        assert!(t.elapsed() < std::time::Duration::from_secs(5));
        // A bomb whose headers lie about its size: the cap on the stream still holds.
        let mut lying = bomb.clone();
        for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let h = lying.windows(4).position(|w| w == sig).unwrap();
            lying[h + at..h + at + 4].copy_from_slice(&1000u32.to_le_bytes());
        }
        let t = std::time::Instant::now();
        assert!(extract(&lying).is_err());
        assert!(t.elapsed() < std::time::Duration::from_secs(5));
        // Too many entries.
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..=limits::ZIP_ENTRIES {
            w.start_file(format!("{i}"), zip::write::SimpleFileOptions::default())
                .unwrap();
        }
        let many = w.finish().unwrap().into_inner();
        let e = extract(&many).unwrap_err();
        assert!(e.to_string().contains("zip entries"), "{e}");
        // Deep nesting.
        let deep = format!(
            r#"<w:document {W}>{}</w:document>"#,
            "<w:sdt>".repeat(10_000)
        );
        let e = extract(&docx(&[("word/document.xml", &deep)])).unwrap_err();
        assert!(e.to_string().contains("nested deeper"), "{e}");
    }
}
