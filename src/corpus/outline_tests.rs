//! Outline engine tests: each rule of spec §4–§5 and §7 on a short literal.

use super::*;
use crate::corpus::numbering::{footnote_len, point_marker};
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
    assert_eq!(footnote_len("⑴二是"), Some(3));
    assert_eq!(footnote_len("(21)二是"), Some(4));
    assert_eq!(footnote_len("（３）"), Some(9));
    assert_eq!(footnote_len("[123]"), Some(5));
    assert_eq!(footnote_len("(2021)"), None);
    assert_eq!(footnote_len("(一)"), None);
    assert_eq!(footnote_len("()"), None);
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
    let d = dump(&body("一、提高站位\n一要当好参谋。二要精心组织。\n二、从严从实\n一要把握重点。二要落实要求。"));
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
