//! Generates a large, deterministic corpus of realistic speeches for benchmarks and manual tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR [--mb 100] [--seed 1]
//! ```
//!
//! The same arguments always give byte-identical files. Speeches are rebuilt from the built-in
//! seeds: new titles, subtitles and meta lines, seed sentences reshuffled into sections with
//! renumbered headings (`一、` `（一）` `1.` `（1）`) and point lists (`一是…二是…`, `第一，…`).
//! Files vary the way scraped corpora do: GBK with CRLF, UTF-16LE, hard wraps, U+3000 indents,
//! site boilerplate and tables of contents above the title, omission gaps and truncated tails,
//! Markdown, a few huge files and a handful of broken ones (empty, binary), in nested folders.
//! About one speech in 25 has one or two near-duplicate copies beside it (`…_xinhua.txt`,
//! `…_people.txt`: another site's boilerplate, cut short, or re-wrapped with CRLF), and one
//! in 20 is written in Traditional characters, so the duplicate detection and the
//! Traditional/Simplified search folding both have work in the benchmarks.
//!
//! OUT_DIR gets a stamp file `.gen_corpus` (hidden, so readers skip it) naming the parameters.
//! An existing OUT_DIR is replaced only if it carries that stamp; otherwise it must be empty.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tigang::corpus::{self, HeadingKind, ParaKind};

const STAMP: &str = ".gen_corpus";
const MIB: f64 = 1024.0 * 1024.0;

// ---------------------------------------------------------------------------------------------
// PRNG

/// splitmix64: tiny, fast and good enough; fixed so the corpus never changes between builds.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed ^ 0x5EED_C0DE_1234_5678);
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    fn pick_string<'a>(&mut self, xs: &'a [String]) -> &'a str {
        &xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists

const SCOPES: [&str; 10] = [
    "全市",
    "全市",
    "全县",
    "全区",
    "全省",
    "市委",
    "县委",
    "全系统",
    "局机关",
    "全市",
];
const TOPICS: [&str; 22] = [
    "安全生产",
    "党风廉政建设",
    "主题教育",
    "乡村振兴",
    "经济工作",
    "组织工作",
    "宣传思想工作",
    "政法工作",
    "统战工作",
    "招商引资",
    "优化营商环境",
    "生态环境保护",
    "巡察整改",
    "基层党建",
    "干部教育培训",
    "防汛抗旱",
    "民生实事",
    "意识形态工作",
    "机关党建",
    "作风建设",
    "信访维稳",
    "人才工作",
];
const EVENTS: [&str; 14] = [
    "工作会议",
    "工作会议",
    "推进会",
    "动员大会",
    "座谈会",
    "培训班开班仪式",
    "总结表彰大会",
    "专题会议",
    "部署会",
    "务虚会",
    "调度会",
    "集体学习会",
    "述职评议会",
    "培训班结业式",
];
const ROLES: [&str; 9] = [
    "市委书记",
    "县委书记",
    "市长",
    "区长",
    "局党组书记",
    "市委副书记",
    "市委常委、组织部部长",
    "县委副书记、县长",
    "市纪委书记",
];
const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗",
];
const GIVEN: [&str; 20] = [
    "建国", "志强", "海燕", "立新", "卫东", "红梅", "国华", "文斌", "晓峰", "明", "军", "丽", "伟",
    "静", "涛", "勇", "敏", "洁", "磊", "婷",
];
const PLACES: [&str; 12] = [
    "临江", "青山", "东河", "南岭", "西城", "北塘", "云溪", "石桥", "金沙", "白水", "长乐", "新安",
];
const VERBS: [&str; 20] = [
    "提高", "强化", "压实", "聚焦", "坚持", "突出", "狠抓", "深化", "健全", "夯实", "筑牢", "推动",
    "加强", "完善", "激发", "守住", "树牢", "提升", "锻造", "凝聚",
];
const OBJECTS: [&str; 20] = [
    "政治站位",
    "责任担当",
    "工作重点",
    "问题导向",
    "制度建设",
    "基层基础",
    "作风建设",
    "队伍建设",
    "风险防控",
    "创新驱动",
    "服务保障",
    "宗旨意识",
    "底线思维",
    "工作合力",
    "发展动能",
    "主体责任",
    "监督执纪",
    "能力素质",
    "干部队伍",
    "改革攻坚",
];
const TAILS: [&str; 8] = [
    "扎实做好{T}",
    "推动{T}取得实效",
    "确保各项任务落地见效",
    "不断开创{T}新局面",
    "奋力推动高质量发展",
    "切实提升工作质效",
    "全力以赴抓好落实",
    "为{T}提供坚强保障",
];
const SLOGANS: [&str; 8] = [
    "凝心聚力 担当作为",
    "守正创新 笃行实干",
    "提升能力素质  保持优良作风",
    "坚定信心 真抓实干",
    "强化责任担当 狠抓工作落实",
    "勇于自我革命 永葆政治本色",
    "聚焦主责主业 奋力攻坚克难",
    "锚定目标任务 奋力开创新局",
];
const LEAD_INS: [&str; 8] = [
    "主要有{N}点考虑",
    "重点抓好{N}个方面",
    "具体要做到以下{N}点",
    "要着力在{N}个方面下功夫",
    "概括起来有{N}个特点",
    "必须把握好{N}个关系",
    "归纳起来有这么{N}条",
    "这里我强调{N}点",
];
const ANNOUNCE: [&str; 5] = [
    "下面，我讲{N}点意见。",
    "今天着重讲{N}点希望：",
    "针对这次会议，我讲{N}个问题：",
    "下面，我就做好{T}讲{N}个方面的意见。",
    "下面，我结合工作实际，从{N}个方面与同志们作个交流。",
];
/// Search targets for `tigang search` benchmarks.
const YIGANG: [&str; 5] = [
    "要严格落实“一岗双责”，做到业务工作和党风廉政建设两手抓、两手硬。",
    "各级领导干部要认真履行一岗双责，管好自己的人、看好自己的门、办好自己的事。",
    "坚持党政同责、一岗双责、齐抓共管、失职追责，把责任落实到每一个岗位。",
    "班子成员要切实履行一岗双责，对分管领域的党风廉政建设负直接领导责任。",
    "把一岗双责落实情况纳入年度考核，考核结果与干部选拔任用挂钩。",
];
const BOILERPLATE: [&str; 14] = [
    "仅供学习 禁止外传",
    "自建平台、实时分享",
    "现在订阅立享前3年的所有权益和资料 ",
    "【打击倒卖活动】",
    "举报倒卖会员资料的人，举报成功免费赠送一年会员材料！",
    "会员群：                      免费QQ群：         ",
    "当前位置：首页 > {C} > 正文",
    "首页 > 讲话稿 > {C} > 正文",
    "来源：{P}文秘网　　浏览次数：{K}",
    "免费注册会员，下载全文",
    "本站所有文章仅供学习参考，版权归原作者所有",
    "微信扫码关注公众号，获取更多资料",
    "【{C}专栏】",
    "责任编辑：{S}{G}",
];
const CATEGORIES: [&str; 6] = [
    "领导讲话",
    "会议发言",
    "致辞贺词",
    "工作报告",
    "党建材料",
    "心得体会",
];
const ORGS: [&str; 12] = [
    "市委",
    "市政府",
    "县委",
    "区委",
    "纪委监委",
    "组织部",
    "宣传部",
    "统战部",
    "政法委",
    "办公室",
    "人大",
    "政协",
];

