//! The outline library from the command line: `search --headings`, `outline --brief`,
//! `--format docx` exports read back, and `diff` of two outlines.

use std::process::{Command, Output};

fn tigang(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn search_headings_prints_each_heading_hit_with_its_path() {
    let o = tigang(&["search", "--headings", "作风"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "001_e06c157ea6db8405:18: 《在全市第二批主题教育培训会上的讲话》 \
         三、强化自身建设，推动主题教育取得扎实成效 › 二要 带头改进作风\n\
         002_79d529a42d7e482e:13: 《在市X系统基层党务干部培训班开班仪式上的动员讲话》 \
         一、培训的意义 › 三是 切实解决党员干部突出问题的需要 › 第三 工作作风漂浮懒惰\n\
         002_79d529a42d7e482e:15: 《在市X系统基层党务干部培训班开班仪式上的动员讲话》 \
         二、培训的目的 › 一是 党的基本知识要搞清楚 › 第七是 党的作风\n\
         004_c86d48fce694c9fb:9: 《提升能力素质  保持优良作风 做一名优秀的新时代党务工作者》 \
         五、树牢爱民为民利民意识，不断优化干部作风形象\n"
    );
    let o = tigang(&["search", "--headings", "--count", "作风"]);
    assert_eq!(
        stdout(&o),
        "001_e06c157ea6db8405:1\n002_79d529a42d7e482e:2\n004_c86d48fce694c9fb:1\n"
    );
    // Prose-only words are not found in the 提纲 scope: exit 1, like grep.
    let o = tigang(&["search", "--headings", "一岗双责"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let o = tigang(&["search", "--titles", "作风"]);
    assert_eq!(
        stdout(&o),
        "004_c86d48fce694c9fb: 《提升能力素质  保持优良作风 做一名优秀的新时代党务工作者》\n"
    );
}
