//! grep-like lines for search hits (`id:paragraph: snippet`, counts, names, JSON Lines):
//! what `tigang search` prints, whether it greps the files or searches the parsed corpus,
//! and with each passage once per duplicate group (`--group-duplicates`).

use std::io::{self, Write};
use std::ops::Range;

use super::copies;
use super::corpus::{search_many, Hit};
use super::query::{self as search, Query};
use crate::corpus::{para_index, Corpus, Paragraph};
use crate::text::one_line;

/// What a search prints for each speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `id:paragraph: snippet` per matching paragraph, as grep prints lines.
    Lines,
    /// `id:count` (`-c`).
    Count,
    /// The id of each matching speech once (`-l`).
    Names,
    /// One JSON object per matching paragraph (JSON Lines): id, paragraph, the snippet
    /// before, the match, after.
    Json,
}

/// grep-like search output over a parsed corpus: one line per matching paragraph (1-based
/// over all paragraphs). `tigang search` prints the same without parsing ([`Grep`]);
/// this is its reference.
pub fn write_corpus_hits(
    c: &crate::corpus::Corpus,
    q: &Query,
    mode: Mode,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<bool> {
    let mut found = false;
    for s in &c.speeches {
        found |= write_hits(&s.id, s.searchable(), &s.paragraphs, q, mode, color, out)?;
    }
    Ok(found)
}

/// Prints the hits of one cleaned speech, grep-like: `id:paragraph: snippet`, one line per
/// matching paragraph (1-based over all paragraphs), or `id:count` with `count`. Returns
/// whether anything matched.
pub fn write_hits(
    id: &str,
    text: &str,
    paragraphs: &[Paragraph],
    q: &Query,
    mode: Mode,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let hits = q.find_iter(text).map(|m| (m, None));
    write_doc(id, text, paragraphs, hits, mode, color, out)
}

/// The lines of one speech's hits (in text order), each with how many other copies have its
/// passage when duplicates are grouped (`None`: not grouped, nothing added to the line).
fn write_doc(
    id: &str,
    text: &str,
    paragraphs: &[Paragraph],
    hits: impl Iterator<Item = (Range<usize>, Option<u32>)>,
    mode: Mode,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let mut last_para = usize::MAX;
    let mut n = 0;
    for (m, copies) in hits {
        n += 1;
        if mode == Mode::Names {
            writeln!(out, "{}", one_line(id))?;
            return Ok(true);
        }
        if mode == Mode::Count {
            continue;
        }
        let pi = para_index(paragraphs, m.start);
        if pi == last_para {
            continue;
        }
        last_para = pi;
        let (win, hit) = search::snippet(text, m, 30);
        let text = &text[win];
        let (pre, mid, post) = (&text[..hit.start], &text[hit.clone()], &text[hit.end..]);
        let clean = |t: &str| one_line(&crate::text::width::visible_text(t));
        if mode == Mode::Json {
            let mut line = serde_json::json!({
                "id": id,
                "paragraph": pi + 1,
                "before": pre,
                "match": mid,
                "after": post,
            });
            if let Some(k) = copies {
                line["copies"] = k.into();
            }
            // Escaped like every JSON tigang prints: nothing in it can drive a terminal.
            writeln!(
                out,
                "{}",
                crate::text::escape::escape_json(&line.to_string())
            )?;
            continue;
        }
        // grep's colours: file name magenta, line number green, match bold red.
        let [id_on, num_on, hit_on, off] = if color {
            ["\x1b[35m", "\x1b[32m", "\x1b[1;31m", "\x1b[0m"]
        } else {
            [""; 4]
        };
        let also = match copies {
            Some(k) if k > 0 => format!(" (+{k} {})", if k == 1 { "copy" } else { "copies" }),
            _ => String::new(),
        };
        writeln!(
            out,
            "{id_on}{}{off}:{num_on}{}{off}: {}{hit_on}{}{off}{}{also}",
            one_line(id),
            pi + 1,
            clean(pre),
            clean(mid),
            clean(post)
        )?;
    }
    if mode == Mode::Count && n > 0 {
        writeln!(out, "{}:{n}", one_line(id))?;
    }
    Ok(n > 0)
}

/// [`write_corpus_hits`] with each passage once per duplicate group, as the reader's corpus
/// search shows it ([`copies::fold`]): in the copy the list shows for the group, its line
/// saying how many other copies have it (`(+2 copies)`; `"copies"` in JSON), counts less
/// the folded hits, and a copy all of whose hits were folded not named.
pub fn write_grouped(
    c: &Corpus,
    q: &Query,
    mode: Mode,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let docs = c
        .speeches
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.searchable()));
    let found = search_many(
        q,
        docs,
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
        usize::MAX,
    );
    let folded = copies::fold(found.hits, c, |d| c.speeches[d].searchable().into());
    let mut any = false;
    let mut rest: &[Hit] = &folded.hits;
    let mut copies: &[u32] = &folded.copies;
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|h| h.doc == first.doc).count();
        let s = &c.speeches[first.doc];
        let hits = rest[..n]
            .iter()
            .zip(&copies[..n])
            .map(|(h, &k)| (h.range.clone(), Some(k)));
        any |= write_doc(&s.id, s.searchable(), &s.paragraphs, hits, mode, color, out)?;
        (rest, copies) = (&rest[n..], &copies[n..]);
    }
    Ok(any)
}
