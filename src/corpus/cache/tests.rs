//! Cache tests: speeches read back as they were written, and every kind of bad pack ignored.

use super::*;
use crate::corpus::{builtin, Speech};

fn same(a: &Speech, b: &Speech) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

fn stamp(n: u64) -> Stamp {
    Stamp {
        size: n,
        mtime_s: 1_700_000_000,
        mtime_ns: 5,
    }
}

/// Speeches with every part the codec writes: the seeds, Markdown emphasis and headings, a
/// table of contents with a lost heading, gaps, a truncation, checks, a repeated body.
fn samples() -> Vec<Speech> {
    let mut all: Vec<Speech> = builtin().speeches;
    let texts = [
        "# 在会上的讲话\n\n## 一、总体要求\n\n> 引文。\n\n**要点**在此。\n",
        "讲话\n\n目录\n一、甲\n二、乙\n\n一、甲\n正文〔此处省略 877 字〕\n三、丙\n我讲三点意见。\n一是好。二是坏。\n",
        "讲话\n\n正文未完，全文共 3000 字，显示 1000 字\n",
        "讲话\n\n一、加强领导\n正文。\n三、狠抓落实\n正文。\n",
        &"在会上的讲话\n\n同志们：\n一、第一部分的内容要足够长才能当作锚点来用\n正文一。\n二、第二部分\n正文二。\n"
            .repeat(6),
    ];
    for (i, t) in texts.iter().enumerate() {
        let mut s = Speech::parse(format!("t{i}"), t);
        s.warnings.push("一条警告".into());
        all.push(s);
    }
    let seed = &all[0].text;
    let mut gbk = Speech::from_bytes("g", &encoding_rs::GBK.encode(seed).0, None).expect("decodes");
    gbk.path = Some("/x/g.txt".into());
    all.push(gbk);
    all
}

fn pack_of(speeches: &[Speech]) -> Vec<u8> {
    let entries: Vec<Encoded> = speeches
        .iter()
        .enumerate()
        .map(|(i, s)| encode(Path::new(&format!("/c/{i}.txt")), stamp(i as u64), s))
        .collect();
    pack_bytes(&entries)
}

/// The pack these bytes make, opened as the loader opens one: from a file (removed at once;
/// the open pack still reads it).
fn parse_pack(bytes: Vec<u8>) -> Result<Pack, Miss> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("tigang-pack-{}-{n}", std::process::id()));
    std::fs::write(&path, bytes).expect("a temporary file");
    let pack = read_pack(&path);
    let _ = std::fs::remove_file(&path);
    pack
}

#[test]
fn every_sample_reads_back_the_same() {
    let all = samples();
    assert!(all.iter().any(|s| !s.gaps.is_empty()));
    assert!(all.iter().any(|s| !s.checks.is_empty()));
    assert!(all.iter().any(|s| !s.emphasis.is_empty()));
    assert!(all.iter().any(|s| s.repeated > 0));
    assert!(all.iter().any(|s| s.incomplete.is_some()));
    assert!(all.iter().any(|s| s.encoding.starts_with("GB")));
    let pack = parse_pack(pack_of(&all)).expect("reads");
    assert_eq!(pack.len(), all.len());
    for (i, s) in all.iter().enumerate() {
        let path = format!("/c/{i}.txt");
        let back = pack
            .get(Path::new(&path), stamp(i as u64), &s.id)
            .expect("hit");
        let mut want = s.clone();
        want.path = Some(path.into());
        assert!(same(&back, &want), "speech {i} differs");
    }
}

#[test]
fn a_changed_file_is_a_miss() {
    let all = samples();
    let pack = parse_pack(pack_of(&all)).expect("reads");
    let p = Path::new("/c/0.txt");
    assert!(pack.get(p, stamp(0), "a").is_some());
    assert!(pack.get(p, stamp(1), "a").is_none(), "other size");
    let newer = Stamp {
        mtime_ns: 6,
        ..stamp(0)
    };
    assert!(pack.get(p, newer, "a").is_none(), "other mtime");
    assert!(pack.get(Path::new("/c/none.txt"), stamp(0), "a").is_none());
}

