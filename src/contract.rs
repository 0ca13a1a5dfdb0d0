//! What crosses to the shell: requests, replies, effects and stored state, the strict reader for what pages send, and the errors with their names.

pub mod error;
pub mod messages;
pub mod strict;
