//! The account's token health: what the token list showed, per account (origin), kept
//! without a single secret (names, kinds, the shortened token as the list shows it,
//! expiry, permissions, whether a row holds a legacy key). A new visit of the list
//! replaces what an earlier one said; the user can clear it all.

use crate::dates::{Date, Expiry};
use crate::read::integrations::TokenKind;
use serde::{Deserialize, Serialize};

/// Accounts remembered, and token rows per account: beyond them the oldest go.
pub const MAX_ACCOUNTS: usize = 20;
pub const MAX_TOKENS: usize = 200;
/// Characters kept of a name or a permissions cell.
pub const TEXT_CHARS: usize = 80;

/// One row of a token list, as it showed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenFact {
    pub name: String,
    /// The prebuilt integration the row names, or `custom`.
    pub kind: TokenKind,
    /// The token as the list shows it: shortened (`T1a2b3c4…9f9f`), never whole; empty for
    /// a legacy key (its value is never kept).
    pub shown: String,
    pub expires: Option<Expiry>,
    pub permissions: Option<String>,
    /// The permissions cell says everything (or the row is a legacy key, which could).
    pub all_permissions: bool,
    pub legacy: bool,
}

/// What one account's token list said, and on which of the user's days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub origin: String,
    pub read_on: Date,
    pub tokens: Vec<TokenFact>,
    /// The reminders already given, per token (its name and shown form) and stage: each
    /// fires once, and a new visit of the list does not fire them again.
    #[serde(default)]
    pub reminded: Vec<(String, String, Stage)>,
}

/// How close a token is to its expiry, as reminders count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// 8 to 30 days left.
    Month,
    /// 2 to 7 days.
    Week,
    /// Today or tomorrow.
    Day,
    /// Past it.
    Expired,
}

impl Stage {
    /// The stage `days_left` falls in, if any (more than 30 days: none yet).
    pub fn of(days_left: i64) -> Option<Stage> {
        match days_left {
            d if d < 0 => Some(Stage::Expired),
            0..=1 => Some(Stage::Day),
            2..=7 => Some(Stage::Week),
            8..=30 => Some(Stage::Month),
            _ => None,
        }
    }
}

/// A reminder due: which account and token, how close, and on which day it expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub origin: String,
    pub name: String,
    pub stage: Stage,
    pub days_left: i64,
    pub expires: Date,
}

/// Every account's last reading, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health(pub Vec<Account>);

fn cut(text: &str) -> String {
    text.chars().take(TEXT_CHARS).collect()
}

impl Health {
    /// Records rows read from `origin`'s token list today. `fresh`: this read starts a new
    /// visit of the list, whose rows replace the earlier visit's; otherwise they join it
    /// (a big list arrives in several reads). Whether anything changed.
    pub fn record(&mut self, origin: &str, rows: Vec<TokenFact>, today: Date, fresh: bool) -> bool {
        let rows: Vec<TokenFact> = rows
            .into_iter()
            .map(|r| TokenFact { name: cut(&r.name), permissions: r.permissions.as_deref().map(cut), ..r })
            .collect();
        let at = self.0.iter().position(|a| a.origin == origin);
        let mut account = match at {
            Some(i) => self.0.remove(i),
            None => Account { origin: origin.to_string(), read_on: today, tokens: Vec::new(), reminded: Vec::new() },
        };
        let before = account.clone();
        if fresh {
            account.tokens.clear();
        }
        account.read_on = today;
        for row in rows {
            let same = |t: &TokenFact| t.name == row.name && t.shown == row.shown && t.legacy == row.legacy;
            match account.tokens.iter().position(same) {
                Some(i) => account.tokens[i] = row,
                None if account.tokens.len() < MAX_TOKENS => account.tokens.push(row),
                None => {}
            }
        }
        let changed = account != before || at != Some(0);
        self.0.insert(0, account);
        self.0.truncate(MAX_ACCOUNTS);
        changed
    }

    /// The user cleared what Keyshift knows of their accounts' tokens.
    pub fn clear(&mut self) -> bool {
        let had = !self.0.is_empty();
        self.0.clear();
        had
    }

    pub fn account(&self, origin: &str) -> Option<&Account> {
        self.0.iter().find(|a| a.origin == origin)
    }

    /// The reminders due today, each marked given so it never fires twice. A token first
    /// seen close to its expiry gets the stage it is in, not the ones it skipped; what is
    /// remembered of tokens that left the list goes with them.
    pub fn due(&mut self, today: Date) -> Vec<Reminder> {
        let mut out = Vec::new();
        for account in &mut self.0 {
            let tokens = &account.tokens;
            account.reminded.retain(|(name, shown, _)| tokens.iter().any(|t| &t.name == name && &t.shown == shown));
            for t in tokens.iter().filter(|t| !t.legacy) {
                let Some(Expiry::On(expires)) = t.expires else { continue };
                let days_left = expires.days() - today.days();
                let Some(stage) = Stage::of(days_left) else { continue };
                let given =
                    |s: Stage| account.reminded.iter().any(|(n, sh, g)| n == &t.name && sh == &t.shown && *g >= s);
                if given(stage) {
                    continue;
                }
                account.reminded.push((t.name.clone(), t.shown.clone(), stage));
                out.push(Reminder { origin: account.origin.clone(), name: t.name.clone(), stage, days_left, expires });
            }
        }
        out
    }

