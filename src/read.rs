//! What a page means: the snapshot a content script sends, the shapes it is read by, dates, the kind of page, and the integrations' fields.

pub mod block;
pub mod context;
pub mod dates;
pub mod fill;
pub mod integrations;
pub mod look;
pub mod page;
pub mod scan;
pub mod snapshot;
