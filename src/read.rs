//! What a page means: the snapshot a content script sends, the shapes and words it is read by, dates, the kind of page, the integrations' fields and the vendor's rules.

pub mod block;
pub mod context;
pub mod dates;
pub mod fill;
pub mod integrations;
pub mod page;
pub mod policy;
pub mod scan;
pub mod snapshot;
pub mod words;
