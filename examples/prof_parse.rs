//! Profiling helper: parses one of the parse benchmark's inputs in a loop.
fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let text = if which == "line" {
        let seeds: Vec<String> = tigang::corpus::builtin().speeches.iter().map(|s| s.text.clone()).collect();
        let mut r = String::new();
        while r.len() < 20_000_000 { for s in &seeds { r.push_str(s); } }
        r
    } else {
        let mut short = String::new();
        for i in 0..200_000 {
            short.push_str(match i % 4 { 0 => "一、短标题\n", 1 => "一是甲甲甲，二是乙乙乙。\n", 2 => "这是一行短的正文没有标点\n", _ => "\n" });
        }
        short
    };
    let n: usize = std::env::var("ITER").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    for _ in 0..n {
        let t = std::time::Instant::now();
        let s = tigang::corpus::Speech::parse("p", &text);
        eprintln!("{} ms {}", t.elapsed().as_millis(), s.headings.len());
    }
}
