//! Traditional and Simplified as one script for `tigang search`: a Simplified query finds a
//! Traditional speech (UTF-8 or Big5) and the reverse, and `search.fold_script = false`
//! turns it off. Each run has its own home and config.

use std::process::Output;

use crate::common::tigang_in;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn simplified_queries_find_traditional_speeches_and_back() {
    let tmp = tempfile::tempdir().unwrap();
    let (home, dir) = (tmp.path().join("home"), tmp.path().join("corpus"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("trad.txt"),
        "在廣州會議上的講話\n\n同志們：\n一九二一年，廣州共產黨早期組織成立。\n",
    )
    .unwrap();
    let (big5, _, bad) =
        encoding_rs::BIG5.encode("在臺北會議上的講話\n\n同志們：\n發展黨員，壯大組織。\n");
    assert!(!bad);
    std::fs::write(dir.join("big5.txt"), &big5).unwrap();
    std::fs::write(
        dir.join("simp.txt"),
        "在会议上的讲话\n\n同志们：\n发展党员。\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();

    let o = tigang_in(&home, &["search", "广州共产党", d]);
    assert_eq!(stdout(&o), "trad:3: 一九二一年，廣州共產黨早期組織成立。\n");
    let o = tigang_in(&home, &["search", "-c", "发展党员", d]);
    assert_eq!(stdout(&o), "big5:1\nsimp:1\n");
    let o = tigang_in(&home, &["search", "-c", "發展黨員", "--corpus", d]);
    assert_eq!(stdout(&o), "big5:1\nsimp:1\n");

    std::fs::create_dir_all(home.join("config/tigang")).unwrap();
    std::fs::write(
        home.join("config/tigang/config.toml"),
        "[search]\nfold_script = false\n",
    )
    .unwrap();
    let o = tigang_in(&home, &["search", "-c", "发展党员", d]);
    assert_eq!(stdout(&o), "simp:1\n");
    assert_eq!(o.status.code(), Some(0));
    let o = tigang_in(&home, &["search", "广州共产党", d]);
    assert_eq!(o.status.code(), Some(1), "nothing found without folding");
}
