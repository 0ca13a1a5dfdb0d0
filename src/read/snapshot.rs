//! What a content script sends: a page's address and landmarks, and blocks of text.
//! Decoded into these types, then checked against limits before anything reads them.
//!
//! The content script measures and copies; it judges nothing. Where a fact is costly to
//! gather (ancestry, visibility, nearby text), it gathers it only for blocks that pass
//! the engine's own `Reading` filter (`scan::reading`).

use crate::ids::{ElementId, Region};
use crate::strict::Error;
use serde::Deserialize;

/// Limits on one snapshot. A page bigger than this is scanned in several messages.
pub mod limits {
    pub const BLOCKS: usize = 20_000;
    pub const SEGMENTS_PER_BLOCK: usize = 512;
    pub const BLOCK_BYTES: usize = 64 * 1024;
    pub const TOTAL_BYTES: usize = 8 * 1024 * 1024;
    /// Labels, headers, titles, headings, control labels, row texts. The content script
    /// cuts these to at most 1,000 UTF-16 units (`CONTENT`, checked by a test), which UTF-8
    /// writes in at most 3,000 bytes (2 KB refused a row of 1,000 Japanese characters, and
    /// its whole batch).
    pub const SHORT_TEXT_BYTES: usize = 4 * 1024;
    pub const URL_BYTES: usize = 8 * 1024;
    pub const LANDMARKS: usize = 2_000;
    /// Ancestors described per block, and regions (dialogs) and fields per snapshot.
    pub const PATH: usize = 16;
    pub const REGIONS: usize = 64;
    pub const FIELDS: usize = 400;
    /// Choices a New Token submission may name (radios, options, tabs).
    pub const CHOSEN: usize = 16;

    /// The content script's own caps on what it reads (`extension/content/caps.json`,
    /// bundled into content.js as `CAPS`): one table, kept in step by a test that also
    /// checks each fits the limits above.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Caps {
        /// Headings, controls and dialogs per page.
        pub headings: usize,
        pub controls: usize,
        pub regions: usize,
        /// Text fields described per read.
        pub fields: usize,
        /// Ancestors described per block.
        pub path: usize,
        /// Labels, headers, titles, headings and control labels, in UTF-16 units.
        pub short: usize,
        /// A row's text.
        pub row_text: usize,
        /// Text read just before and just after a block, each side.
        pub near: usize,
        /// A dialog's name, and what the New Token form's name field says.
        pub name: usize,
        /// A choice's label on the New Token form, and a copy control's own text.
        pub label: usize,
        /// `<html lang>`.
        pub lang: usize,
        /// Choices a New Token submission names.
        pub chosen: usize,
        /// Elements of a dialog looked at for a pointer cursor.
        pub pointer_scan: usize,
        /// The missed-page report's raw tree.
        pub report_elements: usize,
        pub report_depth: usize,
    }

    pub const CONTENT: Caps = Caps {
        headings: 30,
        controls: 400,
        regions: 64,
        fields: 200,
        path: 16,
        short: 500,
        row_text: 1000,
        near: 300,
        name: 200,
        label: 100,
        lang: 40,
        chosen: 16,
        pointer_scan: 300,
        report_elements: 4000,
        report_depth: 80,
    };

    /// What the content script reads fits what the engine accepts, checked when the
    /// engine is compiled: a content script reading more would lose its whole batch.
    /// (Text caps are UTF-16 units; UTF-8 writes each in at most 3 bytes.)
    const _: () = {
        let c = CONTENT;
        assert!(c.headings + c.controls <= LANDMARKS);
        assert!(c.regions <= REGIONS && c.fields <= FIELDS && c.path <= PATH && c.chosen <= CHOSEN);
        assert!(c.short * 3 <= SHORT_TEXT_BYTES && c.row_text * 3 <= SHORT_TEXT_BYTES);
        assert!(c.near * 2 * 3 <= SHORT_TEXT_BYTES && c.name * 3 <= SHORT_TEXT_BYTES);
        assert!(c.label * 3 <= SHORT_TEXT_BYTES && c.lang * 3 <= SHORT_TEXT_BYTES);
    };
}

/// The attributes a content script reads as a copy control's payload (`read.js`
/// `COPY_ATTRS`, kept in step by a test): the report keeps these names as they are.
pub const COPY_ATTRS: &[&str] = &["data-clipboard-text", "data-copy", "data-copy-text", "data-token", "data-value"];

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

/// One ancestor of a block's element, nearest first: `[tag, role, class]` (the block's
/// own element is the first). Sent for blocks that may hold a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "(String, String, String)")]
pub struct Ancestor {
    /// Upper-case tag name, as the DOM gives it.
    pub tag: String,
    pub role: String,
    pub class: String,
}

impl From<(String, String, String)> for Ancestor {
    fn from((tag, role, class): (String, String, String)) -> Self {
        Ancestor { tag, role, class }
    }
}

/// How the page shows a block: whether CSS shows it at all, its box in document
/// coordinates, `[x, y, width, height]`, and whether a person still cannot see it
/// (fully transparent, clipped away by an ancestor, or covered by another element at
/// its centre). Sent for blocks that may hold a value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "(bool, i32, i32, i32, i32, bool)")]
pub struct Shown {
    pub css: bool,
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
    pub unseen: bool,
}

