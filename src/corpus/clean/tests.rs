//! Cleaner tests: title, front matter, paragraphs, gaps (spec §1–§3) and what is not the
//! speech (§7.5–§7.6), each on a short literal.

use super::*;

fn kinds(c: &Cleaned) -> Vec<(ParaKind, &str)> {
    c.paragraphs
        .iter()
        .map(|p| (p.kind, &c.text[p.range.clone()]))
        .collect()
}

#[test]
fn title_salutation_and_paragraphs() {
    let c = clean("在全市培训会上的讲话\n\n同志们：\n第一段。\n第二段。\n");
    assert_eq!(c.title, "在全市培训会上的讲话");
    assert_eq!(
        kinds(&c),
        vec![
            (ParaKind::Title, "在全市培训会上的讲话"),
            (ParaKind::Salutation, "同志们："),
            (ParaKind::Body, "第一段。"),
            (ParaKind::Body, "第二段。"),
        ]
    );
}

#[test]
fn crlf_cr_and_indentation() {
    let c = clean("\u{3000}\u{3000}在会上的发言\r\n\r\n\u{3000}\u{3000}正文一。\r正文二。\r\n");
    assert_eq!(c.title, "在会上的发言");
    assert_eq!(
        kinds(&c),
        vec![
            (ParaKind::Title, "在会上的发言"),
            (ParaKind::Body, "正文一。"),
            (ParaKind::Body, "正文二。"),
        ]
    );
}

#[test]
fn subtitle_makes_block_above_the_title() {
    let c = clean("提升能力素质  保持优良作风\n做一名优秀的党务工作者\n——市委书记在座谈会上的讲话\n\n同志们：\n");
    assert_eq!(c.title, "提升能力素质  保持优良作风 做一名优秀的党务工作者");
    assert_eq!(c.subtitle.as_deref(), Some("——市委书记在座谈会上的讲话"));
    assert_eq!(c.paragraphs[1].kind, ParaKind::Subtitle);
}

#[test]
fn meta_lines_after_title() {
    let c = clean("在全省工作会议上的讲话\n张三\n（2023年5月10日）\n\n同志们：\n今天开会。\n");
    let k = kinds(&c);
    assert_eq!(k[1], (ParaKind::Meta, "张三"));
    assert_eq!(k[2], (ParaKind::Meta, "（2023年5月10日）"));
    assert_eq!(k[3], (ParaKind::Salutation, "同志们："));
}

#[test]
fn front_matter_boilerplate_above_title() {
    let c = clean(
        "仅供学习 禁止外传\n会员群：  免费QQ群：\n\n\n在培训班开班仪式上的动员讲话\n正文。\n",
    );
    assert_eq!(c.title, "在培训班开班仪式上的动员讲话");
    let k = kinds(&c);
    assert_eq!(k[0], (ParaKind::FrontMatter, "仅供学习 禁止外传"));
    assert_eq!(k[1].0, ParaKind::FrontMatter);
    assert_eq!(k[2].0, ParaKind::Title);
}

#[test]
fn toc_block_is_front_matter() {
    let src =
        "目录/提纲:……\n一、铸牢政治之魂\n一是以学立身\n……\n在书记培训班上的发言\n同志们:\n今天。\n";
    let c = clean(src);
    assert_eq!(c.title, "在书记培训班上的发言");
    assert_eq!(
        c.paragraphs
            .iter()
            .filter(|p| p.kind == ParaKind::FrontMatter)
            .count(),
        4
    );
    assert_eq!(kinds(&c)[5], (ParaKind::Salutation, "同志们:"));
}

#[test]
fn fallback_title_skips_toc_and_boilerplate() {
    let c = clean("目录\n一、总则\n……\n关注公众号获取更多\n关于加强基层建设的几点思考\n正文。\n");
    assert_eq!(c.title, "关于加强基层建设的几点思考");
    // Spec §7.6: prose is no title; the speech has none (the list shows its file name).
    let c = clean("全是句子。\n还是句子。\n");
    assert_eq!(c.title, "");
    let c = clean("xx年的工作已接近尾声，回顾一年来的工作\n正文。\n");
    assert_eq!(c.title, "");
    assert_eq!(c.paragraphs[0].kind, ParaKind::Body);
}

#[test]
fn hard_wrapped_lines_are_joined_without_space() {
    let c = clean(
        "在会上的讲话\n\n今天我们齐聚一堂，更是一场工作的“战前\n动员”。下一句。\n短行\n另一行。\n",
    );
    let k = kinds(&c);
    assert_eq!(
        k[1],
        (
            ParaKind::Body,
            "今天我们齐聚一堂，更是一场工作的“战前动员”。下一句。"
        )
    );
    assert_eq!(k[2], (ParaKind::Body, "短行"));
    assert_eq!(k[3], (ParaKind::Body, "另一行。"));
}

