//! What crosses to the shell: requests, replies, effects and stored state, the strict reader for what pages send, and the errors with their names.

// Only the wasm's extension pages ask (and the native test that checks the wire).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub mod asks;
pub mod error;
pub mod messages;
pub mod strict;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub mod tab;
