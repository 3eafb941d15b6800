//! Bytes → text: BOM and charset detection, decoding with replacement, binary sniffing.
//! Pure functions on `&[u8]`; must not depend on the terminal, the filesystem or the outline.

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// How far into a file charset detection looks; enough for a confident guess, cheap on huge files.
const SNIFF_LEN: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// Borrowed from the bytes when they are UTF-8 already: a copy of every file read would
    /// be written (and its pages faulted in) only to be read once by the cleaner.
    pub text: std::borrow::Cow<'a, str>,
    /// Encoding name as users know it ("UTF-8", "GB18030", "UTF-16LE", "Big5" …).
    pub encoding: &'static str,
    /// Invalid sequences replaced by U+FFFD.
    pub replacements: usize,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("file is empty")]
    Empty,
    #[error("file looks binary (NUL bytes), not text")]
    Binary,
}

/// Looks an encoding up by a user-given label (`gbk`, `gb18030`, `utf-16le`, `big5` …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    // GBK and GB2312 are subsets: decoding them as GB18030 loses nothing and reads more files.
    Some(if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    })
}

pub(crate) fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == UTF_8 {
        "UTF-8"
    } else if enc == GB18030 {
        "GB18030"
    } else if enc == UTF_16LE {
        "UTF-16LE"
    } else if enc == UTF_16BE {
        "UTF-16BE"
    } else if enc == BIG5 {
        "Big5"
    } else {
        enc.name()
    }
}

/// A BOM-less UTF-16 file shows NUL in every other byte for ASCII and most CJK-adjacent text;
/// checking the parity of NULs tells LE from BE.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    // No NUL at all (nearly every file): neither parity can reach the threshold.
    if sample.len() < 4 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 3 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 3 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        sniff_cjk_utf16(sample)
    }
}

/// BOM-less UTF-16 of Chinese text has few NULs (only its ASCII: line ends, digits), too few
/// for the parity test, and would read as binary. It is recognised by what it decodes to:
/// in one byte order nearly every unit is a common ideograph, CJK or full-width punctuation,
/// or printable ASCII; GBK, Big5 or binary read as UTF-16 land mostly elsewhere.
fn sniff_cjk_utf16(sample: &[u8]) -> Option<&'static Encoding> {
    // Valid UTF-8 (a NUL in it is binary, not UTF-16).
    let valid = Encoding::utf8_valid_up_to(sample);
    if valid + 3 >= sample.len() {
        return None;
    }
    let plausible = |u: u16| {
        matches!(u,
            0x0009 | 0x000A | 0x000D | 0x0020..=0x007E
            | 0x2010..=0x206F // dashes, quotes, …
            | 0x3000..=0x303F // CJK punctuation
            | 0x4E00..=0x9FFF // common ideographs
            | 0xFF00..=0xFFEF) // full-width forms
    };
    let share = |le: bool| {
        let units = sample.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let (mut good, mut all) = (0usize, 0usize);
        for u in units {
            all += 1;
            good += usize::from(plausible(u));
        }
        (good * 100).checked_div(all).unwrap_or(0)
    };
    match (share(true), share(false)) {
        (le, be) if le >= 90 && be < 50 => Some(UTF_16LE),
        (le, be) if be >= 90 && le < 50 => Some(UTF_16BE),
        _ => None,
    }
}

fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// What [`decode`] settles before decoding: the encoding and where the text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    /// Byte offset of the text, past a BOM.
    pub start: usize,
    /// UTF-16 guessed from the NUL pattern (no BOM): the decoded text must still pass the
    /// control-character check before it counts as text.
    pub sniffed: bool,
}

/// The first half of [`decode`]: BOM, UTF-16 sniffing, binary check and charset detection.
/// `decode` fails exactly when this fails, when the decoded text is blank (see
/// [`decodes_blank`]) or, for sniffed UTF-16, when it is mostly control characters.
pub fn detect(bytes: &[u8], force: Option<&'static Encoding>) -> Result<Detected, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let plain = |encoding, start| Detected {
        encoding,
        start,
        sniffed: false,
    };
    Ok(if let Some(enc) = force {
        // An explicit choice still honours a BOM of the same family, so it is not decoded as text.
        match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => plain(enc, len),
            _ => plain(enc, 0),
        }
    } else if let Some((enc, len)) = Encoding::for_bom(bytes) {
        plain(enc, len)
    } else if let Some(enc) = sniff_utf16(bytes) {
        Detected {
            encoding: enc,
            start: 0,
            sniffed: true,
        }
    } else {
        if memchr_nul(&bytes[..bytes.len().min(SNIFF_LEN)]) {
            return Err(DecodeError::Binary);
        }
        // encoding_rs validates CJK text several times faster than `str::from_utf8`.
        if Encoding::utf8_valid_up_to(bytes) == bytes.len() || mostly_utf8(bytes) {
            plain(UTF_8, 0)
        } else {
            plain(detect_legacy(bytes), 0)
        }
    })
}