// ---------------------------------------------------------------------------------------------
// Seed pools

/// Material mined from the built-in speeches.
struct Pools {
    /// Prose sentences with leading point markers stripped and no dangling enumerations.
    sentences: Vec<String>,
    /// `同志们，…`: for the last paragraph.
    closings: Vec<String>,
    /// Texts of the seeds' top-level structural headings.
    headings: Vec<String>,
    /// Texts of points and lower headings: short verb phrases.
    points: Vec<String>,
    /// Meeting names from the seed titles (`全市第二批主题教育培训会`).
    meetings: Vec<String>,
    /// Mean UTF-8 length of `sentences`.
    sentence_bytes: usize,
}

/// A point marker at the start of `s`: (family tag, number, marker byte length).
fn point_marker(s: &str) -> Option<(u8, u32, usize)> {
    if let Some(rest) = s.strip_prefix('第') {
        let (n, l) = corpus::outline::cn_numeral(rest)?;
        let base = '第'.len_utf8() + l;
        return match rest[l..].chars().next()? {
            '是' => Some((3, n, base + 3)),
            '要' => Some((4, n, base + 3)),
            '，' | '、' | '：' => Some((2, n, base + 3)),
            ',' | ':' => Some((2, n, base + 1)),
            _ => None,
        };
    }
    let (n, l) = corpus::outline::cn_numeral(s)?;
    match s[l..].chars().next()? {
        '是' => Some((0, n, l + 3)),
        '要' => Some((1, n, l + 3)),
        _ => None,
    }
}

/// Point markers after punctuation inside `s`.
fn inner_points(s: &str) -> Vec<(u8, u32)> {
    let mut out = Vec::new();
    let mut prev = None;
    for (i, c) in s.char_indices() {
        if prev.is_some_and(|p: char| "，。；：！？、,;:!?”".contains(p)) {
            if let Some((f, n, _)) = point_marker(&s[i..]) {
                out.push((f, n));
            }
        }
        prev = Some(c);
    }
    out
}

fn split_sentences(p: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = p.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, q)) = it.peek() {
                if matches!(q, '”' | '’' | '」') {
                    end = j + q.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(&p[start..end]);
            start = end;
        }
    }
    out
}

fn starts_with_numeral(s: &str) -> bool {
    s.starts_with(|c: char| "一二三四五六七八九十两第".contains(c))
}

