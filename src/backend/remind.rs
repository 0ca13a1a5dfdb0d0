//! Reminders before a token breaks: once the user turned them on, each token in an opened
//! token list gets a notification 30, 7 and 1 days before it expires, and once after
//! (`health::Health::due`), by the user's calendar day. An alarm looks once a day.

use super::{Backend, Changes};
use crate::contract::messages::{Clock, Notice};
use crate::health::{Reminder, Stage};
use crate::ids::Millis;
use crate::policy::{Message, Param};
use crate::popup::{host, token_list};
use crate::text::TextId;

/// When the daily look happens: a minute after the user's midnight.
const AFTER_MIDNIGHT: Millis = Millis::minutes(1);

fn notice(r: &Reminder) -> Notice {
    let message = match r.stage {
        Stage::Month => Message::new(TextId::ReminderMonth, vec![Param::Count(r.days_left), Param::Date(r.expires)]),
        Stage::Week => Message::new(TextId::ReminderWeek, vec![Param::Count(r.days_left), Param::Date(r.expires)]),
        Stage::Day => Message::new(TextId::ReminderDay, vec![Param::Date(r.expires)]),
        Stage::Expired => Message::new(TextId::ReminderExpired, vec![Param::Date(r.expires)]),
    };
    let stage = format!("{:?}", r.stage).to_ascii_lowercase();
    Notice {
        id: format!("keyshift:{}:{}:{stage}", r.origin, r.name),
        name: r.name.clone(),
        account: host(&r.origin).to_string(),
        message,
        url: token_list(&r.origin),
    }
}

impl Backend {
    fn clock(&self, now: Millis) -> Clock {
        Clock { now, offset_minutes: self.offset_minutes }
    }

    /// The reminders due now, if the user wants them.
    pub(super) fn remind(&mut self, now: Millis, changed: &mut Changes) {
        if !self.settings.remind_before_expiry {
            return;
        }
        let due = self.health.due(self.clock(now).today());
        changed.health |= !due.is_empty();
        changed.notify.extend(due.iter().map(notice));
    }

    /// The next daily look, while reminders are on and a token may still come due.
    pub(super) fn next_reminder_check(&self, now: Millis) -> Option<Millis> {
        (self.settings.remind_before_expiry && self.health.pending()).then(|| {
            let midnight = self.clock(now).today().plus_days(1).days() * 86_400_000;
            Millis(midnight - i64::from(self.offset_minutes) * 60_000) + AFTER_MIDNIGHT
        })
    }
}