/// Whether the text `bytes` decode to (with the detected encoding) is blank: only whitespace
/// and U+FEFF, which [`decode`] rejects as an empty file. Decodes only as far as the first
/// other char, so it costs next to nothing on a real text file.
pub fn decodes_blank(bytes: &[u8], d: &Detected) -> bool {
    let mut decoder = d.encoding.new_decoder_without_bom_handling();
    let mut rest = &bytes[d.start..];
    // A few bytes at a time: text files rarely start with more than a line of blanks.
    let mut buf = [0u8; 256];
    loop {
        let take = rest.len().min(64);
        let last = take == rest.len();
        let (_, read, written, _) = decoder.decode_to_utf8(&rest[..take], &mut buf, last);
        let text = std::str::from_utf8(&buf[..written]).unwrap_or("\u{FFFD}");
        if !text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
            return false;
        }
        rest = &rest[read..];
        if last && rest.is_empty() {
            return true;
        }
    }
}

/// Decodes a text file. `force` overrides detection (the user's `--encoding`).
pub fn decode<'a>(
    bytes: &'a [u8],
    force: Option<&'static Encoding>,
) -> Result<Decoded<'a>, DecodeError> {
    decode_detected(bytes, detect(bytes, force)?, force)
}

/// The second half of [`decode`], for a caller that already ran [`detect`] on `bytes`
/// with the same `force`.
pub fn decode_detected<'a>(
    bytes: &'a [u8],
    detected: Detected,
    force: Option<&'static Encoding>,
) -> Result<Decoded<'a>, DecodeError> {
    let Detected {
        encoding: enc,
        start,
        sniffed,
    } = detected;
    let body = &bytes[start..];
    let mut warnings = Vec::new();

    let (mut text, had_errors) = enc.decode_without_bom_handling(body);
    let mut replacements = 0;
    if had_errors {
        replacements = text.matches('\u{FFFD}').count();
        warnings.push(format!(
            "{replacements} invalid byte sequence(s) in {} replaced by U+FFFD",
            display_name(enc)
        ));
    }
    if enc != UTF_8 && force.is_none() {
        let total = text.chars().take(SNIFF_LEN).count();
        let pua = text
            .chars()
            .take(SNIFF_LEN)
            .filter(|&c| is_private_use(c))
            .count();
        if total > 0 && pua * 100 > total {
            warnings.push(format!(
                "decoded as {} but {pua} private-use characters suggest a wrong guess; try --encoding",
                display_name(enc)
            ));
        }
    }
    if sniffed && too_many_controls(&text) {
        return Err(DecodeError::Binary);
    }
    if text.contains('\u{FEFF}') {
        text = text.replace('\u{FEFF}', "").into();
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding: display_name(enc),
        replacements,
        warnings,
    })
}

/// Binary data that happens to look like BOM-less UTF-16 decodes to a soup of control chars.
fn too_many_controls(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(SNIFF_LEN) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') {
            controls += 1;
        }
    }
    controls * 20 > total
}

/// UTF-8 with a few broken sequences (a file cut mid-character, one bad byte from a careless
/// edit) is still UTF-8: guessing again would turn all of it into GB18030 mojibake. GBK and
/// Big5 text is never mostly valid UTF-8: only about one double-byte char in seven happens to
/// form a valid sequence, so one invalid sequence per twenty valid ones cannot be legacy text.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    let mut valid = 0usize;
    let mut invalid = 0usize;
    let mut seen = 0usize;
    for chunk in sample.utf8_chunks() {
        // Lead bytes count the non-ASCII chars of valid UTF-8.
        valid += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        seen += chunk.valid().len() + chunk.invalid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            // Every char still to come takes two bytes or more: once even all of them
            // valid could not make up for the invalid ones, the answer is no (legacy text
            // gets here within its first few hundred bytes).
            if invalid * 20 > valid + (sample.len() - seen) / 2 {
                return false;
            }
        }
    }
    valid >= 4 && invalid * 20 <= valid
}

fn memchr_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
}

/// How much chardetng reads: a few KB of Chinese text settle GBK against Big5.
const DETECT_LEN: usize = 8 * 1024;

/// Simplified Chinese in GBK keeps both bytes of nearly every double-byte character in
/// GB2312's 0xA1–0xFE rows; Big5 puts many trail bytes below 0x7F. A byte scan settles the
/// common case at memory speed, leaving chardetng (slow: 64% of load time on a GBK corpus)
/// for the uncertain rest.
fn looks_gb2312(bytes: &[u8]) -> bool {
    let (mut gb, mut other) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        if (0xA1..=0xF7).contains(&b) && (0xA1..=0xFE).contains(&bytes[i + 1]) {
            gb += 1;
        } else {
            other += 1;
        }
        i += 2;
    }
    gb >= 16 && gb * 100 >= (gb + other) * 97
}

