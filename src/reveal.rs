//! Whether a full token on a page is a *fresh* one: the one-time reveal after Create API
//! Token, not an example in the API docs, a token pasted into a ticket, or text a 404
//! page echoes from its address. A token shape alone decides nothing; evidence adds up.
//! `EVIDENCE` is the one table of signals and their weights, and every verdict records
//! which of them it saw.

pub mod guard;
pub mod life;

use crate::ids::{ElementId, Region};
use crate::read::snapshot::{Ancestor, Block, Control, Dialog, PageInfo, Source};
use crate::words::{self, contains_words, fold, Words, CODE_MARKERS, DISCUSSION_CLASSES};
use serde::{Deserialize, Serialize};

/// One thing the page shows (or the tab did) that speaks for or against a reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// This tab submitted the New Token form moments ago: the strongest signal.
    JustSubmitted,
    /// The address is a token's own page (`/api_tokens/<id>`), where the vendor reveals.
    RevealAddress,
    /// A heading, the title or the dialog's name says a token was just created.
    RevealHeading,
    /// Text beside the token says it is shown once, or to copy it now.
    OnceText,
    /// A Done-like control in the same dialog (or page).
    DoneNearby,
    /// The token is a value: an input or textarea, an element of its own, a copy control.
    ShownAsValue,
    /// Words around it: the token sits in a sentence.
    InProse,
    /// A code sample (`curl`, `Authorization: Bearer`, `api_key=`, "example").
    InCodeSample,
    /// A ticket, comment, chat message or quote.
    InDiscussion,
    /// API documentation, help or knowledge-base pages.
    OnDocsPage,
    /// A not-found or search page.
    OnEchoPage,
    /// Hidden from a person: `display:none`, `visibility:hidden`, no size, off-screen,
    /// fully transparent, clipped away or covered by another element.
    Hidden,
    /// The address itself holds the token: the page echoes what it was asked for.
    EchoesAddress,
    /// A frame whose top-level page is not on an enabled host.
    ForeignFrame,
    /// Only in an attribute of something that is not a copy control.
    AttributeOnly,
    /// A value (an input's, a copy control's payload) that holds words besides the token:
    /// a real reveal's value holds only the token, and a page can write anything into a
    /// value, evidence included (a search box reflecting its query).
    WordsInValue,
}

/// How much each signal weighs; `None` disqualifies outright.
pub const EVIDENCE: &[(Evidence, Option<i32>)] = &[
    (Evidence::JustSubmitted, Some(5)),
    (Evidence::RevealAddress, Some(2)),
    (Evidence::RevealHeading, Some(2)),
    (Evidence::OnceText, Some(2)),
    (Evidence::DoneNearby, Some(1)),
    (Evidence::ShownAsValue, Some(1)),
    (Evidence::InProse, Some(-2)),
    (Evidence::InCodeSample, Some(-5)),
    (Evidence::InDiscussion, Some(-4)),
    (Evidence::OnDocsPage, Some(-3)),
    (Evidence::OnEchoPage, Some(-4)),
    (Evidence::Hidden, None),
    (Evidence::EchoesAddress, None),
    (Evidence::ForeignFrame, None),
    (Evidence::AttributeOnly, None),
    (Evidence::WordsInValue, None),
];

/// The least score that makes a reveal.
pub const THRESHOLD: i32 = 4;

/// Paths where a token's own page (the vendor's reveal) lives.
const REVEAL_PATHS: &[&str] = &["/api_tokens/", "/api-tokens/", "/api/tokens/", "/settings/api_tokens/"];
/// Paths and host names of documentation and help.
const DOCS_PATHS: &[&str] = &[
    "/docs",
    "/documentation",
    "/api-docs",
    "/apidocs",
    "/swagger",
    "/redoc",
    "/kb/",
    "/knowledge",
    "/help/",
    "/articles/",
    "/support/",
];
const DOCS_HOSTS: &[&str] = &["api-docs.", "docs.", "help.", "support.", "kb.", "developer.", "developers."];
/// Tags and roles where people write to each other, and words in class names that say so.
const DISCUSSION_TAGS: &[&str] = &["BLOCKQUOTE", "Q"];
const DISCUSSION_ROLES: &[&str] = &["comment", "log", "feed"];
const CODE_TAGS: &[&str] = &["PRE", "CODE", "SAMP", "KBD"];
/// Other text in a block beyond this makes the token part of a sentence.
const PROSE_CHARS: usize = 48;

