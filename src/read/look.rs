//! How the page looks: light or dark. Notes take the page's own colour scheme, not the
//! operating system's: a light vendor page in a dark desktop gets light notes, and a page
//! drawn dark gets dark ones. The content script sends the computed colours as the
//! browser writes them; this decides.

use serde::{Deserialize, Serialize};

/// What the content script reads of the page's look: its computed `color-scheme`, and
/// the computed background colours of its main area, `<body>` and `<html>` (innermost
/// first), as `getComputedStyle` writes them (`rgb(…)`, `rgba(…)`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Look {
    #[serde(default)]
    pub scheme: String,
    #[serde(default)]
    pub backgrounds: Vec<String>,
}

/// The theme the notes are drawn in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// The page leaves its colours to the browser and accepts both schemes: it is as
    /// light or dark as the operating system, and so are the notes.
    System,
}

/// The first background that covers what is behind it decides, by which of black or white
/// text would read better on it (relative luminance below 0.179: white). With none, the
/// page shows the browser's canvas, which follows `color-scheme`.
pub fn theme(look: &Look) -> Theme {
    let opaque = look.backgrounds.iter().filter_map(|b| rgba(b)).find(|c| c.3 >= 0.5);
    if let Some((r, g, b, _)) = opaque {
        return if luminance(r, g, b) < 0.179 { Theme::Dark } else { Theme::Light };
    }
    let words: Vec<&str> = look.scheme.split_whitespace().collect();
    let (light, dark) = (words.contains(&"light"), words.contains(&"dark"));
    match (light, dark) {
        (false, true) => Theme::Dark,
        (true, true) => Theme::System,
        _ => Theme::Light,
    }
}

/// `rgb(r, g, b)`, `rgba(r, g, b, a)` or `rgb(r g b / a)`, channels 0–255; `None` for
/// anything else (a colour the browser writes in another space is not guessed at).
fn rgba(text: &str) -> Option<(f64, f64, f64, f64)> {
    let text = text.trim();
    let inner = text.strip_prefix("rgba(").or_else(|| text.strip_prefix("rgb("))?.strip_suffix(')')?;
    let parts: Vec<f64> = inner
        .split([',', '/', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| match p.strip_suffix('%') {
            Some(percent) => percent.parse::<f64>().map(|v| v / 100.0),
            None => p.parse::<f64>(),
        })
        .collect::<Result<_, _>>()
        .ok()?;
    let ok = |v: f64| v.is_finite().then_some(v);
    match parts[..] {
        [r, g, b] => Some((ok(r)?, ok(g)?, ok(b)?, 1.0)),
        [r, g, b, a] => Some((ok(r)?, ok(g)?, ok(b)?, ok(a)?)),
        _ => None,
    }
}

/// WCAG's relative luminance of an sRGB colour.
fn luminance(r: f64, g: f64, b: f64) -> f64 {
    let lin = |c: f64| {
        let c = (c / 255.0).clamp(0.0, 1.0);
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(scheme: &str, backgrounds: &[&str]) -> Look {
        Look { scheme: scheme.into(), backgrounds: backgrounds.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn the_first_opaque_background_decides() {
        assert_eq!(theme(&look("normal", &["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"])), Theme::Light);
        assert_eq!(theme(&look("normal", &["rgba(0, 0, 0, 0)", "rgb(24, 26, 27)"])), Theme::Dark);
        // A dark main area on a white body: the notes sit in the main area.
        assert_eq!(theme(&look("normal", &["rgb(17, 24, 39)", "rgb(255, 255, 255)"])), Theme::Dark);
        // A faint tint covers nothing: the body decides.
        assert_eq!(theme(&look("normal", &["rgba(0, 0, 0, 0.1)", "rgb(250, 250, 250)"])), Theme::Light);
        assert_eq!(theme(&look("normal", &["rgb(30 30 30 / 90%)"])), Theme::Dark);
        // Mid grey: black text reads better on it.
        assert_eq!(theme(&look("normal", &["rgb(128, 128, 128)"])), Theme::Light);
    }

    #[test]
    fn with_no_background_the_colour_scheme_decides() {
        assert_eq!(theme(&look("dark", &["rgba(0, 0, 0, 0)"])), Theme::Dark);
        assert_eq!(theme(&look("light dark", &[])), Theme::System);
        assert_eq!(theme(&look("normal", &[])), Theme::Light);
        assert_eq!(theme(&Look::default()), Theme::Light);
    }

    #[test]
    fn colours_in_other_spaces_or_broken_are_not_guessed() {
        assert_eq!(theme(&look("normal", &["oklch(0.2 0 0)", "rgb(nope)", "rgb(1, 2)"])), Theme::Light);
        assert_eq!(rgba("rgb(NaN, 0, 0)"), None);
    }
}