/// chardetng tells GBK from Big5 and friends; GBK is widened to GB18030, its superset.
fn detect_legacy(bytes: &[u8]) -> &'static Encoding {
    if looks_gb2312(&bytes[..bytes.len().min(DETECT_LEN)]) {
        return GB18030;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(
        &bytes[..bytes.len().min(DETECT_LEN)],
        bytes.len() <= DETECT_LEN,
    );
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    if guess == encoding_rs::GBK || guess == UTF_8 {
        GB18030
    } else if guess == BIG5 {
        BIG5
    } else if guess.name().starts_with("windows-125") || guess.name().starts_with("ISO-8859") {
        // Single-byte Western guesses on a Chinese corpus are nearly always GBK text that
        // chardetng saw too little of; GB18030 is the useful fallback.
        GB18030
    } else {
        guess
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode("同志们：".as_bytes(), None).unwrap();
        assert_eq!(d.text, "同志们：");
        assert_eq!(d.encoding, "UTF-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("讲话".as_bytes());
        let d = decode(&b, None).unwrap();
        assert_eq!(d.text, "讲话");
    }

    #[test]
    fn gbk_with_crlf() {
        let src = "在会上的讲话\r\n\r\n同志们：\r\n一、提高站位。\r\n";
        let (bytes, _, _) = encoding_rs::GBK.encode(src);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, src);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let src = "第一，讲话。\n二是 ABC";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in src.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&le, None).unwrap();
        assert_eq!((&*d.text, d.encoding), (src, "UTF-16LE"));
        let d = decode(&be, None).unwrap();
        assert_eq!((&*d.text, d.encoding), (src, "UTF-16BE"));
    }

    #[test]
    fn utf16le_without_bom_is_sniffed() {
        let src = "Speech title 讲话\nline two";
        let le: Vec<u8> = src.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&le, None).unwrap();
        assert_eq!(d.text, src);
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn chinese_utf16_without_bom_is_not_binary() {
        // Ideographs have no NUL byte: only the line ends do, too few for the parity test.
        let src = "在全市第二批主题教育培训会上的讲话\n同志们：\n今天召开会议，主要是学习贯彻中央精神。\n";
        let le: Vec<u8> = src.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&le, None).unwrap();
        assert_eq!((&*d.text, d.encoding), (src, "UTF-16LE"));
        let be: Vec<u8> = src.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be, None).unwrap();
        assert_eq!((&*d.text, d.encoding), (src, "UTF-16BE"));
        // Binary with a few NULs stays binary; GBK stays GBK.
        let bin: Vec<u8> = (0..600u32).map(|i| (i * 37 % 251) as u8).collect();
        assert!(decode(&bin, None).is_err());
        let (gbk, _, _) = GB18030.encode(src);
        assert_eq!(decode(&gbk, None).unwrap().text, src);
    }

    #[test]
    fn big5_is_detected() {
        let src = "各位代表：今天我們在這裡召開會議，討論政府工作報告。".repeat(4);
        let (bytes, _, _) = encoding_rs::BIG5.encode(&src);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, src);
    }

    #[test]
    fn gb2312_byte_scan_tells_gbk_from_big5() {
        let text = "各位代表：今天我们在这里召开会议，讨论政府工作报告。".repeat(3);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        assert!(looks_gb2312(&gbk));
        let trad = "各位代表：今天我們在這裡召開會議，討論政府工作報告。".repeat(3);
        let (big5, _, _) = encoding_rs::BIG5.encode(&trad);
        assert!(!looks_gb2312(&big5));
    }

    #[test]
    fn forced_encoding_wins() {
        let (bytes, _, _) = encoding_rs::GBK.encode("讲话");
        let d = decode(&bytes, encoding_for_label("gbk")).unwrap();
        assert_eq!(d.text, "讲话");
        assert_eq!(d.encoding, "GB18030");
        assert!(encoding_for_label("no-such-charset").is_none());
    }

    #[test]
    fn invalid_utf16_gets_replacement_and_warning() {
        // A lone high surrogate.
        let bytes = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "\u{FFFD}A");
        assert_eq!(d.replacements, 1);
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn empty_whitespace_and_binary_are_errors() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert_eq!(decode(b" \r\n\t", None), Err(DecodeError::Empty));
        assert_eq!(
            decode(
                b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
                None
            ),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn broken_utf8_stays_utf8() {
        let src = "在全市工作会议上的讲话\n\n同志们：\n一、提高政治站位。\n";
        // Cut mid-character, as a scrape that stopped at a byte limit leaves it.
        let cut = &src.as_bytes()[..src.len() - 2];
        let d = decode(cut, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("在全市工作会议上的讲话\n"));
        assert!(d.text.ends_with("站位\u{FFFD}"), "{:?}", d.text);
        assert_eq!(d.replacements, 1);
        // One stray byte in the middle.
        let mut b = src.as_bytes().to_vec();
        b.insert(33, 0xFF);
        let d = decode(&b, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.replace('\u{FFFD}', ""), src);
        assert_eq!(d.warnings.len(), 1);
        // GBK text is not mistaken for broken UTF-8.
        let (gbk, _, _) = encoding_rs::GBK.encode(src);
        assert!(!mostly_utf8(&gbk));
        let (big5, _, _) =
            encoding_rs::BIG5.encode("在全市工作會議上的講話，同志們：一、提高政治站位。");
        assert!(!mostly_utf8(&big5));
    }

    #[test]
    fn inner_bom_is_dropped() {
        let d = decode("讲\u{FEFF}话".as_bytes(), None).unwrap();
        assert_eq!(d.text, "讲话");
    }
}