fn build_pools() -> Pools {
    let seeds = corpus::builtin();
    let mut pools = Pools {
        sentences: Vec::new(),
        closings: Vec::new(),
        headings: Vec::new(),
        points: Vec::new(),
        meetings: Vec::new(),
        sentence_bytes: 0,
    };
    let mut seen = HashSet::new();
    for s in &seeds.speeches {
        for t in [Some(&s.title), s.subtitle.as_ref()].into_iter().flatten() {
            if let (Some(a), Some(b)) = (t.find('在'), t.rfind("上的")) {
                if a + 3 < b {
                    pools.meetings.push(t[a + 3..b].to_string());
                }
            }
        }
        for h in &s.headings {
            let text = s.heading_text(h).trim().to_string();
            if text.chars().count() < 2 || starts_with_numeral(&text) {
                continue;
            }
            match h.kind {
                HeadingKind::Structural {
                    form: corpus::numbering::Form::Comma,
                } => pools.headings.push(text),
                _ if text.chars().count() <= 20 && !text.contains(['，', ',']) => {
                    pools.points.push(text)
                }
                _ => {}
            }
        }
        for (pi, p) in s.paragraphs.iter().enumerate() {
            if p.kind != ParaKind::Body {
                continue;
            }
            let gaps: Vec<usize> = s
                .gaps
                .iter()
                .filter(|g| g.para == pi)
                .map(|g| g.at)
                .collect();
            let text = s.para_text(pi);
            for sent in split_sentences(text) {
                let at = sent.as_ptr() as usize - s.text.as_ptr() as usize;
                if gaps.iter().any(|&g| g >= at && g <= at + sent.len()) {
                    continue;
                }
                let sent = sent.trim();
                if corpus::outline::structural_at(sent).is_some()
                    || [
                        "省略",
                        "未完",
                        "http",
                        "下面，",
                        "点意见",
                        "点希望",
                        "个问题",
                        "点理由",
                    ]
                    .iter()
                    .any(|k| sent.contains(k))
                {
                    continue;
                }
                if sent.contains("谢谢") {
                    continue;
                }
                if sent.starts_with("同志们") {
                    if seen.insert(sent.to_string()) {
                        pools.closings.push(sent.to_string());
                    }
                    continue;
                }
                let body = match point_marker(sent) {
                    Some((_, _, len)) => &sent[len..],
                    None => sent,
                };
                let n = body.chars().count();
                if !(12..=300).contains(&n) || starts_with_numeral(body) {
                    continue;
                }
                // Enumerations inside the sentence must be complete (一是…二是…), or it goes.
                let inner = inner_points(body);
                let complete = inner.len() >= 2
                    && inner
                        .iter()
                        .enumerate()
                        .all(|(k, &(f, n))| f == inner[0].0 && n as usize == k + 1);
                // The search target is planted by the generator, so its frequency is known.
                if (!inner.is_empty() && !complete) || body.contains("一岗双责") {
                    continue;
                }
                if seen.insert(body.to_string()) {
                    pools.sentences.push(body.to_string());
                }
            }
        }
    }
    pools.sentence_bytes =
        pools.sentences.iter().map(String::len).sum::<usize>() / pools.sentences.len().max(1);
    assert!(
        pools.sentences.len() > 100,
        "seed sentences: {}",
        pools.sentences.len()
    );
    assert!(!pools.closings.is_empty() && !pools.headings.is_empty() && !pools.points.is_empty());
    pools
}

// ---------------------------------------------------------------------------------------------
// One speech