    /// Whether any token may still come due (reminders need a daily look).
    pub fn pending(&self) -> bool {
        self.0.iter().flat_map(|a| &a.tokens).any(|t| matches!(t.expires, Some(Expiry::On(_))) && !t.legacy)
    }
}

/// What needs action, per kind of problem, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// A legacy key is still in the list: it stopped working on 1 Dec 2020.
    Legacy,
    Expired,
    /// Expires within a day, a week, a month.
    ExpiresInADay,
    ExpiresInAWeek,
    ExpiresInAMonth,
    /// Never expires: nothing forces its replacement.
    NeverExpires,
    /// May do everything its creator may.
    AllPermissions,
}

/// The problems a token has today, worst first (a token can have two: never expires and
/// every permission).
pub fn problems(t: &TokenFact, today: Date) -> Vec<Problem> {
    let mut out = Vec::new();
    if t.legacy {
        out.push(Problem::Legacy);
    }
    match t.expires {
        Some(Expiry::On(d)) => {
            let days = d.days() - today.days();
            match days {
                d if d < 0 => out.push(Problem::Expired),
                0..=1 => out.push(Problem::ExpiresInADay),
                2..=7 => out.push(Problem::ExpiresInAWeek),
                8..=30 => out.push(Problem::ExpiresInAMonth),
                _ => {}
            }
        }
        Some(Expiry::Never) if !t.legacy => out.push(Problem::NeverExpires),
        _ => {}
    }
    if t.all_permissions && !t.legacy {
        out.push(Problem::AllPermissions);
    }
    out
}

/// One line of the health view: a problem and the tokens that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub problem: Problem,
    pub names: Vec<String>,
}

/// An account's health as the popup shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    pub origin: String,
    pub read_on: Date,
    pub tokens: usize,
    /// Tokens with at least one problem: what the account needs done.
    pub needs_action: usize,
    pub lines: Vec<Line>,
}

impl Account {
    pub fn view(&self, today: Date) -> View {
        let mut lines: Vec<Line> = Vec::new();
        let mut needs_action = 0;
        for t in &self.tokens {
            let found = problems(t, today);
            needs_action += usize::from(!found.is_empty());
            for problem in found {
                match lines.iter_mut().find(|l| l.problem == problem) {
                    Some(l) => l.names.push(t.name.clone()),
                    None => lines.push(Line { problem, names: vec![t.name.clone()] }),
                }
            }
        }
        lines.sort_by_key(|l| l.problem);
        View { origin: self.origin.clone(), read_on: self.read_on, tokens: self.tokens.len(), needs_action, lines }
    }

    /// The account's tokens as CSV, for the MSP's own documentation: names, kinds, the
    /// shortened token, expiry, permissions, what needs doing; nothing secret. A cell a
    /// spreadsheet would run as a formula is quoted as text.
    pub fn csv(&self, today: Date) -> String {
        let cell = |text: &str| {
            let text =
                if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
            format!("\"{}\"", text.replace('"', "\"\""))
        };
        let mut out = String::from("account,name,kind,token,expires,permissions,needs\r\n");
        for t in &self.tokens {
            let expires = match t.expires {
                Some(Expiry::On(d)) => d.iso(),
                Some(Expiry::Never) => "never".into(),
                None => String::new(),
            };
            let needs: Vec<&str> = problems(t, today).into_iter().map(Problem::name).collect();
            let kind = serde_name(t.kind);
            let row = [
                self.origin.as_str(),
                &t.name,
                &kind,
                &t.shown,
                &expires,
                t.permissions.as_deref().unwrap_or(""),
                &needs.join(" "),
            ];
            out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        out
    }
}

impl Problem {
    /// Its name in the CSV (the same as on the wire).
    pub fn name(self) -> &'static str {
        match self {
            Problem::Legacy => "legacy",
            Problem::Expired => "expired",
            Problem::ExpiresInADay => "expires-in-a-day",
            Problem::ExpiresInAWeek => "expires-in-a-week",
            Problem::ExpiresInAMonth => "expires-in-a-month",
            Problem::NeverExpires => "never-expires",
            Problem::AllPermissions => "all-permissions",
        }
    }
}

fn serde_name(kind: TokenKind) -> String {
    match kind {
        TokenKind::Unknown => "unknown",
        TokenKind::Custom => "custom",
        TokenKind::ItGlue => "it-glue",
        TokenKind::NinjaRmm => "ninja-rmm",
        TokenKind::Pax8 => "pax8",
        TokenKind::Zapier => "zapier",
    }
    .to_string()
}

#[cfg(test)]
mod tests;
