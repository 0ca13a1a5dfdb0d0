//! What crosses to the shell: requests, replies, effects and stored state, and the errors with their names.

pub mod asks;
pub mod error;
pub mod messages;
pub mod replies;
pub mod tab;
