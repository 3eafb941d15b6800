//! Saved web pages (`.html`, `.htm`): decoded by the charset the page declares (a `<meta>`
//! in its head), else by the same detection as text files; parsed with `scraper` (html5ever);
//! scripts, styles, navigation, forms' controls, comments and elements whose class or id says
//! navigation, ads, sharing or footers dropped. The main text is the tightest element holding
//! most of the page's prose (sentences with `，` `。`); the page's `<h1>` (or `<title>`) heads
//! it when it lies outside. Blocks (`<p>`, `<div>`, `<br>`, `<li>`, table rows) become lines,
//! `<h2>`–`<h6>` inside the text Markdown headings.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::{push_line, Extracted, FormatError};
use crate::corpus::decode;

/// Deeper than this, an element's content is ignored (a hostile page nests without end).
const MAX_DEPTH: usize = 512;

/// A file without an extension, from a pipe: HTML when it says so at its start.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{FEFF}').trim_start();
    t.starts_with("<!doctype html") || t.starts_with("<html") || t.starts_with("<head")
}

/// The charset a page declares in its first few KB: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut k = from + i + b"charset".len();
        from = k;
        while lower.get(k).is_some_and(|b| b.is_ascii_whitespace()) {
            k += 1;
        }
        if lower.get(k) != Some(&b'=') {
            continue;
        }
        k += 1;
        while lower
            .get(k)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            k += 1;
        }
        let end = lower[k..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
            .map_or(lower.len(), |e| k + e);
        let label = std::str::from_utf8(&lower[k..end]).ok()?;
        if let Some(enc) = decode::encoding_for_label(label) {
            return Some(enc);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub(super) fn extract(
    bytes: &[u8],
    force: Option<&'static encoding_rs::Encoding>,
) -> Result<Extracted, FormatError> {
    // A BOM beats the declaration; the declaration beats guessing.
    let declared = encoding_rs::Encoding::for_bom(bytes)
        .is_none()
        .then(|| declared_charset(bytes))
        .flatten();
    let d =
        decode::decode(bytes, force.or(declared)).map_err(|e| FormatError::Other(e.to_string()))?;
    let html = Html::parse_document(&d.text);
    let mut page = Page::default();
    page.walk(html.tree.root());

    let body = html
        .tree
        .root()
        .descendants()
        .find(|n| element_name(n) == Some("body"))
        .unwrap_or(html.tree.root());
    let root = main_text(body, &page);
    let mut lines = Vec::new();
    let title = page.h1.clone().or_else(|| page.title.clone());
    let inside = root
        .descendants()
        .any(|n| matches!(element_name(&n), Some("h1")) && !page.skipped(&n));
    Lines::new(&page, &mut lines).block(root);
    // The title heads the text unless the text already opens with it (a page whose first
    // `<p>` repeats its `<title>` showed the title twice).
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if let Some(t) = title.as_ref().filter(|_| !inside) {
        let first = lines.iter().find(|l| !l.trim().is_empty());
        if first.is_none_or(|f| squeeze(f) != squeeze(t)) {
            lines.insert(0, t.clone());
        }
    }
    let mut text = String::new();
    for l in &lines {
        push_line(&mut text, l);
    }
    Ok(Extracted {
        text,
        title,
        encoding: Some(d.encoding),
        warnings: d.warnings,
    })
}

fn element_name<'a>(n: &NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// What a walk of the whole page learns: which subtrees are not the text, how much prose
/// each element holds, the `<title>` and the first `<h1>`.
#[derive(Default)]
struct Page {
    skip: std::collections::HashSet<ego_tree::NodeId>,
    prose: std::collections::HashMap<ego_tree::NodeId, usize>,
    title: Option<String>,
    h1: Option<String>,
}

/// Tags whose content is never the speech.
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "select", "button",
    "textarea", "input", "object", "embed", "canvas", "head", "aside", "menu",
];

/// Class or id words that mark site chrome.
const DROP_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "footer",
    "foot",
    "sidebar",
    "banner",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "guanggao",
    "share",
    "comment",
    "comments",
    "related",
    "copyright",
    "toolbar",
    "login",
    "search",
    "hot",
    "recommend",
];

fn is_chrome(e: &scraper::node::Element) -> bool {
    if DROP_TAGS.contains(&e.name()) {
        return true;
    }
    let words = |v: Option<&str>| {
        v.unwrap_or("")
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| DROP_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    };
    words(e.attr("class")) || words(e.attr("id"))
}

