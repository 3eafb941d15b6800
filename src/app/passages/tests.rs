use super::*;

#[test]
fn base64_matches_rfc4648_vectors() {
    for (i, o) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(i.as_bytes()), o);
    }
    assert_eq!(osc52("讲话"), "\x1b]52;c;6K6y6K+d\x07");
}

#[test]
fn char_byte_conversions() {
    let t = "一二三abc";
    assert_eq!(char_to_byte(t, 2), 6);
    assert_eq!(char_to_byte(t, 99), t.len());
    assert_eq!(byte_to_char(t, 10), 4);
    // Inside a character: counts the characters before it.
    assert_eq!(byte_to_char(t, 7), 2);
    assert_eq!(byte_to_char(t, 4), 1);
}

#[test]
fn reanchoring_after_insert_and_after_edit() {
    let old = Speech::parse("t", "在会上的讲话\n\n第一段。要紧的一句话在这里。\n");
    let byte = old.text.find("要紧").unwrap();
    let mut b = Bookmark::new("t", byte_to_char(&old.text, byte), 0);
    b.excerpt = "要紧的一句话在这里。".into();
    b.end = b.start + b.excerpt.chars().count();
    assert_eq!(reanchor(&old, &b).0, Anchoring::Exact);

    let inserted = Speech::parse(
        "t",
        "在会上的讲话\n\n新加的一段。\n第一段。要紧的一句话在这里。\n",
    );
    let (a, r) = reanchor(&inserted, &b);
    assert_eq!(a, Anchoring::Moved);
    assert_eq!(&inserted.text[r.unwrap()], "要紧的一句话在这里。");

    let edited = Speech::parse("t", "在会上的讲话\n\n第一段。这句话已经改写了。\n");
    assert_eq!(reanchor(&edited, &b), (Anchoring::Orphaned, None));
}
