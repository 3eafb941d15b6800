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