#[test]
fn heading_lines_are_never_joined() {
    let c =
        clean("在会上的讲话\n\n一、培训的意义\n为什么办这个班，党组怎么考虑的呢\n二、培训的目的\n");
    let k = kinds(&c);
    assert_eq!(k[1].1, "一、培训的意义");
    assert_eq!(k[2].1, "为什么办这个班，党组怎么考虑的呢");
    assert_eq!(k[3].1, "二、培训的目的");
}

#[test]
fn omission_marker_becomes_gap_inside_paragraph() {
    let src = "在会上的发言\n\n要把政治理论学习当成日常必修课也要这样做\n……(新文秘网http://www.wm114.cn省略877字,正式会员可完整阅读)……\n街头巷尾,才能听到群众的心里话。\n";
    let c = clean(src);
    let k = kinds(&c);
    assert_eq!(
        k[1],
        (
            ParaKind::Body,
            "要把政治理论学习当成日常必修课也要这样做街头巷尾,才能听到群众的心里话。"
        )
    );
    assert_eq!(c.gaps.len(), 1);
    assert_eq!(c.gaps[0].omitted, Some(877));
    assert_eq!(c.gaps[0].para, 1);
    assert_eq!(
        &c.text[c.paragraphs[1].range.start..c.gaps[0].at],
        "要把政治理论学习当成日常必修课也要这样做"
    );
    assert!(c.incomplete.is_none());
}

#[test]
fn inline_omission_and_plain_prose() {
    let c = clean("在会上的讲话\n\n前文。……（省略300字）……后文。省略了一些字。\n");
    assert_eq!(c.text.lines().nth(1), Some("前文。后文。省略了一些字。"));
    assert_eq!(c.gaps[0].omitted, Some(300));
}

#[test]
fn adjacent_omission_markers_are_two_gaps() {
    // The second marker's look-back used to claim the first one's trailing `……` and
    // slice backwards (panic: begin > end).
    let c = clean(
        "在会上的讲话\n\n前文……(新文秘网省略877字,正式会员可完整阅读)……（省略300字）后文。\n",
    );
    assert_eq!(c.text.lines().nth(1), Some("前文后文。"));
    let omitted: Vec<_> = c.gaps.iter().map(|g| g.omitted).collect();
    assert_eq!(omitted, vec![Some(877), Some(300)]);
    let c = clean("……(省略877字)……（省略300字）");
    assert_eq!(c.gaps.len(), 2);
}

#[test]
fn control_characters_are_replaced_not_passed_on() {
    let c = clean("在会上的讲话\x1b[2J\n\n正文\x1b]52;c;aGk=\x07。\0尾\u{85}。\x0c下一页。\n");
    assert_eq!(c.title, "在会上的讲话\u{FFFD}[2J");
    assert_eq!(c.controls, 5);
    assert_eq!(
        c.text.lines().nth(1),
        Some("正文\u{FFFD}]52;c;aGk=\u{FFFD}。\u{FFFD}尾\u{FFFD}。")
    );
    assert_eq!(c.text.lines().nth(2), Some("下一页。"));
    let (s, n) = sanitize("普通\t文本\r\n");
    assert!(matches!(s, Cow::Borrowed(_)) && n == 0);
    let (s, n) = sanitize("讲\u{FEFF}话\u{A0}，");
    assert_eq!((&*s, n), ("讲话\u{A0}，", 0));
}

#[test]
fn truncated_tail_sets_incomplete_and_drops_collect_line() {
    let src = "在会上的发言\n\n可以实行“导师帮带”制度,让 ……(未完,全文共4678字,当前仅显示2464字,请阅读下面提示信息。\n收藏《在会上的发言》)\n";
    let c = clean(src);
    assert_eq!(
        c.incomplete,
        Some(Incomplete {
            total: Some(4678),
            shown: Some(2464)
        })
    );
    assert_eq!(c.text.lines().last(), Some("可以实行“导师帮带”制度,让"));
    assert_eq!(c.paragraphs.len(), 2);
    assert!(c.gaps.last().unwrap().truncated);
}

#[test]
fn salutation_rules() {
    assert!(is_salutation("同志们："));
    assert!(is_salutation("各位代表、同志们:"));
    assert!(!is_salutation("具体要做到“四勤”："));
    assert!(!is_salutation("同志们：今天开会。"));
}

