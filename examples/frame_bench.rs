//! Cost of one frame while scrolling a 5 MB speech, and of the first layout of it.
//!
//! `cargo run --release --example frame_bench` — draws into ratatui's TestBackend at 120×40,
//! so the figure is tigang's own work per frame (layout lookups, styling, diffing), without
//! the terminal's.

use std::time::Instant;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tigang::app::App;
use tigang::config::keymap::Action;
use tigang::config::keys::{KeyCode, KeyEvent, KeyModifiers};
use tigang::config::Config;
use tigang::corpus::{Corpus, Speech};
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
    // Ten thousand small speeches plus the big one: the list and filter work at that scale.
    let mut speeches: Vec<Speech> = (0..10_000)
        .map(|i| {
            let s = &seeds.speeches[i % seeds.speeches.len()];
            let mut x = s.clone();
            x.id = format!("{:04}/{:02}/{}_{i}", 2000 + i % 25, i % 12 + 1, s.id);
            x.title = format!("{}（{i}）", s.title);
            x
        })
        .collect();
    speeches.push(speech);
    let big = speeches.len() - 1;
    let corpus = Corpus {
        speeches,
        ..Corpus::default()
    };
    let styles = Styles::new(&Config::default().theme, false);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = App::new(corpus, &Config::default());
    app.resize(120, 40);
    term.draw(|f| ui::draw(f, &app, &styles)).unwrap();

    // Opening the 5 MB speech: layout at this width plus its first frame.
    let t = Instant::now();
    app.open_speech(big);
    app.update(Action::FocusReader);
    term.draw(|f| ui::draw(f, &app, &styles)).unwrap();
    let open = t.elapsed();

    let frames = 2000;
    let t = Instant::now();
    for i in 0..frames {
        app.update(if i % 50 == 49 {
            Action::PageDown
        } else {
            Action::Down
        });
        term.draw(|f| ui::draw(f, &app, &styles)).unwrap();
    }
    let per = t.elapsed() / frames;

    // One keystroke in the list filter over 10,001 titles, redraw included.
    app.update(Action::Filter);
    let keys = ['主', '题', '教', '育', '1'];
    let t = Instant::now();
    for c in keys {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        term.draw(|f| ui::draw(f, &app, &styles)).unwrap();
    }
    let filter = t.elapsed() / keys.len() as u32;
    println!(
        "5 MB speech ({:.1} MB, {} headings): parse {:.0} ms; opening it (layout + first frame) \
         {:.1} ms [target <= 30]; {:.3} ms per frame while scrolling ({frames} frames); \
         list filter keystroke over {} titles {:.2} ms [target <= 16]",
        text.len() as f64 / 1e6,
        app.corpus.speeches[big].headings.len(),
        parse.as_secs_f64() * 1e3,
        open.as_secs_f64() * 1e3,
        per.as_secs_f64() * 1e3,
        app.corpus.speeches.len(),
        filter.as_secs_f64() * 1e3,
    );
}
