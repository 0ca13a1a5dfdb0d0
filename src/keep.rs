//! What the engine remembers: captured tokens, clipboard clears, dismissed warnings and their fingerprints, the settings and the custom domains.

pub mod capture;
pub mod clipboard;
pub mod dismissals;
pub mod fingerprint;
pub mod hosts;
pub mod secret;
pub mod settings;
pub mod tabs;