#[test]
fn markdown_title_and_heading_lines() {
    let c = clean("# 在全市工作会议上的讲话\n## ——在座谈会上的发言\n\n## 一 总体要求\n这是一段没有结尾标点的较长的正文内容\n## 背景\n接着写下去的另一段较长的正文内容啊\n#话题#也在正文里面的一行长长的文字哦\n接上。\n");
    assert_eq!(c.title, "在全市工作会议上的讲话");
    assert_eq!(c.subtitle.as_deref(), Some("——在座谈会上的发言"));
    assert_eq!(
        kinds(&c),
        vec![
            (ParaKind::Title, "在全市工作会议上的讲话"),
            (ParaKind::Subtitle, "——在座谈会上的发言"),
            // A heading line is never a meta line, and `#` lines are never joined.
            (ParaKind::Body, "一 总体要求"),
            (ParaKind::Body, "这是一段没有结尾标点的较长的正文内容"),
            (ParaKind::Body, "背景"),
            (
                ParaKind::Body,
                "接着写下去的另一段较长的正文内容啊#话题#也在正文里面的一行长长的文字哦接上。"
            ),
        ]
    );
    // The `#`s are not in the text: the paragraph keeps the level (spec §7.4).
    let levels: Vec<u8> = c.paragraphs.iter().map(|p| p.level).collect();
    assert_eq!(levels, vec![0, 0, 2, 0, 2, 0]);
    // The fallback title is stripped too, and a numbered `#` line is never the title.
    let c = clean("## 一、总则\n# 关于基层建设的几点思考\n正文。\n");
    assert_eq!(c.title, "关于基层建设的几点思考");
    let c = clean("## 目录\n一、总则\n……\n# 在会上的讲话\n");
    assert_eq!(c.title, "在会上的讲话");
}

#[test]
fn punctuation_only_is_untitled() {
    for src in [
        "，，，，\n、、、\n",
        "……——“”\n",
        "***\n---\n",
        "。，；！？\n",
    ] {
        let c = clean(src);
        assert_eq!(c.title, "", "{src:?}");
        assert!(c.paragraphs.iter().all(|p| p.kind == ParaKind::Body));
    }
    // Punctuation lines above a real fallback title are front matter.
    let c = clean("***\n关于基层建设的思考\n正文。\n");
    assert_eq!(c.title, "关于基层建设的思考");
    assert_eq!(c.paragraphs[0].kind, ParaKind::FrontMatter);
}

#[test]
fn quick_title_agrees_with_clean() {
    for src in [
        "在全市培训会上的讲话\n\n同志们：\n",
        "提升能力素质  保持优良作风\n做一名优秀的党务工作者\n——市委书记在座谈会上的讲话\n",
        "仅供学习\n会员群：\n\n在培训班开班仪式上的动员讲话\n正文。\n",
        // What the list shows while a folder loads: no Markdown marks either.
        "# 在全市培训会上的讲话\n\n同志们：\n",
        "## 在全市培训会上的讲话 ##\n\n同志们：\n",
    ] {
        assert_eq!(quick_title(src).as_deref(), Some(clean(src).title.as_str()));
    }
    assert_eq!(quick_title("全是句子。\n"), None);
}

#[test]
fn empty_and_whitespace_only() {
    let c = clean("");
    assert!(c.paragraphs.is_empty());
    let c = clean(" \n\u{3000}\n");
    assert!(c.paragraphs.is_empty());
    assert_eq!(c.title, "");
}

// ---- Spec §7.5: what is not the speech ----

fn of_kind(c: &Cleaned, kind: ParaKind) -> Vec<&str> {
    c.paragraphs
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| &c.text[p.range.clone()])
        .collect()
}

#[test]
fn html_remains_breadcrumbs_and_credits_are_front_matter_above_the_title() {
    let src = "<!--\n  var x = 1;\n-->\n<U+00A0>\n当前位置： 首页>> 中国概况\n\n1986年国务院政府工作报告\n\n中央政府门户网站\u{3000}www.gov.cn\u{3000} 2006年02月16日 来源：新华社\n【字体：大 中 小】\n\n各位代表：\n一、回顾\n正文。\n";
    let c = clean(src);
    assert_eq!(c.title, "1986年国务院政府工作报告");
    let front = of_kind(&c, ParaKind::FrontMatter);
    assert_eq!(front[0], "<!--");
    assert!(front.contains(&"当前位置： 首页>> 中国概况"));
    let chrome = of_kind(&c, ParaKind::Chrome);
    assert_eq!(chrome.len(), 2, "{chrome:?}");
    assert!(chrome[1].starts_with("【字体"));
}