/// What the judge knows besides the page: the tab's recent history and where the frame is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Situation {
    /// This tab submitted the New Token form a moment ago.
    pub just_submitted: bool,
    /// The page is the top frame, or a frame whose top page is on an enabled host.
    pub frame_ok: bool,
}

/// The judgement on one token: its score, whether it makes a reveal, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub reveal: bool,
    /// Confirmed by this tab's history, or judged by evidence alone.
    #[serde(default)]
    pub rank: life::Rank,
    pub score: i32,
    /// The dialog the token is in, if any.
    pub region: Region,
    pub evidence: Vec<Evidence>,
}

/// One page's facts, folded once for every token judged on it.
pub struct PageReading<'a> {
    page: &'a PageInfo,
    path: String,
    host: String,
    title: String,
    headings: Vec<(String, Region)>,
    regions: Vec<(ElementId, String)>,
    controls: Vec<(String, &'a Control)>,
}

impl<'a> PageReading<'a> {
    pub fn new(page: &'a PageInfo, regions: &'a [Dialog], host: &str, path: &str) -> Self {
        PageReading {
            page,
            path: path.to_ascii_lowercase(),
            host: host.to_ascii_lowercase(),
            title: fold(&page.title),
            headings: page.headings.iter().map(|h| (fold(&h.text), h.region)).collect(),
            regions: regions.iter().map(|r| (r.id, fold(&r.name))).collect(),
            controls: page.controls.iter().map(|c| (fold(&c.label), c)).collect(),
        }
    }

    /// Headings (and the dialog's own name, or the page title) of a region.
    fn region_texts(&self, region: Region) -> impl Iterator<Item = &str> {
        let own = self.headings.iter().filter(move |(_, r)| *r == region).map(|(t, _)| t.as_str());
        let name = self.regions.iter().filter(move |(id, _)| region == Region::Dialog(*id)).map(|(_, n)| n.as_str());
        let title = (region == Region::Page).then_some(self.title.as_str());
        own.chain(name).chain(title)
    }

    /// The Done-like control of a region: a Done word first, then Close-like ones.
    pub fn done_control(&self, region: Region) -> Option<ElementId> {
        let find = |words: &Words| self.controls_in(region).find(|(label, _)| words.is(label)).map(|(_, c)| c.id);
        find(&words::DONE_CONTROL).or_else(|| find(&words::CLOSE_CONTROL))
    }

    /// A region's controls, folded label first, in page order.
    pub fn controls_in(&self, region: Region) -> impl Iterator<Item = &(String, &'a Control)> {
        self.controls.iter().filter(move |(_, c)| c.region == region)
    }

    /// The page as a whole is documentation or help.
    fn docs_page(&self) -> bool {
        DOCS_PATHS.iter().any(|p| self.path.starts_with(p) || self.path.contains(&format!("{p}/")))
            || DOCS_HOSTS.iter().any(|h| self.host.starts_with(h))
            || self.top_texts().any(|t| words::DOCS_PAGE.in_text(t))
    }

    /// The title and the page's first headings: what the page says it is.
    fn top_texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str())
            .chain(self.headings.iter().filter(|(_, r)| *r == Region::Page).take(3).map(|(t, _)| t.as_str()))
    }
}

fn weight(e: Evidence) -> Option<i32> {
    EVIDENCE.iter().find(|(x, _)| *x == e).and_then(|(_, w)| *w)
}

fn class_words(class: &str) -> impl Iterator<Item = String> + '_ {
    // `ticket-comment`, `CommentBody`, `chat_message`: split on punctuation and case.
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in class.chars() {
        if (!c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && prev_lower)) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        prev_lower = c.is_ascii_lowercase();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.into_iter()
}

fn in_discussion(path: &[Ancestor]) -> bool {
    path.iter().any(|a| {
        DISCUSSION_TAGS.contains(&a.tag.as_str())
            || DISCUSSION_ROLES.contains(&a.role.as_str())
            || class_words(&a.class).any(|w| DISCUSSION_CLASSES.contains(&w.as_str()))
    })
}

fn is_control(a: &Ancestor) -> bool {
    matches!(a.tag.as_str(), "BUTTON" | "A") || a.role == "button" || a.role == "link"
}

/// The token is a text node of its own: the page set it apart from the words around it.
fn set_apart(block: &Block, token: &str) -> bool {
    block.segs.len() > 1 && block.segs.iter().any(|s| s.trim() == token)
}

fn hidden(block: &Block) -> bool {
    block.shown.is_some_and(|s| {
        !s.css || s.unseen || s.width <= 0 || s.height <= 0 || s.x + s.width <= 0 || s.y + s.height <= 0
    })
}

