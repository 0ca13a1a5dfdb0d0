use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::new(y, m, day).expect("valid test date")
}

const TODAY: Date = Date { year: 2026, month: 11, day: 28 };
const US: Option<NumericOrder> = Some(NumericOrder::MonthFirst);
const EU: Option<NumericOrder> = Some(NumericOrder::DayFirst);

fn on(cell: &str, order: Option<NumericOrder>) -> Option<Date> {
    match read_expiry(cell, order, TODAY) {
        Some(Expiry::On(date)) => Some(date),
        _ => None,
    }
}

#[test]
fn day_arithmetic_round_trips() {
    assert_eq!(d(1970, 1, 1).days(), 0);
    assert_eq!(d(2020, 12, 1).days(), 18_597);
    for days in [-1i64, 0, 18_597, 47_482, 2_932_896] {
        assert_eq!(Date::from_days(days).days(), days);
    }
    assert_eq!(Date::new(2021, 2, 29), None);
    assert_eq!(Date::new(2024, 2, 29).map(Date::iso).as_deref(), Some("2024-02-29"));
}

#[test]
fn the_users_calendar_day_not_utcs() {
    // 2026-11-28 03:30 UTC: evening of the 27th in California (UTC-8)...
    let ms = d(2026, 11, 28).days() * 86_400_000 + 3 * 3_600_000 + 30 * 60_000;
    assert_eq!(Date::local(ms, -8 * 60), d(2026, 11, 27));
    assert_eq!(Date::local(ms, 0), d(2026, 11, 28));
    // ...and 2026-11-27 19:00 UTC is the morning of the 28th in Samoa (UTC+13).
    let ms = d(2026, 11, 27).days() * 86_400_000 + 19 * 3_600_000;
    assert_eq!(Date::local(ms, 13 * 60), d(2026, 11, 28));
    assert_eq!(Date::local(ms, 0), d(2026, 11, 27));
}

#[test]
fn every_absolute_form() {
    let want = Some(d(2026, 9, 19));
    for cell in [
        "2026-09-19",
        "2026-09-19T10:00:00Z",
        "2026-09-19 14:00 UTC",
        "2026/09/19",
        "Sep 19, 2026",
        "September 19, 2026 10:15 AM",
        "19 Sep 2026",
        "19 sept. 2026",
        "19. September 2026",
        "19 de septiembre de 2026",
        "19 september 2026",
        "19.09.2026",
        "Sat, Sep 19, 2026",
    ] {
        assert_eq!(on(cell, None), want, "{cell}");
    }
    assert_eq!(on("1er janvier 2027", None), Some(d(2027, 1, 1)));
    assert_eq!(on("3 März 2027", None), Some(d(2027, 3, 3)));
    assert_eq!(on("12 dic 2026", None), Some(d(2026, 12, 12)));
    assert_eq!(on("4 mrt. 2027", None), Some(d(2027, 3, 4)));
}

#[test]
fn numeric_dates_follow_the_order_and_ambiguous_ones_are_left_alone() {
    // Unambiguous: only one order reads it.
    assert_eq!(on("09/19/2026", None), Some(d(2026, 9, 19)));
    assert_eq!(on("19/09/2026", None), Some(d(2026, 9, 19)));
    assert_eq!(on("09/19/2026", EU), None, "a day-first page cannot have month 19");
    // Ambiguous: decided by the order, else left alone.
    assert_eq!(on("03/04/2026", US), Some(d(2026, 3, 4)));
    assert_eq!(on("03/04/2026", EU), Some(d(2026, 4, 3)));
    assert_eq!(on("03/04/2026", None), None);
    assert_eq!(on("04/04/2026", None), Some(d(2026, 4, 4)), "the same either way");
    // Dots are day first whatever the page says.
    assert_eq!(on("03.04.2026", US), Some(d(2026, 4, 3)));
    assert_eq!(on("03/04/26", US), Some(d(2026, 3, 4)));
    for bad in ["2022-13-02", "02/30/2022", "soon", "Mar 2", "T5e1c0a...", "1/2/3", "13/13/2026"] {
        assert_eq!(read_expiry(bad, US, TODAY), None, "{bad}");
    }
}

#[test]
fn the_column_decides_the_order_and_the_language_backs_it() {
    assert_eq!(order_from_column(["03/04/2026", "12/25/2026"]), Some(NumericOrder::MonthFirst));
    assert_eq!(order_from_column(["03/04/2026", "25/12/2026"]), Some(NumericOrder::DayFirst));
    assert_eq!(order_from_column(["03/04/2026", "04/05/2026"]), None);
    assert_eq!(order_from_column(["25/12/2026", "12/25/2026"]), None, "contradicting columns decide nothing");
    assert_eq!(order_from_column(["2026-12-25", "Never"]), None);
    assert_eq!(order_for_lang("en"), Some(NumericOrder::MonthFirst));
    assert_eq!(order_for_lang("en-US"), Some(NumericOrder::MonthFirst));
    assert_eq!(order_for_lang("en-GB"), Some(NumericOrder::DayFirst));
    assert_eq!(order_for_lang("de"), Some(NumericOrder::DayFirst));
    assert_eq!(order_for_lang("fr-CA"), Some(NumericOrder::DayFirst));
    assert_eq!(order_for_lang("en-CA"), None);
    assert_eq!(order_for_lang("ja"), None);
    assert_eq!(order_for_lang(""), None);
}

