//! Duplicate detection on the generated corpus (issue 13): the full load without the parse
//! cache, then the sketching (which the load does after each file's parse) and grouping
//! alone, as a share of that load (target ≤ 10%);
//! and how the groups found compare with the near-copies `gen_corpus` wrote (`stem_site`).
//!
//! ```text
//! cargo run --release --example gen_corpus -- target/bench-corpus   # once: ~100 MB
//! cargo bench --bench dups                   # or TIGANG_BENCH_CORPUS=DIR cargo bench …
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use tigang::corpus::dups::{groups_at, Sketch, THRESHOLD};
use tigang::corpus::load::{load_scanned, Corpus};
use tigang::corpus::walk::scan;

fn secs<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let r = f();
    (t.elapsed().as_secs_f64(), r)
}

/// The speech a generated copy was made from: its id without the `_site` suffix.
fn origin(id: &str) -> &str {
    ["_xinhua", "_people", "_gov"]
        .iter()
        .find_map(|s| id.strip_suffix(s))
        .unwrap_or(id)
}

fn main() {
    let dir = std::env::var_os("TIGANG_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus"));
    if !dir.is_dir() {
        eprintln!(
            "no corpus at {}: run `cargo run --release --example gen_corpus -- {}` first",
            dir.display(),
            dir.display()
        );
        std::process::exit(1);
    }
    let scanned = scan(std::slice::from_ref(&dir));
    // Best of three full loads (parse cache off: it is never set in a bench).
    let mut load = f64::MAX;
    let mut corpus = Corpus::default();
    for _ in 0..3 {
        let (t, c) = secs(|| load_scanned(&scanned, None));
        load = load.min(t);
        corpus = c;
    }
    // What the load spends on duplicates: each sketch made right after its file's parse, as
    // the load makes it (the text still in cache; sketching the loaded corpus again would
    // read every text back from memory and count that too), summed over the pool's threads
    // and divided by their number; then the grouping after the load.
    let mut dup = f64::MAX;
    for _ in 0..3 {
        use rayon::prelude::*;
        use std::sync::atomic::{AtomicU64, Ordering};
        let nanos = AtomicU64::new(0);
        scanned.files.par_iter().for_each(|(p, _)| {
            let Ok(bytes) = std::fs::read(p) else { return };
            let Ok(s) = tigang::corpus::Speech::from_bytes("b", &bytes, None) else {
                return;
            };
            let t = Instant::now();
            std::hint::black_box(Sketch::of_speech(&s.text, &s.paragraphs));
            nanos.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        });
        let t = nanos.into_inner() as f64 / 1e9 / rayon::current_num_threads() as f64;
        let (g, ()) = secs(|| corpus.find_duplicates());
        println!(
            "  sketching {:.1} ms (in the load), grouping {:.1} ms",
            t * 1e3,
            g * 1e3
        );
        dup = dup.min(t + g);
    }
    let share = dup / load * 100.0;
    let verdict = if share <= 10.0 { "ok" } else { "OVER" };
    println!(
        "{} speeches, {:.0} MB: full load {:.0} ms (duplicate detection included), \
         duplicate detection {:.1} ms = {share:.1}% of it (target ≤ 10%: {verdict})",
        corpus.speeches.len(),
        scanned
            .files
            .iter()
            .filter_map(|(p, _)| p.metadata().ok())
            .map(|m| m.len())
            .sum::<u64>() as f64
            / 1e6,
        load * 1e3,
        dup * 1e3,
    );

    // Against what the generator wrote: pairs put together that share an origin, or not.
    let ids: Vec<&str> = corpus.speeches.iter().map(|s| s.id.as_str()).collect();
    let mut by_origin: HashMap<&str, usize> = HashMap::new();
    for id in &ids {
        *by_origin.entry(origin(id)).or_default() += 1;
    }
    let true_pairs: usize = by_origin.values().map(|&n| n * (n - 1) / 2).sum();
    let chars: usize = corpus
        .speeches
        .iter()
        .flat_map(|s| {
            s.paragraphs
                .iter()
                .filter(|p| p.kind.is_speech())
                .map(|p| s.text[p.range.clone()].chars().count())
        })
        .sum();
    let (one, sketches): (f64, Vec<Option<Sketch>>) = secs(|| {
        corpus
            .speeches
            .iter()
            .map(|s| Sketch::of_speech(&s.text, &s.paragraphs))
            .collect()
    });
    println!(
        "  sketching on one thread: {:.0} ms for {chars} characters ({:.1} ns a character)",
        one * 1e3,
        one * 1e9 / chars as f64
    );
    let rules = [
        ("similarity ≥ 0.5", 0.5),
        ("similarity ≥ 0.6 (THRESHOLD, the rule used)", THRESHOLD),
        ("similarity ≥ 0.8", 0.8),
    ];
    for (t, threshold) in rules {
        let groups = groups_at(&sketches, threshold);
        let (mut right, mut wrong) = (0usize, 0usize);
        for g in &groups {
            for (k, &i) in g.iter().enumerate() {
                for &j in &g[..k] {
                    if origin(ids[i]) == origin(ids[j]) {
                        right += 1;
                    } else {
                        wrong += 1;
                    }
                }
            }
        }
        let biggest = groups.iter().map(Vec::len).max().unwrap_or(0);
        println!(
            "  {t}: {} groups (largest {biggest}), pairs: {right} of the {true_pairs} \
             generated copies found, {wrong} pairs of different speeches joined",
            groups.len()
        );
    }
}
