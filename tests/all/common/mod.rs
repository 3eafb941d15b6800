// The harness offers more than the tests call today (helpers for tests still to be written);
// without this the unused ones would warn.
#![allow(dead_code)]

pub mod pty;
