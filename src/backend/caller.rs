//! Who is asking: a message's sender, checked against this extension's id and pages
//! and the hosts Keyshift works on. Everything else in `backend` starts from a `Caller`.

use super::Backend;
use crate::contract::error::Error;
use crate::contract::messages::Sender;
use crate::keep::capture::Binding;
use crate::read::page::{address, host_enabled};

/// Who is asking, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A content script in a tab on an enabled host. `frame_ok`: its frame is the top
    /// one, or its top page is on an enabled host too (only then can it show a reveal).
    Page {
        /// The tab and origin it speaks for.
        binding: Binding,
        /// Its frame may show a reveal.
        frame_ok: bool,
        /// It is the tab's top frame.
        top: bool,
    },
    /// The popup or the options page.
    ExtensionPage,
}

impl Caller {
    /// A top-frame page on a tab, for tests and callers that know no more.
    pub fn page(binding: Binding) -> Caller {
        Caller::Page { binding, frame_ok: true, top: true }
    }
}

impl Backend {
    /// Identifies the sender; anything not from this extension is refused.
    pub fn caller(&self, sender: &Sender) -> Result<Caller, Error> {
        if sender.id.as_deref() != Some(self.self_id.as_str()) || self.self_id.is_empty() {
            return Err(Error::NotAllowed("the message did not come from Keyshift"));
        }
        let url = sender.url.as_deref().unwrap_or_default();
        // The popup or options page, even when opened in a tab (it then has a tab id too).
        let own_page = !self.self_origin.is_empty()
            && url.strip_prefix(self.self_origin.as_str()).is_some_and(|rest| rest.starts_with('/'));
        if own_page {
            return Ok(Caller::ExtensionPage);
        }
        let tab = sender.tab.ok_or(Error::NotAllowed("the message came from an unknown context"))?;
        let addr = address(url).ok_or(Error::NotAllowed("Keyshift works only on https pages"))?;
        if !self.enabled(addr.host) {
            return Err(Error::NotAllowed("Keyshift is not enabled on this site"));
        }
        let top_enabled = sender.tab_url.as_deref().and_then(address).is_some_and(|top| self.enabled(top.host));
        let frame_ok = sender.frame == Some(0) || top_enabled;
        let top = sender.frame == Some(0);
        Ok(Caller::Page { binding: Binding { tab, origin: addr.origin.to_ascii_lowercase() }, frame_ok, top })
    }

    pub(super) fn enabled(&self, host: &str) -> bool {
        host_enabled(host, &self.settings.extra_hosts)
    }
}