#[test]
fn relative_dates_against_today() {
    let rel = |cell: &str| on(cell, None).map(|date| date.days() - TODAY.days());
    for (cell, days) in [
        ("in 5 days", 5),
        ("Expires in 5 days", 5),
        ("tomorrow", 1),
        ("Today", 0),
        ("yesterday", -1),
        ("in a week", 7),
        ("in 2 weeks", 14),
        ("2 months ago", -60),
        ("expired 3 days ago", -3),
        ("in a year", 365),
        ("en 5 días", 5),
        ("dentro de 2 semanas", 14),
        ("mañana", 1),
        ("hace 2 meses", -60),
        ("caducó hace 3 días", -3),
        ("in 5 Tagen", 5),
        ("morgen", 1),
        ("vor 3 Tagen", -3),
        ("in einem Monat", 30),
        ("heute Morgen", 0),
        ("dans 5 jours", 5),
        ("demain", 1),
        ("il y a 2 mois", -60),
        ("aujourd’hui", 0),
        ("over 5 dagen", 5),
        ("2 maanden geleden", -60),
        ("gisteren", -1),
        ("over een week", 7),
    ] {
        assert_eq!(rel(cell), Some(days), "{cell}");
    }
}

#[test]
fn never_in_every_language() {
    for cell in ["", "  ", "-", "Never", "nunca", "Nie", "jamais", "Nooit", "No expiration", "Sin caducidad", "—"] {
        assert_eq!(read_expiry(cell, None, TODAY), Some(Expiry::Never), "{cell:?}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn date() -> impl Strategy<Value = Date> {
        (2000i32..2100, 1u32..=12, 1u32..=31).prop_filter_map("a real date", |(y, m, d)| Date::new(y, m, d))
    }

    const EN_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    proptest! {
        /// Every form, written from a date, reads back as that date when the order is known.
        #[test]
        fn written_dates_read_back(date in date(), form in 0usize..7) {
            let (y, m, dd) = (date.year, date.month, date.day);
            let (cell, order) = match form {
                0 => (date.iso(), None),
                1 => (format!("{m:02}/{dd:02}/{y}"), US),
                2 => (format!("{dd:02}/{m:02}/{y}"), EU),
                3 => (format!("{} {dd}, {y}", EN_MONTHS[m as usize - 1]), None),
                4 => (format!("{dd} {} {y}", EN_MONTHS[m as usize - 1]), None),
                5 => (format!("{dd:02}.{m:02}.{y}"), US),
                _ => (format!("{dd}. {} {y}", crate::words::MONTHS[m as usize - 1][2].last().copied().unwrap_or("")), None),
            };
            prop_assert_eq!(read_expiry(&cell, order, TODAY), Some(Expiry::On(date)), "{}", cell);
        }

        /// A numeric date two orders can read is never guessed without an order.
        #[test]
        fn ambiguous_numeric_dates_are_left_alone(date in date()) {
            prop_assume!(date.day <= 12 && date.day != date.month);
            let cell = format!("{:02}/{:02}/{}", date.month, date.day, date.year);
            prop_assert_eq!(read_expiry(&cell, None, TODAY), None);
        }

        /// "in N days" and "N days ago" count from today, in every language's words.
        #[test]
        fn relative_days_count_from_today(n in 2i64..400, past: bool, lang in 0usize..5) {
            let unit = crate::words::UNIT_DAY.in_lang(crate::words::Lang::ALL[lang]);
            let unit = unit[unit.len() - 1];
            let cell = match (past, lang) {
                (false, 0) => format!("in {n} {unit}"),
                (false, 1) => format!("dentro de {n} {unit}"),
                (false, 2) => format!("in {n} {unit}"),
                (false, 3) => format!("dans {n} {unit}"),
                (false, _) => format!("over {n} {unit}"),
                (true, 0) => format!("{n} {unit} ago"),
                (true, 1) => format!("hace {n} {unit}"),
                (true, 2) => format!("vor {n} {unit}"),
                (true, 3) => format!("il y a {n} {unit}"),
                (true, _) => format!("{n} {unit} geleden"),
            };
            let want = TODAY.plus_days(if past { -n } else { n });
            prop_assert_eq!(read_expiry(&cell, None, TODAY), Some(Expiry::On(want)), "{}", cell);
        }

        #[test]
        fn any_cell_reads_without_panic(cell in "\\PC{0,40}|[0-9/. -]{0,14}|[A-Za-z]{3,9} [0-9]{1,2}, [0-9]{4}") {
            let _ = read_expiry(&cell, None, TODAY);
            let _ = order_from_column([cell.as_str()]);
        }
    }
}
