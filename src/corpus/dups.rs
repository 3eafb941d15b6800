//! Near-duplicate speeches: the same speech saved from several sites (other boilerplate,
//! truncated, another encoding or wrapping) is found by a MinHash sketch of its text and
//! grouped. Linear in the corpus: signatures are banded (LSH) so only speeches sharing a
//! band are compared, then confirmed by their estimated Jaccard similarity.
//!
//! The sketch is one-permutation MinHash (Li, Owen, Zhang 2012) with rotation densification
//! (Shrivastava, Li 2014): each shingle is hashed once and lands in one of [`HASHES`] bins,
//! keeping the smallest hash per bin, instead of hashing every shingle 64 times. Shingles
//! are [`SHINGLE`] consecutive letters, digits or ideographs: whitespace, line breaks and
//! punctuation are skipped, so CRLF, hard wrapping and 全角/半角 punctuation do not matter.

use std::collections::HashMap;

/// Signature length.
pub const HASHES: usize = 64;
/// Characters per shingle: long enough that two speeches on one topic sharing its stock
/// phrases (全面从严治党) still share few shingles.
pub const SHINGLE: usize = 5;
/// Bands of [`ROWS`] hashes: a pair is a candidate when one band is equal throughout. Two
/// rows per band find a pair of similarity 0.5 with probability 1 − 0.75³² > 0.9999.
const ROWS: usize = 2;
const BANDS: usize = HASHES / ROWS;
/// Estimated Jaccard similarity from which two speeches are one: a copy cut to 70% of the
/// original still scores about 0.7, two speeches on one topic well under 0.2.
pub const THRESHOLD: f64 = 0.5;

/// A speech's MinHash signature; `None` for a text too short to have a shingle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch(pub [u64; HASHES]);

/// splitmix64's finaliser: a cheap bijective mixer with good avalanche.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn shingle_hash(w: &[u32; SHINGLE]) -> u64 {
    // 21 bits per code point: three fit in one word, two in the other.
    let a = u64::from(w[0]) | u64::from(w[1]) << 21 | u64::from(w[2]) << 42;
    let b = u64::from(w[3]) | u64::from(w[4]) << 21;
    mix(a ^ mix(b ^ 0x9e37_79b9_7f4a_7c15))
}

impl Sketch {
    pub fn of(text: &str) -> Option<Sketch> {
        const EMPTY: u64 = u64::MAX;
        let mut mins = [EMPTY; HASHES];
        let mut window = [0u32; SHINGLE];
        let mut seen = 0usize;
        for c in text.chars().filter(|c| c.is_alphanumeric()) {
            window.copy_within(1.., 0);
            window[SHINGLE - 1] = u32::from(c);
            seen += 1;
            if seen < SHINGLE {
                continue;
            }
            let h = shingle_hash(&window);
            // The top bits choose the bin, the rest is the value compared within it.
            let bin = (h >> (64 - HASHES.trailing_zeros())) as usize;
            let v = h << HASHES.trailing_zeros();
            if v < mins[bin] {
                mins[bin] = v;
            }
        }
        if seen < SHINGLE {
            return None;
        }
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
        Some(Sketch(mins))
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets.
    pub fn similarity(&self, other: &Sketch) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
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
pub fn groups(sketches: &[Option<Sketch>]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..sketches.len()).collect();
    let mut buckets: HashMap<(usize, [u64; ROWS]), Vec<usize>> = HashMap::new();
    for (i, s) in sketches.iter().enumerate() {
        let Some(s) = s else { continue };
        for band in 0..BANDS {
            let mut key = [0u64; ROWS];
            key.copy_from_slice(&s.0[band * ROWS..(band + 1) * ROWS]);
            buckets.entry((band, key)).or_default().push(i);
        }
    }
    for members in buckets.values() {
        // Each member against the bucket's first ones until joined: a big bucket of copies
        // of one speech costs its size, not its square.
        for (k, &i) in members.iter().enumerate().skip(1) {
            for &j in &members[..k] {
                if find(&mut parent, i) == find(&mut parent, j) {
                    break;
                }
                let (Some(a), Some(b)) = (&sketches[i], &sketches[j]) else {
                    continue;
                };
                if a.similarity(b) >= THRESHOLD {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    parent[ri.max(rj)] = ri.min(rj);
                    break;
                }
            }
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..sketches.len() {
        let r = find(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(Sketch::of(&t), Sketch::of(&wrapped));
        assert_ne!(spaced, t);
        assert_eq!(Sketch::of(&t), Sketch::of(&spaced));
    }

    #[test]
    fn estimate_tracks_the_true_jaccard_of_a_truncation() {
        let full = text(4, 6000);
        let cut: String = full.chars().take(4200).collect();
        let s = Sketch::of(&full)
            .unwrap()
            .similarity(&Sketch::of(&cut).unwrap());
        // True Jaccard ≈ 0.7; 64 hashes give a standard error of about 0.06.
        assert!((0.5..0.9).contains(&s), "{s}");
    }

    #[test]
    fn too_short_texts_have_no_sketch_and_join_no_group() {
        assert_eq!(Sketch::of("讲话"), None);
        assert_eq!(Sketch::of("，。 \n"), None);
        assert!(groups(&[None, None]).is_empty());
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