/// Chinese numeral for 1–99 (`两` is for counts, not markers).
fn cn(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

fn cn_count(n: usize) -> String {
    if n == 2 {
        "两".to_string()
    } else {
        cn(n)
    }
}

fn structural_marker(rank: u8, n: usize, rng: &mut Rng) -> String {
    match rank {
        1 => format!("{}、", cn(n)),
        2 => format!("（{}）", cn(n)),
        3 => format!("{n}{}", if rng.chance(0.15) { "．" } else { "." }),
        _ => format!("（{n}）"),
    }
}

fn point_prefix(family: u8, n: usize) -> String {
    match family {
        0 => format!("{}是", cn(n)),
        1 => format!("{}要", cn(n)),
        2 => format!("第{}，", cn(n)),
        3 => format!("第{}是", cn(n)),
        _ => format!("第{}要", cn(n)),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading(u8),
    Body,
}

struct Para {
    kind: Kind,
    text: String,
}

/// Per-file choices that shape the body.
struct Style {
    /// Rank-1 and rank-2 headings on their own line (else glued to the first sentence).
    standalone: [bool; 2],
    structured: bool,
    yigang: bool,
    topic: &'static str,
    large: bool,
}

struct Gen<'a> {
    rng: Rng,
    pools: &'a Pools,
    style: Style,
    paras: Vec<Para>,
    /// (rank, label) of rank-1/2 headings, for tables of contents.
    toc: Vec<(u8, String)>,
    bytes: usize,
}

impl Gen<'_> {
    fn push(&mut self, kind: Kind, text: String) {
        self.bytes += text.len() + 1;
        self.paras.push(Para { kind, text });
    }

    fn sentence(&mut self) -> String {
        if self.style.yigang && self.rng.chance(0.012) {
            return self.rng.pick(&YIGANG).to_string();
        }
        self.rng.pick_string(&self.pools.sentences).to_string()
    }

    fn sentences(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(&self.sentence());
        }
        s
    }

    fn phrase(&mut self) -> String {
        if self.rng.chance(0.55) {
            self.rng.pick_string(&self.pools.points).to_string()
        } else if self.style.yigang && self.rng.chance(0.05) {
            "压实一岗双责".to_string()
        } else {
            format!("{}{}", self.rng.pick(&VERBS), self.rng.pick(&OBJECTS))
        }
    }

    fn top_heading(&mut self) -> String {
        let r = self.rng.unit();
        if r < 0.3 {
            self.rng.pick_string(&self.pools.headings).to_string()
        } else if r < 0.7 {
            let tail = self.rng.pick(&TAILS).replace("{T}", self.style.topic);
            format!(
                "{}{}，{tail}",
                self.rng.pick(&VERBS),
                self.rng.pick(&OBJECTS)
            )
        } else {
            format!(
                "{}{}，{}{}",
                self.rng.pick(&VERBS),
                self.rng.pick(&OBJECTS),
                self.rng.pick(&VERBS),
                self.rng.pick(&OBJECTS)
            )
        }
    }

    fn family(&mut self) -> u8 {
        match self.rng.below(100) {
            0..=39 => 0,
            40..=64 => 1,
            65..=84 => 2,
            85..=92 => 3,
            _ => 4,
        }
    }

    fn lead_in(&mut self, n: usize) -> String {
        self.rng.pick(&LEAD_INS).replace("{N}", &cn_count(n))
    }

    /// Paragraphs with point lists until `budget` bytes are written.
    fn leaf(&mut self, budget: usize) {
        let end = self.bytes + budget;
        let mut first = true;
        // Stop close to the budget: small leaves would otherwise double in size.
        while first || self.bytes + self.pools.sentence_bytes / 2 < end {
            first = false;
            let left = end.saturating_sub(self.bytes);
            let r = self.rng.below(100);
            if r < 55 || left < 8 * self.pools.sentence_bytes {
                let most = (left / self.pools.sentence_bytes).clamp(1, 6);
                let s = self.sentences(most.min(2), most);
                self.push(Kind::Body, s);
            } else if r < 75 {
                // Items as paragraphs, after a lead-in: `…有这么四条：` / `一是…。…`
                let most = if self.style.large { 8 } else { 5 };
                let n = self
                    .rng
                    .range(2, (left / (3 * self.pools.sentence_bytes)).clamp(2, most));
                let f = self.family();
                let lead = format!("{}{}：", self.sentences(0, 2), self.lead_in(n));
                self.push(Kind::Body, lead);
                for k in 1..=n {
                    let text = format!(
                        "{}{}。{}",
                        point_prefix(f, k),
                        self.phrase(),
                        self.sentences(1, 4)
                    );
                    self.push(Kind::Body, text);
                }
            } else if r < 90 {
                // An inline enumeration: `…：一是…；二是…；三是…。`
                let n = self.rng.range(2, 5);
                let f = self.family();
                let mut s = format!("{}{}：", self.sentences(0, 2), self.lead_in(n));
                for k in 1..=n {
                    s.push_str(&point_prefix(f, k));
                    s.push_str(&self.phrase());
                    s.push(if k == n { '。' } else { '；' });
                }
                s.push_str(&self.sentences(0, 2));
                self.push(Kind::Body, s);
            } else {
                // Items glued in one paragraph: `一要…。……二要…。……`
                let n = self.rng.range(2, 4);
                let f = if self.rng.chance(0.5) { 1 } else { 0 };
                let mut s = self.sentences(0, 1);
                for k in 1..=n {
                    s.push_str(&point_prefix(f, k));
                    s.push_str(&self.phrase());
                    s.push('。');
                    s.push_str(&self.sentences(1, 2));
                }
                self.push(Kind::Body, s);
            }
        }
    }

    fn section(&mut self, rank: u8, number: usize, budget: usize) {
        let text = match rank {
            1 => self.top_heading(),
            _ => self.phrase(),
        };
        let marker = structural_marker(rank, number, &mut self.rng);
        if rank <= 2 {
            self.toc.push((rank, format!("{marker}{text}")));
        }
        let start = self.bytes;
        let own_line = rank <= 2 && self.style.standalone[rank as usize - 1];
        if own_line {
            self.push(Kind::Heading(rank), format!("{marker}{text}"));
        } else {
            let s = format!("{marker}{text}。{}", self.sentences(1, 4));
            self.push(Kind::Body, s);
        }
        let budget = budget.saturating_sub(self.bytes - start);
        let large = self.style.large;
        let (min, unit, max, p) = match rank {
            1 if large => (0, 15_000, 12, 1.0),
            1 => (3_000, 1_200, 6, 0.45),
            2 if large => (0, 3_000, 8, 0.8),
            2 => (2_500, 800, 5, 0.35),
            3 => (2_000, 600, 4, 0.1),
            _ => (usize::MAX, 1, 1, 0.0),
        };
        if budget > min && self.rng.chance(p) {
            let n = (budget / unit).clamp(2, max);
            for k in 1..=n {
                self.section(rank + 1, k, budget / n);
            }
        } else {
            self.leaf(budget);
        }
    }

    fn body(&mut self, budget: usize) {
        let intro = self.rng.range(1, 3);
        let top = if self.style.large {
            (budget / 150_000).clamp(6, 30)
        } else if budget < 4_000 {
            self.rng.range(2, 3)
        } else {
            self.rng.range(3, 6)
        };
        for k in 0..intro {
            let mut s = self.sentences(2, 6);
            if k + 1 == intro && self.style.structured {
                s.push_str(
                    &self
                        .rng
                        .pick(&ANNOUNCE)
                        .replace("{N}", &cn_count(top))
                        .replace("{T}", self.style.topic),
                );
            }
            self.push(Kind::Body, s);
        }
        let rest = budget.saturating_sub(self.bytes);
        if self.style.structured {
            for k in 1..=top {
                self.section(1, k, rest / top);
            }
        } else {
            self.leaf(rest);
        }
        if self.style.yigang && !self.paras.iter().any(|p| p.text.contains("一岗双责")) {
            let i = self.rng.below(self.paras.len());
            if self.paras[i].kind == Kind::Body {
                self.paras[i].text.push_str(self.rng.pick(&YIGANG));
            } else {
                let s = self.rng.pick(&YIGANG).to_string();
                self.push(Kind::Body, s);
            }
        }
        let closing = format!(
            "{}{}",
            self.rng.pick_string(&self.pools.closings),
            self.sentences(0, 1)
        );
        self.push(Kind::Body, closing);
        if self.rng.chance(0.3) {
            self.push(Kind::Body, "谢谢大家！".to_string());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Files

#[derive(Default)]
struct Stats {
    files: usize,
    bytes: u64,
    dirs: usize,
    utf8: usize,
    gbk: usize,
    utf16: usize,
    md: usize,
    wrapped: usize,
    front: usize,
    toc: usize,
    omissions: usize,
    truncated: usize,
    indented: usize,
    large: usize,
    broken: usize,
    unmappable: usize,
    yigang_files: usize,
    yigang_utf8_files: usize,
    yigang_total: usize,
    /// Near-duplicate copies written (another site's copy of a speech already written).
    copies: usize,
    /// Speeches written in Traditional characters.
    traditional: usize,
}

struct Date {
    y: usize,
    m: usize,
    d: usize,
}

/// Hard-wraps `s` at `width` characters per line.
fn wrap(s: &str, width: usize, out: &mut String) {
    let mut n = 0;
    for c in s.chars() {
        if n == width {
            out.push('\n');
            n = 0;
        }
        out.push(c);
        n += 1;
    }
}

fn omission(rng: &mut Rng) -> String {
    format!(
        "……(新文秘网http://www.example.cn省略{}字,正式会员可完整阅读)……",
        rng.range(120, 2400)
    )
}

fn nonspace_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// A speech file: (relative path, bytes).
fn speech_file(
    pools: &Pools,
    rng: Rng,
    target: usize,
    large: bool,
    names: &mut HashSet<PathBuf>,
    st: &mut Stats,
) -> (PathBuf, Vec<u8>) {
    // Drawn from its own generator, so the choice leaves every other file's bytes alone.
    let traditional = Rng::new(rng.0 ^ 0x7AD1_71E5).chance(TRADITIONAL_SHARE);
    let mut g = Gen {
        rng,
        pools,
        style: Style {
            standalone: [false; 2],
            structured: true,
            yigang: false,
            topic: "",
            large,
        },
        paras: Vec::new(),
        toc: Vec::new(),
        bytes: 0,
    };
    let r = &mut g.rng;
    let topic = r.pick(&TOPICS);
    let level = r.pick(&["市", "市", "县", "区"]);
    let place = r.pick(&PLACES);
    let date = Date {
        y: r.range(2015, 2024),
        m: r.range(1, 12),
        d: r.range(1, 28),
    };
    let md = r.chance(0.01);
    let enc = match r.below(1000) {
        _ if md => 0,
        0..=149 => 1,
        150..=152 => 2,
        _ => 0,
    };
    let wrapped = !md && r.chance(0.10);
    let front = !md && r.chance(0.10);
    let gaps = !md && r.chance(0.05);
    let indented = !md && r.chance(0.03);
    let blank_between = md || wrapped || r.chance(0.35);
    g.style.topic = topic;
    g.style.structured = large || md || r.chance(0.85);
    g.style.standalone = [md || r.chance(0.5), md || r.chance(0.5)];
    g.style.yigang = r.chance(0.2);

    // Title: `在…上的讲话`, with a varied meeting name.
    let r = &mut g.rng;
    let meeting = if r.chance(0.25) {
        r.pick_string(&pools.meetings).to_string()
    } else {
        let year = if r.chance(0.3) {
            format!("{}年", date.y)
        } else {
            String::new()
        };
        format!("{year}{}{topic}{}", r.pick(&SCOPES), r.pick(&EVENTS))
    };
    let ending = r.pick(&[
        "讲话", "讲话", "讲话", "讲话", "讲话", "讲话", "发言", "发言", "致辞", "报告",
    ]);
    let kind = if ending == "讲话" {
        r.pick(&["", "", "", "动员", "总结", "主题"])
    } else {
        ""
    };
    let speaker = format!("{}{}", r.pick(&SURNAMES), r.pick(&GIVEN));
    let role = r.pick(&ROLES);
    let mut title = if r.chance(0.15) {
        format!("{speaker}同志在{meeting}上的{kind}{ending}")
    } else {
        format!("在{meeting}上的{kind}{ending}")
    };
    if title.chars().count() > 58 {
        title = format!("在{topic}工作会议上的讲话");
    }
    let mut head: Vec<String> = Vec::new();
    let slogan_form = r.chance(0.08);
    if slogan_form {
        // Slogan lines, then `——市委书记在…上的讲话` (the seed 004 form).
        head.push(r.pick(&SLOGANS).to_string());
        head.push(format!("奋力开创{topic}新局面"));
        head.push(format!("——{role}在{meeting}上的{ending}"));
    } else {
        head.push(title.clone());
        if r.chance(0.15) {
            head.push(format!("——{}", r.pick(&SLOGANS)));
        }
    }
    let mut meta = Vec::new();
    if r.chance(0.35) {
        if r.chance(0.7) {
            meta.push(format!("{role}　{speaker}"));
        }
        meta.push(format!("（{}年{}月{}日）", date.y, date.m, date.d));
    }
    let salutation = r.chance(0.75).then(|| {
        r.pick(&[
            "同志们：",
            "同志们：",
            "同志们：",
            "各位代表、同志们：",
            "各位领导、同志们：",
        ])
        .to_string()
    });

    // Body, sized in UTF-8 bytes; GBK and UTF-16 take about 2/3 of that for Chinese.
    let utf8_target = if enc == 0 { target } else { target * 3 / 2 };
    g.body(utf8_target.saturating_sub(300));
    let r = &mut g.rng;

    // Omissions and a truncated tail, as scraped from member-only sites.
    let mut tail = None;
    if gaps {
        st.omissions += 1;
        let n_body = g.paras.len();
        for _ in 0..r.range(1, 3) {
            let i = r.below(n_body);
            let p = &mut g.paras[i];
            if p.kind != Kind::Body || p.text.chars().count() < 40 {
                continue;
            }
            let at = p
                .text
                .char_indices()
                .nth(p.text.chars().count() / 2)
                .unwrap()
                .0;
            let own_line = wrapped || r.chance(0.5);
            let mark = omission(r);
            let ins = if own_line {
                format!("\n{mark}\n")
            } else {
                mark
            };
            p.text.insert_str(at, &ins);
        }
        if r.chance(0.8) && g.paras.len() > 6 {
            st.truncated += 1;
            let total: usize = g.paras.iter().map(|p| nonspace_chars(&p.text)).sum();
            let keep = g.paras.len() * r.range(40, 80) / 100;
            g.paras.truncate(keep.max(3));
            let last = g.paras.last_mut().unwrap();
            let n = last.text.chars().count();
            let cut = last.text.char_indices().nth(n * 2 / 3).map_or(0, |x| x.0);
            if last.kind == Kind::Body && cut > 0 {
                last.text.truncate(cut);
            }
            let shown: usize = g.paras.iter().map(|p| nonspace_chars(&p.text)).sum();
            tail = Some(format!(
                " ……(未完,全文共{total}字,当前仅显示{shown}字,请阅读下面提示信息。\n收藏《{title}》)"
            ));
        }
    }

    let mut out = String::with_capacity(g.bytes + 4096);
    if front {
        st.front += 1;
        for _ in 0..r.range(2, 7) {
            let line = r
                .pick(&BOILERPLATE)
                .replace("{C}", r.pick(&CATEGORIES))
                .replace("{P}", place)
                .replace("{K}", &r.range(100, 99_999).to_string())
                .replace("{S}", r.pick(&SURNAMES))
                .replace("{G}", r.pick(&GIVEN));
            out.push_str(&line);
            out.push('\n');
            if r.chance(0.3) {
                out.push('\n');
            }
        }
        if r.chance(0.6) && !g.toc.is_empty() {
            st.toc += 1;
            out.push_str(if r.chance(0.5) {
                "目录/提纲:……\n"
            } else {
                "目录\n"
            });
            for (_, label) in g.toc.iter().take(30) {
                out.push_str(label);
                out.push('\n');
            }
            out.push_str("……\n");
        }
        for _ in 0..r.range(1, 3) {
            out.push('\n');
        }
    }
    for (i, h) in head.iter().enumerate() {
        if md && i == 0 {
            out.push_str("# ");
        }
        out.push_str(h);
        out.push('\n');
    }
    if blank_between || r.chance(0.5) {
        out.push('\n');
    }
    for m in &meta {
        out.push_str(m);
        out.push('\n');
    }
    if let Some(s) = &salutation {
        out.push_str(s);
        out.push('\n');
    }
    if blank_between && (!meta.is_empty() || salutation.is_some()) {
        out.push('\n');
    }
    let width = r.range(30, 40);
    let last = g.paras.len().saturating_sub(1);
    for (i, p) in g.paras.iter().enumerate() {
        if md {
            if let Kind::Heading(rank) = p.kind {
                out.push_str(if rank == 1 { "## " } else { "### " });
            }
        } else if indented {
            out.push_str("\u{3000}\u{3000}");
        }
        if wrapped {
            for (k, piece) in p.text.split('\n').enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                if piece.contains("省略") {
                    out.push_str(piece);
                } else {
                    wrap(piece, width, &mut out);
                }
            }
        } else {
            out.push_str(&p.text);
        }
        if i == last {
            if let Some(t) = &tail {
                out.push_str(t);
            }
        }
        out.push('\n');
        if blank_between && i != last {
            out.push('\n');
        }
    }
    let localize = |s: &str| {
        s.replace("全市", &format!("全{level}"))
            .replace("市委", &format!("{level}委"))
            .replace("XX", place)
    };
    let out = localize(&out);

    let yg = out.matches("一岗双责").count();
    if yg > 0 {
        st.yigang_files += 1;
        st.yigang_total += yg;
        if enc == 0 {
            st.yigang_utf8_files += 1;
        }
    }
    // After the count: 一岗双责 written 一崗雙責 is the same phrase to a folding search.
    let out = if traditional {
        st.traditional += 1;
        to_traditional(&out)
    } else {
        out
    };
    st.md += usize::from(md);
    st.wrapped += usize::from(wrapped);
    st.indented += usize::from(indented);
    st.large += usize::from(large);
    let bytes = match enc {
        1 => {
            st.gbk += 1;
            let crlf = out.replace('\n', "\r\n");
            let (b, _, unmappable) = encoding_rs::GBK.encode(&crlf);
            st.unmappable += usize::from(unmappable);
            b.into_owned()
        }
        2 => {
            st.utf16 += 1;
            let mut b = vec![0xFF, 0xFE];
            for u in out.encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        }
        _ => {
            st.utf8 += 1;
            out.into_bytes()
        }
    };

    // Where it goes: dated folders, organisations, categories, counties.
    let r = &mut g.rng;
    let mm = format!("{:02}", date.m);
    let dir: PathBuf = match r.below(100) {
        0..=54 => [date.y.to_string(), mm.clone()].iter().collect(),
        55..=74 => {
            let org = r.pick(&ORGS).replace('市', level);
            if r.chance(0.5) {
                [org, date.y.to_string()].iter().collect()
            } else {
                PathBuf::from(org)
            }
        }
        75..=89 => [r.pick(&CATEGORIES).to_string(), topic.to_string()]
            .iter()
            .collect(),
        _ => [
            "县区".to_string(),
            format!("{place}县"),
            r.pick(&ORGS).to_string(),
            date.y.to_string(),
        ]
        .iter()
        .collect(),
    };
    let ext = if md { "md" } else { "txt" };
    let stem = match r.below(10) {
        // The speech title; for the slogan form, the `——…讲话` line.
        0..=4 if slogan_form => localize(head.last().unwrap().trim_start_matches('—')),
        0..=4 => localize(&title),
        5..=7 => format!("{:03}_{:016x}", st.files % 1000, r.next_u64()),
        _ => format!("{}{mm}{:02}_{topic}", date.y, date.d),
    };
    // Unique by stem, not just by name: `a.txt` and `a.md` would share the id `a`.
    let mut id = dir.join(&stem);
    let mut k = 2;
    while !names.insert(id.clone()) {
        id = dir.join(format!("{stem}（{k}）"));
        k += 1;
    }
    let mut name = id.into_os_string();
    name.push(format!(".{ext}"));
    (PathBuf::from(name), bytes)
}

/// Share of speeches written in Traditional characters, as Hong Kong and Taiwan sites
/// publish them (and a copy of one is Traditional too): searches fold them
/// (`search.fold_script`), and the duplicate detection sketches them like any text.
const TRADITIONAL_SHARE: f64 = 0.05;

/// Simplified → Traditional by the reverse of OpenCC's character table (the one
/// `tigang::text::fold` folds with), a character's first Traditional form in the table's
/// order: 发 becomes 發 (never 髮), which is the common form, as a converter's first
/// choice is.
fn to_traditional(s: &str) -> String {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        let text = include_str!("../src/text/opencc/TSCharacters.txt");
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(t), Some(simp)) = (cols.next(), cols.next()) else {
                continue;
            };
            let (Some(t), Some(simp)) = (t.chars().next(), simp.split(' ').next()) else {
                continue;
            };
            let mut simp = simp.chars();
            if let (Some(c), None) = (simp.next(), simp.next()) {
                m.entry(c).or_insert(t);
            }
        }
        m
    });
    s.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect()
}

