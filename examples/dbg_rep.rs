fn main() {
    let p = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    let d = tigang::corpus::decode::decode(&bytes, None).unwrap();
    let t = tigang::corpus::scrape::unescape(&d.text);
    let lines: Vec<&str> = t.lines().map(|l| l.trim()).collect();
    let mut pieces = Vec::new();
    for l in &lines { for p in tigang::corpus::scrape::split_lost_breaks(l) { pieces.push(p.trim()); } }
    println!("{} pieces", pieces.len());
    for (i, p) in pieces.iter().enumerate() { let s: String = p.chars().take(30).collect(); println!("{i} {} {s}", p.len()); }
    println!("{:?}", tigang::corpus::scrape::repeated_from(&pieces, 5));
}
