fn main() {
    let p = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    let d = tigang::corpus::decode::decode(&bytes, None).unwrap();
    let c = tigang::corpus::clean::clean(&d.text);
    println!("repeated={}", c.repeated);
    for p in &c.paragraphs {
        let t = &c.text[p.range.clone()];
        let short: String = t.chars().take(50).collect();
        println!("{:?} {} {}", p.kind, t.chars().count(), short);
    }
}