#[test]
fn five_kinds_of_bad_pack_are_refused_and_none_panics() {
    let good = pack_of(&samples());
    // Empty; garbage; cut inside the header; cut inside the entries; the index changed.
    assert_eq!(
        parse_pack(Vec::new()).err(),
        Some(Miss::Corrupt("truncated"))
    );
    assert_eq!(
        parse_pack(b"not a cache at all, just text".to_vec()).err(),
        Some(Miss::Corrupt("not a tigang cache"))
    );
    assert!(matches!(
        parse_pack(good[..30].to_vec()),
        Err(Miss::Corrupt(_))
    ));
    assert!(matches!(
        parse_pack(good[..good.len() - 10].to_vec()),
        Err(Miss::Corrupt(_))
    ));
    let mut index_flip = good.clone();
    let at = MAGIC.len() + 8 + PARSER.len() + 8 + 4 + 20;
    index_flip[at] ^= 0x40;
    assert_eq!(
        parse_pack(index_flip).err(),
        Some(Miss::Corrupt("index checksum"))
    );
    // Every cut and every flipped byte: an error or a pack whose entries fail their checks;
    // whatever comes back is a speech the codec checked, and nothing panics.
    for cut in (0..good.len()).step_by(97) {
        let _ = parse_pack(good[..cut].to_vec());
    }
    let n = samples().len();
    for at in (0..good.len()).step_by(53) {
        let mut bad = good.clone();
        bad[at] ^= 0x5A;
        if let Ok(pack) = parse_pack(bad) {
            for i in 0..n {
                let path = format!("/c/{i}.txt");
                let _ = pack.get(Path::new(&path), stamp(i as u64), "x");
            }
        }
    }
}

#[test]
fn a_corrupt_entry_is_a_miss_for_that_file_only() {
    let all = samples();
    let entries: Vec<Encoded> = all
        .iter()
        .enumerate()
        .map(|(i, s)| encode(Path::new(&format!("/c/{i}.txt")), stamp(i as u64), s))
        .collect();
    let mut bytes = pack_bytes(&entries);
    // The last entry's last byte (its 字数).
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    let pack = parse_pack(bytes).expect("the index is whole");
    let n = all.len() - 1;
    assert!(pack
        .get(Path::new(&format!("/c/{n}.txt")), stamp(n as u64), "x")
        .is_none());
    assert!(pack.get(Path::new("/c/0.txt"), stamp(0), "x").is_some());
}

#[test]
fn the_codec_refuses_offsets_outside_the_text() {
    let mut s = Speech::parse("a", "讲话\n\n一、甲\n正文。\n");
    s.headings[0].text = 0..10_000;
    let mut w = Writer { out: Vec::new() };
    codec::encode(&s, &mut w);
    let mut r = Reader { rest: &w.out };
    assert!(codec::decode("a", &mut r).is_err());
    // Inside a character.
    let mut s = Speech::parse("a", "讲话\n\n一、甲\n正文。\n");
    s.paragraphs[0].range = 1..2;
    let mut w = Writer { out: Vec::new() };
    codec::encode(&s, &mut w);
    assert!(codec::decode("a", &mut Reader { rest: &w.out }).is_err());
}

#[test]
fn a_pack_from_another_parser_build_is_another_version() {
    let mut bytes = pack_of(&samples());
    // The parser hash follows the magic and its length.
    let at = MAGIC.len() + 8;
    bytes[at] = bytes[at].wrapping_add(1);
    assert_eq!(parse_pack(bytes).err(), Some(Miss::OtherVersion));
}

