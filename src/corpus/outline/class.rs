//! What the outline's scan asks of each character, read from one table instead of tested
//! against several sets in turn: on prose the tests branched on every punctuation mark,
//! which mispredicted more than the work they guarded cost.

use std::sync::OnceLock;

use crate::corpus::numbering::{is_cn_numeral_char, is_enclosed_number};

/// `①` `⑴` `¹`: a mark the scan remembers (a footnote mark seen once is one again).
pub(super) const ENCLOSED: u8 = 1;
/// A point marker may follow (spec §5): punctuation, not an opening quote.
pub(super) const ALLOWS_POINT: u8 = 2;
/// A glued heading or an inline enumeration may follow: a sentence end or a colon.
pub(super) const AFTER_END: u8 = 4;
/// May open a glued heading (`（一）`, `一、`, `1.`).
pub(super) const GLUED: u8 = 8;
/// May open a footnote mark (`(21)`, `〔3〕`, `⑴`).
pub(super) const MARK: u8 = 16;
/// May open a point marker (`一是`, `第一`, `首先`, `其次`, `最后`).
pub(super) const POINT: u8 = 32;
/// Ends a sentence.
pub(super) const END: u8 = 64;

/// The class by the predicates themselves: what the table holds.
fn reference(c: char) -> u8 {
    let mut k = 0;
    if is_enclosed_number(c) {
        k |= ENCLOSED | MARK;
    }
    if super::allows_point_after(c) {
        k |= ALLOWS_POINT;
    }
    if matches!(c, '。' | '！' | '？' | '!' | '?' | '：' | ':') {
        k |= AFTER_END;
    }
    if c == '(' || c == '（' || is_cn_numeral_char(c) || super::is_digit_char(c) {
        k |= GLUED;
    }
    if matches!(c, '(' | '（' | '[' | '〔') {
        k |= MARK;
    }
    if matches!(c, '第' | '首' | '其' | '最') || is_cn_numeral_char(c) {
        k |= POINT;
    }
    if super::is_sentence_end(c) {
        k |= END;
    }
    k
}

/// The Basic Multilingual Plane in pages of 256 chars; the pages with no class share one.
pub(super) struct Table {
    index: [u8; 256],
    pages: Vec<[u8; 256]>,
}

pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            index: [0; 256],
            pages: vec![[0; 256]],
        };
        for hi in 0..256u32 {
            let mut page = [0u8; 256];
            for (lo, k) in page.iter_mut().enumerate() {
                *k = char::from_u32(hi << 8 | lo as u32).map_or(0, reference);
            }
            if page != [0; 256] {
                t.index[hi as usize] = u8::try_from(t.pages.len()).expect("few pages");
                t.pages.push(page);
            }
        }
        t
    })
}

impl Table {
    pub(super) fn class(&self, c: char) -> u8 {
        let u = c as u32;
        if u > 0xFFFF {
            // No char outside the BMP is in any class (a test checks the planes' samples).
            return 0;
        }
        self.pages[usize::from(self.index[(u >> 8) as usize])][(u & 0xFF) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_predicates() {
        let t = table();
        let samples = (0..0x11_0000u32).filter(|&u| u < 0x1_0000 || u % 97 == 0);
        for c in samples.filter_map(char::from_u32) {
            assert_eq!(t.class(c), reference(c), "{c:?} U+{:04X}", c as u32);
        }
        for c in ['。', '：', '一', '第', '（', '⑴', '”', '0', '５'] {
            assert_ne!(t.class(c), 0, "{c}");
        }
        assert_eq!(t.class('讲'), 0);
    }
}