/// Another site's copy of a UTF-8 speech file: its boilerplate added, cut to 60–90%, or
/// re-wrapped with CRLF. `None` for other encodings (a copy is kept simple to make).
fn near_copy(bytes: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let out = match rng.below(3) {
        0 => format!(
            "首页 > 要闻 > 讲话\n来源：人民网　{}\n【字体：大 中 小】\n\n{text}\n\n（责任编辑：王{}）\n版权所有 © 人民网\n",
            ["2024-01-08", "2023-06-30", "2022-11-15"][rng.below(3)],
            ["伟", "芳", "静"][rng.below(3)]
        ),
        1 => {
            let n = text.chars().count() * rng.range(60, 90) / 100;
            text.chars().take(n).collect()
        }
        _ => {
            let mut out = String::new();
            for line in text.lines() {
                let chars: Vec<char> = line.chars().collect();
                for part in chars.chunks(rng.range(28, 40)) {
                    out.extend(part);
                    out.push_str("\r\n");
                }
                if chars.is_empty() {
                    out.push_str("\r\n");
                }
            }
            out
        }
    };
    Some(out.into_bytes())
}

/// Empty files, binary junk with NULs, an image renamed to .txt.
fn broken_file(rng: &mut Rng, k: usize) -> Vec<u8> {
    match k % 3 {
        0 => Vec::new(),
        1 => {
            let n = rng.range(500, 20_000);
            (0..n)
                .map(|i| if i % 16 == 7 { 0 } else { rng.next_u64() as u8 })
                .collect()
        }
        _ => {
            let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
            b.extend((0..rng.range(200, 4000)).map(|_| (rng.next_u64() % 7) as u8));
            b
        }
    }
}

