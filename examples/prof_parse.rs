//! Scratch profiling driver (not committed).
use tigang::corpus::{builtin, Speech};
fn main() {
    let kind = std::env::args().nth(1).unwrap_or_default();
    let reps: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let seeds: Vec<String> = builtin().speeches.iter().map(|s| s.text.clone()).collect();
    let bytes: Vec<u8> = match kind.as_str() {
        "short" => {
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
        _ => {
            let target = 10_000_000;
            let paras: Vec<Vec<&str>> = seeds.iter().map(|s| s.split('\n').collect()).collect();
            let mut varied = String::new();
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
            if kind == "gbk" {
                let (gbk, _, _) = encoding_rs::GBK.encode(&varied);
                gbk.iter()
                    .flat_map(|&b| {
                        if b == b'\n' {
                            vec![b'\r', b'\n']
                        } else {
                            vec![b]
                        }
                    })
                    .collect()
            } else {
                varied.into_bytes()
            }
        }
    };
    for _ in 0..reps {
        let s = Speech::from_bytes("bench", &bytes, None).expect("decodes");
        std::hint::black_box(&s);
    }
}
