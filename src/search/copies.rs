//! A corpus search's hits once per duplicate group (see [`crate::corpus::dups`]): a hit is a
//! passage, and the same passage found in several copies of one speech is one hit, shown in
//! the copy the list shows for the group (its representative) and counted there.
//!
//! "The same passage" is precise: the same matched text with the same [`CONTEXT`] letters,
//! digits or ideographs on either side within its paragraph (punctuation, spaces and line breaks skipped, so
//! another wrapping or 全角/半角 punctuation does not make it another passage), the k-th such
//! passage of one copy being the k-th of another. A hit only some copies have (a site's
//! boilerplate, or text the others lost to a cut) stays a hit of its own copy.

use std::borrow::Cow;
use std::collections::HashMap;

use super::corpus::Hit;
use crate::corpus::{dups, Corpus};

/// Letters, digits or ideographs on each side of a match that make it a passage.
pub const CONTEXT: usize = 8;

/// Hits with the copies' repeats folded away: `copies[i]` is how many other copies have
/// `hits[i]`'s passage too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub hits: Vec<Hit>,
    pub copies: Vec<u32>,
    /// Hits folded into another copy's.
    pub folded: usize,
    /// Documents all of whose hits were folded.
    pub docs_folded: usize,
}

fn counts(c: &char) -> bool {
    c.is_alphanumeric()
}

/// The passage of a match in `text` (the match and its context, what counts of it).
fn passage(text: &str, range: &std::ops::Range<usize>) -> Option<String> {
    // Within its paragraph: a site's line above the title is not the speech's context.
    // Read outwards from the match only as far as the context needs: a paragraph can be a
    // whole 50 MB line with thousands of hits.
    let before = text.get(..range.start)?;
    let matched = text.get(range.clone())?;
    let after = text.get(range.end..)?;
    let in_para = |c: &char| *c != '\n';
    let mut pre: Vec<char> = before
        .chars()
        .rev()
        .take_while(in_para)
        .filter(counts)
        .take(CONTEXT)
        .collect();
    pre.reverse();
    let mut key: String = pre.into_iter().collect();
    key.push('\u{0}');
    key.extend(matched.chars().filter(counts));
    key.push('\u{0}');
    key.extend(
        after
            .chars()
            .take_while(in_para)
            .filter(counts)
            .take(CONTEXT),
    );
    Some(key)
}