/// Writes the corpus into `out`, returning the statistics.
fn generate(out: &Path, mb: f64, seed: u64) -> std::io::Result<Stats> {
    let pools = build_pools();
    let mut st = Stats::default();
    let mut master = Rng::new(seed);
    let budget = (mb * MIB) as u64;

    // A long tail of 2–40 KB files, and a few 1–5 MB monsters spread through the sequence.
    let n_large = (mb / 33.0) as usize;
    let large: Vec<usize> = (0..n_large)
        .map(|_| master.range(1 << 20, 19 << 18))
        .collect();
    let mut broken_at: Vec<u64> = (0..2 + (mb / 20.0) as usize)
        .map(|_| (master.unit() * budget as f64) as u64)
        .collect();
    broken_at.sort_unstable();
    let (mut next_large, mut next_broken) = (0, 0);

    let mut names = HashSet::new();
    let mut dirs = HashSet::new();
    let mut write = |path: &Path, bytes: &[u8], st: &mut Stats| -> std::io::Result<()> {
        let full = out.join(path);
        let dir = full.parent().unwrap().to_path_buf();
        if !dirs.contains(&dir) {
            std::fs::create_dir_all(&dir)?;
            dirs.insert(dir);
        }
        std::fs::write(&full, bytes)?;
        st.files += 1;
        st.bytes += bytes.len() as u64;
        Ok(())
    };
    let mut i = 0u64;
    while st.bytes < budget {
        let due = budget * (2 * next_large as u64 + 1) / (2 * n_large.max(1) as u64);
        let (size, is_large) = if next_large < n_large && st.bytes >= due {
            next_large += 1;
            (large[next_large - 1], true)
        } else {
            let size = (2048.0 * 20f64.powf(master.unit().powf(2.0))) as usize;
            (size, false)
        };
        // Each file has its own generator, so its content depends on its index alone.
        let rng = Rng::new(seed.wrapping_mul(0x9E37_79B9).wrapping_add(i));
        i += 1;
        let (path, bytes) = speech_file(&pools, rng, size, is_large, &mut names, &mut st);
        write(&path, &bytes, &mut st)?;
        // About one speech in 25 was saved from other sites too (the duplicate detection's
        // workload): one or two near-copies beside it.
        let mut crng = Rng::new(seed ^ 0xD0B1_E000 ^ i.wrapping_mul(0x9E37_79B9));
        if !is_large && crng.below(25) == 0 {
            for k in 0..crng.range(1, 2) {
                if let Some(copy) = near_copy(&bytes, &mut crng) {
                    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                    let site = ["xinhua", "people", "gov"][k];
                    let name = path.with_file_name(format!("{stem}_{site}.txt"));
                    if names.insert(name.with_extension("")) {
                        write(&name, &copy, &mut st)?;
                        st.copies += 1;
                    }
                }
            }
        }
        while next_broken < broken_at.len() && broken_at[next_broken] <= st.bytes {
            let k = next_broken;
            next_broken += 1;
            let mut rng = Rng::new(seed ^ 0xB40C_E000 ^ k as u64);
            let bytes = broken_file(&mut rng, k);
            let path = path.with_file_name(format!("broken_{k:02}.txt"));
            write(&path, &bytes, &mut st)?;
            st.broken += 1;
        }
    }
    st.dirs = dirs.len();
    Ok(st)
}

