//! The reading state (`state.toml`): which speech was open last and where the reader was in
//! each speech. Several windows share it by merging only the keys each one changed. Must not
//! depend on the terminal, ratatui or corpus types: speeches are plain string ids.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::store::file::DataFileError;
use crate::store::file::{Contents, DataFile, UpdateError};

const NOT_SAVED: &str = "reading positions will not be saved until the file is fixed";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct StateDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_speech: Option<String>,
    /// Speech id → character offset (Unicode scalar values, not bytes).
    #[serde(default)]
    positions: BTreeMap<String, usize>,
    /// The interface language last chosen in the reader (over the config's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    /// The help was opened once, so the first-start hint is no longer shown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    help_seen: bool,
    /// Keys from a newer tigang or added by hand; kept so saving never drops them.
    #[serde(flatten)]
    extra: toml::Table,
}

impl Contents for StateDoc {
    const WHAT: &'static str = "reading state";
    const CONSEQUENCE: &'static str = NOT_SAVED;
    // A broken file reads as empty state.
    const KEEP_WHEN_BROKEN: bool = false;

    fn parse(path: &Path, text: &str) -> Result<StateDoc, DataFileError> {
        toml::from_str(text).map_err(|e| DataFileError::from_toml(path, text, &e, NOT_SAVED))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The file on disk is not one we can safely rewrite; see [`StateFile::reload`].
    #[error("{0}")]
    ReadOnly(DataFileError),
    #[error("could not save reading state to {}: the file is locked by another program", .0.display())]
    Locked(PathBuf),
    #[error("could not save reading state to {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Reading state as last loaded or saved by this process.
#[derive(Debug)]
pub struct StateFile {
    file: DataFile<StateDoc>,
    /// What this process knows each value to be: as read at load (or reload), then as it
    /// wrote them. A position still equal to this was not moved here and is not saved, so
    /// an idle window never writes back an old position over another window's newer one.
    known: StateDoc,
    /// Settings changed in the reader, written with the next save.
    pending_language: Option<String>,
    pending_help_seen: bool,
}

impl StateFile {
    /// Never fails: a missing or broken file reads as empty state; a broken one is reported
    /// in [`error`](Self::error) and never written over.
    pub fn load(path: impl Into<PathBuf>) -> StateFile {
        let file = DataFile::<StateDoc>::load(path);
        let known = file.doc().clone();
        StateFile {
            file,
            known,
            pending_language: None,
            pending_help_seen: false,
        }
    }

    pub fn reload(&mut self) {
        self.file.reload();
        self.known = self.file.doc().clone();
    }

    /// The position of `speech_id` as this process last read or wrote it (not what another
    /// window saved since).
    pub fn known_position(&self, speech_id: &str) -> Option<usize> {
        self.known.positions.get(speech_id).copied()
    }

    /// The last speech as this process last read or wrote it.
    pub fn known_last_speech(&self) -> Option<&str> {
        self.known.last_speech.as_deref()
    }

    /// Makes saving give up with [`StateError::Locked`] after waiting `wait` for the lock.
    pub fn set_lock_wait(&mut self, wait: Option<std::time::Duration>) {
        self.file.set_lock_wait(wait);
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    pub fn get(&self, speech_id: &str) -> Option<usize> {
        self.file.doc().positions.get(speech_id).copied()
    }

    pub fn last_speech(&self) -> Option<&str> {
        self.file.doc().last_speech.as_deref()
    }

    /// The interface language chosen last (a code such as `en`), if one was.
    pub fn language(&self) -> Option<&str> {
        self.file.doc().language.as_deref()
    }

    pub fn help_seen(&self) -> bool {
        self.file.doc().help_seen
    }

    /// Keeps `code` as the interface language, from the next save on.
    pub fn set_language(&mut self, code: &str) {
        self.pending_language = Some(code.to_string());
    }

    /// Records that the help was opened, from the next save on.
    pub fn set_help_seen(&mut self) {
        self.pending_help_seen = true;
    }

    pub fn positions(&self) -> &BTreeMap<String, usize> {
        &self.file.doc().positions
    }

    pub fn error(&self) -> Option<&DataFileError> {
        self.file.error()
    }

    pub fn is_read_only(&self) -> bool {
        self.file.is_read_only()
    }

    /// Writes `last_speech` (if given) and the positions this process changed over what is
    /// on disk now, leaving every other key as another window may have just saved it.
    pub fn save<I, K>(
        &mut self,
        last_speech: Option<&str>,
        changed_positions: I,
    ) -> Result<(), StateError>
    where
        I: IntoIterator<Item = (K, usize)>,
        K: Into<String>,
    {
        let path = self.file.path().to_path_buf();
        let changed: Vec<(String, usize)> = changed_positions
            .into_iter()
            .map(|(id, offset)| (id.into(), offset))
            .collect();
        let (language, help_seen) = (self.pending_language.clone(), self.pending_help_seen);
        let result = self.file.update(|doc: &mut StateDoc| {
            let before = doc.clone();
            if let Some(id) = last_speech {
                doc.last_speech = Some(id.to_string());
            }
            for (id, offset) in &changed {
                doc.positions.insert(id.clone(), *offset);
            }
            if let Some(code) = &language {
                doc.language = Some(code.clone());
            }
            doc.help_seen |= help_seen;
            // Quitting without reading further should not cost a disk sync.
            Ok::<_, std::convert::Infallible>(((), *doc != before || !path.exists()))
        });
        if result.is_ok() {
            if let Some(id) = last_speech {
                self.known.last_speech = Some(id.to_string());
            }
            self.known.positions.extend(changed);
        }
        result.map_err(|e| match e {
            UpdateError::Unreadable(e) => StateError::ReadOnly(e),
            UpdateError::Locked => StateError::Locked(path.clone()),
            UpdateError::Refused { error, .. } => match error {},
            UpdateError::Io { error, .. } => StateError::Io {
                path: path.clone(),
                source: error,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const NONE: [(&str, usize); 0] = [];

    #[test]
    fn two_handles_saving_different_speeches_keep_both() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state/state.toml");
        let mut a = StateFile::load(&path);
        let mut b = StateFile::load(&path);
        a.save(Some("s1"), [("s1", 10)]).unwrap();
        b.save(Some("s2"), [("s2", 20)]).unwrap();
        a.save(None, [("s1", 11)]).unwrap();

        let back = StateFile::load(&path);
        assert!(!back.is_read_only(), "{:?}", back.error());
        assert_eq!(back.get("s1"), Some(11));
        assert_eq!(back.get("s2"), Some(20));
        assert_eq!(
            back.last_speech(),
            Some("s2"),
            "a did not change last_speech"
        );
        assert_eq!(
            a.get("s2"),
            Some(20),
            "a's view is refreshed from disk on save"
        );
    }

    #[test]
    fn round_trip_with_awkward_ids_and_unknown_keys_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state.toml");
        fs::write(
            &path,
            "theme = \"dark\"\nlast_speech = \"old\"\n[positions]\nold = 5\n[window]\nwidth = 80\n",
        )
        .unwrap();
        let mut state = StateFile::load(&path);
        let odd = "讲话 \"引号\" 001.a";
        state
            .save(
                Some(odd),
                vec![(odd.to_string(), 7), ("001_e06c".into(), 1234)],
            )
            .unwrap();
        let back = StateFile::load(&path);
        assert_eq!(back.last_speech(), Some(odd));
        assert_eq!(back.get(odd), Some(7));
        assert_eq!(back.get("old"), Some(5));
        let raw: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(raw["theme"].as_str(), Some("dark"));
        assert_eq!(raw["window"]["width"].as_integer(), Some(80));
    }

    #[test]
    fn the_language_and_the_help_seen_are_kept_with_unknown_keys() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state.toml");
        fs::write(&path, "theme = \"dark\"\n").unwrap();
        let mut state = StateFile::load(&path);
        assert_eq!((state.language(), state.help_seen()), (None, false));
        state.set_language("en");
        state.set_help_seen();
        state.save(None, NONE).unwrap();
        let back = StateFile::load(&path);
        assert_eq!((back.language(), back.help_seen()), (Some("en"), true));
        let raw: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(raw["theme"].as_str(), Some("dark"));
    }

    #[test]
    fn missing_file_is_empty_and_an_unchanged_save_still_creates_it() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a/b/state.toml");
        let mut state = StateFile::load(&path);
        assert!(!state.is_read_only());
        assert_eq!((state.last_speech(), state.get("x")), (None, None));
        state.save(None, NONE).unwrap();
        assert!(path.exists());
    }

    #[test]
    fn corrupt_state_is_reported_treated_as_empty_and_never_overwritten() {
        let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
            (
                "truncated",
                b"last_speech = \"s1\n".to_vec(),
                Some(":1:18: "),
            ),
            (
                "wrong type",
                b"[positions]\ns1 = \"x\"\n".to_vec(),
                Some(":2:6: "),
            ),
            (
                "negative",
                b"[positions]\ns1 = -3\n".to_vec(),
                Some(":2:6: "),
            ),
            (
                "garbage",
                b"last_speech = \"a\"\n\0\xff\xfe".to_vec(),
                Some(":2:2: "),
            ),
            ("directory", Vec::new(), None),
        ];
        for (name, bytes, place) in cases {
            let tmp = tempfile::tempdir().unwrap();
            let path = tmp.path().join("state.toml");
            if name == "directory" {
                fs::create_dir(&path).unwrap();
            } else {
                fs::write(&path, &bytes).unwrap();
            }
            let mut state = StateFile::load(&path);
            assert!(state.is_read_only(), "{name}");
            let shown = state.error().unwrap().to_string();
            let expected = format!("{}{}", path.display(), place.unwrap_or(": "));
            assert!(shown.starts_with(&expected), "{name}: {shown}");
            assert!(shown.ends_with(NOT_SAVED), "{name}: {shown}");
            assert_eq!(
                (state.last_speech(), state.get("s1")),
                (None, None),
                "{name}"
            );
            assert!(matches!(
                state.save(Some("s9"), [("s9", 1)]),
                Err(StateError::ReadOnly(_))
            ));
            if name == "directory" {
                assert!(path.is_dir());
            } else {
                assert_eq!(fs::read(&path).unwrap(), bytes, "{name}: bytes changed");
            }
        }
    }

    #[test]
    fn corruption_found_while_saving_is_not_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state.toml");
        let mut state = StateFile::load(&path);
        state.save(Some("s1"), [("s1", 1)]).unwrap();
        fs::write(&path, "[positions\n").unwrap();
        assert!(matches!(
            state.save(Some("s2"), [("s2", 2)]),
            Err(StateError::ReadOnly(_))
        ));
        assert!(state.is_read_only());
        assert_eq!(fs::read(&path).unwrap(), b"[positions\n");
        assert!(state.save(None, NONE).is_err());
    }
}
