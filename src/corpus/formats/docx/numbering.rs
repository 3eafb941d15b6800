//! Word's automatic numbering (`numbering.xml`): levels, starts and overrides, and the
//! number formats (`chineseCounting`, `decimalFullWidth`, …) written out as text.

use super::*;

#[derive(Debug, Clone, Default)]
pub(super) struct Level {
    pub(super) start: u32,
    pub(super) fmt: String,
    pub(super) text: String,
    pub(super) suffix: String,
    /// `w:lvlRestart` 0: never restarts.
    pub(super) no_restart: bool,
    pub(super) legal: bool,
}

/// A `w:lvlOverride`: a new start, or a whole level.
type Override = (Option<u32>, Option<Level>);

#[derive(Debug, Default)]
pub(super) struct Numbering {
    pub(super) abstracts: HashMap<u32, HashMap<u8, Level>>,
    /// numId → (abstractNumId, level overrides).
    pub(super) nums: HashMap<u32, (u32, HashMap<u8, Override>)>,
}

impl Numbering {
    pub(super) fn parse(xml: &[u8]) -> Result<Numbering, FormatError> {
        let mut x = Xml::new(xml, KIND);
        let mut n = Numbering::default();
        // What is open: an abstractNum or a num, the override level, the level.
        let mut abs: Option<(u32, HashMap<u8, Level>)> = None;
        let mut num: Option<(u32, u32, HashMap<u8, Override>)> = None;
        let mut over: Option<(u8, Option<u32>, Option<Level>)> = None;
        let mut lvl: Option<(u8, Level)> = None;
        let val = |e: &quick_xml::events::BytesStart| attr(e, b"val");
        let num_val = |e: &quick_xml::events::BytesStart| val(e).and_then(|v| v.parse().ok());
        while let Some(ev) = x.next()? {
            match ev {
                Ev::Start { e, empty } => match local(&e).as_slice() {
                    b"abstractNum" if !empty => {
                        abs = attr(&e, b"abstractNumId")
                            .and_then(|v| v.parse().ok())
                            .map(|id| (id, HashMap::new()));
                    }
                    b"num" if !empty => {
                        num = attr(&e, b"numId")
                            .and_then(|v| v.parse().ok())
                            .map(|id| (id, u32::MAX, HashMap::new()));
                    }
                    b"abstractNumId" => {
                        if let (Some(n), Some(v)) = (&mut num, num_val(&e)) {
                            n.1 = v;
                        }
                    }
                    b"lvlOverride" if !empty => {
                        over = attr(&e, b"ilvl")
                            .and_then(|v| v.parse().ok())
                            .map(|l| (l, None, None));
                    }
                    b"startOverride" => {
                        if let Some(o) = &mut over {
                            o.1 = num_val(&e);
                        }
                    }
                    b"lvl" if !empty => {
                        lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).map(|l| {
                            (
                                l,
                                Level {
                                    start: 1,
                                    fmt: "decimal".into(),
                                    suffix: "tab".into(),
                                    ..Level::default()
                                },
                            )
                        });
                    }
                    b"start" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, num_val(&e)) {
                            l.start = v;
                        }
                    }
                    b"numFmt" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, val(&e)) {
                            l.fmt = v;
                        }
                    }
                    b"lvlText" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, val(&e)) {
                            l.text = v;
                        }
                    }
                    b"suff" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, val(&e)) {
                            l.suffix = v;
                        }
                    }
                    b"lvlRestart" => {
                        if let Some((_, l)) = &mut lvl {
                            l.no_restart = val(&e).is_some_and(|v| v == "0");
                        }
                    }
                    b"isLgl" => {
                        if let Some((_, l)) = &mut lvl {
                            l.legal = val(&e).is_none_or(|v| v != "0" && v != "false");
                        }
                    }
                    b"pPr" | b"rPr" if !empty => x.skip()?,
                    _ => {}
                },
                Ev::End(name) => match name.as_slice() {
                    b"lvl" => {
                        if let Some((i, l)) = lvl.take() {
                            if let Some(o) = &mut over {
                                o.2 = Some(l);
                            } else if let Some((_, levels)) = &mut abs {
                                levels.insert(i, l);
                            }
                        }
                    }
                    b"lvlOverride" => {
                        if let (Some((i, start, l)), Some(nm)) = (over.take(), &mut num) {
                            nm.2.insert(i, (start, l));
                        }
                    }
                    b"abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            n.abstracts.insert(id, levels);
                        }
                    }
                    b"num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(n)
    }

    pub(super) fn level(&self, num_id: u32, ilvl: u8) -> Option<Level> {
        let (a, overrides) = self.nums.get(&num_id)?;
        if let Some((_, Some(l))) = overrides.get(&ilvl) {
            return Some(l.clone());
        }
        let mut l = self.abstracts.get(a)?.get(&ilvl)?.clone();
        if let Some((Some(start), None)) = overrides.get(&ilvl) {
            l.start = *start;
        }
        Some(l)
    }
}

pub(super) const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `n` in Word's number format `fmt`.
pub(super) fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => {
            if fmt == "ideographDigital" {
                n.to_string()
                    .chars()
                    .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
                    .collect()
            } else {
                chinese(n)
            }
        }
        "chineseLegalSimplified" => chinese(n)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                '千' => '仟',
                o => o,
            })
            .collect(),
        "ideographTraditional" => ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸']
            .get((n as usize).wrapping_sub(1) % 10)
            .map_or_else(|| n.to_string(), |c| c.to_string()),
        "ideographZodiac" => [
            '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
        ]
        .get((n as usize).wrapping_sub(1) % 12)
        .map_or_else(|| n.to_string(), |c| c.to_string()),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).unwrap().to_string()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).unwrap().to_string()
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n - 1).unwrap().to_string()
        }
        "ideographEnclosedCircle" if (1..=10).contains(&n) => {
            char::from_u32(0x3220 + n - 1).unwrap().to_string()
        }
        "upperLetter" | "lowerLetter" => {
            let base = if fmt == "upperLetter" { b'A' } else { b'a' };
            let n = n.max(1) - 1;
            let c = (base + (n % 26) as u8) as char;
            c.to_string().repeat(n as usize / 26 + 1)
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            if fmt == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub(super) fn chinese(n: u32) -> String {
    if n == 0 {
        return "零".into();
    }
    if n >= 100_000 {
        return n.to_string();
    }
    let units = ['\0', '十', '百', '千', '万'];
    let digits: Vec<u32> = n
        .to_string()
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let len = digits.len();
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = units[len - 1 - i];
        if d == 0 {
            zero = true;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十二, not 一十二, at the front.
        if !(d == 1 && unit == '十' && i == 0) {
            out.push(DIGITS[d as usize]);
        }
        if unit != '\0' {
            out.push(unit);
        }
    }
    out
}

pub(super) fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}
