//! Aligning two outlines heading by heading (this year's report against last year's): an
//! order-keeping alignment that maximises the text similarity of the pairs, each pair then
//! kept or reworded, and what is left over dropped (only in A) or added (only in B).
//! Pure functions on heading texts; the numbering is left out, since a point that moves
//! from 三、 to 二、 is still the same point.

/// What happened to a heading between two outlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The same words (give or take punctuation, spacing and a few characters).
    Kept,
    /// The same point in other words.
    Reworded,
    /// Only in the first outline.
    Dropped,
    /// Only in the second outline.
    Added,
}

impl Change {
    /// The column sign of `tigang diff`: `=` `~` `-` `+`.
    pub fn sign(self) -> char {
        match self {
            Change::Kept => '=',
            Change::Reworded => '~',
            Change::Dropped => '-',
            Change::Added => '+',
        }
    }
}

/// One row of an alignment: indices into the two outlines (one side empty for a drop or
/// an addition) and the similarity of the pair (0 when unpaired).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub a: Option<usize>,
    pub b: Option<usize>,
    pub change: Change,
    pub similarity: f32,
}

/// Least similarity for two headings to be the same point at all.
pub const PAIR_MIN: f32 = 0.34;
/// Least similarity for a pair to count as kept rather than reworded.
pub const KEPT_MIN: f32 = 0.8;
/// What a pair at the same depth gains: between two equal candidates, the same level wins.
const SAME_DEPTH_BONUS: f32 = 0.05;

/// A heading's text reduced to what carries its meaning: letters, digits and ideographs,
/// full-width forms folded to ASCII, punctuation and spaces dropped, and each number one
/// placeholder (`2016年工作回顾` and `2017年工作回顾` are the same heading a year on).
fn normalise(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(text.len() / 3);
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii_digit() {
            if out.last() != Some(&'0') {
                out.push('0');
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The character bigrams of a text, sorted (a multiset); a one-character text is its char.
fn bigrams(chars: &[char]) -> Vec<u64> {
    let mut out: Vec<u64> = if chars.len() < 2 {
        chars.iter().map(|&c| u64::from(c)).collect()
    } else {
        chars
            .windows(2)
            .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
            .collect()
    };
    out.sort_unstable();
    out
}

/// Shortest text (in bigrams) whose containment in a longer one counts (below, a word like
/// 改革 would pair with every heading that mentions it).
const CONTAINED_MIN: usize = 4;
/// What containment is worth: a pair, never more than reworded.
const CONTAINED_WEIGHT: f32 = 0.75;

/// Dice's coefficient of two sorted bigram multisets (1 for the same text, 0 for nothing
/// shared), or, when the shorter text is nearly all inside the longer one (a heading that
/// runs on into its first sentence, a phrase grown into a clause), its share of that.
fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let dice = 2.0 * common as f32 / (a.len() + b.len()) as f32;
    let short = a.len().min(b.len());
    if short >= CONTAINED_MIN {
        dice.max(CONTAINED_WEIGHT * common as f32 / short as f32)
    } else {
        dice
    }
}

/// How alike two heading texts are, from 0 to 1 (numbering and punctuation ignored).
pub fn similarity(a: &str, b: &str) -> f32 {
    dice(&bigrams(&normalise(a)), &bigrams(&normalise(b)))
}

/// Aligns outline `a` with outline `b`, each a list of (depth, heading text without its
/// number) in text order. Rows come in the order of both outlines: a drop or an addition
/// stands where it fell. O(|a|·|b|) similarities.
pub fn align(a: &[(u8, &str)], b: &[(u8, &str)]) -> Vec<Row> {
    let ga: Vec<Vec<u64>> = a.iter().map(|(_, t)| bigrams(&normalise(t))).collect();
    let gb: Vec<Vec<u64>> = b.iter().map(|(_, t)| bigrams(&normalise(t))).collect();
    let (n, m) = (a.len(), b.len());
    let cols = m + 1;
    let sim: Vec<f32> = (0..n * m).map(|k| dice(&ga[k / m], &gb[k % m])).collect();
    let weight = |i: usize, j: usize| {
        let s = sim[i * m + j];
        (s >= PAIR_MIN).then(|| {
            s + if a[i].0 == b[j].0 {
                SAME_DEPTH_BONUS
            } else {
                0.0
            }
        })
    };
    // best[i][j]: the best total over a[i..] and b[j..], filled from the end.
    let mut best = vec![0f32; (n + 1) * cols];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let skip = best[(i + 1) * cols + j].max(best[i * cols + j + 1]);
            let pair = weight(i, j).map_or(f32::MIN, |w| w + best[(i + 1) * cols + j + 1]);
            best[i * cols + j] = skip.max(pair);
        }
    }
    let mut rows = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m {
            if let Some(w) = weight(i, j) {
                if best[i * cols + j] == w + best[(i + 1) * cols + j + 1] {
                    let s = sim[i * m + j];
                    let change = if s >= KEPT_MIN {
                        Change::Kept
                    } else {
                        Change::Reworded
                    };
                    rows.push(Row {
                        a: Some(i),
                        b: Some(j),
                        change,
                        similarity: s,
                    });
                    i += 1;
                    j += 1;
                    continue;
                }
            }
        }
        // Unpaired: a drop first when skipping `a[i]` keeps the best total, so a section's
        // dropped points come before the points added in its place.
        if i < n && (j == m || best[i * cols + j] == best[(i + 1) * cols + j]) {
            rows.push(Row {
                a: Some(i),
                b: None,
                change: Change::Dropped,
                similarity: 0.0,
            });
            i += 1;
        } else {
            rows.push(Row {
                a: None,
                b: Some(j),
                change: Change::Added,
                similarity: 0.0,
            });
            j += 1;
        }
    }
    rows
}

