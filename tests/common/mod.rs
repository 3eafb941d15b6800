// Each integration test is its own crate and uses only part of the harness; without this every
// crate would warn about the helpers it happens not to call.
#![allow(dead_code)]

pub mod pty;
