//! The dependency rule of the library, checked on the source: every `crate::…` path in a
//! module under `src/` must point at the same layer or a lower one, and the modules must not
//! import each other in a circle. Layers, lowest first: `corpus`; `text`; `search`, `view`,
//! `store`, `config`; `app`; `ui`; `tui`, `cli`. `app` must not know the terminal libraries.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of each top-level module: a module may import its own layer or lower ones.
const LAYERS: [(&str, u8); 10] = [
    ("corpus", 0),
    ("text", 1),
    ("search", 2),
    ("view", 2),
    ("store", 2),
    ("config", 2),
    ("app", 3),
    ("ui", 4),
    ("tui", 5),
    ("cli", 5),
];

/// Top-level modules that must not name these crates (state is kept free of terminal types).
const NO_TERMINAL: [&str; 6] = ["corpus", "text", "search", "view", "store", "app"];
const TERMINAL_CRATES: [&str; 2] = ["crossterm", "ratatui"];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

/// The code of a line, without a `//` comment (doc comments included). A `//` inside a
/// string literal would cut the line short; none of the paths we look for follow one.
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// The top-level modules that `source` names through `crate::name` or `crate::{a, b::c}`.
fn imported_modules(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for line in source.lines() {
        let line = code(line);
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            // `tigang_crate::` or `my_crate::` is not our crate.
            let before = rest[..i].chars().next_back();
            rest = &rest[i + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                let mut depth = 0;
                let mut start = 0;
                let inner = &group[..end];
                for (k, c) in inner.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            out.insert(ident(inner[start..k].trim()));
                            start = k + 1;
                        }
                        _ => {}
                    }
                }
                out.insert(ident(inner[start..].trim()));
            } else {
                out.insert(ident(rest));
            }
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

/// Whether `source` names one of `crates` as a path root (`ratatui::…`, `use crossterm`).
fn names_crate(source: &str, krate: &str) -> bool {
    source.lines().map(code).any(|line| {
        line.match_indices(krate).any(|(i, _)| {
            let before = line[..i].chars().next_back();
            let after = &line[i + krate.len()..];
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                && (after.starts_with("::") || after.starts_with(';'))
        })
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/app/search.rs` → `app`; `src/tui.rs` → `tui`; `None` for the crate roots.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// Every forbidden edge of the tree `files` (module name, source): a lower layer naming a
/// higher one, an unknown module, a terminal crate where none may be, or a cycle.
fn violations(files: &[(String, String)]) -> Vec<String> {
    let mut bad = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, source) in files {
        let Some(from) = layer(module) else {
            bad.push(format!("{module}: not in the layer table"));
            continue;
        };
        for to in imported_modules(source) {
            if to == *module {
                continue;
            }
            match layer(&to) {
                None => bad.push(format!("{module} → {to}: unknown module")),
                Some(l) if l > from => bad.push(format!("{module} → {to}: imports a higher layer")),
                Some(_) => {}
            }
            graph.entry(module.clone()).or_default().insert(to);
        }
        if NO_TERMINAL.contains(&module.as_str()) {
            for krate in TERMINAL_CRATES {
                if names_crate(source, krate) {
                    bad.push(format!("{module} → {krate}: must not know the terminal"));
                }
            }
        }
    }
    // Same-layer imports are allowed, circles are not.
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = graph[start].iter().collect();
        while let Some(m) = stack.pop() {
            if m == start {
                bad.push(format!("{start}: part of an import cycle"));
                break;
            }
            if seen.insert(m.clone()) {
                stack.extend(graph.get(m).into_iter().flatten());
            }
        }
    }
    bad
}

#[test]
fn the_parser_finds_paths_and_groups() {
    let src = "use crate::app::{App, Focus};\n\
               use crate::{text::width, ui};\n\
               // use crate::cli::nothing;\n\
               let x = crate::store::paths::config_file(); /// crate::tui in a doc\n\
               use tigang_crate::view; let s = \"ok\";\n";
    let got: Vec<String> = imported_modules(src).into_iter().collect();
    assert_eq!(got, ["app", "store", "text", "ui"]);
    assert!(names_crate("use ratatui::layout::Rect;", "ratatui"));
    assert!(names_crate(
        "fn f(k: crossterm::event::KeyEvent) {}",
        "crossterm"
    ));
    assert!(!names_crate("// ratatui::Frame", "ratatui"));
    assert!(!names_crate("mod not_ratatui_here;", "ratatui"));
}

#[test]
fn the_rule_catches_upward_edges_terminal_types_and_cycles() {
    let tree = |files: &[(&str, &str)]| -> Vec<String> {
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(m, s)| (m.to_string(), s.to_string()))
            .collect();
        violations(&files)
    };
    assert!(tree(&[("ui", "use crate::app::App;"), ("app", "use crate::view;")]).is_empty());
    assert_eq!(
        tree(&[("app", "use crate::ui::draw;")]),
        ["app → ui: imports a higher layer"]
    );
    assert_eq!(
        tree(&[("corpus", "crate::text::width::display_width(s)")]),
        ["corpus → text: imports a higher layer"]
    );
    assert_eq!(
        tree(&[("app", "use crossterm::event::KeyEvent;")]),
        ["app → crossterm: must not know the terminal"]
    );
    assert_eq!(
        tree(&[("view", "use crate::store;"), ("store", "use crate::view;")]),
        [
            "store: part of an import cycle",
            "view: part of an import cycle"
        ]
    );
    assert_eq!(tree(&[("gui", "")]), ["gui: not in the layer table"]);
}

#[test]
fn the_source_tree_keeps_the_rule() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    paths.sort();
    let mut files = Vec::new();
    for path in &paths {
        if let Some(module) = top_module(&src, path) {
            files.push((module, std::fs::read_to_string(path).unwrap()));
        }
    }
    assert!(files.len() > 30, "found only {} files", files.len());
    let bad = violations(&files);
    assert!(bad.is_empty(), "forbidden edges:\n{}", bad.join("\n"));
}
