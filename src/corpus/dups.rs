//! Near-duplicate speeches: the same speech saved from several sites (other boilerplate,
//! truncated, another encoding or wrapping) is found by a MinHash sketch of its text and
//! grouped. Linear in the corpus: signatures are banded (LSH) so only speeches sharing a
//! band are compared, then confirmed by their estimated Jaccard similarity (of their
//! openings, [`OPENING`]) and their sizes.
//!
//! The sketch is one-permutation MinHash (Li, Owen, Zhang 2012) with rotation densification
//! (Shrivastava, Li 2014): each shingle is hashed once and lands in one of [`HASHES`] bins,
//! keeping the smallest hash per bin, instead of hashing every shingle 64 times. Shingles
//! are [`SHINGLE`] consecutive letters, digits or ideographs: whitespace, line breaks and
//! punctuation are skipped, so CRLF, hard wrapping and 全角/半角 punctuation do not matter.

use std::borrow::Borrow;

use super::{Paragraph, Speech};

/// Signature length.
pub const HASHES: usize = 64;
/// Characters per shingle: long enough that two speeches on one topic sharing its stock
/// phrases (全面从严治党) still share few shingles.
pub const SHINGLE: usize = 5;
/// Bands of [`ROWS`] hashes: a pair is a candidate when one band is equal throughout. Three
/// rows per band (21 bands, the 64th hash in none) find a pair at the threshold (0.6) with
/// probability 1 − (1 − 0.6³)²¹ > 0.99, one at 0.7 with 0.9997; two different speeches
/// sharing stock passages (0.3) meet in a band a third as often as with two rows, which is
/// what the grouping's time goes on.
const ROWS: usize = 3;
const BANDS: usize = HASHES / ROWS;
/// Comparisons per speech and band at most (see [`groups_at`]).
const MAX_TRIES: usize = 8;
/// Estimated Jaccard similarity of two openings from which two speeches are one. Official
/// speeches reuse stock passages, so two different ones can share much of their shingles
/// (sketched whole, the generated corpus joined hundreds of such pairs at 0.5, none or one
/// at 0.6: `cargo bench --bench dups`). A copy missing its first 300 characters scores
/// about 0.75; one missing 500, about the threshold.
pub const THRESHOLD: f64 = 0.6;

/// Characters that count sketched from the start of a text: a copy is known by its opening
/// pages. What makes copies differ is mostly at their ends (a site's footer, a cut-off
/// tail) or a gap in the middle, and 2,000 characters of a speech are its own; two
/// different speeches sharing 1,500 of their first 2,000 shingles are rare, while the
/// stock passages that make two speeches on one topic look alike build up over their whole
/// length (the generated corpus joins none such, and finds more copies than sketching
/// everything did: `cargo bench --bench dups`). It also makes the sketch's cost a constant
/// per speech, a twentieth of the parse for a long report. A copy missing most of the
/// first 2,000 characters is not found.
pub const OPENING: usize = 2000;
/// Characters that count a text needs for a sketch: with fewer shingles than bins, most
/// bins are filled from their neighbours and the estimate is noise (two notices of a line
/// each, `在第3次会议上的讲话` and `在第4次…`, scored above the threshold). Such a text is in no
/// group.
pub const MIN_CHARS: usize = HASHES + SHINGLE - 1;
/// Texts whose sizes differ more than this are not one speech, however alike their
/// openings: a collection that begins with a speech is not that speech, and a copy cut to
/// less than half of it is an excerpt.
const SIZES: f64 = 0.5;

/// A speech's MinHash signature (of its first [`OPENING`] characters that count) and the
/// size in bytes of all the text it was made from: the speech's own paragraphs
/// ([`Sketch::of_speech`]), or the whole text ([`Sketch::of`]).
///
/// Each bin keeps 16 bits of its minimum (b-bit MinHash, Li and König 2010): two different
/// minima agree on them once in 65,536, which moves a similarity by nothing a threshold of
/// 0.6 could see, and the sketch is 128 bytes, not 512. Every speech of a corpus keeps one
/// (14 MB at 100,000 speeches instead of 52), and the grouping reads them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    pub mins: [u16; HASHES],
    pub size: usize,
}

