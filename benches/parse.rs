//! Parsing throughput: decode + clean + outline on large inputs, printed as MB/s.
//! Run with `cargo bench --bench parse`. Targets (issue 2): ≥ 100 MB/s on one core for the
//! seed text repeated to 50 MB, and no quadratic blow-up on one 50 MB line or 200,000 lines.

use std::time::Instant;

use tigang::corpus::{builtin, Speech};

fn measure(name: &str, bytes: &[u8]) {
    // Best of five: the figure is about the code, not about a noisy neighbour.
    let mut best = f64::MAX;
    let mut headings = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let s = Speech::from_bytes("bench", bytes, None).expect("decodes");
        best = best.min(t.elapsed().as_secs_f64());
        headings = s.headings.len();
        std::hint::black_box(&s);
    }
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "{name:<34} {mb:>7.1} MB  {:>8.1} ms  {:>7.1} MB/s  ({headings} headings)",
        best * 1e3,
        mb / best
    );
}

/// The inputs, by name: each is built and measured in a process of its own (see `main`).
const CASES: [&str; 5] = [
    "seeds repeated to 50 MB",
    "seeds varied to 50 MB",
    "one 50 MB line",
    "200,000 short lines",
    "GBK + CRLF, 10 MB of text",
];

/// Each case runs in a fresh process: a parse's figure depends on what the allocator holds
/// from the cases before it (pages kept from a 50 MB parse spare a later one its page
/// faults), so in one process adding or reordering a case moved another's figure by half.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--case") {
        let name = &args[i + 1];
        measure(name, &input(name));
        return;
    }
    let me = std::env::current_exe().expect("the bench knows its own path");
    for name in CASES {
        let status = std::process::Command::new(&me)
            .args(["--case", name])
            .status()
            .expect("the bench runs itself");
        assert!(status.success(), "{name}: {status}");
    }
}

fn input(name: &str) -> Vec<u8> {
    let target = 50_000_000;
    let seeds: Vec<String> = builtin().speeches.iter().map(|s| s.text.clone()).collect();
    let mut repeated = String::with_capacity(target + 100_000);
    while repeated.len() < target {
        for s in &seeds {
            repeated.push_str(s);
            repeated.push('\n');
        }
    }
    match name {
        "seeds repeated to 50 MB" => repeated.into_bytes(),
        "one 50 MB line" => repeated.replace('\n', "").into_bytes(),
        "seeds varied to 50 MB" => varied(&seeds, target).into_bytes(),
        "200,000 short lines" => {
            let mut short = String::new();
            for i in 0..200_000 {
                short.push_str(match i % 4 {
                    0 => "一、短标题\n",
                    1 => "一是甲甲甲，二是乙乙乙。\n",
                    2 => "这是一行短的正文没有标点\n",
                    _ => "\n",
                });
            }
            short.into_bytes()
        }
        "GBK + CRLF, 10 MB of text" => {
            let varied = varied(&seeds, target);
            let mut cut = varied.len() / 5;
            while !varied.is_char_boundary(cut) {
                cut -= 1;
            }
            let (gbk, _, _) = encoding_rs::GBK.encode(&varied[..cut]);
            gbk.iter()
                .flat_map(|&b| {
                    if b == b'\n' {
                        vec![b'\r', b'\n']
                    } else {
                        vec![b]
                    }
                })
                .collect()
        }
        _ => panic!("no case {name}"),
    }
}

/// The seeds' paragraphs, each copy in another order: no whole-text repeat to fold, so the
/// outline engine reads all 50 MB (the figure to compare across parser versions).
fn varied(seeds: &[String], target: usize) -> String {
    let paras: Vec<Vec<&str>> = seeds.iter().map(|s| s.split('\n').collect()).collect();
    let mut varied = String::with_capacity(target + 100_000);
    // A fixed xorshift shuffle: the same input on every run and every version.
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    while varied.len() < target {
        for p in &paras {
            let mut order: Vec<&str> = p.clone();
            for i in (1..order.len()).rev() {
                order.swap(i, (next() % (i as u64 + 1)) as usize);
            }
            for line in order {
                varied.push_str(line);
                varied.push('\n');
            }
        }
    }
    varied
}