#[test]
fn escape_text_and_entities_read_as_characters() {
    let c = clean("在会上的讲话\n\n<U+00A0><U+00A0>正文&nbsp;第一句&amp;第二句。\n");
    assert_eq!(
        of_kind(&c, ParaKind::Body),
        vec!["正文\u{A0}第一句&第二句。"]
    );
}

#[test]
fn news_dateline_and_photo_credit_above_a_glued_title() {
    // A page saved as one line: caption, credit, dateline, title——subtitle, then the body.
    let long = "现在，我代表国务院向大会作政府工作报告，请予审议。".repeat(10);
    let src = format!("3月5日，总理在大会上作报告。\u{A0}新华社记者某某摄\u{A0}新华社北京3月14日电政府工作报告——2014年3月5日在全国人民代表大会上\u{A0}{long}\n");
    let c = clean(&src);
    assert_eq!(c.title, "政府工作报告");
    assert_eq!(
        c.subtitle.as_deref(),
        Some("——2014年3月5日在全国人民代表大会上")
    );
    let front = of_kind(&c, ParaKind::FrontMatter);
    assert_eq!(
        front,
        vec![
            "3月5日，总理在大会上作报告。",
            "新华社记者某某摄",
            "新华社北京3月14日电"
        ]
    );
}

#[test]
fn unlabelled_table_of_contents_is_not_the_body() {
    let src = "在会上的讲话\n\n一、总体要求\n二、主要任务\n三、保障措施\n\n一、总体要求\n正文甲。\n二、主要任务\n正文乙。\n三、保障措施\n正文丙。\n";
    let c = clean(src);
    assert_eq!(
        of_kind(&c, ParaKind::Toc),
        vec!["一、总体要求", "二、主要任务", "三、保障措施"]
    );
    let s = crate::corpus::Speech::parse("t", src);
    assert_eq!(s.headings.len(), 3);
    assert_eq!(s.heading_label(0), "一、总体要求");
    assert_eq!(s.para_text(s.headings[0].para + 1), "正文甲。");
}

#[test]
fn back_matter_from_notes_to_the_end() {
    for notes in ["注释", "注　　释", "附注", "参考文献", "## 注释", "注释："] {
        let src = format!("在会上的讲话\n\n一、正文\n正文。\n二、再说\n正文。\n{notes}\n1、某某文件：一是甲甲，二是乙乙。\n2、另一条。\n");
        let c = clean(&src);
        let back = of_kind(&c, ParaKind::BackMatter);
        assert_eq!(back.len(), 3, "{notes}: {back:?}");
        let s = crate::corpus::Speech::parse("t", &src);
        assert_eq!(s.headings.len(), 2, "{notes}");
    }
}

#[test]
fn repeated_bodies_are_folded_outlined_and_counted_once() {
    let one = "在会上的讲话\n\n同志们：\n一、第一部分的内容要足够长才能当作锚点来用\n正文一。\n二、第二部分\n正文二。\n";
    let src = one.repeat(6);
    let c = clean(&src);
    assert_eq!(c.repeated, 5);
    let s = crate::corpus::Speech::parse("t", &src);
    let once = crate::corpus::Speech::parse("t", one);
    assert_eq!(s.headings.len(), 2);
    assert_eq!(s.chars, once.chars);
    assert_eq!(s.reading_minutes(), once.reading_minutes());
    assert!(s.paragraphs.iter().any(|p| p.kind == ParaKind::Repeated));
    // The copies are kept, shown folded: nothing is lost.
    assert_eq!(
        s.paragraphs
            .iter()
            .filter(|p| p.kind == ParaKind::Repeated)
            .count(),
        5 * 6
    );
}

// ---- Spec §7.6: titles ----

#[test]
fn title_and_subtitle_across_blank_lines() {
    let c = clean("关于第七个五年计划的报告\n\n——1986年3月25日在第六届全国人民代表大会第四次会议上\n\n各位代表：\n");
    assert_eq!(c.title, "关于第七个五年计划的报告");
    assert_eq!(
        c.subtitle.as_deref(),
        Some("——1986年3月25日在第六届全国人民代表大会第四次会议上")
    );
    let c = clean("坚定信心 真抓实干\n\n——在全市工作会议上的讲话\n\n同志们：\n");
    assert_eq!(c.title, "坚定信心 真抓实干");
}

