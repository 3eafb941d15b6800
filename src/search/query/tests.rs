use super::*;
use crate::text::fold::fold_char;
use proptest::prelude::*;

fn q(input: &str) -> Query {
    Query::parse(input).unwrap().unwrap()
}

fn all(query: &str, text: &str) -> Vec<Range<usize>> {
    q(query).find_iter(text).collect()
}

fn matched<'t>(query: &str, text: &'t str) -> Vec<&'t str> {
    all(query, text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn fold_char_classes() {
    for (wide, narrow) in [
        ('，', ','),
        ('（', '('),
        ('）', ')'),
        ('：', ':'),
        ('；', ';'),
        ('！', '!'),
        ('？', '?'),
        ('．', '.'),
        ('１', '1'),
        ('～', '~'),
        ('＂', '"'),
        ('\u{3000}', ' '),
        ('“', '"'),
        ('”', '"'),
        ('‘', '\''),
        ('’', '\''),
        ('｡', '。'),
        ('､', '、'),
    ] {
        assert_eq!(fold_char(wide), narrow, "{wide}");
        assert_eq!(fold_char(narrow), narrow, "{narrow}");
    }
    for c in ['a', 'A', 'ａ', 'Ａ'] {
        assert_eq!(fold_char(c), 'a');
    }
    assert_eq!(fold_char('É'), 'é');
    assert_eq!(fold_char('中'), '中');
}

#[test]
fn not_folded() {
    assert_ne!(fold_char('。'), fold_char('.'));
    assert_ne!(fold_char('、'), fold_char(','));
    assert_ne!(fold_char('「'), fold_char('"'));
    assert_ne!(fold_char('—'), fold_char('-'));
    assert!(all("。", "a.b").is_empty());
    assert!(all(".", "甲。乙").is_empty());
    assert!(all("、", "甲,乙").is_empty());
    assert!(all(",", "甲、乙").is_empty());
    assert!(all("一", "1").is_empty());
}

#[test]
fn every_fullwidth_ascii_matches_both_ways() {
    for n in 0x21u32..=0x7E {
        let narrow = char::from_u32(n).unwrap().to_string();
        let wide = char::from_u32(n + 0xFEE0).unwrap().to_string();
        assert_eq!(all(&narrow, &wide), vec![0..wide.len()], "{narrow}");
        assert_eq!(all(&wide, &narrow), vec![0..1], "{wide}");
    }
}

#[test]
fn cjk_phrase() {
    let text = "要落实一岗双责，做到一岗双责。";
    assert_eq!(all("一岗双责", text), vec![9..21, 30..42]);
    assert!(all("一岗三责", text).is_empty());
}

#[test]
fn mixed_digits_and_punctuation() {
    assert_eq!(matched("1.5倍", "增长１．５倍以上"), ["１．５倍"]);
    assert_eq!(matched("１．５倍", "增长1.5倍"), ["1.5倍"]);
    assert_eq!(matched("1.5倍", "增长1。5倍").len(), 0);
    assert_eq!(matched("（一）", "(一)总体要求"), ["(一)"]);
    assert_eq!(matched("(一)", "（一）总体要求"), ["（一）"]);
}

#[test]
fn latin_case_and_width() {
    let text = "GDP，gdp，ＧＤＰ，ｇｄｐ，Gdp";
    assert_eq!(q("gdp").count(text), 5);
    assert_eq!(q("ＧＤＰ").count(text), 5);
    assert_eq!(matched("é", "CAFÉ"), ["É"]);
}

#[test]
fn curly_and_straight_quotes() {
    assert_eq!(matched("\"两个确立\"", "“两个确立”"), ["“两个确立”"]);
    assert_eq!(matched("“两个确立”", "\"两个确立\""), ["\"两个确立\""]);
    assert_eq!(matched("'x'", "‘x’"), ["‘x’"]);
}

#[test]
fn empty_and_one_char() {
    assert!(Query::parse("").unwrap().is_none());
    assert!(Query::parse("re:").unwrap().is_none());
    assert_eq!(all("的", "我的你的"), vec![3..6, 9..12]);
    assert_eq!(all("，", "a,b，c"), vec![1..2, 3..6]);
}

#[test]
fn overlapping() {
    let query = q("啊啊");
    let text = "啊啊啊";
    assert_eq!(query.find_iter(text).collect::<Vec<_>>(), vec![0..6]);
    assert_eq!(query.count(text), 1);
    assert_eq!(query.find_at(text, 0), Some(0..6));
    assert_eq!(query.next_from(text, 0), Some(3..9));
    assert_eq!(query.next_from(text, 3), None);
    assert_eq!(query.prev_before(text, 3), Some(0..6));
}

#[test]
fn navigation_leaves_wrapping_to_caller() {
    let query = q("发展");
    let text = "发展是第一要务，高质量发展，创新发展";
    let starts: Vec<usize> = query.find_iter(text).map(|r| r.start).collect();
    assert_eq!(starts.len(), 3);
    assert_eq!(query.next_from(text, starts[0]).unwrap().start, starts[1]);
    assert_eq!(query.next_from(text, starts[2]), None);
    assert_eq!(query.find_at(text, 0).unwrap().start, starts[0]);
    assert_eq!(query.prev_before(text, starts[1]).unwrap().start, starts[0]);
    assert_eq!(query.prev_before(text, starts[0]), None);
    assert_eq!(
        query.prev_before(text, text.len()).unwrap().start,
        starts[2]
    );
    // Positions inside a char, or past the end, are tolerated.
    assert_eq!(query.next_from(text, 1).unwrap().start, starts[1]);
    assert_eq!(query.find_at(text, 1).unwrap().start, starts[1]);
    assert_eq!(query.next_from(text, 10_000), None);
    assert_eq!(query.prev_before(text, 10_000).unwrap().start, starts[2]);
}

#[test]
fn prev_before_far_away() {
    let filler = "无关内容。".repeat(10_000);
    let text = format!("目标{filler}目标{filler}");
    let query = q("目标");
    let second = 6 + filler.len();
    assert_eq!(query.prev_before(&text, text.len()).unwrap().start, second);
    assert_eq!(query.prev_before(&text, second).unwrap().start, 0);
}

#[test]
fn regex_mode() {
    let query = q("re:第[一二三]条");
    assert!(query.is_regex());
    assert!(!q("第一条").is_regex());
    assert_eq!(
        matched("re:第[一二三]条", "第一条、第四条、第三条"),
        ["第一条", "第三条"]
    );
    assert_eq!(matched("re:gdp|cpi", "GDP与CPI"), ["GDP", "CPI"]);
    assert_eq!(matched("re：\\d+年", "2024年"), ["2024年"]);
    assert_eq!(matched("re:^一", "一是\n二是\n一则"), ["一", "一"]);
    // Empty matches are dropped, not reported as zero-width hits.
    assert_eq!(matched("re:a*", "baab"), ["aa"]);
    assert!(q("re:\\b").find_at("ab", 0).is_none());
}

#[test]
fn regex_specials_are_literal_without_prefix() {
    assert_eq!(matched("a.b(", "a.b( axb("), ["a.b("]);
    assert_eq!(matched("[x]*", "[x]*"), ["[x]*"]);
    assert_eq!(matched("\\re:x", "see re:x"), ["re:x"]);
    assert!(!q("\\re:x").is_regex());
    assert_eq!(matched("\\d", "\\d 1"), ["\\d"]);
}

#[test]
fn regex_errors_are_one_line() {
    for bad in [
        "re:(abc",
        "re:a{1000}{1000}",
        "re:[z-a]",
        "re:*a",
        "re:\\",
        "re:(?P<x>a)(?P<x>b)",
    ] {
        let err = Query::parse(bad).unwrap_err();
        let msg = err.to_string();
        assert!(!msg.is_empty() && !msg.contains('\n'), "{bad}: {msg:?}");
    }
    let err = Query::parse("re:(abc").unwrap_err();
    assert_eq!(err.message(), "bad regex at column 4: unclosed group");
    let err = Query::parse("re:a{1000}{1000}").unwrap_err();
    assert!(err.message().starts_with("regex too big"), "{err}");
}

#[test]
fn whitespace_runs() {
    let text = "习近平 \u{3000}\t总书记\n指出";
    assert_eq!(matched("习近平 总书记", text), ["习近平 \u{3000}\t总书记"]);
    assert_eq!(matched("习近平\u{3000}\u{3000}总书记", text).len(), 1);
    assert!(matched("习近平总书记", text).is_empty());
    assert!(
        matched("总书记 指出", text).is_empty(),
        "never across a line break"
    );
}

#[test]
fn snippet_on_multibyte_text() {
    let text = "第一段。\n我们要坚持一岗双责的要求，落实到位。\n第三段";
    let m = q("一岗双责").find_at(text, 0).unwrap();
    let (win, rel) = snippet(text, m.clone(), 3);
    assert_eq!(&text[win.clone()], "要坚持一岗双责的要求");
    assert_eq!(
        &text[win.start + rel.start..win.start + rel.end],
        "一岗双责"
    );
    let (win, _) = snippet(text, m.clone(), 100);
    assert_eq!(&text[win], "我们要坚持一岗双责的要求，落实到位。");
    let (win, rel) = snippet(text, m.clone(), 0);
    assert_eq!(win, m);
    assert_eq!(rel, 0..m.len());
    // Ranges off char boundaries or past the end are clamped, not a panic.
    let (win, _) = snippet(text, 1..10_000, 2);
    assert!(text.is_char_boundary(win.start) && win.end == text.len());
}

const CJK: &[char] = &['啊', '的', '一', '岗', '双', '责', '。', '，'];
const MIXED: &[char] = &[
    '啊', '的', 'a', 'A', 'ａ', 'Ａ', ',', '，', '.', '．', '。', '、', '"', '“', '”', '1', '１',
    '(', '（', 'é', 'É',
];

fn string_of(alphabet: &'static [char], len: Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(alphabet), len).prop_map(|v| v.into_iter().collect())
}

fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

proptest! {
    #[test]
    fn cjk_needle_matches_like_match_indices(
        hay in string_of(CJK, 1..60),
        a in 0usize..60,
        len in 1usize..5,
    ) {
        let chars: Vec<char> = hay.chars().collect();
        let a = a % chars.len();
        let needle: String = chars[a..(a + len).min(chars.len())].iter().collect();
        let expected: Vec<Range<usize>> = hay
            .match_indices(needle.as_str())
            .map(|(i, s)| i..i + s.len())
            .collect();
        prop_assert_eq!(all(&needle, &hay), expected);
    }

    #[test]
    fn folding_matches_naive_folded_search(
        hay in string_of(MIXED, 0..40),
        needle in string_of(MIXED, 1..4),
    ) {
        let fold = |s: &str| s.chars().map(fold_char).collect::<String>();
        let (fh, fnd) = (fold(&hay), fold(&needle));
        let expected: Vec<usize> = fh
            .match_indices(fnd.as_str())
            .map(|(i, _)| char_index(&fh, i))
            .collect();
        let got: Vec<usize> = all(&needle, &hay)
            .into_iter()
            .map(|r| char_index(&hay, r.start))
            .collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn arbitrary_queries_never_panic(
        input in prop_oneof![
            "\\PC{0,12}",
            "(re:)?[\\\\()\\[\\]{}*+?|^$.a-c0-9,-]{0,12}",
        ],
        hay in "\\PC{0,40}",
        pos in 0usize..200,
    ) {
        if let Ok(Some(query)) = Query::parse(&input) {
            for r in query.find_iter(&hay) {
                prop_assert!(r.start < r.end);
                prop_assert!(hay.is_char_boundary(r.start) && hay.is_char_boundary(r.end));
            }
            for r in [
                query.find_at(&hay, pos),
                query.next_from(&hay, pos),
                query.prev_before(&hay, pos),
            ]
            .into_iter()
            .flatten()
            {
                prop_assert!(hay.is_char_boundary(r.start) && hay.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn next_and_prev_walk_every_match_start(
        hay in string_of(CJK, 0..40),
        needle in string_of(CJK, 1..3),
    ) {
        let query = q(&needle);
        let starts: Vec<usize> = hay.match_indices(needle.as_str()).map(|(i, _)| i).collect();
        // Every start, overlapping ones included.
        let every: Vec<usize> = (0..hay.len())
            .filter(|&i| hay.is_char_boundary(i) && hay[i..].starts_with(needle.as_str()))
            .collect();
        prop_assert!(starts.iter().all(|s| every.contains(s)));
        let mut forward = Vec::new();
        let mut cur = query.find_at(&hay, 0);
        while let Some(r) = cur {
            forward.push(r.start);
            cur = query.next_from(&hay, r.start);
        }
        prop_assert_eq!(&forward, &every);
        let mut backward = Vec::new();
        let mut cur = query.prev_before(&hay, hay.len());
        while let Some(r) = cur {
            backward.push(r.start);
            cur = query.prev_before(&hay, r.start);
        }
        backward.reverse();
        prop_assert_eq!(backward, every);
    }

    #[test]
    fn snippet_stays_in_bounds(
        hay in "[啊的\n。a ]{0,40}",
        a in 0usize..200,
        b in 0usize..200,
        side in 0usize..6,
    ) {
        let (win, rel) = snippet(&hay, a.min(b)..a.max(b), side);
        prop_assert!(hay.is_char_boundary(win.start) && hay.is_char_boundary(win.end));
        prop_assert!(rel.start <= rel.end && rel.end <= win.len());
        let before = &hay[win.start..win.start + rel.start];
        let after = &hay[win.start + rel.end..win.end];
        prop_assert!(!before.contains('\n') && !after.contains('\n'));
        prop_assert!(before.chars().count() <= side && after.chars().count() <= side);
    }
}

#[test]
fn simplified_and_traditional_find_each_other_on_the_original_characters() {
    let trad = "一九二一年，廣州共產黨早期組織成立。";
    let r = all("广州共产党", trad);
    assert_eq!(r.len(), 1);
    assert_eq!(
        &trad[r[0].clone()],
        "廣州共產黨",
        "highlighted on the text as written"
    );
    let simp = "一九二一年，广州共产党早期组织成立。";
    assert_eq!(matched("廣州共產黨", simp), vec!["广州共产党"]);
    // Mixed scripts in one text, and in one query.
    let mixed = "在廣州，在广州，在廣州";
    assert_eq!(all("广州", mixed).len(), 3);
    assert_eq!(all("廣州", mixed).len(), 3);
    assert_eq!(matched("廣州，在广", mixed), vec!["廣州，在广"]);
    // Two Traditional forms of one Simplified character (發/髮 → 发).
    assert_eq!(matched("头发", "頭髮與頭發"), vec!["頭髮", "頭發"]);
}

#[test]
fn script_folding_can_be_turned_off() {
    let off = Query::parse_with("广州", false).unwrap().unwrap();
    assert_eq!(off.find_iter("廣州").count(), 0);
    assert_eq!(off.find_iter("广州").count(), 1);
}

#[test]
fn queries_without_script_variants_compile_as_before() {
    // ASCII and characters with no other script form: the same regex, so the literal
    // scanners see exactly what they saw without folding.
    for query in ["abc 12", "的是在和", "，。、", "re"] {
        let on = Query::parse_with(query, true).unwrap().unwrap();
        let off = Query::parse_with(query, false).unwrap().unwrap();
        assert_eq!(on.pattern(), off.pattern(), "{query}");
    }
    // A character with variants becomes a class.
    let on = Query::parse_with("广", true).unwrap().unwrap();
    assert!(on.pattern().contains("\\x{5E7F}") && on.pattern().contains("\\x{5EE3}"));
}
