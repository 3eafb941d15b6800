// The harness offers more than the tests call today (helpers for tests still to be written);
// without this the unused ones would warn.
#![allow(dead_code)]

pub mod pty;

/// `default` proptest cases, or more when `PROPTEST_CASES` asks for more (a longer hunt);
/// never fewer, so a stray small value cannot weaken CI.
pub fn proptest_cases(default: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config::with_cases(cases_from(
        default,
        std::env::var("PROPTEST_CASES").ok(),
    ))
}

pub fn cases_from(default: u32, env: Option<String>) -> u32 {
    env.and_then(|v| v.trim().parse::<u32>().ok())
        .map_or(default, |n| n.max(default))
}

#[test]
fn proptest_cases_can_be_raised_not_lowered() {
    assert_eq!(cases_from(64, None), 64);
    assert_eq!(cases_from(64, Some("5000".into())), 5000);
    assert_eq!(cases_from(64, Some("10".into())), 64);
    assert_eq!(cases_from(64, Some("lots".into())), 64);
}
