//! Profiling helper: parses one of the parse benchmark's inputs in a loop.
fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let text = if which == "varied" {
        let seeds: Vec<String> = tigang::corpus::builtin()
            .speeches
            .iter()
            .map(|s| s.text.clone())
            .collect();
        let paras: Vec<Vec<&str>> = seeds.iter().map(|s| s.split('\n').collect()).collect();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut varied = String::new();
        while varied.len() < 5_000_000 {
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
    } else if which == "line" {
        let seeds: Vec<String> = tigang::corpus::builtin()
            .speeches
            .iter()
            .map(|s| s.text.clone())
            .collect();
        let mut r = String::new();
        while r.len() < 20_000_000 {
            for s in &seeds {
                r.push_str(s);
            }
        }
        r
    } else {
        let mut short = String::new();
        for i in 0..200_000 {
            short.push_str(match i % 4 {
                0 => "一、短标题\n",
                1 => "一是甲甲甲，二是乙乙乙。\n",
                2 => "这是一行短的正文没有标点\n",
                _ => "\n",
            });
        }
        short
    };
    let n: usize = std::env::var("ITER")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    for _ in 0..n {
        let t = std::time::Instant::now();
        let s = tigang::corpus::Speech::parse("p", &text);
        eprintln!("{} ms {}", t.elapsed().as_millis(), s.headings.len());
    }
}
