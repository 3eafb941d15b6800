use super::*;

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
