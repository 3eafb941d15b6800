//! Cost of one frame while scrolling a 5 MB speech, and of the first layout of it.
//!
//! `cargo run --release --example frame_bench` — draws into ratatui's TestBackend at 120×40,
//! so the figure is tigang's own work per frame (layout lookups, styling, diffing), without
//! the terminal's.

use std::time::Instant;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tigang::app::App;
use tigang::config::Config;
use tigang::corpus::{Corpus, Speech};
use tigang::keymap::Action;
use tigang::ui::{self, theme::Styles};

fn main() {
    // About 5 MB: the seeds' bodies repeated, renumbered headings included.
    let mut text = String::from("在大型会议上的讲话\n\n同志们：\n");
    let seeds = tigang::corpus::builtin();
    while text.len() < 5_000_000 {
        for s in &seeds.speeches {
            for (i, p) in s.paragraphs.iter().enumerate() {
                if p.kind == tigang::corpus::ParaKind::Body {
                    text.push_str(s.para_text(i));
                    text.push('\n');
                }
            }
        }
    }
    let t = Instant::now();
    let speech = Speech::parse("big", &text);
    let parse = t.elapsed();
    let corpus = Corpus {
        speeches: vec![speech],
        skipped: Vec::new(),
    };
    let styles = Styles::new(&Config::default().theme, false);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = App::new(corpus, &Config::default());
    app.resize(120, 40);
    app.update(Action::FocusReader);
    let t = Instant::now();
    term.draw(|f| ui::draw(f, &mut app, &styles)).unwrap();
    let first = t.elapsed();

    let frames = 2000;
    let t = Instant::now();
    for i in 0..frames {
        app.update(if i % 50 == 49 {
            Action::PageDown
        } else {
            Action::Down
        });
        term.draw(|f| ui::draw(f, &mut app, &styles)).unwrap();
    }
    let per = t.elapsed() / frames;
    println!(
        "5 MB speech ({:.1} MB, {} headings): parse {:.0} ms, first frame incl. layout {:.0} ms, \
         then {:.3} ms per frame while scrolling ({} frames)",
        text.len() as f64 / 1e6,
        app.speech().unwrap().headings.len(),
        parse.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        per.as_secs_f64() * 1e3,
        frames
    );
}