/// Judges one full token shown in `block` (`text` is the block's joined text, `start..end`
/// the token in it).
pub fn judge(reading: &PageReading, block: &Block, text: &str, start: usize, end: usize, at: Situation) -> Verdict {
    let token = &text[start..end];
    let mut seen = Vec::new();
    let region = block.region;
    let near = block.near.as_ref().map(|(a, b)| (fold(a), fold(b))).unwrap_or_default();
    let own = fold(&format!("{} {}", &text[..start], &text[end..]));
    // Text inside a value is the page's to write: it is never evidence for a reveal.
    let in_value = matches!(block.source, Source::Value | Source::Attr);
    let said = if in_value { "" } else { own.as_str() };
    let beside = [said, near.0.as_str(), near.1.as_str()];

    if at.just_submitted {
        seen.push(Evidence::JustSubmitted);
    }
    if REVEAL_PATHS.iter().any(|p| {
        reading.path.find(p).is_some_and(|i| {
            let rest = &reading.path[i + p.len()..];
            !rest.is_empty() && !rest.starts_with("new") && !rest.starts_with('?')
        })
    }) {
        seen.push(Evidence::RevealAddress);
    }
    // "Your new API token is:" right before the token says what a heading would.
    if reading.region_texts(region).chain([said, near.0.as_str()]).any(|t| words::REVEAL_HEADING.in_text(t)) {
        seen.push(Evidence::RevealHeading);
    }
    if beside.iter().chain(reading.region_texts(region).collect::<Vec<_>>().iter()).any(|t| words::ONCE_TEXT.in_text(t))
    {
        seen.push(Evidence::OnceText);
    }
    if reading.done_control(region).is_some() {
        seen.push(Evidence::DoneNearby);
    }
    let other = own.trim_matches(|c: char| !c.is_alphanumeric());
    if in_value && other.chars().any(char::is_alphanumeric) {
        seen.push(Evidence::WordsInValue);
    }
    let element = block.path.first();
    match block.source {
        Source::Value => seen.push(Evidence::ShownAsValue),
        Source::Attr => {
            let label =
                fold(&format!("{} {}", block.inner.as_deref().unwrap_or(""), block.label.as_deref().unwrap_or("")));
            if element.is_some_and(is_control) || words::COPY_CONTROL.in_text(&label) {
                seen.push(Evidence::ShownAsValue);
            } else {
                seen.push(Evidence::AttributeOnly);
            }
        }
        // A token set apart in its own element (`<code>`, `<strong>`) is shown as a value even
        // when a sentence surrounds it; inside the sentence's own text it is prose.
        Source::Text if other.chars().count() > PROSE_CHARS && !set_apart(block, token) => seen.push(Evidence::InProse),
        Source::Text => seen.push(Evidence::ShownAsValue),
    }
    // A sample says so in its own text (`curl -H "Authorization: Bearer T…"`), or sits in
    // code with such words beside it. Words beside a plain value do not count: a reveal
    // may well say "use it in the Authorization header".
    let sample = |t: &str| CODE_MARKERS.iter().any(|m| contains_words(t, m)) || words::SAMPLE_TEXT.in_text(t);
    let code = block.path.iter().any(|a| CODE_TAGS.contains(&a.tag.as_str()));
    if sample(&own) || (code && (sample(&near.0) || sample(&near.1))) {
        seen.push(Evidence::InCodeSample);
    }
    if in_discussion(&block.path) || reading.top_texts().any(|t| words::DISCUSSION.in_text(t)) {
        seen.push(Evidence::InDiscussion);
    }
    if reading.docs_page() {
        seen.push(Evidence::OnDocsPage);
    }
    if reading.top_texts().any(|t| words::ECHO_PAGE.in_text(t)) {
        seen.push(Evidence::OnEchoPage);
    }
    if hidden(block) {
        seen.push(Evidence::Hidden);
    }
    if echo::echoes(&reading.page.url, token, &own) {
        seen.push(Evidence::EchoesAddress);
    }
    if !at.frame_ok {
        seen.push(Evidence::ForeignFrame);
    }
    let disqualified = seen.iter().any(|e| weight(*e).is_none());
    let score = seen.iter().filter_map(|e| weight(*e)).sum();
    let rank = if at.just_submitted { life::Rank::Confirmed } else { life::Rank::Judged };
    Verdict { reveal: !disqualified && score >= THRESHOLD, rank, score, region, evidence: seen }
}

mod echo;

#[cfg(test)]
mod tests;
