//! Command-line options every subcommand shares or scripts expect: `--color`,
//! `CLICOLOR_FORCE`, `search -l` and `--json`, `list --header`, `TIGANG_CONFIG`,
//! `config --default`, global options before the subcommand.

use std::process::{Command, Output};

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tigang"));
    c.args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn search_colours_with_always_or_clicolor_force_and_never_otherwise_in_a_pipe() {
    let plain = run(&["search", "一岗双责"], &[]);
    assert!(plain.status.success());
    assert!(!stdout(&plain).contains('\x1b'), "a pipe: no colour");
    let always = run(&["search", "--color=always", "一岗双责"], &[]);
    assert!(
        stdout(&always).contains("\x1b[1;31m一岗双责\x1b[0m"),
        "{}",
        stdout(&always)
    );
    let forced = run(&["search", "一岗双责"], &[("CLICOLOR_FORCE", "1")]);
    assert!(stdout(&forced).contains('\x1b'));
    // NO_COLOR wins over the forcing variable, an explicit --color=always over both.
    let both = run(
        &["search", "一岗双责"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!stdout(&both).contains('\x1b'));
    let never = run(
        &["--color=never", "search", "一岗双责"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!stdout(&never).contains('\x1b'));
    // Every subcommand takes it.
    for args in [
        &["list", "--color=never"][..],
        &["outline", "--color=always", "-"][..],
        &["bookmarks", "--color=auto"][..],
    ] {
        let o = run(args, &[]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
    }
    // `show --width N --color` as before: a bare --color is always.
    let show = run(
        &["show", "001_e06c157ea6db8405", "--width", "40", "--color"],
        &[],
    );
    assert!(stdout(&show).contains('\x1b'), "{}", stdout(&show));
}

#[test]
fn search_lists_speeches_once_with_l_and_prints_json_lines() {
    let o = run(&["search", "-l", "一岗双责"], &[]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines.iter().all(|l| !l.contains(':')), "{out}");
    let o = run(&["search", "--json", "一岗双责"], &[]);
    assert!(o.status.success());
    let out = stdout(&o);
    let mut n = 0;
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["match"], "一岗双责");
        assert!(v["paragraph"].as_u64().unwrap() > 0);
        assert!(v["id"].as_str().unwrap().len() > 3);
        n += 1;
    }
    assert!(n >= 2, "{out}");
    let none = run(&["search", "-l", "没有这句话的讲话"], &[]);
    assert_eq!(none.status.code(), Some(1));
}

#[test]
fn list_can_start_with_a_header_line() {
    let o = run(&["list", "--header"], &[]);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("id\ttitle\tchars\theadings\tflags"));
    assert_eq!(lines.count(), 5);
    assert!(!stdout(&run(&["list"], &[])).starts_with("id\t"));
}

#[test]
fn tigang_config_names_the_config_and_prints_the_built_in_one() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("mine.toml");
    std::fs::write(&path, "[keys]\nquit = \"x\"\n").unwrap();
    let p = path.to_str().unwrap();
    let o = run(&["config"], &[("TIGANG_CONFIG", p)]);
    assert_eq!(stdout(&o).trim(), p);
    // TIGANG_CONFIG is read: a bad one is an error naming it.
    std::fs::write(&path, "[keys]\nquit = []\n").unwrap();
    let o = run(&["list"], &[("TIGANG_CONFIG", p)]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("mine.toml"));
    let missing = run(&["list"], &[("TIGANG_CONFIG", "/nonexistent/tigang.toml")]);
    assert!(!missing.status.success());
    // --default is the documented example, which parses to the defaults.
    let o = run(&["config", "--default"], &[]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert_eq!(text, include_str!("../../config.example.toml"));
    let parsed = tigang::config::parse(&text, std::path::Path::new("default.toml")).unwrap();
    assert_eq!(parsed, tigang::config::Config::default());
}

#[test]
fn completions_and_the_man_page_come_from_the_options() {
    let o = run(&["completions", "bash"], &[]);
    assert!(o.status.success());
    let bash = stdout(&o);
    for word in [
        "tigang",
        "search",
        "--files-with-matches",
        "--color",
        "outline",
    ] {
        assert!(bash.contains(word), "{word}");
    }
    let fish = stdout(&run(&["completions", "fish"], &[]));
    assert!(fish.contains("complete -c tigang"), "{fish}");
    let man = stdout(&run(&["man"], &[]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH tigang"),
        "{man}"
    );
    assert!(man.contains("color") && man.contains("search"), "{man}");
}

#[test]
fn global_options_may_come_before_the_subcommand() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("speeches");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "在会上的讲话\n\n一、总体要求\n正文。\n",
    )
    .unwrap();
    let dir = corpus.to_str().unwrap();
    let after = crate::common::tigang_in(home.path(), &["list", "--no-cache", "--corpus", dir]);
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    assert!(
        stdout(&after).starts_with("a\t在会上的讲话\t"),
        "{}",
        stdout(&after)
    );
    for args in [
        &["--no-cache", "--corpus", dir, "list"][..],
        &["--corpus", dir, "--no-cache", "list"],
        &["--encoding", "utf-8", "--corpus", dir, "list"],
    ] {
        let before = crate::common::tigang_in(home.path(), args);
        assert!(
            before.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&before.stderr)
        );
        assert_eq!(stdout(&before), stdout(&after), "{args:?}");
    }
}
