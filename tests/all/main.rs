//! The integration tests, one crate (one link of the library, one test binary) with a module
//! per subject. Snapshots are in `snapshots/` here, named after the module path (`all__…`);
//! fixtures stay in `tests/fixtures`, proptest's saved cases in `tests/proptest-regressions`.

mod architecture;
mod cache;
mod cli;
mod cli_library;
mod cli_more;
mod cli_options;
mod common;
mod duplicates;
mod e2e_library;
mod e2e_reader;
mod e2e_store;
mod formats;
mod hostile_corpus;
mod hostile_files;
mod mouse;
mod outline_gold;
mod prop_corpus;
mod prop_pipeline;
mod pty_harness;
mod script_fold;
mod signals;
mod ui_library;
mod ui_snapshots;