/// splitmix64's finaliser: a cheap bijective mixer with good avalanche.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Whether a character outside ASCII counts: the common CJK block is decided without
/// Unicode's tables, which the sketch would otherwise spend most of its time in.
fn counts(c: u32) -> bool {
    match c {
        0x4e00..=0x9fff => true,
        // CJK punctuation and full-width forms' punctuation, the most common rest.
        0x3000..=0x303f => false,
        // General punctuation (“” — …) and the full-width forms (，：（）０-９Ａ-Ｚ):
        // as Unicode's tables say (a test checks every one), without the table lookup
        // that took a third of the sketch's time.
        0x2000..=0x206f => false,
        0xff10..=0xff19 | 0xff21..=0xff3a | 0xff41..=0xff5a => true,
        0xff00..=0xff65 => false,
        _ => char::from_u32(c).is_some_and(char::is_alphanumeric),
    }
}

const EMPTY: u64 = u64::MAX;

/// A sketch being made: text is fed in pieces (a speech's paragraphs), shingles running on
/// across them as if they were one text.
struct Builder {
    mins: [u64; HASHES],
    window: u64,
    out: u64,
    seen: usize,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            mins: [EMPTY; HASHES],
            window: 0,
            out: 0,
            seen: 0,
        }
    }

    /// Walks the UTF-8 bytes: ASCII is classified as bytes and the 3-byte sequences (all
    /// of CJK) are decoded by hand, which is what a speech is made of; `str::chars` with a
    /// filter spent twice as long here. (Picking the characters out first and hashing them in
    /// a second loop measured the same or slower.)
    fn feed(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        let (mut window, mut out, mut seen) = (self.window, self.out, self.seen);
        let mins = &mut self.mins;
        while seen < OPENING {
            let c = if let Some(&[x @ 0xe0..=0xef, y, z]) = b.get(i..i + 3) {
                let c =
                    (u32::from(x & 0x0f) << 12) | (u32::from(y & 0x3f) << 6) | u32::from(z & 0x3f);
                i += 3;
                if !(0x4e00..=0x9fff).contains(&c) && !counts(c) {
                    continue;
                }
                c
            } else {
                let Some(&x) = b.get(i) else { break };
                if x < 0x80 {
                    i += 1;
                    if !x.is_ascii_alphanumeric() {
                        continue;
                    }
                    u32::from(x)
                } else {
                    // Anything else is rare in a speech: std decodes it.
                    let Some(ch) = text[i..].chars().next() else {
                        break;
                    };
                    i += ch.len_utf8();
                    if !counts(u32::from(ch)) {
                        continue;
                    }
                    u32::from(ch)
                }
            };
            // The window is the last four characters' code points, 16 bits each, and `out`
            // the one before them: a shingle needs no ring buffer and no rolling arithmetic,
            // and no 128-bit shifts. (A character beyond the BMP, rare, is known by its low 16
            // bits.) In locals, not through `self`: the stores to `mins` would otherwise have
            // them written back at every character.
            out = window >> 48;
            window = (window << 16) | u64::from(c as u16);
            seen += 1;
            if seen < SHINGLE {
                continue;
            }
            // One 64×64→128-bit multiply, folded (wyhash's `mum`): half the instructions of a
            // splitmix chain. `out` is 16 bits against a constant with its top bit set, so that
            // factor is never 0; the window is 0 only for four characters in a row whose low
            // 16 bits are 0 (U+20000, U+30000 …), one fixed value like any other shingle's.
            let m = u128::from(window) * u128::from(out ^ 0xe703_7ed1_a0b4_28db);
            let h = m as u64 ^ (m >> 64) as u64;
            // The top bits choose the bin, the rest is the value compared within it.
            let bin = (h >> (64 - HASHES.trailing_zeros())) as usize;
            let v = h << HASHES.trailing_zeros();
            // Stored whether or not it is less: which shingle lowers a bin is a coin toss at
            // first and rare later, and the branch mispredicted often enough to cost more
            // than a store each time.
            mins[bin] = mins[bin].min(v);
        }
        (self.window, self.out, self.seen) = (window, out, seen);
    }

    /// Whether the opening is sketched and the rest of the text need not be read.
    fn full(&self) -> bool {
        self.seen >= OPENING
    }

    fn finish(self, size: usize) -> Option<Sketch> {
        if self.seen < MIN_CHARS {
            return None;
        }
        let mut mins = self.mins;
        // An empty bin borrows the next filled one's value, marked by how far it looked, so
        // two texts agree on it about as often as on a filled bin.
        let filled = mins;
        for (i, m) in mins.iter_mut().enumerate() {
            if *m != EMPTY {
                continue;
            }
            let (dist, v) = (1..HASHES)
                .map(|d| (d, filled[(i + d) % HASHES]))
                .find(|&(_, v)| v != EMPTY)
                .expect("one shingle fills one bin");
            *m = mix(v ^ (dist as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        }
        // A minimum's top bits are mostly zero (it is the least of some 30 values), so the
        // 16 bits kept are mixed from all of it.
        let mut kept = [0; HASHES];
        for (k, &m) in kept.iter_mut().zip(&mins) {
            *k = mix(m) as u16;
        }
        Some(Sketch { mins: kept, size })
    }
}

impl Sketch {
    /// The sketch of a whole text; `None` when it has fewer than [`SHINGLE`] characters
    /// that count.
    pub fn of(text: &str) -> Option<Sketch> {
        let mut b = Builder::new();
        b.feed(text);
        b.finish(text.len())
    }

    /// The sketch of a parsed speech: its own paragraphs only (title, meta, body), not a
    /// site's boilerplate, chrome, notes or the folded copies of a repeated body, which
    /// are only more to hash and would make two sites' copies differ. A speech with too
    /// little of its own (everything called front matter) is sketched whole.
    pub fn of_speech(text: &str, paragraphs: &[Paragraph]) -> Option<Sketch> {
        let mut b = Builder::new();
        let mut size = 0;
        for p in paragraphs.iter().filter(|p| p.kind.is_speech()) {
            if !b.full() {
                b.feed(&text[p.range.clone()]);
            }
            size += p.range.len();
        }
        b.finish(size).or_else(|| Sketch::of(text))
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets.
    pub fn similarity(&self, other: &Sketch) -> f64 {
        agree(&self.mins, &other.mins) as f64 / HASHES as f64
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups of near-duplicates among `sketches` (indices, ascending; groups ordered by their
/// first member); speeches without a duplicate are in no group.
pub fn groups<S: Borrow<Sketch> + Sync>(sketches: &[Option<S>]) -> Vec<Vec<usize>> {
    groups_at(sketches, THRESHOLD)
}

type Print = [u16; HASHES];

fn alike_sizes(a: usize, b: usize) -> bool {
    a.min(b) as f64 >= SIZES * a.max(b) as f64
}

fn agree(a: &Print, b: &Print) -> usize {
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// [`groups`] at another similarity threshold, for benchmarks weighing one: candidate pairs
/// (sharing a band) whose estimated similarity is at least `threshold` are joined.
pub fn groups_at<S: Borrow<Sketch> + Sync>(
    sketches: &[Option<S>],
    threshold: f64,
) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let mut parent: Vec<usize> = (0..sketches.len()).collect();
    let need = (threshold * HASHES as f64).ceil() as usize;
    // Side by side, so the buckets hop between them in cache rather than between boxes.
    let prints: Vec<Option<(Print, usize)>> = sketches
        .par_iter()
        .map(|s| s.as_ref().map(|s| (s.borrow().mins, s.borrow().size)))
        .collect();
    // A sorted list of keys per band instead of a map of buckets: equal keys end up side by
    // side. Each is one u64, the speech's index in its low bits, which sorts twice as fast
    // as pairs; two bands hashing alike in the bits left only make a candidate more, which
    // is checked. A band is 48 bits of minima, mixed once. The bands are sorted apart, in
    // parallel: 21 lists of a corpus's size sort in less time than one of all of them.
    let bits = usize::BITS - sketches.len().leading_zeros();
    let bands: Vec<Vec<u64>> = (0..BANDS)
        .into_par_iter()
        .map(|band| {
            let mut keys: Vec<u64> = prints
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let rows = &p.as_ref()?.0[band * ROWS..(band + 1) * ROWS];
                    let v = rows.iter().fold(0, |k, &m| (k << 16) | u64::from(m));
                    Some((mix(v) >> bits << bits) | i as u64)
                })
                .collect();
            keys.sort_unstable();
            keys
        })
        .collect();
    let speech = |k: u64| (k & ((1 << bits) - 1)) as usize;
    // The smallest and largest size in each group, on its root.
    let mut sizes: Vec<(usize, usize)> = prints
        .iter()
        .map(|p| p.as_ref().map_or((0, 0), |&(_, n)| (n, n)))
        .collect();
    for bucket in bands
        .iter()
        .flat_map(|keys| keys.chunk_by(|a, b| a >> bits == b >> bits))
    {
        // Each member against at most the MAX_TRIES before it: a speech sharing a band with
        // hundreds of others (stock passages) costs a constant, not their number, and a real
        // copy shares many bands, so it meets its original in one of them.
        for (k, &i) in bucket.iter().enumerate().skip(1) {
            let i = speech(i);
            for &j in bucket[k.saturating_sub(MAX_TRIES)..k].iter().rev() {
                let j = speech(j);
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri == rj {
                    break;
                }
                // The sizes of the whole group that would be, not only of this pair: copies
                // alike in pairs must not chain 3k to 6k to 12k. Checked first: it needs no
                // sketch read.
                let lo = sizes[ri].0.min(sizes[rj].0);
                let hi = sizes[ri].1.max(sizes[rj].1);
                if !alike_sizes(lo, hi) {
                    continue;
                }
                let (Some((a, _)), Some((b, _))) = (&prints[i], &prints[j]) else {
                    continue;
                };
                if agree(a, b) >= need {
                    let (root, other) = (ri.min(rj), ri.max(rj));
                    parent[other] = root;
                    sizes[root] = (lo, hi);
                    break;
                }
            }
        }
    }
    // Roots are each group's least member, so walking the speeches in order meets the
    // groups in order of their first members; a speech in no group costs no allocation.
    let mut members = vec![0u32; sketches.len()];
    for i in 0..sketches.len() {
        let r = find(&mut parent, i);
        parent[i] = r;
        members[r] += 1;
    }
    let mut slot: Vec<u32> = vec![u32::MAX; sketches.len()];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, &r) in parent.iter().enumerate() {
        if members[r] < 2 {
            continue;
        }
        if slot[r] == u32::MAX {
            slot[r] = out.len() as u32;
            out.push(Vec::with_capacity(members[r] as usize));
        }
        out[slot[r] as usize].push(i);
    }
    out
}

/// The member of a group the list shows and searches report (see [`groups`]): the copy a
/// reader would keep. A whole copy before one with a site's omission or a cut-off tail
/// (what it lacks, the others have); then one without a site's boilerplate above the title
/// (a footer the cleaner does not know would count in its 字数 and win the next rule);
/// then the longest by 字数 (the copy missing the least); then the first in path order, so
/// the choice is stable.
pub fn representative(speeches: &[Speech], group: &[usize]) -> usize {
    let whole = |s: &Speech| s.incomplete.is_none() && s.gaps.is_empty();
    group
        .iter()
        .copied()
        .max_by_key(|&i| {
            let s = &speeches[i];
            (
                whole(s),
                !s.front_matter_removed,
                s.chars,
                std::cmp::Reverse(i),
            )
        })
        .expect("a group has members")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_full_width_forms_count_as_unicode_says() {
        for c in (0x2000..=0x206f).chain(0xff00..=0xff65) {
            let ch = char::from_u32(c).unwrap();
            assert_eq!(counts(c), ch.is_alphanumeric(), "U+{c:04X} {ch}");
        }
    }

    fn text(seed: u64, chars: usize) -> String {
        // Distinct pseudo-random ideographs: texts with nothing in common but the alphabet.
        let mut x = seed;
        (0..chars)
            .map(|_| {
                x = mix(x.wrapping_add(1));
                char::from_u32(0x4e00 + (x % 3000) as u32).unwrap()
            })
            .collect()
    }

    #[test]
    fn identical_texts_match_and_unrelated_ones_do_not() {
        let a = Sketch::of(&text(1, 3000)).unwrap();
        let b = Sketch::of(&text(2, 3000)).unwrap();
        assert_eq!(a.similarity(&a), 1.0);
        assert!(a.similarity(&b) < 0.1, "{}", a.similarity(&b));
    }

    #[test]
    fn layout_and_punctuation_do_not_change_the_sketch() {
        let t = text(3, 400);
        let chars: Vec<char> = t.chars().collect();
        let wrapped: String = chars
            .chunks(30)
            .map(|l| l.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\r\n");
        let spaced: String = chars
            .chunks(7)
            .map(|l| l.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("， ");
        let mins = |t: &str| Sketch::of(t).unwrap().mins;
        assert_eq!(mins(&t), mins(&wrapped));
        assert_ne!(spaced, t);
        assert_eq!(mins(&t), mins(&spaced));
    }

    #[test]
    fn estimate_tracks_the_true_jaccard_of_the_openings() {
        // A copy missing its first 300 characters: its opening shares 1,700 of the
        // original's 2,000, a Jaccard similarity of 1,700 / 2,300 ≈ 0.74; 64 hashes give a
        // standard error of about 0.06.
        let full = text(4, 6000);
        let tail: String = full.chars().skip(300).collect();
        let s = Sketch::of(&full)
            .unwrap()
            .similarity(&Sketch::of(&tail).unwrap());
        assert!((0.55..0.92).contains(&s), "{s}");
    }

    #[test]
    fn only_the_opening_is_sketched() {
        let full = text(11, 8000);
        let cut: String = full.chars().take(OPENING + 50).collect();
        let (a, b) = (Sketch::of(&full).unwrap(), Sketch::of(&cut).unwrap());
        assert_eq!(a.mins, b.mins);
        assert_eq!((a.size, b.size), (full.len(), cut.len()));
    }

    #[test]
    fn a_copy_cut_to_more_than_half_is_one_speech_and_less_is_an_excerpt() {
        let full = text(12, 10_000);
        let cut = |n: usize| -> String { full.chars().take(n).collect() };
        let pair = |n| groups(&[Sketch::of(&full), Sketch::of(&cut(n))]);
        assert_eq!(pair(5_500), vec![vec![0, 1]]);
        assert!(pair(4_000).is_empty());
    }

    #[test]
    fn copies_alike_in_pairs_do_not_chain_into_sizes_far_apart() {
        // 3k, 5k and 9k characters with one opening: each next pair is within half, the
        // group would not be.
        let full = text(13, 9000);
        let cut = |n: usize| -> String { full.chars().take(n).collect() };
        let list = [
            Sketch::of(&cut(3000)),
            Sketch::of(&cut(5000)),
            Sketch::of(&full),
        ];
        let g = groups(&list);
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].len(), 2, "{g:?}");
    }

    #[test]
    fn a_collection_that_begins_with_a_speech_is_not_that_speech() {
        let speech = text(9, 3000);
        let collection = format!("{speech}\n\n{}", text(10, 9000));
        let list = [Sketch::of(&speech), Sketch::of(&collection)];
        assert_eq!(
            list[0]
                .as_ref()
                .unwrap()
                .similarity(list[1].as_ref().unwrap()),
            1.0
        );
        assert!(groups(&list).is_empty());
    }

    #[test]
    fn the_grouping_joins_at_the_sketches_own_similarity() {
        let full = text(8, 5000);
        let tail: String = full.chars().skip(500).collect();
        let (a, b) = (Sketch::of(&full).unwrap(), Sketch::of(&tail).unwrap());
        let same = (a.similarity(&b) * HASHES as f64).round() as usize;
        assert!(same > 20 && same < HASHES, "{same}");
        // This pair joins at its own similarity and not one bin above it.
        let list = [Some(&a), Some(&b)];
        assert_eq!(
            groups_at(&list, same as f64 / HASHES as f64),
            vec![vec![0, 1]]
        );
        assert!(groups_at(&list, (same + 1) as f64 / HASHES as f64).is_empty());
    }

    #[test]
    fn too_short_texts_have_no_sketch_and_join_no_group() {
        assert_eq!(Sketch::of("讲话"), None);
        // One line each, alike but for a number: no sketch, so never one speech.
        let line = |i: usize| format!("在第{i}次全体会议上的讲话\n\n正文。");
        assert_eq!(Sketch::of(&line(3)), None);
        let long = text(14, MIN_CHARS);
        assert!(Sketch::of(&long).is_some());
        assert_eq!(Sketch::of(&long[..long.len() - 3]), None);
        assert_eq!(Sketch::of("，。 \n"), None);
        assert!(groups::<Sketch>(&[None, None]).is_empty());
    }

    #[test]
    fn characters_of_every_length_are_read_and_counted() {
        // Ideographs beyond the BMP and accented letters count, as Unicode says.
        let rare = "𠀀𠀁𠀂𠀃é".repeat(40);
        assert!(Sketch::of(&rare).is_some());
        assert_eq!(Sketch::of(&"，。“”、".repeat(40)), None);
        let (a, b) = (text(15, 3000), text(16, 3000));
        let mixed = |t: &str| -> String { t.chars().flat_map(|c| [c, '𠀀']).collect() };
        let (ma, mb) = (
            Sketch::of(&mixed(&a)).unwrap(),
            Sketch::of(&mixed(&b)).unwrap(),
        );
        assert!(ma.similarity(&mb) < 0.1, "{}", ma.similarity(&mb));
    }

    #[test]
    fn groups_are_transitive_and_ordered() {
        let a = text(5, 3000);
        let b = text(6, 3000);
        let sk = |t: &str| Sketch::of(t);
        let a_cut: String = a.chars().take(2400).collect();
        let a_tail: String = a.chars().skip(300).collect();
        let list = [
            sk(&b),
            sk(&a),
            sk(&text(7, 3000)),
            sk(&a_cut),
            sk(&b),
            sk(&a_tail),
            None,
        ];
        assert_eq!(groups(&list), vec![vec![0, 4], vec![1, 3, 5]]);
    }
}
