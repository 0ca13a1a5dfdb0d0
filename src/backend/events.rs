//! What the browser tells the engine besides messages: an alarm fired, the clipboard was
//! read for a due clear.

use super::{Backend, Changes};
use crate::contract::messages::{Outcome, Reply};
use crate::ids::Millis;
use crate::keep::capture::Secret;

impl Backend {
    /// An alarm fired: drop what expired; say whether a clipboard clear is due.
    pub fn tick(&mut self, now: Millis) -> Outcome {
        let held = self.session.held.expire(now);
        let mut changed = Changes { held, ..Changes::default() };
        self.remind(now, &mut changed);
        self.outcome(Reply::Ok {}, changed, now)
    }

    /// The clipboard's text, read because a clear was due: whether to empty it.
    pub fn clipboard(&mut self, text: Secret, now: Millis) -> Outcome {
        let print = self.salt.of(text.expose().trim());
        let clear = self.session.clears.check(now, &print);
        self.outcome(Reply::Clipboard { clear }, Changes { held: true, ..Changes::default() }, now)
    }
}