/// Aligns the outlines of two speeches (indices of the rows are into their `headings`).
pub fn align_speeches(a: &crate::corpus::Speech, b: &crate::corpus::Speech) -> Vec<Row> {
    let texts = |s: &crate::corpus::Speech| -> Vec<String> {
        s.headings
            .iter()
            .map(|h| s.heading_text(h).into_owned())
            .collect()
    };
    let (ta, tb) = (texts(a), texts(b));
    let items = |s: &crate::corpus::Speech, t: &[String]| -> Vec<(u8, String)> {
        s.headings
            .iter()
            .zip(t)
            .map(|(h, t)| (h.depth, t.clone()))
            .collect()
    };
    let (ia, ib) = (items(a, &ta), items(b, &tb));
    let ra: Vec<(u8, &str)> = ia.iter().map(|(d, t)| (*d, t.as_str())).collect();
    let rb: Vec<(u8, &str)> = ib.iter().map(|(d, t)| (*d, t.as_str())).collect();
    align(&ra, &rb)
}

/// How many rows of each kind: (kept, reworded, dropped, added).
pub fn tally(rows: &[Row]) -> (usize, usize, usize, usize) {
    let n = |c: Change| rows.iter().filter(|r| r.change == c).count();
    (
        n(Change::Kept),
        n(Change::Reworded),
        n(Change::Dropped),
        n(Change::Added),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(rows: &[Row]) -> Vec<(Option<usize>, Option<usize>, Change)> {
        rows.iter().map(|r| (r.a, r.b, r.change)).collect()
    }

    #[test]
    fn similarity_ignores_numbering_punctuation_and_width() {
        assert_eq!(similarity("２００９年工作回顾", "2009年工作回顾"), 1.0);
        assert_eq!(similarity("加强作风建设，", "加强作风建设"), 1.0);
        assert_eq!(similarity("2016年工作回顾", "2017年工作回顾"), 1.0);
        let s = similarity("着力改善民生，加快发展社会事业", "着力保障和改善民生");
        assert!((PAIR_MIN..KEPT_MIN).contains(&s), "{s}");
        assert!(similarity("大力加强文化建设", "推进以人为核心的新型城镇化") < PAIR_MIN);
        // A heading run on into its first sentence still pairs, as reworded.
        let s = similarity(
            "２００９年工作回顾",
            "2013年工作回顾过去一年是本届政府依法履职的第一年",
        );
        assert!((PAIR_MIN..KEPT_MIN).contains(&s), "{s}");
        assert!(similarity("改革", "深化国有企业改革") < PAIR_MIN);
    }

    #[test]
    fn a_known_set_of_kept_reworded_dropped_and_added() {
        let a = [
            (1, "2016年工作回顾"),
            (2, "稳定经济增长"),
            (2, "着力改善民生，加快发展社会事业"),
            (2, "大力推进简政放权"),
            (1, "2017年重点工作"),
            (2, "加强文化建设"),
        ];
        let b = [
            (1, "2017年工作回顾"),
            (2, "稳定经济增长"),
            (2, "着力保障和改善民生"),
            (2, "深化国有企业改革"),
            (1, "2018年重点工作"),
            (2, "加强文化建设"),
            (2, "推进生态文明建设"),
        ];
        let rows = align(&a, &b);
        assert_eq!(
            changes(&rows),
            [
                (Some(0), Some(0), Change::Kept),
                (Some(1), Some(1), Change::Kept),
                (Some(2), Some(2), Change::Reworded),
                (Some(3), None, Change::Dropped),
                (None, Some(3), Change::Added),
                (Some(4), Some(4), Change::Kept),
                (Some(5), Some(5), Change::Kept),
                (None, Some(6), Change::Added),
            ]
        );
        assert_eq!(tally(&rows), (4, 1, 1, 2));
    }

    #[test]
    fn order_is_kept_and_same_depth_wins_a_tie() {
        // The same words at two depths: the pair at the same level is chosen.
        let a = [(1, "深化改革"), (2, "深化改革")];
        let b = [(2, "深化改革")];
        assert_eq!(
            changes(&align(&a, &b)),
            [
                (Some(0), None, Change::Dropped),
                (Some(1), Some(0), Change::Kept)
            ]
        );
        // Empty outlines: everything added, or dropped.
        assert_eq!(tally(&align(&[], &b)), (0, 0, 0, 1));
        assert_eq!(tally(&align(&a, &[])), (0, 0, 2, 0));
        assert!(align(&[], &[]).is_empty());
    }
}
