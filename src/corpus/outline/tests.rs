//! Outline engine tests: each rule of spec §4–§5 and §7 on a short literal.

use super::*;
use crate::corpus::numbering::point_marker;
use crate::corpus::Speech;

fn dump(src: &str) -> Vec<String> {
    let s = Speech::parse("t", src);
    s.headings
        .iter()
        .map(|h| format!("{} {} {}", h.depth, s.heading_marker(h), s.heading_text(h)))
        .collect()
}

fn body(s: &str) -> String {
    format!("在会议上的讲话\n\n{s}\n")
}

#[test]
fn markdown_headings_in_a_speech() {
    let src = "# 在全市工作会议上的讲话\n\n同志们：\n\n## 一 总体要求\n开篇正文。一是抓学习，二是抓落实。\n### （一）指导思想\n正文。\n### 二 基本原则 ###\n#### 1. 坚持党的领导\n## 二、主要任务\n正文。\n";
    let s = Speech::parse("t", src);
    assert_eq!(s.title, "在全市工作会议上的讲话");
    assert_eq!(
        dump(src),
        vec![
            "1 一 总体要求",
            "2 一是 抓学习",
            "2 二是 抓落实",
            "2 （一） 指导思想",
            "2 二 基本原则",
            "3 1. 坚持党的领导",
            "1 二、 主要任务",
        ]
    );
    // The `#`s are not in the text, so the marker starts the paragraph.
    let h = &s.headings[0];
    assert_eq!(h.offset, 0);
    assert_eq!(s.heading_label(0), "一 总体要求");
    assert_eq!(s.heading_label(3), "（一）指导思想");
    assert!(s
        .headings
        .iter()
        .all(|h| !s.heading_marker(h).contains('#')));
}

#[test]
fn footnote_marks_make_no_headings_and_keep_numbering() {
    // `⑴` after a word is a footnote mark, and a paragraph opening with that mark is the
    // footnote's text; `(21)` after a word leaves the heading text (spec §7.3).
    let d = dump(&body("一、总体要求⑴\n⑴这是注释。\n（1）统筹推进⒅。\n(2)协调发展(21)。\n二、主要任务(3)\n工作要抓实。⒅二是接着说。一是抓学习。⑵二是抓落实。(22)三是抓作风。\n⒈不是编号"));
    assert_eq!(
        d,
        vec![
            "1 一、 总体要求",
            "2 （1） 统筹推进",
            "2 (2) 协调发展",
            "1 二、 主要任务",
            "2 一是 抓学习",
            "2 二是 抓落实",
            "2 三是 抓作风",
        ]
    );
}

