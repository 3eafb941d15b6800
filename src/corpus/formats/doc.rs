//! Word 97–2003 `.doc`: the `WordDocument` stream of the compound file, its File Information
//! Block (FIB) pointing at the piece table (CLX → PlcPcd) in the `0Table`/`1Table` stream, and
//! the main text put together piece by piece (UTF-16 or "compressed" 8-bit pieces). Fields
//! keep their result and lose their code; no formatting is read (Word's automatic numbering
//! is not in the text of a `.doc`). Anything else — Word 6/95, encrypted files, a broken
//! table — is refused with a reason that says how to convert the file.

use std::io::{Cursor, Read};

use super::{push_line, Extracted, FormatError};

/// The first bytes of every compound file (OLE2).
pub(crate) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const CONVERT: &str = "convert it with `soffice --headless --convert-to docx FILE`";

fn refuse(why: impl std::fmt::Display) -> FormatError {
    // The advice first: a narrow skipped list cuts the end of a long reason.
    FormatError::Other(format!(
        "not a readable Word 97–2003 file; {CONVERT} ({why})"
    ))
}

/// Streams larger than this are not read (a `.doc` speech is well under a megabyte).
const STREAM_BYTES: u64 = 32 << 20;

fn read_stream(
    cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
) -> Result<Vec<u8>, FormatError> {
    let s = cfb
        .open_stream(name)
        .map_err(|e| refuse(format!("no {name} stream: {e}")))?;
    if s.len() > STREAM_BYTES {
        return Err(refuse(format!("{name} stream too large")));
    }
    let mut buf = Vec::new();
    s.take(STREAM_BYTES)
        .read_to_end(&mut buf)
        .map_err(|e| refuse(format!("{name}: {e}")))?;
    Ok(buf)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, FormatError> {
    let text = text(bytes)?;
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        push_line(&mut out, line);
    }
    Ok(Extracted {
        text: out,
        ..Extracted::default()
    })
}

/// The main document's text, paragraphs separated by `\n`.
fn text(bytes: &[u8]) -> Result<String, FormatError> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| refuse(format!("not a compound file: {e}")))?;
    let word = read_stream(&mut cfb, "WordDocument")?;
    let bad = || refuse("the file information block is cut short");
    if u16_at(&word, 0) != Some(0xA5EC) {
        return Err(refuse("no Word file information block"));
    }
    let n_fib = u16_at(&word, 2).ok_or_else(bad)?;
    if n_fib < 101 {
        return Err(refuse("a Word 6 or Word 95 file"));
    }
    let flags = u16_at(&word, 0x0A).ok_or_else(bad)?;
    if flags & 0x0100 != 0 {
        return Err(refuse("encrypted"));
    }
    let table_name = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    // FibBase (32 bytes), then csw and FibRgW97, cslw and FibRgLw97, cbRgFcLcb and the pairs.
    let csw = u16_at(&word, 32).ok_or_else(bad)? as usize;
    let lw = 32 + 2 + csw * 2;
    let cslw = u16_at(&word, lw).ok_or_else(bad)? as usize;
    // FibRgLw97: ccpText is its fourth field.
    let ccp_text = u32_at(&word, lw + 2 + 3 * 4).ok_or_else(bad)? as usize;
    let pairs = lw + 2 + cslw * 4 + 2;
    // FibRgFcLcb97: fcClx/lcbClx are the 34th pair.
    let fc_clx = u32_at(&word, pairs + 33 * 8).ok_or_else(bad)? as usize;
    let lcb_clx = u32_at(&word, pairs + 33 * 8 + 4).ok_or_else(bad)? as usize;
    let table = read_stream(&mut cfb, table_name)?;
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| refuse("the piece table lies outside the table stream"))?;

    // Skip Prc entries (0x01 + i16 size + grpprl) to the Pcdt (0x02 + u32 size + PlcPcd).
    let mut at = 0;
    let plc = loop {
        match clx.get(at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or_else(bad)? as usize;
                at += 3 + cb;
            }
            Some(2) => {
                let lcb = u32_at(clx, at + 1).ok_or_else(bad)? as usize;
                break clx
                    .get(at + 5..(at + 5).saturating_add(lcb))
                    .ok_or_else(|| refuse("the piece table is cut short"))?;
            }
            _ => return Err(refuse("no piece table")),
        }
    };
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(refuse("a piece table of the wrong size"));
    }
    let n = (plc.len() - 4) / 12;
    let mut out = String::new();
    for i in 0..n {
        let cp_start = u32_at(plc, i * 4).ok_or_else(bad)? as usize;
        let cp_end = u32_at(plc, (i + 1) * 4).ok_or_else(bad)? as usize;
        if cp_start >= ccp_text {
            break;
        }
        let cp_end = cp_end.min(ccp_text);
        if cp_end <= cp_start {
            continue;
        }
        let pcd = (n + 1) * 4 + i * 12;
        let fc = u32_at(plc, pcd + 2).ok_or_else(bad)?;
        let count = cp_end - cp_start;
        if fc & 0x4000_0000 != 0 {
            // Compressed: one byte a character, Windows-1252 (Word's own exceptions aside).
            let off = ((fc & !0x4000_0000) / 2) as usize;
            let raw = word
                .get(off..off + count)
                .ok_or_else(|| refuse("a text piece lies outside the document"))?;
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
            out.push_str(&s);
        } else {
            let off = fc as usize;
            let raw = word
                .get(off..off + count * 2)
                .ok_or_else(|| refuse("a text piece lies outside the document"))?;
            let units: Vec<u16> = raw
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
        }
    }
    Ok(specials(&out))
}

/// Word's special characters: paragraph and cell marks become line ends, fields keep their
/// result, objects and soft hyphens go.
fn specials(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // Field nesting; inside a field's code (before its separator) nothing is kept.
    let mut fields: Vec<bool> = Vec::new();
    for c in raw.chars() {
        match c {
            '\u{13}' => fields.push(true),
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.last() == Some(&true) => {}
            '\r' | '\u{0B}' | '\u{0C}' | '\u{07}' => out.push('\n'),
            '\u{1E}' => out.push('-'),
            '\u{01}' | '\u{02}' | '\u{05}' | '\u{08}' | '\u{1F}' => {}
            '\t' => out.push(' '),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_their_result() {
        assert_eq!(
            specials("一、\u{13} PAGE \u{14}3\u{15}总体\r要求\u{07}甲\u{1F}"),
            "一、3总体\n要求\n甲"
        );
    }

    #[test]
    fn not_a_doc_says_how_to_convert() {
        let e = extract(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 broken").unwrap_err();
        assert!(
            e.to_string()
                .contains("soffice --headless --convert-to docx"),
            "{e}"
        );
    }
}