/// Characters of prose in a text: only text with sentence punctuation counts (menus and
/// link lists have none).
fn prose_len(t: &str) -> usize {
    if t.contains(['，', '。', '；', '：']) {
        t.chars().filter(|c| !c.is_whitespace()).count()
    } else {
        0
    }
}

impl Page {
    fn skipped(&self, n: &NodeRef<Node>) -> bool {
        n.ancestors()
            .chain([*n])
            .any(|a| self.skip.contains(&a.id()))
    }

    /// One pass, iterative (a page may nest thousands deep): marks chrome, sums prose up the
    /// tree, finds the titles.
    fn walk(&mut self, root: NodeRef<Node>) {
        // (node, depth, inside chrome)
        let mut stack = vec![(root, 0usize, false)];
        while let Some((n, depth, chrome)) = stack.pop() {
            match n.value() {
                Node::Element(e) => {
                    if e.name() == "title" && self.title.is_none() {
                        let t = text_of(n);
                        // `题目_栏目_网站`, `题目 - 网站`, `题目|网站`: the first part.
                        let t = t
                            .split(['_', '|'])
                            .flat_map(|p| p.split(" - "))
                            .flat_map(|p| p.split(" — "))
                            .find(|s| !s.trim().is_empty())
                            .unwrap_or("")
                            .trim()
                            .to_string();
                        if !t.is_empty() {
                            self.title = Some(t);
                        }
                    }
                    let chrome = chrome || is_chrome(e) || depth > MAX_DEPTH;
                    if chrome {
                        self.skip.insert(n.id());
                        // Still walked for the <title> in <head>.
                        if e.name() != "head" && e.name() != "html" {
                            continue;
                        }
                    }
                    if e.name() == "h1" && self.h1.is_none() && !chrome {
                        let t = collapse(&text_of(n));
                        if !t.trim().is_empty() {
                            self.h1 = Some(t.trim().to_string());
                        }
                    }
                    for c in n.children() {
                        stack.push((c, depth + 1, chrome));
                    }
                }
                Node::Text(t) if !chrome => {
                    let len = prose_len(t);
                    if len > 0 {
                        for a in n.ancestors() {
                            *self.prose.entry(a.id()).or_default() += len;
                        }
                    }
                }
                Node::Document => {
                    for c in n.children() {
                        stack.push((c, depth + 1, chrome));
                    }
                }
                _ => {}
            }
        }
    }
}

/// The tightest element holding most of the prose: from `<body>` down, into the child that
/// holds four fifths of its parent's.
fn main_text<'a>(body: NodeRef<'a, Node>, page: &Page) -> NodeRef<'a, Node> {
    let prose = |n: &NodeRef<Node>| page.prose.get(&n.id()).copied().unwrap_or(0);
    let mut cur = body;
    loop {
        let total = prose(&cur);
        if total == 0 {
            return cur;
        }
        let best = cur
            .children()
            .filter(|c| matches!(c.value(), Node::Element(_)) && !page.skip.contains(&c.id()))
            .max_by_key(|c| prose(c));
        match best {
            Some(b) if prose(&b) * 5 >= total * 4 && !is_paragraph(&b) => cur = b,
            _ => return cur,
        }
    }
}

fn is_paragraph(n: &NodeRef<Node>) -> bool {
    matches!(
        element_name(n),
        Some("p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li")
    )
}

/// All the text under a node, for titles.
fn text_of(n: NodeRef<Node>) -> String {
    let mut s = String::new();
    for d in n.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// HTML's white space: runs fold to one space, and none is left between two Chinese
/// characters (a source line break inside a sentence). Ideographic spaces stay.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            pending = true;
            continue;
        }
        if pending {
            let prev = out.chars().next_back();
            if prev.is_some_and(|p| !(is_cjk(p) && is_cjk(c))) {
                out.push(' ');
            }
            pending = false;
        }
        out.push(c);
    }
    if pending && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// Lines of the main text.
struct Lines<'p, 'o> {
    page: &'p Page,
    out: &'o mut Vec<String>,
    line: String,
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tbody",
    "thead",
    "tr",
    "center",
    "pre",
    "form",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "address",
    "fieldset",
];

impl<'p, 'o> Lines<'p, 'o> {
    fn new(page: &'p Page, out: &'o mut Vec<String>) -> Self {
        Lines {
            page,
            out,
            line: String::new(),
        }
    }

    fn flush(&mut self) {
        let l = collapse(&std::mem::take(&mut self.line));
        if !l.trim().is_empty() {
            self.out.push(l.trim().to_string());
        }
    }

