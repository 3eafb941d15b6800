//! The reader against the world outside it, through a pseudo-terminal: signals from other
//! processes, suspending with `Ctrl-z` and `fg`, the terminal window closing under it. Each
//! must leave the terminal cooked and visible and keep the reading position.

use nix::sys::signal::Signal;

use crate::common::pty::{TempHome, Term};

const TITLE: &str = "在全市第二批主题教育";

/// Opens speech 001 and moves to its end, so a saved position is easy to recognise.
fn open_and_read_to_the_end(t: &mut Term) {
    t.wait_text(TITLE);
    t.keys("j");
    t.key("Enter");
    t.wait_text("同志们：");
    t.keys("G");
    t.wait_text("善作为的好苗子");
}

/// The position saved for speech 001, if any.
fn saved_position(home: &TempHome) -> Option<i64> {
    let text = std::fs::read_to_string(home.path().join("state/tigang/state.toml")).ok()?;
    let state: toml::Table = toml::from_str(&text).ok()?;
    state["positions"].get("001_e06c157ea6db8405")?.as_integer()
}

#[test]
fn ctrl_c_quits_with_quit_remapped_and_ctrl_l_redraws_everything() {
    let home = TempHome::new();
    let dir = home.path().join("config/tigang");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[keys]\nquit = \"x\"\n").unwrap();
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    t.wait_text(TITLE);
    t.wait_text("3657字");
    // Nothing changed on screen, so only a full redraw sends the 字数 of speech 000 again
    // (ASCII: wide characters may be written with cursor moves between them).
    let mark = t.raw_output().len();
    t.send(b"\x0c");
    t.wait_output(mark, b"3657").unwrap();
    t.send(b"\x03");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
}