impl From<(bool, i32, i32, i32, i32, bool)> for Shown {
    fn from((css, x, y, width, height, unseen): (bool, i32, i32, i32, i32, bool)) -> Self {
        Shown { css, x, y, width, height, unseen }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// The content script's handle for the element; echoed back in the plan.
    pub id: ElementId,
    pub segs: Vec<String>,
    #[serde(default)]
    pub source: Source,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub header: Option<String>,
    /// An input's `name` or `id`; for an attribute block, the attribute's name.
    #[serde(default)]
    pub field: Option<String>,
    /// The table row (or list item, or ARIA row) the block is part of.
    #[serde(default)]
    pub row: Option<ElementId>,
    /// The dialog the block is in, if any (see `Snapshot::regions`).
    #[serde(default)]
    pub region: Region,
    /// The element and its ancestors, nearest first.
    #[serde(default)]
    pub path: Vec<Ancestor>,
    #[serde(default)]
    pub shown: Option<Shown>,
    /// Up to a few hundred characters of the page's text just before and just after the
    /// block, in its region.
    #[serde(default)]
    pub near: Option<(String, String)>,
    /// For an attribute block: the text the element itself shows (a copy button's label).
    #[serde(default)]
    pub inner: Option<String>,
}

/// A table row (or list item), sent as `[id, text]`: pages have thousands, and pairs
/// decode with less code and time than objects.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "(u32, String)")]
pub struct Row {
    pub id: ElementId,
    pub text: String,
}

impl From<(u32, String)> for Row {
    fn from((id, text): (u32, String)) -> Self {
        Row { id: ElementId(id), text }
    }
}

/// A button or link, sent as `[id, label, region]` (region 0: none).
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "(u32, String, u32)")]
pub struct Control {
    pub id: ElementId,
    pub label: String,
    pub region: Region,
}

impl From<(u32, String, u32)> for Control {
    fn from((id, label, region): (u32, String, u32)) -> Self {
        Control { id: ElementId(id), label, region: Region::from(region) }
    }
}

/// A heading, sent as `[text, region]` (region 0: none).
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "(String, u32)")]
pub struct Heading {
    pub text: String,
    pub region: Region,
}

impl From<(String, u32)> for Heading {
    fn from((text, region): (String, u32)) -> Self {
        Heading { text, region: Region::from(region) }
    }
}

/// A dialog (`<dialog>`, `role=dialog|alertdialog`), sent as `[id, name]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "(u32, String)")]
pub struct Dialog {
    pub id: ElementId,
    pub name: String,
}

impl From<(u32, String)> for Dialog {
    fn from((id, name): (u32, String)) -> Self {
        Dialog { id: ElementId(id), name }
    }
}

/// A text field, empty or not, as a form shows it: for finding where a name or a key
/// goes (`fill`). Its value is never sent with it, only the value's shape (filled values
/// arrive as `Value` blocks).
pub use crate::read::fill::Field;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PageInfo {
    pub url: String,
    #[serde(default)]
    pub title: String,
    /// `<html lang>`.
    #[serde(default)]
    pub lang: String,
    /// The browser translated the page (Chrome marks `<html>` with `translated-*`): its
    /// words may be in another language than `lang`.
    #[serde(default)]
    pub translated: bool,
    #[serde(default)]
    pub headings: Vec<Heading>,
    #[serde(default)]
    pub controls: Vec<Control>,
    /// Light or dark, for the notes' theme (`look`). Boxed: a scan request stays small
    /// beside the engine's other requests.
    #[serde(default)]
    pub look: Box<crate::read::look::Look>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub page: PageInfo,
    #[serde(default)]
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub rows: Vec<Row>,
    #[serde(default)]
    pub regions: Vec<Dialog>,
    #[serde(default)]
    pub fields: Vec<Field>,
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
        if self.path.len() > limits::PATH {
            return Err(too_large("ancestors of a block", limits::PATH));
        }
        let near = self.near.iter().flat_map(|(a, b)| [a, b]);
        let path = self.path.iter().flat_map(|a| [&a.tag, &a.role, &a.class]);
        for text in [&self.label, &self.header, &self.field, &self.inner].into_iter().flatten().chain(near).chain(path)
        {
            check_short("label, header, field name or nearby text", text)?;
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
        check_short("page language", &self.page.lang)?;
        if self.page.headings.len() + self.page.controls.len() > limits::LANDMARKS {
            return Err(too_large("headings and controls", limits::LANDMARKS));
        }
        if self.rows.len() > limits::BLOCKS {
            return Err(too_large("rows", limits::BLOCKS));
        }
        if self.regions.len() > limits::REGIONS {
            return Err(too_large("dialogs", limits::REGIONS));
        }
        if self.fields.len() > limits::FIELDS {
            return Err(too_large("form fields", limits::FIELDS));
        }
        let fields = self
            .fields
            .iter()
            .flat_map(|f| [&f.label, &f.name, &f.placeholder, &f.near, &f.section, &f.shape])
            .flatten();
        for text in self
            .page
            .headings
            .iter()
            .map(|h| &h.text)
            .chain(self.page.controls.iter().map(|c| &c.label))
            .chain(self.rows.iter().map(|r| &r.text))
            .chain(self.regions.iter().map(|r| &r.name))
            .chain(fields)
        {
            check_short("heading, control label, row, dialog name or field", text)?;
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
