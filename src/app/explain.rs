//! Why a file was skipped and what is wrong with a data file, said in the interface
//! language. The corpus and the store report in English (the command line's language); the
//! reader's Chinese interface says the same in Chinese, keeping paths and details as given.

use super::App;
use crate::config::keymap::Lang;

/// `reason` of a skipped file in Chinese, phrase by phrase; what no phrase covers (a
/// parser's own detail) stays as it is.
pub fn skipped_reason_zh(reason: &str) -> String {
    let r = reason.trim();
    let os = [
        ("(os error 2)", "文件不存在"),
        ("(os error 13)", "没有读取权限"),
        ("(os error 21)", "是文件夹，不是文件"),
        ("(os error 40)", "符号链接层数过多"),
    ];
    if let Some((_, zh)) = os.iter().find(|(code, _)| r.ends_with(code)) {
        return (*zh).to_string();
    }
    let exact = [
        ("file is empty", "文件是空的"),
        (
            "file looks binary (NUL bytes), not text",
            "像是二进制文件（含 NUL 字节），不是文本",
        ),
        (
            "no text layer (a scanned PDF: run it through OCR first)",
            "没有文字层（扫描的 PDF，请先做文字识别）",
        ),
        (
            "folder already visited (symlink loop)",
            "文件夹已读过（符号链接成环）",
        ),
        ("no such file", "文件不存在"),
        ("is a directory, not a text file", "是文件夹，不是文本文件"),
    ];
    if let Some((_, zh)) = exact.iter().find(|(en, _)| r == *en) {
        return (*zh).to_string();
    }
    if let Some(kind) = r
        .strip_prefix("no text found in the ")
        .and_then(|k| k.strip_suffix(" file"))
    {
        return format!("{kind} 文件里没有文字");
    }
    if let Some((kind, why)) = r
        .strip_prefix("not a readable ")
        .and_then(|k| k.split_once(" file: "))
    {
        return format!("不是可读的 {kind} 文件：{why}");
    }
    if let Some((kind, why)) = r.split_once(" file too large to read: ") {
        return format!("{kind} 文件太大，不读：{why}");
    }
    if let Some(kind) = r
        .strip_prefix("is a ")
        .and_then(|k| k.split_once(", not a regular file"))
        .map(|(k, _)| k)
    {
        return format!("是{}，不是普通文件，未读取", special_zh(kind));
    }
    if let Some(rest) = r.strip_prefix("file is ") {
        if let Some((size, limit)) = rest.split_once(" MB, over the limit of ") {
            let limit = limit.split(' ').next().unwrap_or(limit);
            return format!("文件 {size} MB，超过 {limit} MB 的上限（corpus.max_file_mb），未读取");
        }
    }
    if let Some(m) = r
        .strip_prefix("tigang failed on this file (a bug: ")
        .and_then(|m| m.strip_suffix(')'))
    {
        return format!("tigang 处理这个文件时出错（程序缺陷：{m}）");
    }
    r.to_string()
}

/// A data file's problem (`path: what; consequence`) in Chinese: the consequence said first
/// and short (`书签只读`), the path as it is, the known phrases translated.
fn data_file_zh(consequence: &str, message: &str) -> String {
    let body = message
        .rsplit_once(" — ")
        .or_else(|| message.rsplit_once("; "))
        .map_or(message, |(body, _)| body);
    let body = [
        (
            " is a character device, not a regular file",
            " 是设备文件，不是普通文件",
        ),
        (
            " is a block device, not a regular file",
            " 是设备文件，不是普通文件",
        ),
        (
            " is a FIFO (named pipe), not a regular file",
            " 是命名管道，不是普通文件",
        ),
        (
            " is a socket, not a regular file",
            " 是套接字，不是普通文件",
        ),
        (
            " is a folder, not a regular file",
            " 是文件夹，不是普通文件",
        ),
        (
            "is a character device, not a regular file",
            "是设备文件，不是普通文件",
        ),
        (
            "is a FIFO (named pipe), not a regular file",
            "是命名管道，不是普通文件",
        ),
        ("is a folder, not a regular file", "是文件夹，不是普通文件"),
    ]
    .iter()
    .fold(body.to_string(), |b, (en, zh)| b.replace(en, zh));
    format!("{consequence}：{body}")
}

