//! Meta Kaggle dates to UTC timestamps. Exports write `MM/DD/YYYY HH:MM:SS`
//! (24-hour), older ones `MM/DD/YYYY hh:mm:ss AM/PM`, and `RegisterDate` has the
//! day only. The zone is unstated; we assume UTC (SOURCES.md §6). A hand parser,
//! because the importer calls it for every one of millions of rows.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Parses a Meta Kaggle date (either clock format, or a bare day) as UTC.
pub(crate) fn parse_kaggle_date(s: &str) -> Result<Timestamp, String> {
    let bad = || {
        format!(
            "date `{s}` is not in a Meta Kaggle format (`12/20/2019 18:03:59` or `12/20/2019 06:03:59 PM`)"
        )
    };
    let s = s.trim();
    let (day, clock) = match s.split_once(' ') {
        Some((d, c)) => (d, Some(c.trim())),
        None => (s, None),
    };
    let mut parts = day.split('/');
    let (Some(m), Some(d), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return parse_iso(s).ok_or_else(bad);
    };
    let month: i8 = num(m).ok_or_else(bad)?;
    let day_of_month: i8 = num(d).ok_or_else(bad)?;
    let year: i16 = num(y).ok_or_else(bad)?;
    let (hour, minute, second) = match clock {
        None => (0, 0, 0),
        Some(c) => parse_clock(c).ok_or_else(bad)?,
    };
    // `Date::new` rejects impossible days; `parse_clock` has checked the clock.
    let day = jiff::civil::Date::new(year, month, day_of_month).map_err(|_| bad())?;
    day.at(hour, minute, second, 0)
        .to_zoned(TimeZone::UTC)
        .map(|z| z.timestamp())
        .map_err(|_| bad())
}

/// `18:03:59`, `6:03:59 PM`, `06:03 pm`.
fn parse_clock(c: &str) -> Option<(i8, i8, i8)> {
    let (hms, meridiem) = match c.rsplit_once(' ') {
        Some((t, ap)) => (t.trim(), Some(ap.trim())),
        None => (c, None),
    };
    let mut parts = hms.split(':');
    let hour: i8 = num(parts.next()?)?;
    let minute: i8 = num(parts.next()?)?;
    let second: i8 = match parts.next() {
        Some(s) => num(s.split('.').next()?)?,
        None => 0,
    };
    if parts.next().is_some() || minute > 59 || second > 59 {
        return None;
    }
    let hour = match meridiem {
        None if hour <= 23 => hour,
        None => return None,
        Some(ap) if (1..=12).contains(&hour) => {
            let pm = if ap.eq_ignore_ascii_case("pm") {
                true
            } else if ap.eq_ignore_ascii_case("am") {
                false
            } else {
                return None;
            };
            hour % 12 + if pm { 12 } else { 0 }
        }
        Some(_) => return None,
    };
    Some((hour, minute, second))
}

/// Some re-exports write ISO dates (`2019-12-20 18:03:59` or with a `T`/`Z`).
fn parse_iso(s: &str) -> Option<Timestamp> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    let dt: jiff::civil::DateTime = s.parse().ok()?;
    dt.to_zoned(TimeZone::UTC).ok().map(|z| z.timestamp())
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> String {
        parse_kaggle_date(s).unwrap().to_string()
    }

    #[test]
    fn both_clock_formats_are_utc() {
        assert_eq!(iso("12/20/2019 18:03:59"), "2019-12-20T18:03:59Z");
        assert_eq!(iso("12/20/2019 06:03:59 PM"), "2019-12-20T18:03:59Z");
        assert_eq!(iso("12/20/2019 12:00:01 AM"), "2019-12-20T00:00:01Z");
        assert_eq!(iso("1/2/2019 12:30:00 PM"), "2019-01-02T12:30:00Z");
        assert_eq!(iso("03/15/2016"), "2016-03-15T00:00:00Z");
        assert_eq!(iso("2019-12-20 18:03:59"), "2019-12-20T18:03:59Z");
    }

    #[test]
    fn nonsense_is_an_error_naming_the_value() {
        for bad in [
            "",
            "yesterday",
            "13/40/2019 10:00:00",
            "12/20/2019 25:00:00",
            "12/20/2019 13:00:00 PM",
            "12/20/2019 10:00:00 XM",
        ] {
            let e = parse_kaggle_date(bad).unwrap_err();
            assert!(e.contains(&format!("`{bad}`")), "{e}");
        }
    }
}
