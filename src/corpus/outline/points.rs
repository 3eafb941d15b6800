//! Point lists (spec §5, §7.2): 一是…二是…, 第一，…, 首先 as item 1, and when a list closes.

use std::ops::Range;

use super::levels::count_check;
use super::*;

impl Engine<'_> {
    pub(super) fn close_seqs_from(&mut self, k: usize) {
        if k >= self.seqs.len() {
            return;
        }
        // Popped innermost first; the checks are sorted by heading at the end.
        while self.seqs.len() > k {
            let seq = self.seqs.pop().expect("longer than k");
            if seq.items.len() == 1 {
                self.dropped[seq.items[0]] = true;
            } else if let Some(a) = seq.announced {
                count_check(&mut self.checks, a, seq.items.len() as u32, seq.items[0]);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn point(
        &mut self,
        para: usize,
        s: &str,
        pstart: usize,
        i: usize,
        offset: usize,
        marker: (Family, u32, usize, usize),
        label: Option<Range<usize>>,
        sentence_start: bool,
    ) {
        let (family, mut n, mlen, tstart) = marker;
        let at = pstart + i;
        if n == 0 {
            // 最后，: the last item of the open list of its family, if there is one.
            match self
                .seqs
                .iter()
                .rev()
                .find(|q| q.family == family && q.last >= 2 && q.words)
            {
                Some(q) => n = q.last + 1,
                None => return,
            }
        }
        // 一是，城乡居民…: the text starts after a separator that follows the marker.
        let mut from = i + tstart;
        let rest = &s[from..];
        from += rest.len() - rest.trim_start_matches(['，', ',', '：', ':', '、']).len();
        let tr = text_range(s, from, is_point_text_end);
        let t = &s[tr.clone()];
        // 一是一，二是二: the idiom repeats the numeral; and a one-char "point" is no point.
        let numeral = &self.text[at..at + mlen];
        let numeral = numeral
            .trim_start_matches('第')
            .trim_end_matches(['是', '要']);
        let idiom = t
            .strip_prefix(numeral)
            .is_some_and(|r| r.is_empty() || r.starts_with(['、', '，', '。', ',', '；']));
        if !more_chars_than(t, 1) || idiom {
            return;
        }
        let tentative = s[i..].starts_with("首先");
        let structural_parent = self.parent();
        let parent = if n == 1 {
            if !tentative {
                if let Some(k) = self
                    .seqs
                    .iter()
                    .position(|q| q.family == family && !q.tentative)
                {
                    self.close_seqs_from(k);
                }
            }
            self.seqs
                .last()
                .and_then(|q| q.items.last().copied())
                .or(structural_parent)
        } else {
            let Some(k) = self
                .seqs
                .iter()
                .rposition(|q| q.family == family && q.last + 1 == n)
            else {
                return;
            };
            self.close_seqs_from(k + 1);
            self.seqs[k].parent
        };
        let idx = self.push(Heading {
            kind: HeadingKind::Point { family },
            depth: 0,
            number: n,
            para,
            offset,
            marker: at..at + mlen,
            text: pstart + tr.start..pstart + tr.end,
            parent,
            label: if n == 1 { label } else { None },
        });
        if n == 1 {
            let announced = if tentative { None } else { self.announced(at) };
            self.seqs.push(Seq {
                family,
                last: 1,
                // Room for a few items: most lists have two to five.
                items: {
                    let mut v = Vec::with_capacity(4);
                    v.push(idx);
                    v
                },
                first_sentence: self.sentence,
                parent,
                initial: i == 0 || (self.run_together && sentence_start),
                spread: false,
                run_together: self.run_together,
                tentative,
                words: tentative,
                announced,
            });
        } else {
            let first_para = self.out[self.seqs.last().expect("on top").items[0]].para;
            let seq = self.seqs.last_mut().expect("continued sequence is on top");
            seq.spread |= para != first_para;
            seq.last = n;
            seq.tentative = false;
            seq.items.push(idx);
        }
    }

    /// An inline list (all items in the sentence that just ended) closes with its sentence.
    pub(super) fn sentence_end(&mut self) {
        let cur = self.sentence;
        if let Some(k) = self
            .seqs
            .iter()
            .position(|q| q.items.len() >= 2 && q.first_sentence == cur)
        {
            self.close_seqs_from(k);
        }
        self.sentence += 1;
    }

    /// Spec §7.2: a list that did not start its paragraph closes with it, unless the next
    /// paragraph opens with its next item.
    pub(super) fn paragraph_end(&mut self, next: Option<&str>) {
        let continues = |q: &Seq| {
            next.and_then(point_marker)
                .is_some_and(|(f, n, _, _)| f == q.family && n == q.last + 1)
        };
        // A list all of whose items sit in one paragraph is read like one that started inside
        // it, whether or not its first item opens the paragraph.
        let one_paragraph = |q: &Seq| !q.spread && q.items.len() >= 2 && !q.run_together;
        let closes = |q: &Seq| (!q.initial || one_paragraph(q)) && !continues(q);
        if let Some(k) = self.seqs.iter().position(closes) {
            self.close_seqs_from(k);
        }
    }
}

/// The clause before a colon at byte `colon` of `s`: the group label of a point list.
pub(super) fn lead_in(s: &str, colon: usize) -> Option<Range<usize>> {
    let mut from = colon.saturating_sub(MAX_TEXT_BYTES);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let before = &s[from..colon];
    let before = before.strip_suffix(['：', ':']).unwrap_or(before);
    let start = before
        .rfind(['，', '。', '；', '！', '？', ',', ';'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let label = before[start..].trim();
    if label.is_empty() || label.chars().count() > 40 {
        return None;
    }
    let lead = before[start..].len() - before[start..].trim_start().len();
    Some(from + start + lead..from + start + lead + label.len())
}
