//! Where tigang keeps its files: config and bookmarks in the config folder, reading state in
//! the state folder (`$XDG_CONFIG_HOME/tigang`, `$XDG_STATE_HOME/tigang` on Linux).

use std::path::PathBuf;

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "tigang")
}

pub fn config_dir() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().to_path_buf())
}

/// The state folder where the platform has one, else the data folder.
pub fn state_dir() -> Option<PathBuf> {
    dirs().map(|d| {
        d.state_dir()
            .map_or_else(|| d.data_local_dir().to_path_buf(), |p| p.to_path_buf())
    })
}

/// Where the parse cache lives (`$XDG_CACHE_HOME/tigang`).
pub fn cache_dir() -> Option<PathBuf> {
    dirs().map(|d| d.cache_dir().to_path_buf())
}

pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

pub fn bookmarks_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("bookmarks.toml"))
}

pub fn state_file() -> Option<PathBuf> {
    state_dir().map(|d| d.join("state.toml"))
}