#[test]
fn terminating_signals_restore_the_terminal_save_the_position_and_exit_128_plus_n() {
    for (signal, n) in [
        (Signal::SIGTERM, 15),
        (Signal::SIGHUP, 1),
        (Signal::SIGINT, 2),
        (Signal::SIGQUIT, 3),
    ] {
        let home = TempHome::new();
        let mut t = Term::spawn(&[], &home.env(), 120, 40);
        open_and_read_to_the_end(&mut t);
        t.signal(signal);
        let status = t.wait_exit();
        assert_eq!(status.exit_code(), 128 + n, "{signal}");
        t.restored().unwrap_or_else(|e| panic!("{signal}: {e}"));
        assert!(!t.vt().alternate_screen(), "{signal}");
        assert!(
            saved_position(&home).is_some_and(|p| p > 1000),
            "{signal}: position not saved"
        );
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_redraws() {
    let home = TempHome::new();
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    open_and_read_to_the_end(&mut t);
    for how in ["Ctrl-z", "SIGTSTP"] {
        match how {
            "Ctrl-z" => t.send(b"\x1a"),
            _ => t.signal(Signal::SIGTSTP),
        }
        t.wait_for(&format!("{how}: the normal screen"), |s| {
            !s.alternate_screen() && !s.hide_cursor()
        })
        .unwrap();
        // Suspended with the terminal cooked, as the shell needs it (raw mode is left
        // before the screen is).
        t.cooked().unwrap_or_else(|e| panic!("{how}: {e}"));
        assert!(t.exited().is_none(), "{how}: exited instead of stopping");
        t.wait_stopped();
        // `fg`: the shell sends SIGCONT.
        t.signal(Signal::SIGCONT);
        t.wait_for(&format!("{how}: back on the alternate screen"), |s| {
            s.alternate_screen() && s.hide_cursor()
        })
        .unwrap();
        t.wait_text("善作为的好苗子");
        t.wait_text(TITLE);
        assert!(t.cooked().is_err(), "{how}: raw mode is back");
    }
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
}

#[test]
fn a_terminal_that_goes_away_ends_the_reader_and_keeps_the_position() {
    let home = TempHome::new();
    let tigang = env!("CARGO_BIN_EXE_tigang");
    // Under a shell that leads the session and ignores the hang-up, as when a terminal
    // emulator dies but its shell lingers: the reader gets no SIGHUP, only a dead terminal.
    let mut t = Term::spawn_program(
        "sh",
        &["-c", "trap '' HUP; \"$0\"; exit $?", tigang],
        &home.env(),
        120,
        40,
    );
    open_and_read_to_the_end(&mut t);
    t.hang_up();
    let status = t.wait_exit();
    assert_eq!(status.exit_code(), 129, "ends as on SIGHUP");
    assert!(
        saved_position(&home).is_some_and(|p| p > 1000),
        "position not saved"
    );
}

#[test]
fn an_error_printed_at_exit_comes_after_the_one_restore() {
    let home = TempHome::new();
    let mut t = Term::spawn(&[], &home.env(), 100, 30);
    open_and_read_to_the_end(&mut t);
    // Broken while the reader runs: saving at exit fails and says so.
    let state = home.path().join("state/tigang/state.toml");
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    std::fs::write(&state, "[positions\n").unwrap();
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
    let raw = String::from_utf8_lossy(t.raw_output()).into_owned();
    let message = raw
        .find("could not save the reading position")
        .expect("the error is printed");
    assert!(
        !raw[message..].contains("\x1b[?1049l"),
        "the terminal is restored again after the message: {:?}",
        &raw[message..]
    );
    assert_eq!(raw.matches("\x1b[?1049l").count(), 1, "restored once");
    assert!(t.screen().contains("could not save the reading position"));
}

#[test]
fn fifos_as_data_files_or_in_the_corpus_never_hang_the_reader_or_a_reload() {
    use std::os::unix::fs::FileTypeExt;
    let home = TempHome::new();
    let config = home.path().join("config/tigang");
    let state = home.path().join("state/tigang");
    let corpus = home.path().join("corpus");
    for d in [&config, &state, &corpus] {
        std::fs::create_dir_all(d).unwrap();
    }
    let fifos = [config.join("bookmarks.toml"), state.join("state.toml")];
    for f in &fifos {
        crate::hostile_files::mkfifo(f);
    }
    crate::hostile_files::mkfifo(&corpus.join("p.txt"));
    std::fs::write(
        corpus.join("a.txt"),
        "在全省工作会议上的讲话\n\n同志们：\n一是提高站位。\n",
    )
    .unwrap();
    let dir = corpus.to_str().unwrap();
    let mut t = Term::spawn(&["--corpus", dir], &home.env(), 120, 40);
    t.wait_text("在全省工作会议上的讲话");
    t.wait_text("1 个文件跳过");
    t.keys("!");
    t.wait_text("p.txt: 是命名管道，不是普通文件");
    t.key("Esc");
    t.wait_gone("p.txt: 是命名管道");
    t.keys("R");
    t.wait_text("已重新载入 1 篇");
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
    for f in &fifos {
        let kind = std::fs::symlink_metadata(f).unwrap().file_type();
        assert!(kind.is_fifo(), "{} was replaced", f.display());
    }

    // A FIFO as the config file is an error at start, not a hang.
    crate::hostile_files::mkfifo(&config.join("config.toml"));
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    assert_eq!(t.wait_exit().exit_code(), 2);
    assert!(t.screen().contains("not a regular file"), "{}", t.screen());
}

#[test]
fn a_file_that_panics_the_parser_is_skipped_and_its_message_waits_for_the_exit() {
    let home = TempHome::new();
    let corpus = home.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for name in ["a.txt", "boom.txt"] {
        let text = format!("在全省工作会议上的讲话{name}\n\n同志们：\n一是提高站位。\n");
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let mut env = home.env();
    env.push(("TIGANG_TEST_PANIC_FILE", "boom.txt"));
    let mut t = Term::spawn(&["--corpus", corpus.to_str().unwrap()], &env, 120, 40);
    t.wait_text("1 个文件跳过");
    t.keys("!");
    t.wait_text("boom.txt: tigang 处理这个文件时出错");
    assert!(!t.screen().contains("panicked"), "{}", t.screen());
    t.key("Esc");
    t.wait_gone("boom.txt: tigang 处理");
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
    assert!(
        t.screen().contains("a worker thread panicked"),
        "{}",
        t.screen()
    );
}