fn special_zh(kind: &str) -> &str {
    match kind {
        "FIFO (named pipe)" => "命名管道",
        "socket" => "套接字",
        "character device" | "block device" => "设备文件",
        "special file" => "特殊文件",
        other => other,
    }
}

impl App {
    /// A skipped file's reason in the interface language.
    pub fn skipped_reason(&self, reason: &str) -> String {
        match self.lang {
            Lang::Zh => skipped_reason_zh(reason),
            Lang::En => reason.to_string(),
        }
    }

    /// Why there is nothing to list when the corpus itself is empty (not "no match").
    pub fn empty_corpus(&self) -> Option<String> {
        if !self.corpus.speeches.is_empty() {
            return None;
        }
        if self.loading() {
            return Some(self.t("正在载入…", "Loading…"));
        }
        let k = self.key(crate::config::keymap::Action::SkippedFiles);
        Some(match self.corpus.skipped.len() {
            0 => self.t(
                "文库里没有讲话：没有找到 .txt .md .docx .doc .html .pdf 文件",
                "No speeches: no .txt .md .docx .doc .html .pdf files found",
            ),
            n => self.t(
                &format!("文库里没有讲话：{n} 个文件都未能读取（按 {k} 查看）"),
                &format!("No speeches: all {n} files were skipped (press {k})"),
            ),
        })
    }

    /// What is wrong with the bookmarks or state file, if anything: said at start-up (and
    /// again when the corpus has loaded), not only when a bookmark is added.
    pub fn storage_problem(&self) -> Option<String> {
        let mut notes = Vec::new();
        if let Some(e) = self.store.as_ref().and_then(|s| s.error()) {
            notes.push(self.t(&data_file_zh("书签只读", &e.to_string()), &e.to_string()));
        }
        if let Some(e) = self.state.as_ref().and_then(|s| s.error()) {
            notes.push(self.t(&data_file_zh("不保存位置", &e.to_string()), &e.to_string()));
        }
        (!notes.is_empty()).then(|| notes.join("; "))
    }

    /// What to say at start-up (and again when the corpus has loaded, so the loaded count
    /// does not cover it up): the config's key conflicts, then [`Self::storage_problem`].
    pub fn startup_notes(&self) -> Option<String> {
        let mut notes = Vec::new();
        if let Some(first) = self.config_warnings.first() {
            let more = self.config_warnings.len() - 1;
            notes.push(match more {
                0 => self.t(
                    &format!("配置的按键有冲突，以配置为准：{first}"),
                    &format!("Key conflict in the config (its key wins): {first}"),
                ),
                n => self.t(
                    &format!("配置的按键有冲突，以配置为准：{first}（另有 {n} 处，tigang config 列出全部）"),
                    &format!("Key conflicts in the config (its keys win): {first} ({n} more: tigang config lists them)"),
                ),
            });
        }
        notes.extend(self.storage_problem());
        (!notes.is_empty()).then(|| notes.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_reasons_read_in_chinese() {
        for (en, zh) in [
            ("file is empty", "文件是空的"),
            ("no text found in the Word file", "Word 文件里没有文字"),
            (
                "is a FIFO (named pipe), not a regular file",
                "是命名管道，不是普通文件，未读取",
            ),
            (
                "file is 70 MB, over the limit of 64 MB (corpus.max_file_mb); skipped unread",
                "文件 70 MB，超过 64 MB 的上限（corpus.max_file_mb），未读取",
            ),
            ("Permission denied (os error 13)", "没有读取权限"),
            ("something new", "something new"),
        ] {
            assert_eq!(skipped_reason_zh(en), zh, "{en}");
        }
    }
}