#[test]
fn report_titles_with_a_bracketed_note() {
    for t in [
        "政府工作报告（摘要）",
        "温家宝所作政府工作报告（十一届人大三次会议）",
    ] {
        let c = clean(&format!("当前位置： 首页\n{t}\n正文。\n"));
        assert_eq!(c.title, t);
    }
}

#[test]
fn boilerplate_is_never_a_title() {
    let c = clean("<U+00A0>\n当前位置： 首页>> 热点专题\n【字体：大 中 小】\n新华社北京３月１５日电\n正文的第一段，写的是工作。\n");
    assert_eq!(c.title, "");
}

#[test]
fn more_title_endings_and_channel_labels() {
    for t in [
        "在全县经济工作会议上的开幕词",
        "在表彰大会上的致词",
        "县委书记讲话提纲",
        "关于上半年工作的汇报",
    ] {
        let c = clean(&format!("中共某某县委办公室\n{t}\n正文。\n"));
        assert_eq!(c.title, t);
    }
    // A site's channel label is no title; a footnote mark leaves the title.
    let c = clean("领导讲话\n在全市工作会议上的讲话⑴\n正文。\n");
    assert_eq!(c.title, "在全市工作会议上的讲话");
}

#[test]
fn breadcrumbs_copyright_and_page_links_are_chrome() {
    let c = clean("首页 > 新闻中心 > 领导讲话\n在全市工作会议上的讲话\n正文。\n上一篇：在另一个会议上的讲话\n下一篇：在第三个会议上的讲话\nCopyright 2016 某某市人民政府 版权所有\n");
    assert_eq!(c.title, "在全市工作会议上的讲话");
    let chrome = of_kind(&c, ParaKind::Chrome);
    assert_eq!(chrome.len(), 3, "{chrome:?}");
}

#[test]
fn unbracketed_hidden_text_marker_is_a_gap() {
    let c = clean("在会上的讲话\n\n正文开头……此处隐藏2356个字……正文结尾。\n");
    assert_eq!(c.gaps.len(), 1);
    assert_eq!(c.gaps[0].omitted, Some(2356));
    assert_eq!(of_kind(&c, ParaKind::Body), vec!["正文开头正文结尾。"]);
}

#[test]
fn back_matter_heading_keeps_no_markdown_marks() {
    let c = clean("# 文集\n\n## 一、正文\n正文。\n\n## 注释\n\n〔1〕见某书。\n");
    let back = of_kind(&c, ParaKind::BackMatter);
    assert_eq!(back[0], "注释");
}

#[test]
fn a_heading_cut_by_the_hard_wrap_is_joined_back() {
    // Every prose line cut at 20 characters; the long heading was cut there too.
    let prose = "这是一段被硬换行切开的正文内容每行二十个字\n".repeat(6);
    let src = format!("在会上的讲话\n\n{prose}一、充分肯定近年来全省教育改革发展取得了\n显著成绩\n二、短标题\n正文。\n");
    let s = crate::corpus::Speech::parse("t", &src);
    let labels: Vec<String> = (0..s.headings.len()).map(|i| s.heading_label(i)).collect();
    assert_eq!(
        labels,
        vec![
            "一、充分肯定近年来全省教育改革发展取得了显著成绩",
            "二、短标题"
        ]
    );
    // A short heading is never joined to the body line after it.
    assert_eq!(s.para_text(s.headings[1].para), "二、短标题");
}

#[test]
fn char_count_at_most_counts_like_chars() {
    let samples = [
        "",
        "a",
        "一二三",
        "①⑴é𝄞𝄞𝄞 a一",
        &"长".repeat(500),
        &"𝄞".repeat(130),
    ];
    for s in samples {
        for max in [0, 1, 2, 3, 15, 120, 1000] {
            assert_eq!(
                super::char_count_at_most(s, max),
                s.chars().take(max + 1).count(),
                "{s:?} {max}"
            );
        }
    }
}

#[test]
fn content_trims_as_the_char_by_char_rule_does() {
    let reference = |l: &str| {
        l.trim_start_matches([' ', '\t', '\u{3000}', '\u{A0}'])
            .trim_end()
            .to_string()
    };
    let samples = (0..0x3100u32)
        .chain([0xFEFF, 0xFF01, 0x1F600])
        .filter_map(char::from_u32);
    for c in samples {
        for l in [
            format!("{c}讲话{c}"),
            format!("　　讲话。{c}"),
            format!("{c}"),
            format!("话{c}{c}"),
        ] {
            assert_eq!(content(&l), reference(&l), "{c:?}");
        }
    }
}