fn usage(code: i32) -> ! {
    eprintln!(
        "usage: gen_corpus OUT_DIR [--mb 100] [--seed 1]

Writes about MB megabytes of generated speeches into OUT_DIR, byte-identical for the same
arguments: UTF-8, GBK with CRLF and UTF-16 files, boilerplate, gaps, truncations, Markdown,
a few 1-5 MB files and some broken ones. About one speech in 25 gets one or two
near-duplicate copies (NAME_xinhua.txt, NAME_people.txt: other boilerplate, cut to 60-90%,
or re-wrapped), which `tigang list --duplicates` and `cargo bench --bench dups` group; one
speech in 20 is in Traditional characters (OpenCC's table reversed), which searches fold
to Simplified. OUT_DIR is replaced only if gen_corpus made it (it holds .gen_corpus)."
    );
    std::process::exit(code);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut mb = 100.0f64;
    let mut seed = 1u64;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--mb" => {
                mb = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage(2))
            }
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage(2))
            }
            "-h" | "--help" => usage(0),
            _ if out.is_none() && !a.starts_with('-') => out = Some(PathBuf::from(a)),
            _ => usage(2),
        }
    }
    let Some(out) = out else { usage(2) };
    if mb.is_nan() || mb <= 0.0 {
        usage(2);
    }

    // Only ever delete a folder this program made.
    if out.exists() {
        let ours = out.join(STAMP).exists();
        let empty = std::fs::read_dir(&out).is_ok_and(|mut d| d.next().is_none());
        if ours {
            std::fs::remove_dir_all(&out).expect("removing the old corpus");
        } else if !empty {
            eprintln!(
                "gen_corpus: {} exists and was not made by gen_corpus (no {STAMP}); refusing to touch it",
                out.display()
            );
            std::process::exit(2);
        }
    }
    std::fs::create_dir_all(&out).expect("creating the output folder");
    std::fs::write(out.join(STAMP), "incomplete\n").expect("writing the stamp");

    let t = Instant::now();
    let st = match generate(&out, mb, seed) {
        Ok(st) => st,
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", out.display());
            std::process::exit(1);
        }
    };
    let secs = t.elapsed().as_secs_f64();
    let params = format!("gen_corpus v3 mb={mb} seed={seed}\n");
    std::fs::write(out.join(STAMP), &params).expect("writing the stamp");

    let mut s = String::new();
    let _ = writeln!(
        s,
        "gen_corpus: {} files in {} folders, {} bytes ({:.1} MiB) in {}, {:.2} s",
        st.files,
        st.dirs,
        st.bytes,
        st.bytes as f64 / MIB,
        out.display(),
        secs
    );
    let _ = writeln!(
        s,
        "  encodings: utf-8 {} (md {}), gbk+crlf {} ({} with unmappable chars), utf-16le+bom {}",
        st.utf8, st.md, st.gbk, st.unmappable, st.utf16
    );
    let _ = writeln!(
        s,
        "  hard-wrapped {}, front matter {} (with toc {}), omissions {} (truncated {}), u+3000 indent {}",
        st.wrapped, st.front, st.toc, st.omissions, st.truncated, st.indented
    );
    let _ = writeln!(
        s,
        "  large (1-5 MB) {}, broken {}, near-duplicate copies {}, traditional characters {}",
        st.large, st.broken, st.copies, st.traditional
    );
    let _ = writeln!(
        s,
        "  一岗双责: {} occurrences in {} files ({} of them utf-8)",
        st.yigang_total, st.yigang_files, st.yigang_utf8_files
    );
    print!("{s}");
}