/// Folds `hits` (in document order) of a corpus with duplicate groups; `text(doc)` is the
/// string a hit's range is into (the searchable text, or the title for a title search).
pub fn fold<'a>(
    hits: Vec<Hit>,
    corpus: &'a Corpus,
    text: impl Fn(usize) -> Cow<'a, str>,
) -> Folded {
    if corpus.duplicates.is_empty() || hits.is_empty() {
        let copies = vec![0; hits.len()];
        return Folded {
            hits,
            copies,
            ..Folded::default()
        };
    }
    const NONE: usize = usize::MAX;
    let mut group_of = vec![NONE; corpus.speeches.len()];
    let mut rep = Vec::with_capacity(corpus.duplicates.len());
    for (g, members) in corpus.duplicates.iter().enumerate() {
        for &m in members {
            group_of[m] = g;
        }
        rep.push(dups::representative(&corpus.speeches, members));
    }
    let group = |h: &Hit| group_of.get(h.doc).copied().unwrap_or(NONE);
    // Each grouped hit's passage, in document order so that each text is fetched once.
    let mut passages: Vec<Option<String>> = vec![None; hits.len()];
    let mut current: Option<(usize, Cow<'a, str>)> = None;
    for (i, h) in hits.iter().enumerate() {
        if group(h) == NONE {
            continue;
        }
        if current.as_ref().map(|c| c.0) != Some(h.doc) {
            current = Some((h.doc, text(h.doc)));
        }
        passages[i] = current.as_ref().and_then(|(_, t)| passage(t, &h.range));
    }
    // The representative's hits claim their passages first, then the other copies' in
    // corpus order: a passage is shown where the list shows its group.
    let mut order: Vec<usize> = (0..hits.len())
        .filter(|&i| group(&hits[i]) != NONE)
        .collect();
    order.sort_by_key(|&i| hits[i].doc != rep[group(&hits[i])]);
    let mut owner: HashMap<(usize, String, usize), usize> = HashMap::new();
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    let mut into = vec![NONE; hits.len()];
    for i in order {
        let h = &hits[i];
        let Some(p) = passages[i].take() else {
            continue;
        };
        let k = seen.entry((h.doc, p.clone())).or_insert(0);
        let nth = *k;
        *k += 1;
        match owner.entry((group(h), p, nth)) {
            std::collections::hash_map::Entry::Occupied(o) => into[i] = *o.get(),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
        }
    }
    let mut copies = vec![0u32; hits.len()];
    for &o in into.iter().filter(|&&o| o != NONE) {
        copies[o] += 1;
    }
    let mut out = Folded::default();
    let mut docs_with_hits = std::collections::HashSet::new();
    let mut docs_kept = std::collections::HashSet::new();
    for (i, h) in hits.into_iter().enumerate() {
        docs_with_hits.insert(h.doc);
        if into[i] != NONE {
            out.folded += 1;
            continue;
        }
        docs_kept.insert(h.doc);
        out.copies.push(copies[i]);
        out.hits.push(h);
    }
    out.docs_folded = docs_with_hits.len() - docs_kept.len();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Speech;

    fn corpus(texts: &[&str], groups: Vec<Vec<usize>>) -> Corpus {
        Corpus {
            speeches: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Speech::parse(format!("s{i}"), t))
                .collect(),
            duplicates: groups,
            ..Corpus::default()
        }
    }

    fn hits_of(c: &Corpus, word: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        for (doc, s) in c.speeches.iter().enumerate() {
            for (at, _) in s.searchable().match_indices(word) {
                out.push(Hit {
                    doc,
                    range: at..at + word.len(),
                });
            }
        }
        out
    }

    #[test]
    fn a_passage_in_several_copies_is_one_hit_on_the_representative() {
        let whole = "在会上的讲话\n\n要落实一岗双责，抓好作风建设。\n\n再讲一岗双责的考核办法。";
        // Cut before the second passage, with other punctuation: the copy.
        let cut = "在会上的讲话\n\n要落实一岗双责, 抓好作风建设.\n\n再讲";
        let other = "在另一个会上的讲话\n\n落实一岗双责要靠制度。";
        let c = corpus(&[cut, other, whole], vec![vec![0, 2]]);
        let f = fold(hits_of(&c, "一岗双责"), &c, |d| {
            c.speeches[d].searchable().into()
        });
        let docs: Vec<usize> = f.hits.iter().map(|h| h.doc).collect();
        // The representative (the whole copy) keeps both of its hits; the cut copy's one
        // hit is its first; the other speech is no copy.
        assert_eq!(docs, [1, 2, 2]);
        assert_eq!(f.copies, [0, 1, 0]);
        assert_eq!((f.folded, f.docs_folded), (1, 1));
    }

    #[test]
    fn a_hit_only_one_copy_has_is_its_own_and_repeats_fold_one_to_one() {
        let a = "讲话\n\n甲乙丙丁戊己庚辛重要重要甲乙丙丁戊己庚辛重要。";
        let b = "讲话\n\n来源：某网站 重要通知\n\n甲乙丙丁戊己庚辛重要重要甲乙丙丁戊己庚辛重要。";
        let c = corpus(&[a, b], vec![vec![0, 1]]);
        let f = fold(hits_of(&c, "重要"), &c, |d| {
            c.speeches[d].searchable().into()
        });
        // Three passages in both (two of them alike, folded in order), and the site's
        // notice in b alone.
        assert_eq!(f.hits.len(), 4, "{f:?}");
        assert_eq!(f.copies.iter().filter(|&&n| n == 1).count(), 3);
        let notice = f
            .hits
            .iter()
            .position(|h| c.speeches[h.doc].text[h.range.end..].starts_with("通知"))
            .expect("the notice is a hit");
        assert_eq!((f.hits[notice].doc, f.copies[notice]), (1, 0));
        // b keeps its notice: no document lost all of its hits.
        assert_eq!((f.folded, f.docs_folded), (3, 0));
    }

    #[test]
    fn without_groups_nothing_changes() {
        let c = corpus(&["讲话\n\n一岗双责。", "讲话\n\n一岗双责。"], Vec::new());
        let hits = hits_of(&c, "一岗双责");
        let f = fold(hits.clone(), &c, |d| c.speeches[d].searchable().into());
        assert_eq!(f.hits, hits);
        assert_eq!(f.copies, [0, 0]);
    }
}
