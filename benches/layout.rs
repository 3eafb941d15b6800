//! Line layout throughput: `layout_doc` on one thread, printed as MB/s.
//! Run with `cargo bench --bench layout`.

use std::time::Instant;

use tigang::corpus::builtin;
use tigang::text::lines::{layout_doc, ParaSpec};

const TARGET: usize = 5_000_000;

fn repeat_to(unit: &str, target: usize) -> String {
    let mut s = String::with_capacity(target + unit.len());
    while s.len() < target {
        s.push_str(unit);
    }
    s
}

fn measure(name: &str, text: &str, width: u16) {
    let paras: Vec<ParaSpec> = text
        .split('\n')
        .map(|t| ParaSpec {
            text: t,
            first_indent: 4,
            balanced: false,
        })
        .collect();
    // Best of five: the figure is about the code, not about a noisy neighbour.
    let mut best = f64::MAX;
    let mut lines = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let doc = layout_doc(paras.iter().copied(), width, 1);
        best = best.min(t.elapsed().as_secs_f64());
        lines = doc.line_count();
        std::hint::black_box(&doc);
    }
    let mb = text.len() as f64 / 1e6;
    println!(
        "{name:<34} {mb:>5.1} MB  {:>7.1} ms  {:>7.1} MB/s  ({lines} lines)",
        best * 1e3,
        mb / best
    );
}

fn main() {
    let mut seeds = String::new();
    for s in &builtin().speeches {
        seeds.push_str(&s.text);
        seeds.push('\n');
    }
    measure("seeds to 5 MB, width 80", &repeat_to(&seeds, TARGET), 80);

    let latin = "The quick brown fox jumps over the lazy dog, 3.14 times (roughly); \
                 re-entrant words like state-of-the-art and URLs such as example.com/a?b=c \
                 keep their shape. 中文夹杂 English words 和 numbers 2,000 too.\n";
    measure("Latin-heavy, width 80", &repeat_to(latin, TARGET), 80);

    let quotes = "他说：“我们要‘实事求是’。”（见《讲话》第3页）「注意」……——好！\
                  《论语》曰：“学而时习之，不亦说乎？”【按】〔一〕、〈二〉；\n";
    measure(
        "quotes and punctuation, width 80",
        &repeat_to(quotes, TARGET),
        80,
    );
}