#[test]
fn paragraph_opening_rank4_number_must_continue_or_start() {
    // (20) then (21): a list continued. (21) out of the blue: a footnote, not a heading.
    let d = dump(&body("1.第一项\n(1)一\n（2）二\n(4)跳号的注释。\n（3）三"));
    assert_eq!(
        d,
        vec!["1 1. 第一项", "2 (1) 一", "2 （2） 二", "2 （3） 三"]
    );
    let mut src = String::from("1.第一项\n");
    for k in 1..=21 {
        src.push_str(&format!("({k})第{k}条\n"));
    }
    src.push_str("(21)第二十一条的注释。\n2.第二项\n(21)见某某文件。\n(1)重新开始\n(3)跳号");
    let d = dump(&body(&src));
    assert_eq!(d.len(), 1 + 21 + 2, "{d:?}");
    assert_eq!(d[21], "2 (21) 第21条");
    assert_eq!(d[22], "1 2. 第二项");
    assert_eq!(d[23], "2 (1) 重新开始");
    // A first `(19)` does not start a list either.
    let d = dump(&body("(19)十九\n(20)二十"));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn circle_as_zero_in_years() {
    let d = dump(&body("一九九○年，我们开始改革。二○○○年是新的起点。\n一、一九九○年以来的工作\n二○○一年要继续努力，一是稳增长，二是调结构。\n二、一九九一年的任务\n（一）九○年代的目标\n三○、不是标题"));
    assert_eq!(
        d,
        vec![
            "1 一、 一九九○年以来的工作",
            "2 一是 稳增长",
            "2 二是 调结构",
            "1 二、 一九九一年的任务",
            "2 （一） 九○年代的目标",
        ]
    );
    assert_eq!(structural_at("一、一九九○年以来"), Some((1, 1, 6)));
    assert_eq!(structural_at("一、二○○一年的任务"), Some((1, 1, 6)));
    assert_eq!(structural_at("一、一九九一年的任务"), Some((1, 1, 6)));
    // At a line start a numeral word may follow (`二、三大纪律如下`); inside a sentence not.
    assert!(structural_at("一、二三线城市").is_some());
    assert!(crate::corpus::numbering::numbered_at("一、二三线城市", false).is_none());
    assert_eq!(structural_at("一九九○年、"), None);
    assert_eq!(point_marker("二○○○年是"), None);
}

#[test]
fn structural_depths_follow_open_headings() {
    let d = dump("一、总体要求\n（一）指导思想\n1.坚持党的领导\n（1）提高站位\n（2）强化担当\n2.坚持人民至上\n二、主要任务\n１．直接在一级下");
    assert_eq!(
        d,
        vec![
            "1 一、 总体要求",
            "2 （一） 指导思想",
            "3 1. 坚持党的领导",
            "4 （1） 提高站位",
            "4 （2） 强化担当",
            "3 2. 坚持人民至上",
            "1 二、 主要任务",
            "2 １． 直接在一级下",
        ]
    );
}

#[test]
fn heading_text_stops_at_sentence_end() {
    let d = dump(&body(
        "一、提高政治站位，扎实做好组织协调工作。在全党部署开展主题教育。",
    ));
    assert_eq!(d, vec!["1 一、 提高政治站位，扎实做好组织协调工作"]);
}

#[test]
fn glued_heading_accepted_only_when_continuing_numbering() {
    let d = dump(&body(
        "一、第一部分。正文。二、第二部分。正文说到三、这不是。正文。四、也不是因为跳号。",
    ));
    assert_eq!(d, vec!["1 一、 第一部分", "1 二、 第二部分"]);
}

#[test]
fn points_basic_and_text() {
    let d = dump(&body(
        "具体要做到“四勤”：一是勤思考，要常动脑筋；二是勤转悠，要熟悉情况；三是勤谈心；四是勤解决。",
    ));
    assert_eq!(
        d,
        vec![
            "1 一是 勤思考",
            "1 二是 勤转悠",
            "1 三是 勤谈心",
            "1 四是 勤解决"
        ]
    );
    let s = Speech::parse(
        "t",
        &body("具体要做到“四勤”：一是勤思考，要常；二是勤转悠。"),
    );
    let label = s.headings[0].label.clone().unwrap();
    assert_eq!(&s.text[label], "具体要做到“四勤”");
}

#[test]
fn false_positives_inside_words() {
    let d = dump(&body(
        "这是统一是非标准的问题。唯一是靠实干。其中之一是学习。这一要求很高。要第一时间报告，第一书记要带头，第一个到场。",
    ));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn idiom_yi_shi_yi_is_not_a_point() {
    let d = dump(&body(
        "工作要一是一，二是二，不能含糊。说话要实在，一是一、二是二。",
    ));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn quoted_slogan_is_not_a_point() {
    let d = dump(&body("当年提出“一要吃饭，二要建设”的方针。"));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn shouxian_zuihou_are_never_markers() {
    let d = dump(&body(
        "首先是党的书记，其次是干部。最后一公里要打通，最后是总结。",
    ));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn one_point_five_is_not_a_heading() {
    let d = dump(&body("1.5倍的增长令人瞩目。\n2.5亿元的投资到位了。"));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn single_item_sequence_is_dropped() {
    let d = dump(&body("一是只有一项的列表。后面没有了。"));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn orphan_continuation_is_dropped() {
    let d = dump(&body("三是没有开头。四是也没有。"));
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn nested_sequences_and_closing() {
    // Seed 002: 第一，…第四， under 三是; 四是 closes it and continues the outer list.
    let d = dump(&body(
        "一是甲需要。二是乙需要。三是丙需要：第一，城市管理僵化。第二，本领不足。四是丁需要：第一要熟悉党章；第二要明确职责。",
    ));
    assert_eq!(
        d,
        vec![
            "1 一是 甲需要",
            "1 二是 乙需要",
            "1 三是 丙需要",
            "2 第一 城市管理僵化",
            "2 第二 本领不足",
            "1 四是 丁需要",
            "2 第一要 熟悉党章",
            "2 第二要 明确职责",
        ]
    );
}

#[test]
fn inline_list_closes_with_its_sentence_and_next_is_sibling() {
    let d = dump(&body(
        "要做到：一是跟上新形势，二是学习新知识。接着：一是戒粗心；二是戒麻痹。",
    ));
    assert_eq!(
        d,
        vec![
            "1 一是 跟上新形势",
            "1 二是 学习新知识",
            "1 一是 戒粗心",
            "1 二是 戒麻痹"
        ]
    );
}

#[test]
fn same_family_restart_is_a_sibling_list() {
    let d = dump(&body(
        "一是甲甲。二是乙乙。\n再讲几点。一是丙丙。二是丁丁。",
    ));
    assert_eq!(
        d,
        vec!["1 一是 甲甲", "1 二是 乙乙", "1 一是 丙丙", "1 二是 丁丁"]
    );
}

#[test]
fn points_under_structural_headings() {
    let d = dump(&body(
        "一、提高站位\n一要当好参谋。二要精心组织。\n二、从严从实\n一要把握重点。二要落实要求。",
    ));
    assert_eq!(
        d,
        vec![
            "1 一、 提高站位",
            "2 一要 当好参谋",
            "2 二要 精心组织",
            "1 二、 从严从实",
            "2 一要 把握重点",
            "2 二要 落实要求",
        ]
    );
}

#[test]
fn di_family_variants() {
    let d = dump(&body("有三点：第一、要清醒。第二：要坚定。第三,要务实。"));
    assert_eq!(d, vec!["1 第一 要清醒", "1 第二 要坚定", "1 第三 要务实"]);
}

#[test]
fn dropped_parent_reparents_children() {
    // 一是 has no 二是, so it is dropped; its nested list moves up a level.
    let d = dump(&body("一是总的要求：第一，要清醒。第二，要坚定。"));
    assert_eq!(d, vec!["1 第一 要清醒", "1 第二 要坚定"]);
}

#[test]
fn offsets_and_positions() {
    let s = Speech::parse("t", &body("前言。一是甲甲甲。二是乙乙乙。"));
    let h = &s.headings[1];
    assert_eq!(h.offset, 9);
    assert_eq!(s.heading_marker(h), "二是");
    assert_eq!(s.para_text(h.para).chars().nth(h.offset), Some('二'));
}

fn checks(src: &str) -> Vec<crate::corpus::CheckKind> {
    Speech::parse("t", src)
        .checks
        .iter()
        .map(|c| c.kind)
        .collect()
}

// ---- Spec §7.1: levels come from the text ----

#[test]
fn inverted_order_puts_paren_above_comma() {
    let d = dump(&body(
        "（一）总体部署\n正文。\n一、细则甲\n正文。\n二、细则乙\n正文。\n（二）分项任务\n正文。",
    ));
    assert_eq!(
        d,
        vec![
            "1 （一） 总体部署",
            "2 一、 细则甲",
            "2 二、 细则乙",
            "1 （二） 分项任务"
        ]
    );
}

#[test]
fn skipped_level_nests_one_down() {
    let d = dump(&body(
        "一、总体要求\n1.第一项\n正文。\n2.第二项\n正文。\n二、主要任务",
    ));
    assert_eq!(
        d,
        vec![
            "1 一、 总体要求",
            "2 1. 第一项",
            "2 2. 第二项",
            "1 二、 主要任务"
        ]
    );
}

#[test]
fn restart_of_an_open_form_nests_under_the_section() {
    // 1981: `（二）今后经济建设的方针` is a section; its `一、…` nest under it, `（三）` closes them.
    let d = dump(&body("一、回顾\n正文。\n（一）成绩\n正文。\n（二）今后经济建设的方针\n正文。\n一、加快农业\n正文。\n二、发展轻工业\n正文。\n（三）其他\n正文。\n二、任务\n正文。"));
    assert_eq!(
        d,
        vec![
            "1 一、 回顾",
            "2 （一） 成绩",
            "2 （二） 今后经济建设的方针",
            "3 一、 加快农业",
            "3 二、 发展轻工业",
            "2 （三） 其他",
            "1 二、 任务",
        ]
    );
}

#[test]
fn list_block_closes_and_restart_becomes_its_sibling() {
    // 1986: tasks (一)…(三) are one-sentence items; `上述三项任务` closes them, and the principles
    // 一、… introduced after them are their siblings under 二、; 三、 continues the outer list.
    let d = dump(&body("一、回顾\n正文。\n二、基本任务\n正文。\n（一）保持总需求和总供给的平衡。\n（二）保持经济的稳定增长。\n（三）继续改善人民生活。\n上述三项任务，是相互联系的。\n一、确定适度的增长率。\n正文。\n二、规定恰当的投资规模。\n正文。\n三、坚持科技进步。\n正文。\n三、经济体制改革\n正文。"));
    assert_eq!(
        d,
        vec![
            "1 一、 回顾",
            "1 二、 基本任务",
            "2 （一） 保持总需求和总供给的平衡",
            "2 （二） 保持经济的稳定增长",
            "2 （三） 继续改善人民生活",
            "2 一、 确定适度的增长率",
            "2 二、 规定恰当的投资规模",
            "2 三、 坚持科技进步",
            "1 三、 经济体制改革",
        ]
    );
}

#[test]
fn summary_paragraph_closes_the_list_it_counts() {
    // `以上讲的五个问题` sums up the inner list; the points after it belong to the section.
    let d = dump(&body("一、回顾\n正文。\n二、方针\n正文。\n一、甲方针。\n正文。\n二、乙方针。\n正文。\n各位代表！以上讲的两个问题，很重要。一要坚持改革，二要扩大开放。\n三、改革\n正文。"));
    assert_eq!(
        d,
        vec![
            "1 一、 回顾",
            "1 二、 方针",
            "2 一、 甲方针",
            "2 二、 乙方针",
            "2 一要 坚持改革",
            "2 二要 扩大开放",
            "1 三、 改革",
        ]
    );
    // A count that does not match, or a summary of the top level, closes nothing.
    let d = dump(&body("一、培训的意义\n正文。\n二、培训的目的\n正文。一是甲甲。二是乙乙。\n上述四个问题就是我们的工作。\n三、基本要求"));
    assert_eq!(d.last().map(String::as_str), Some("1 三、 基本要求"));
}

#[test]
fn stray_numbers_are_not_headings_but_a_gap_excuses_them() {
    let d = dump(&body(
        "一、甲\n正文。\n五、这不是标题而是引文里的编号。\n二、乙",
    ));
    assert_eq!(d, vec!["1 一、 甲", "1 二、 乙"]);
    let d = dump(&body(
        "一、甲\n正文……(某网省略300字,正式会员可完整阅读)……\n四、丁\n正文。\n五、戊",
    ));
    assert_eq!(d, vec!["1 一、 甲", "1 四、 丁", "1 五、 戊"]);
    assert!(checks(&body(
        "一、甲\n正文……(某网省略300字,正式会员可完整阅读)……\n四、丁"
    ))
    .is_empty());
}

#[test]
fn inline_enumeration_after_a_colon_is_not_a_heading() {
    let d = dump(&body("一、投资\n正文。\n二、结构\n调整的方向是：一、增加能源投资。二、控制非生产性建设。三、把更多资金用于改造。四、合理布局。\n三、科技"));
    assert_eq!(d, vec!["1 一、 投资", "1 二、 结构", "1 三、 科技"]);
}

#[test]
fn glued_heading_after_a_sentence_end_with_digits() {
    // A scrape that lost its line breaks: `…意见。一、2013年工作回顾…`.
    let d = dump(&body("各位代表：现在我作报告，请予审议。一、2013年工作回顾。过去一年任务艰巨。二、2014年工作总体部署。今年要稳增长。"));
    assert_eq!(
        d,
        vec!["1 一、 2013年工作回顾", "1 二、 2014年工作总体部署"]
    );
}

// ---- Numbering checks (the item 8) ----

#[test]
fn skipped_number_is_kept_and_flagged() {
    let src = body("一、甲\n正文。\n三、丙\n正文。");
    assert_eq!(dump(&src), vec!["1 一、 甲", "1 三、 丙"]);
    let s = Speech::parse("t", &src);
    assert_eq!(
        s.checks,
        vec![crate::corpus::Check {
            heading: 1,
            kind: crate::corpus::CheckKind::Skipped { expected: 2 }
        }]
    );
    assert!(s.checks[0].explain(&s, false).contains("三、丙"));
    assert!(s.checks[0].explain(&s, true).contains("expected number 2"));
}

#[test]
fn announced_count_that_does_not_match() {
    let src = body(
        "下面，我讲三点意见。\n一、甲\n正文。\n二、乙\n正文。\n三、丙\n正文。\n四、丁\n正文。",
    );
    assert_eq!(
        checks(&src),
        vec![crate::corpus::CheckKind::Count {
            announced: 3,
            found: 4
        }]
    );
    let ok = body("这可以从以下四个方面来看：一是甲甲。二是乙乙。三是丙丙。四是丁丁。");
    assert!(checks(&ok).is_empty());
    // Text left out by the site may hold the missing items: no check then.
    let gapped =
        body("我讲三点意见。\n一、甲\n正文……(某网省略300字,正式会员可完整阅读)……\n三、丙\n正文。");
    assert!(checks(&gapped).is_empty());
    let pts = body("主要有三点：一是甲甲。二是乙乙。");
    assert_eq!(
        checks(&pts),
        vec![crate::corpus::CheckKind::Count {
            announced: 3,
            found: 2
        }]
    );
}

/// Found by a tester: the same announcements in Traditional characters were not read.
#[test]
fn announced_counts_are_read_in_traditional_characters_too() {
    let src = body(
        "下面，我講三點意見。\n一、甲\n正文。\n二、乙\n正文。\n三、丙\n正文。\n四、丁\n正文。",
    );
    assert_eq!(
        checks(&src),
        vec![crate::corpus::CheckKind::Count {
            announced: 3,
            found: 4
        }]
    );
    let pts = body("我講三個問題：一是甲甲。二是乙乙。");
    assert_eq!(
        checks(&pts),
        vec![crate::corpus::CheckKind::Count {
            announced: 3,
            found: 2
        }]
    );
}

// ---- Spec §7.2: point lists ----

#[test]
fn mid_paragraph_list_closes_with_its_paragraph() {
    let d = dump(&body(
        "主要原因：一是甲甲。二是乙乙。三是丙丙。\n第一，丁丁丁。\n第二，戊戊戊。",
    ));
    assert_eq!(
        d,
        vec![
            "1 一是 甲甲",
            "1 二是 乙乙",
            "1 三是 丙丙",
            "1 第一 丁丁丁",
            "1 第二 戊戊戊"
        ]
    );
}

#[test]
fn list_inside_an_item_paragraph_nests_and_closes_with_it() {
    let d = dump(&body("第一，甲甲。\n第二，乙乙。\n第三，丙丙。\n第四，丁丁。具体是：一是子一。二是子二。\n第五，戊戊。\n第六，己己。"));
    assert_eq!(
        d,
        vec![
            "1 第一 甲甲",
            "1 第二 乙乙",
            "1 第三 丙丙",
            "1 第四 丁丁",
            "2 一是 子一",
            "2 二是 子二",
            "1 第五 戊戊",
            "1 第六 己己",
        ]
    );
}

#[test]
fn mid_paragraph_list_continues_when_the_next_paragraph_has_its_next_item() {
    let d = dump(&body("要求有三：一是甲甲。\n二是乙乙。\n三是丙丙。"));
    assert_eq!(d, vec!["1 一是 甲甲", "1 二是 乙乙", "1 三是 丙丙"]);
}

#[test]
fn point_text_after_a_separator() {
    let d = dump(&body(
        "这可以从两方面看：一是，城乡居民收入增长。二是，消费水平提高。",
    ));
    assert_eq!(d, vec!["1 一是 城乡居民收入增长", "1 二是 消费水平提高"]);
}

#[test]
fn shouxian_is_item_one_of_a_di_list() {
    let d = dump(&body(
        "首先，要加强学习。第二，要勇于实践。第三，要善于总结。",
    ));
    assert_eq!(
        d,
        vec![
            "1 首先 要加强学习",
            "1 第二 要勇于实践",
            "1 第三 要善于总结"
        ]
    );
    // Without a 第二 after it, 首先 is ordinary prose; inside a 第… list it closes nothing.
    assert!(dump(&body("首先，要加强学习。然后再说。")).is_empty());
    let d = dump(&body(
        "第一，甲甲。\n第二，乙乙。首先，要学习。\n第三，丙丙。",
    ));
    assert_eq!(d, vec!["1 第一 甲甲", "1 第二 乙乙", "1 第三 丙丙"]);
}

#[test]
fn run_together_paragraph_treats_sentences_as_paragraph_starts() {
    // A scrape with no line breaks: 一是…五是 spread over what were paragraphs stay one list.
    let filler = "这是一段用来填充的正文内容，说明工作的具体情况。".repeat(50);
    let src = body(&format!(
        "一、回顾\n{filler}一是甲甲。{filler}二是乙乙。\n{filler}三是丙丙。\n二、部署"
    ));
    assert_eq!(
        dump(&src),
        vec![
            "1 一、 回顾",
            "2 一是 甲甲",
            "2 二是 乙乙",
            "2 三是 丙丙",
            "1 二、 部署"
        ]
    );
}

// ---- Spec §7.3: more numbering forms ----

#[test]
fn heading_numbers_followed_by_digits_and_numeral_words() {
    let d = dump(&body("一、2016年工作回顾\n正文。\n二、１９５５年国家决算\n正文。\n三、三大纪律如下\n正文。\n四、一心一意谋发展"));
    assert_eq!(
        d,
        vec![
            "1 一、 2016年工作回顾",
            "1 二、 １９５５年国家决算",
            "1 三、 三大纪律如下",
            "1 四、 一心一意谋发展",
        ]
    );
}

#[test]
fn numeral_or_digit_and_space_and_bare_numerals() {
    let d = dump(&body("一　国内的政治状况\n正文。\n二 两类不同性质的矛盾\n正文。\n1 党的领导机关\n正文。\n2 党的基层组织\n正文。"));
    assert_eq!(
        d,
        vec![
            "1 一 国内的政治状况",
            "1 二 两类不同性质的矛盾",
            "2 1 党的领导机关",
            "2 2 党的基层组织",
        ]
    );
    let s = Speech::parse(
        "t",
        &body("一\n\n总体要求\n\n正文。\n\n二\n\n主要任务\n\n正文。"),
    );
    let labels: Vec<String> = (0..s.headings.len()).map(|i| s.heading_label(i)).collect();
    assert_eq!(labels, vec!["一 总体要求", "二 主要任务"]);
    assert!(s.headings.iter().all(|h| h.depth == 1));
}

#[test]
fn positional_numerals_with_circle_zero() {
    let mut src = String::new();
    for n in [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "一○", "一一", "一二",
    ] {
        src.push_str(&format!("（{n}）第{n}项\n正文。\n"));
    }
    let d = dump(&body(&src));
    assert_eq!(d.len(), 12, "{d:?}");
    assert_eq!(d[9], "1 （一○） 第一○项");
    let s = Speech::parse("t", &body(&src));
    assert_eq!(s.headings[11].number, 12);
    // A year inside the text is never a number.
    assert!(dump(&body("一九九○年的工作很多。")).is_empty());
}

#[test]
fn markup_around_numbers() {
    let d = dump(&body(
        "**一、加强领导**\n正文。\n> 二、改进作风\n正文。\n- 三、其他事项\n正文。\n四 、最后一点",
    ));
    assert_eq!(
        d,
        vec![
            "1 一、 加强领导",
            "1 二、 改进作风",
            "1 三、 其他事项",
            "1 四 、 最后一点",
        ]
    );
}

#[test]
fn circled_and_parenthesised_digits_at_paragraph_start() {
    let d = dump(&body(
        "一、总体\n①甲甲\n正文。\n②乙乙\n正文。\n⑴丙丙\n⑵丁丁\n二、其他",
    ));
    assert_eq!(
        d,
        vec![
            "1 一、 总体",
            "2 ① 甲甲",
            "2 ② 乙乙",
            "3 ⑴ 丙丙",
            "3 ⑵ 丁丁",
            "1 二、 其他",
        ]
    );
}

#[test]
fn parts_chapters_sections_and_pian() {
    let d = dump(&body(
        "第一章 总则\n第一节 目的\n正文。\n第二节 范围\n正文。\n第二章 分则\n一、细目\n正文。",
    ));
    assert_eq!(
        d,
        vec![
            "1 第一章 总则",
            "2 第一节 目的",
            "2 第二节 范围",
            "1 第二章 分则",
            "2 一、 细目",
        ]
    );
    let d = dump(&body("第一部分：回顾\n正文。\n第二部分：展望"));
    assert_eq!(d, vec!["1 第一部分 回顾", "1 第二部分 展望"]);
}

// ---- Spec §7.4: Markdown ----

#[test]
fn markdown_title_headings_and_nesting() {
    let src = "# 为什么要学习？\n\n## 背景\n正文。\n## 一、总体要求\n### （一）指导思想\n正文。一是抓学习。二是抓落实。\n### 基本原则\n1. 坚持党的领导\n正文。\n";
    let s = Speech::parse("t", src);
    assert_eq!(s.title, "为什么要学习？");
    let dumped: Vec<String> = s
        .headings
        .iter()
        .map(|h| format!("{} {} {}", h.depth, s.dump_marker(h), s.heading_text(h)))
        .collect();
    assert_eq!(
        dumped,
        vec![
            "1 ## 背景",
            "1 一、 总体要求",
            "2 （一） 指导思想",
            "3 一是 抓学习",
            "3 二是 抓落实",
            "2 ### 基本原则",
            "3 1. 坚持党的领导",
        ]
    );
    // The reader's label never shows the `#`s.
    assert_eq!(s.heading_label(0), "背景");
    assert!(!s.text.contains('#'));
}

#[test]
fn a_second_list_after_a_one_item_list_is_its_sibling() {
    let d = dump(&body(
        "一、短标题\n正文。\n一、又一个\n正文。\n一、第三个\n正文。",
    ));
    assert_eq!(d, vec!["1 一、 短标题", "1 一、 又一个", "1 一、 第三个"]);
    // Hostile nesting stays bounded.
    let mut src = String::new();
    for (i, f) in ["一、", "（一）", "1.", "（1）", "①"]
        .iter()
        .cycle()
        .take(100)
        .enumerate()
    {
        src.push_str(&format!("{f}第{i}层\n正文。\n"));
    }
    let s = Speech::parse("t", &body(&src));
    assert!(
        s.headings.iter().all(|h| h.depth <= 12),
        "{:?}",
        s.headings.iter().map(|h| h.depth).max()
    );
}

// ---- Found by reading unseen texts (a tester's attack set) ----

#[test]
fn a_number_alone_on_its_line_takes_the_next_line() {
    let d = dump(&body(
        "一、\n关于经济工作\n要稳中求进。\n二、关于民生工作\n正文。",
    ));
    assert_eq!(d, vec!["1 一、 关于经济工作", "1 二、 关于民生工作"]);
}

#[test]
fn an_excerpt_may_start_at_a_later_number() {
    // 节选: the text starts at 二、; a heading line of its own is a heading even so.
    let d = dump(&body(
        "二、做好民生工作\n正文。\n（一）抓好就业\n正文。\n三、加强党的建设\n正文。",
    ));
    assert_eq!(
        d,
        vec![
            "1 二、 做好民生工作",
            "2 （一） 抓好就业",
            "1 三、 加强党的建设"
        ]
    );
    // Chapters numbered straight through the parts.
    let d = dump(&body("第一部分 总论\n第一章 目标\n正文。\n第二章 原则\n正文。\n第二部分 分论\n第三章 措施\n正文。"));
    assert_eq!(d.last().map(String::as_str), Some("2 第三章 措施"));
    // A stray number in prose is neither short nor alone.
    assert!(dump(&body(
        "五、这一条是在一段很长的正文当中引用的别的文件的第五条内容，不是本文的标题。"
    ))
    .is_empty());
}

#[test]
fn two_numbers_in_a_row_are_no_heading() {
    let d = dump(&body(
        "一、总体要求\n一、二线城市的虹吸效应日益明显。\n二、主要任务",
    ));
    assert_eq!(d, vec!["1 一、 总体要求", "1 二、 主要任务"]);
    // Not a heading line, so a hard wrap joins it to the line before.
    let s = Speech::parse(
        "t",
        &body("一、上半年\n我们要在下半年切实抓好各项工作特别是抓好\n三、四季度的工作，确保完成全年目标。\n二、下半年"),
    );
    assert_eq!(s.headings.len(), 2);
    assert!(s.text.contains("抓好三、四季度"));
}

#[test]
fn a_point_text_that_starts_with_its_numeral_word_is_no_idiom() {
    let d = dump(&body(
        "一是化学需氧量下降5%，二是二氧化硫下降8%，三是氮氧化物下降6%。",
    ));
    assert_eq!(d.len(), 3, "{d:?}");
    let d = dump(&body("一是一以贯之。二是二者兼顾。三是三管齐下。"));
    assert_eq!(d.len(), 3, "{d:?}");
    // The idiom itself still is one.
    assert!(dump(&body("要一是一、二是二，不能含糊。")).is_empty());
}

#[test]
fn a_list_all_in_one_paragraph_closes_with_it() {
    let d = dump(&body("一、脱贫攻坚\n一是抓产业。要发展特色产业。二是抓就业。要加强培训。\n第一，要压实责任。\n第二，要精准施策。"));
    assert_eq!(
        d,
        vec![
            "1 一、 脱贫攻坚",
            "2 一是 抓产业",
            "2 二是 抓就业",
            "2 第一 要压实责任",
            "2 第二 要精准施策",
        ]
    );
}

#[test]
fn more_list_forms_people_write() {
    // `1)`, `其一，`, `第一点，`, and 首先…其次…第三…最后 as paragraphs.
    let d = dump(&body("一、关于财政\n1)收入方面。要加强征管。\n2)支出方面。要压减支出。\n二、关于安全\n其一，加强隐患排查；其二，加强应急演练。"));
    assert_eq!(
        d,
        vec![
            "1 一、 关于财政",
            "2 1) 收入方面",
            "2 2) 支出方面",
            "1 二、 关于安全",
            "2 其一 加强隐患排查",
            "2 其二 加强应急演练",
        ]
    );
    let d = dump(&body(
        "第一点，关于学习。要读原著。\n第二点，关于实践。要下基层。",
    ));
    assert_eq!(d, vec!["1 第一点 关于学习", "1 第二点 关于实践"]);
    let d = dump(&body("首先，要突出产业链招商。\n其次，要突出以商招商。\n第三，要突出园区招商。\n最后，要突出精准招商。"));
    assert_eq!(
        d,
        vec![
            "1 首先 要突出产业链招商",
            "1 其次 要突出以商招商",
            "1 第三 要突出园区招商",
            "1 最后 要突出精准招商",
        ]
    );
    // After 第一…第四, 最后 is the closing words, not a fifth point.
    let d = dump(&body(
        "第一，甲甲。\n第二，乙乙。\n最后，预祝大会圆满成功！",
    ));
    assert_eq!(d, vec!["1 第一 甲甲", "1 第二 乙乙"]);
}

#[test]
fn a_page_saved_with_its_html_tags() {
    let src = "<html><body>\n<div class=\"crumb\">当前位置：首页 &gt; 政务公开</div>\n<p>2017年某某县人民政府工作报告</p>\n<p>各位代表：</p>\n<p><strong>一、2016年工作回顾</strong></p>\n<p>过去的一年。</p>\n<p><strong>二、2017年工作安排</strong></p>\n<p>（一）着力稳增长。一是扩大投资；二是培育消费。</p>\n</body></html>";
    let s = Speech::parse("t", src);
    assert_eq!(s.title, "2017年某某县人民政府工作报告");
    let labels: Vec<String> = (0..s.headings.len()).map(|i| s.heading_label(i)).collect();
    assert_eq!(
        labels,
        vec![
            "一、2016年工作回顾",
            "二、2017年工作安排",
            "（一）着力稳增长",
            "一是 扩大投资",
            "二是 培育消费",
        ]
    );
    assert!(!s.text.contains("<p>") && !s.text.contains("strong"));
}
