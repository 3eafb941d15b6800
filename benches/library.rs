//! The outline library on a large corpus (issue 12): 提纲-scoped search, the first frame of
//! the corpus outline view, and `diff` of two ~20,000-字 reports, each best of five, next to
//! its target (≤ 20 ms, ≤ 50 ms, ≤ 50 ms).
//!
//! ```text
//! cargo run --release --example gen_corpus -- target/bench-corpus   # once: ~100 MB
//! cargo bench --bench library                # or TIGANG_BENCH_CORPUS=DIR cargo bench …
//! ```

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tigang::app::App;
use tigang::config::keymap::Action;
use tigang::config::keys::{KeyCode, KeyEvent, KeyModifiers};
use tigang::config::Config;
use tigang::corpus::align::{align_speeches, tally};
use tigang::search::scope::ScopeIndex;
use tigang::search::Query;
use tigang::ui::{self, theme::Styles};

/// Best of five runs of `f`, in milliseconds, and its last result.
fn best<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        out = Some(std::hint::black_box(r));
    }
    (best, out.expect("ran"))
}

fn row(name: &str, ms: f64, target: f64, what: &str) {
    let verdict = if ms <= target { "ok" } else { "OVER" };
    println!("{name:<44} {ms:>8.2} ms  (target ≤ {target} ms: {verdict})  {what}");
}

fn main() {
    let dir = std::env::var_os("TIGANG_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus"));
    if !dir.is_dir() {
        eprintln!(
            "no corpus at {}: run `cargo run --release --example gen_corpus -- {}` first",
            dir.display(),
            dir.display()
        );
        return;
    }
    let t = Instant::now();
    let corpus = tigang::corpus::load_dirs(&[dir], None);
    let mb: usize = corpus.speeches.iter().map(|s| s.text.len()).sum();
    let headings: usize = corpus.speeches.iter().map(|s| s.headings.len()).sum();
    println!(
        "corpus: {} speeches, {:.1} MB of text, {headings} headings, loaded in {:.0} ms",
        corpus.speeches.len(),
        mb as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );

    // 提纲 scope: the index is built once per corpus, on the first scoped search.
    let (build, index) = best(|| ScopeIndex::headings(&corpus.speeches));
    println!(
        "{:<44} {build:>8.2} ms  (once per corpus)  {} headings",
        "提纲 index build",
        index.len()
    );
    let cancel = AtomicBool::new(false);
    for q in ["作风建设", "一岗双责", "发展", "re:^（[一二三]）"] {
        let query = Query::parse(q).unwrap().unwrap();
        let (ms, out) = best(|| index.search(&query, &cancel, 20_000));
        row(
            &format!("提纲-scoped search {q}"),
            ms,
            20.0,
            &format!("{} hits in {} speeches", out.total, out.docs_matched),
        );
    }
    let titles = ScopeIndex::titles(&corpus.speeches);
    let query = Query::parse("讲话").unwrap().unwrap();
    let (ms, out) = best(|| titles.search(&query, &cancel, 20_000));
    row(
        "标题-scoped search 讲话",
        ms,
        20.0,
        &format!("{} hits", out.total),
    );

    // diff: of the twenty speeches nearest 20,000 字, the two with the most headings.
    let mut near: Vec<usize> = (0..corpus.speeches.len()).collect();
    near.sort_by_key(|&i| corpus.speeches[i].chars.abs_diff(20_000));
    near.truncate(20);
    near.sort_by_key(|&i| std::cmp::Reverse(corpus.speeches[i].headings.len()));
    if let [a, b, ..] = near[..] {
        let (sa, sb) = (&corpus.speeches[a], &corpus.speeches[b]);
        let (ms, rows) = best(|| align_speeches(sa, sb));
        let (k, r, d, ad) = tally(&rows);
        row(
            "diff of two ~20,000-字 reports",
            ms,
            50.0,
            &format!(
                "{}字/{} headings vs {}字/{} headings: kept {k}, reworded {r}, dropped {d}, added {ad}",
                sa.chars,
                sa.headings.len(),
                sb.chars,
                sb.headings.len()
            ),
        );
    } else {
        println!("diff: fewer than two speeches in this corpus");
    }

    // The corpus outline's first frame: every speech, then a filtered list.
    let cfg = Config::default();
    let styles = Styles::new(&cfg.theme, false);
    let mut app = App::new(corpus, &cfg);
    app.resize(160, 50);
    let mut term = Terminal::new(TestBackend::new(160, 50)).unwrap();
    term.draw(|f| ui::draw(f, &app, &styles)).unwrap();
    let mut frame = |app: &mut App| {
        best(|| {
            app.update(Action::CorpusOutline);
            term.draw(|f| ui::draw(f, app, &styles)).unwrap();
            let rows = app.corpus_outline_rows().len();
            app.update(Action::Back);
            rows
        })
    };
    let (ms, rows) = frame(&mut app);
    row(
        "corpus outline first frame, whole list",
        ms,
        50.0,
        &format!("{} speeches, {rows} rows", app.visible.len()),
    );
    app.update(Action::Filter);
    for c in "工作".chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let (ms, rows) = frame(&mut app);
    row(
        "corpus outline first frame, filter 工作",
        ms,
        50.0,
        &format!("{} speeches, {rows} rows", app.visible.len()),
    );
}
