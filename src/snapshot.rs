//! What a content script sends: a page's address and landmarks, and blocks of text.
//! Decoded into these types, then checked against limits before anything reads them.

use crate::error::Error;
use serde::Deserialize;

/// Limits on one snapshot. A page bigger than this is scanned in several messages.
pub mod limits {
    pub const BLOCKS: usize = 20_000;
    pub const SEGMENTS_PER_BLOCK: usize = 512;
    pub const BLOCK_BYTES: usize = 64 * 1024;
    pub const TOTAL_BYTES: usize = 8 * 1024 * 1024;
    /// Labels, headers, titles, headings, control labels, row texts. The content script
    /// cuts these to at most 1,000 UTF-16 units, which UTF-8 writes in at most 3,000
    /// bytes (2 KB refused a row of 1,000 Japanese characters, and its whole batch).
    pub const SHORT_TEXT_BYTES: usize = 4 * 1024;
    pub const URL_BYTES: usize = 8 * 1024;
    pub const LANDMARKS: usize = 2_000;
}

/// Where a block's text came from; the content script anchors notes accordingly.
/// Read from its name (less code than serde's enum machinery).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(try_from = "String")]
pub enum Source {
    /// Text nodes of an element.
    #[default]
    Text,
    /// An input's or textarea's value.
    Value,
    /// An attribute such as `data-clipboard-text` (a copy button's payload).
    Attr,
}

impl TryFrom<String> for Source {
    type Error = &'static str;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        match name.as_str() {
            "text" => Ok(Source::Text),
            "value" => Ok(Source::Value),
            "attr" => Ok(Source::Attr),
            _ => Err("a block's source is \"text\", \"value\" or \"attr\""),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// The content script's handle for the element; echoed back in the plan.
    pub id: u32,
    pub segs: Vec<String>,
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub header: Option<String>,
    /// An input's `name` or `id`.
    #[serde(default)]
    pub field: Option<String>,
    /// The table row (or list item) the block is part of.
    #[serde(default)]
    pub row: Option<u32>,
}

/// A table row (or list item), sent as `[id, text]`: pages have thousands, and pairs
/// decode with less code and time than objects.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "(u32, String)")]
pub struct Row {
    pub id: u32,
    pub text: String,
}

impl From<(u32, String)> for Row {
    fn from((id, text): (u32, String)) -> Self {
        Row { id, text }
    }
}

/// A button or link, sent as `[id, label]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "(u32, String)")]
pub struct Control {
    pub id: u32,
    pub label: String,
}

impl From<(u32, String)> for Control {
    fn from((id, label): (u32, String)) -> Self {
        Control { id, label }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PageInfo {
    pub url: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub headings: Vec<String>,
    #[serde(default)]
    pub controls: Vec<Control>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub page: PageInfo,
    #[serde(default)]
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub rows: Vec<Row>,
}

fn too_large(what: &'static str, limit: usize) -> Error {
    Error::TooLarge { what, limit }
}

fn check_short(what: &'static str, text: &str) -> Result<(), Error> {
    if text.len() > limits::SHORT_TEXT_BYTES {
        return Err(too_large(what, limits::SHORT_TEXT_BYTES));
    }
    Ok(())
}

impl Block {
    /// Checks one block; a bad block is reported alone and the others still count.
    pub fn check(&self) -> Result<(), Error> {
        if self.segs.len() > limits::SEGMENTS_PER_BLOCK {
            return Err(too_large("segments in a block", limits::SEGMENTS_PER_BLOCK));
        }
        if self.segs.iter().map(String::len).sum::<usize>() > limits::BLOCK_BYTES {
            return Err(too_large("bytes of text in a block", limits::BLOCK_BYTES));
        }
        for text in [&self.label, &self.header, &self.field].into_iter().flatten() {
            check_short("label, header or field name", text)?;
        }
        Ok(())
    }
}

impl Snapshot {
    /// Checks the message as a whole; blocks are checked one by one when analyzed.
    pub fn check(&self) -> Result<(), Error> {
        if self.page.url.len() > limits::URL_BYTES {
            return Err(too_large("page address", limits::URL_BYTES));
        }
        check_short("page title", &self.page.title)?;
        if self.page.headings.len() + self.page.controls.len() > limits::LANDMARKS {
            return Err(too_large("headings and controls", limits::LANDMARKS));
        }
        if self.rows.len() > limits::BLOCKS {
            return Err(too_large("rows", limits::BLOCKS));
        }
        for text in self
            .page
            .headings
            .iter()
            .chain(self.page.controls.iter().map(|c| &c.label))
            .chain(self.rows.iter().map(|r| &r.text))
        {
            check_short("heading, control label or row", text)?;
        }
        if self.blocks.len() > limits::BLOCKS {
            return Err(too_large("blocks", limits::BLOCKS));
        }
        let total: usize = self.blocks.iter().flat_map(|b| b.segs.iter()).map(String::len).sum();
        if total > limits::TOTAL_BYTES {
            return Err(too_large("bytes of text", limits::TOTAL_BYTES));
        }
        Ok(())
    }
}