#[test]
fn packs_are_written_whole_and_special_files_are_not_read() {
    let dir = std::env::temp_dir().join(format!("tigang-cache-unit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = pack_path(&dir, &[PathBuf::from("/no/such/dir")], None);
    assert_eq!(read_pack(&path).err(), Some(Miss::Absent));
    let all = samples();
    let entries = vec![encode(Path::new("/c/0.txt"), stamp(0), &all[0])];
    write_pack(&path, &entries).expect("writes");
    assert_eq!(read_pack(&path).expect("reads").len(), 1);
    assert_eq!(usage(&dir).0, 1);
    // Another encoding or other folders: another pack.
    assert_ne!(
        path,
        pack_path(&dir, &[PathBuf::from("/no/such/dir")], Some("GBK"))
    );
    assert_ne!(path, pack_path(&dir, &[PathBuf::from("/other")], None));
    // A folder or a FIFO where the pack should be: refused without blocking.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    assert!(matches!(read_pack(&path), Err(Miss::Corrupt(_))));
    std::fs::remove_dir(&path).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if made.is_ok_and(|s| s.success()) {
        assert!(matches!(read_pack(&path), Err(Miss::Corrupt(_))));
        std::fs::remove_file(&path).unwrap();
    }
    write_pack(&path, &entries).expect("writes");
    assert_eq!(clear(&dir).expect("clears"), 1);
    assert_eq!(usage(&dir), (0, 0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn packs_of_corpora_not_used_lately_are_removed() {
    let dir = std::env::temp_dir().join(format!("tigang-cache-evict-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let s = &samples()[0];
    let entries = vec![encode(Path::new("/c/0.txt"), stamp(0), s)];
    let day = std::time::Duration::from_secs(24 * 3600);
    let now = std::time::SystemTime::now();
    // Twenty packs, each used a day before the next; one of them unused for a year.
    let mut paths = Vec::new();
    for i in 0..20u64 {
        let p = pack_path(&dir, &[PathBuf::from(format!("/corpus/{i}"))], None);
        write_pack(&p, &entries).unwrap();
        let used = if i == 19 {
            now - day * 365
        } else {
            now - day * (20 - i as u32)
        };
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(used)
            .unwrap();
        paths.push(p);
    }
    let newest = pack_path(&dir, &[PathBuf::from("/corpus/new")], None);
    write_pack(&newest, &entries).unwrap();
    assert!(newest.exists());
    // Kept: the 16 most recently used besides the new one; gone: the year-old one and the
    // oldest of the rest.
    assert!(!paths[19].exists(), "unused for a year");
    let kept: Vec<usize> = (0..19).filter(|&i| paths[i].exists()).collect();
    assert_eq!(kept, (3..19).collect::<Vec<_>>());
    // Reading a pack marks it used.
    let before = std::fs::metadata(&paths[3]).unwrap().modified().unwrap();
    read_pack(&paths[3]).unwrap();
    assert!(std::fs::metadata(&paths[3]).unwrap().modified().unwrap() > before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_sketch_is_read_back_as_written_not_made_again() {
    let mut s = builtin().speeches.remove(0);
    let made = s.sketch.clone().expect("a speech has a sketch");
    // Another sketch than the text's own: only what the pack holds can give it back.
    let mut other = made.clone();
    other.mins[0] ^= 1;
    other.size += 1;
    s.sketch = Some(other.clone());
    let pack = parse_pack(pack_of(std::slice::from_ref(&s))).expect("reads");
    let back = pack
        .get(Path::new("/c/0.txt"), stamp(0), &s.id)
        .expect("hit");
    assert_eq!(back.sketch, Some(other));
    assert_ne!(back.sketch, Some(made));
}

#[test]
fn titles_are_read_from_the_index_alone_and_a_bad_pack_gives_none() {
    let all = samples();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.pack");
    let bytes = pack_of(&all);
    std::fs::write(&path, &bytes).unwrap();
    let titles = read_titles(&path).expect("reads");
    assert_eq!(titles.len(), all.len());
    for (i, s) in all.iter().enumerate() {
        let (st, title) = &titles[Path::new(&format!("/c/{i}.txt"))];
        assert_eq!((*st, title.as_str()), (stamp(i as u64), s.title.as_str()));
    }
    // The texts are not read, but a pack cut short anywhere (its index then points past its
    // end), or with a byte of its index changed, lists nothing; nor does another version's.
    let index_end = bytes.len()
        - all
            .iter()
            .map(|s| encode(Path::new("/"), stamp(0), s).bytes.len())
            .sum::<usize>();
    for (cut, ok) in [
        (bytes.len(), true),
        (bytes.len() - 1, false),
        (index_end, false),
        (index_end - 1, false),
        (20, false),
        (0, false),
    ] {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        assert_eq!(read_titles(&path).is_ok(), ok, "cut at {cut}");
    }
    let mut flipped = bytes.clone();
    flipped[index_end - 3] ^= 1;
    std::fs::write(&path, &flipped).unwrap();
    assert!(matches!(read_titles(&path), Err(Miss::Corrupt(_))));
    let mut other = bytes.clone();
    other[MAGIC.len() - 1] = 2;
    std::fs::write(&path, &other).unwrap();
    assert_eq!(read_titles(&path).err(), Some(Miss::OtherVersion));
    assert_eq!(
        read_titles(&dir.path().join("none")).err(),
        Some(Miss::Absent)
    );
}
