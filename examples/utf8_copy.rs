//! A UTF-8 copy of a corpus, so that `bench/run.sh` can run rg and grep over the same text
//! tigang reads: grep cannot decode GBK or UTF-16 at all, and rg decodes GBK only when told
//! `-E gbk`, which would then misread every UTF-8 file of the same run.
//!
//! `cargo run --release --example utf8_copy -- SRC DST`
//! A fixed rule, not tigang's detection (that is what is being measured): a UTF-16 BOM
//! decodes as UTF-16, valid UTF-8 and files with a NUL byte (binary: the peers skip them) are
//! copied as they are, anything else is GB18030 (GBK's superset, what gen_corpus writes).
//! Line ends are kept. Hidden entries are skipped; DST must not exist yet.

use std::path::Path;

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

fn to_utf8(b: &[u8]) -> Vec<u8> {
    let decode = |enc: &'static encoding_rs::Encoding, body: &[u8]| {
        enc.decode_without_bom_handling(body)
            .0
            .into_owned()
            .into_bytes()
    };
    match b {
        [0xFF, 0xFE, rest @ ..] => decode(UTF_16LE, rest),
        [0xFE, 0xFF, rest @ ..] => decode(UTF_16BE, rest),
        _ if std::str::from_utf8(b).is_ok() || b.contains(&0) => b.to_vec(),
        _ => decode(GB18030, b),
    }
}

fn copy(src: &Path, dst: &Path, n: &mut [usize; 2]) -> std::io::Result<()> {
    std::fs::create_dir_all(dst)?;
    for e in std::fs::read_dir(src)? {
        let e = e?;
        if e.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let t = e.file_type()?;
        if t.is_dir() {
            copy(&e.path(), &dst.join(e.file_name()), n)?;
        } else if t.is_file() {
            let b = std::fs::read(e.path())?;
            let u = to_utf8(&b);
            n[0] += 1;
            n[1] += usize::from(u != b);
            std::fs::write(dst.join(e.file_name()), u)?;
        }
    }
    Ok(())
}

fn main() {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let [src, dst] = args.as_slice() else {
        eprintln!("usage: utf8_copy SRC DST");
        std::process::exit(2);
    };
    if Path::new(dst).exists() {
        eprintln!("utf8_copy: {} exists", Path::new(dst).display());
        std::process::exit(2);
    }
    let mut n = [0, 0];
    if let Err(e) = copy(Path::new(src), Path::new(dst), &mut n) {
        eprintln!("utf8_copy: {e}");
        std::process::exit(1);
    }
    println!("{} files, {} transcoded to UTF-8", n[0], n[1]);
}
