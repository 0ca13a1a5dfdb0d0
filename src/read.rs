//! What a page means: the snapshot a content script sends, the shapes it is read by, the kind of page, its look, and the integrations' fields (dates are `crate::dates`).

pub mod block;
pub mod context;
pub mod fill;
pub mod integrations;
pub mod look;
pub mod page;
pub mod scan;
pub mod snapshot;