    /// Iterative: (node, leaving).
    fn block(mut self, root: NodeRef<Node>) {
        let mut stack = vec![(root, false)];
        while let Some((n, leaving)) = stack.pop() {
            if self.page.skip.contains(&n.id()) {
                continue;
            }
            match n.value() {
                Node::Element(e) => {
                    let name = e.name();
                    let block = BLOCKS.contains(&name);
                    if leaving {
                        if block {
                            self.flush();
                        } else if matches!(name, "td" | "th") {
                            self.line.push(' ');
                        }
                        continue;
                    }
                    if name == "br" {
                        self.flush();
                        continue;
                    }
                    if block {
                        self.flush();
                    }
                    if let Some(l) = name
                        .strip_prefix('h')
                        .and_then(|d| d.parse::<usize>().ok())
                        .filter(|l| (2..=6).contains(l))
                    {
                        self.line.push_str(&"#".repeat(l));
                        self.line.push(' ');
                    }
                    stack.push((n, true));
                    let children: Vec<_> = n.children().collect();
                    for c in children.into_iter().rev() {
                        stack.push((c, false));
                    }
                }
                Node::Text(t) => self.line.push_str(t),
                _ => {}
            }
        }
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>在会上的讲话_某某网</title>\
             <style>p{{color:red}}</style><script>var a='，。';</script></head><body>{body}</body></html>"
        )
    }

    #[test]
    fn main_text_without_chrome() {
        let html = page(
            "<div class=\"nav\"><a href=/>首页</a> <a>新闻</a></div>\
             <div class=\"ad-box\"><p>广告：本店商品，全场五折。</p></div>\
             <div id=\"content\"><h1>在会上的讲话</h1><p>同志们：</p>\
             <p>今天召开会议，\n主要任务是部署工作。</p><h2>一、提高站位</h2>\
             <p>要认真学习，<b>深刻</b>领会。<br>第二行。</p><!-- 注释 --></div>\
             <div class=\"footer\">版权所有，翻印必究。</div>",
        );
        let ex = extract(html.as_bytes(), None).unwrap();
        assert_eq!(
            ex.text,
            "在会上的讲话\n同志们：\n今天召开会议，主要任务是部署工作。\n## 一、提高站位\n\
             要认真学习，深刻领会。\n第二行。\n"
        );
        assert_eq!(ex.title.as_deref(), Some("在会上的讲话"));
    }

    #[test]
    fn declared_charset_decodes_gbk() {
        let src =
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
                   </head><body><h1>讲话</h1><p>同志们，大家好。</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(src);
        let ex = extract(&bytes, None).unwrap();
        assert_eq!(ex.text, "讲话\n同志们，大家好。\n");
        assert_eq!(ex.encoding, Some("GB18030"));
        assert_eq!(
            declared_charset(b"<meta charset='big5'>"),
            Some(encoding_rs::BIG5)
        );
    }

    #[test]
    fn a_first_paragraph_repeating_the_title_is_not_preceded_by_it_again() {
        let page = "<html><head><title>在全省工作会议上的讲话</title></head><body>\
            <p>在全省 工作会议上的讲话</p><p>同志们：</p>\
            <p>今天我们召开会议，一是要提高认识，二是要狠抓落实。</p></body></html>";
        let ex = extract(page.as_bytes(), None).unwrap();
        assert_eq!(
            ex.text.matches("工作会议上的讲话").count(),
            1,
            "{}",
            ex.text
        );
        assert_eq!(ex.title.as_deref(), Some("在全省工作会议上的讲话"));
        // A first paragraph that is not the title still gets the title above it.
        let page = page.replace("<p>在全省 工作会议上的讲话</p>", "");
        let ex = extract(page.as_bytes(), None).unwrap();
        assert!(
            ex.text.starts_with("在全省工作会议上的讲话\n"),
            "{}",
            ex.text
        );
    }

    #[test]
    fn title_from_the_title_tag_and_deep_pages_end() {
        let ex = extract(page("<p>正文，内容。</p>").as_bytes(), None).unwrap();
        assert_eq!(ex.text, "在会上的讲话\n正文，内容。\n");
        let deep = format!(
            "<html><body>{}<p>深处，文字。</p></body></html>",
            "<div>".repeat(20_000)
        );
        let t = std::time::Instant::now();
        let ex = extract(deep.as_bytes(), None);
        assert!(t.elapsed() < std::time::Duration::from_secs(10));
        // Beyond the depth cap the text is dropped, not walked into.
        assert!(ex.is_ok_and(|e| !e.text.contains("深处")));
    }
}
