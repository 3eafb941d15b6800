//! Times queries over ~100 MB of speech-like Chinese text held in memory.
//! Run with `cargo run --release --example bench_search` (`TIGANG_BENCH_NO_FOLD=1`: without
//! Traditional/Simplified folding).

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use tigang::search::corpus::search_many;
use tigang::search::Query;

const TARGET_BYTES: usize = 100 << 20;

/// Sentences in the register of the corpus, so byte and char frequencies
/// (and so the literal scanners' prefilters) behave as they would on it.
const SENTENCES: &[&str] = &[
    "同志们，今天我们召开这次会议，主要任务是总结过去一年的工作，部署今年的重点任务。",
    "过去一年，面对复杂严峻的国际环境和艰巨繁重的改革发展稳定任务，我们坚持稳中求进工作总基调。",
    "全年地区生产总值增长百分之五点二，城镇新增就业人数超过预期目标。",
    "我们要坚定不移推动高质量发展，加快构建新发展格局，着力扩大国内需求。",
    "各级领导干部要切实履行管党治党政治责任，把全面从严治党各项要求落到实处。",
    "要深入推进党风廉政建设和反腐败斗争，持之以恒正风肃纪。",
    "必须坚持以人民为中心的发展思想，着力解决群众急难愁盼问题。",
    "教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑。",
    "（一）关于经济工作。我们要稳住农业基本盘，确保粮食安全。",
    "（二）关于民生工作。要健全社会保障体系，提高基本公共服务水平。",
    "乡村振兴要因地制宜，发展特色产业，促进农民持续增收。",
    "我们必须清醒地看到，前进道路上还面临不少困难和挑战。",
    "要以钉钉子精神抓好各项工作落实，确保各项决策部署落地见效。",
    "对外开放的大门只会越开越大，我们欢迎各国企业来华投资兴业。",
    "要统筹发展和安全，坚决守住不发生系统性风险的底线。",
    "生态环境保护是功在当代、利在千秋的事业。",
    "他在讲话中强调：“要把握新发展阶段，贯彻新发展理念。”",
    "第三条　本办法适用于全市各级机关、事业单位。",
    "出口总额比上年增长1.8倍，其中高技术产品出口占比明显提高。",
];

/// Rare planted targets, so each query has a known, smallish hit count.
const PLANTS: &[&str] = &[
    "要落实一岗双责，做到守土有责、守土负责、守土尽责。",
    "研发投入是五年前的１．５倍，２０２４年 高质量\u{3000}发展。",
    "The digital economy accounts for a growing share of GDP.",
    "根据第十二条的规定，现予以公布。",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Paragraphs of 3–8 shuffled sentences, with a unique token in each so the
/// text does not compress into a few repeated blocks.
fn build_corpus() -> String {
    let mut rng = Lcg(0x7469_6761_6e67);
    let mut text = String::with_capacity(TARGET_BYTES + 4096);
    let mut para = 0u64;
    while text.len() < TARGET_BYTES {
        text.push_str("\u{3000}\u{3000}");
        for _ in 0..3 + rng.below(6) {
            if rng.below(2000) == 0 {
                text.push_str(PLANTS[rng.below(PLANTS.len())]);
            } else {
                text.push_str(SENTENCES[rng.below(SENTENCES.len())]);
            }
        }
        para += 1;
        text.push_str(&format!("（文件编号{para}）\n"));
    }
    text
}

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.unwrap())
}

fn main() {
    // `TIGANG_BENCH_NO_FOLD=1`: the same queries without Traditional/Simplified folding, to
    // see what the folding costs.
    if std::env::var_os("TIGANG_BENCH_NO_FOLD").is_some() {
        tigang::text::fold::set_script_folding(false);
    }
    let t = Instant::now();
    let corpus = build_corpus();
    let mb = corpus.len() as f64 / (1 << 20) as f64;
    println!(
        "corpus: {mb:.1} MiB, {} chars, built in {:?}",
        corpus.chars().count(),
        t.elapsed()
    );
    // About 5 KB per document, cut at paragraph ends, like a speech corpus.
    let mut docs = Vec::new();
    let mut start = 0;
    for (i, _) in corpus.match_indices('\n') {
        if i + 1 - start >= 5000 {
            docs.push(&corpus[start..i + 1]);
            start = i + 1;
        }
    }
    docs.push(&corpus[start..]);
    println!("split into {} documents\n", docs.len());

    println!(
        "{:<24} {:>9} {:>9} {:>9} {:>10} {:>12}",
        "query", "compile", "count", "matches", "MiB/s", "search_many"
    );
    let queries = [
        "一岗双责",
        "1.5倍",
        "2024年",
        "economy",
        "GDP",
        "a",
        "高质量 发展",
        "的",
        "不存在的短语",
        "re:第[一二三四五六七八九十]+条",
        "re:[0-9]+(\\.[0-9]+)?倍",
        // Unicode \d has no cheap prefilter: the lazy DFA's ~500 MiB/s.
        "re:\\d+(\\.\\d+)?倍",
    ];
    for input in queries {
        let (compile, query) = time(|| Query::parse(input).unwrap().unwrap());
        let (scan, n) = time(|| query.count(&corpus));
        let cancel = AtomicBool::new(false);
        let (many, outcome) = time(|| {
            search_many(
                &query,
                docs.iter().copied().enumerate(),
                &cancel,
                &mut |_| {},
                1000,
            )
        });
        assert_eq!(outcome.total, n, "{input}");
        println!(
            "{:<24} {:>9.2?} {:>9.2?} {:>9} {:>10.0} {:>12.2?}",
            input,
            compile,
            scan,
            n,
            mb / scan.as_secs_f64(),
            many
        );
    }
}
