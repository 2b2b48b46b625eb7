//! Date-time groups in military form (`281430Z NOV 26`) and parsing of UTC times, without a
//! calendar crate.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// The date-time group of a moment: day, hour and minute in UTC ("Zulu"), month, two-digit year.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use bmd_atlas::export::date_time_group;
/// // 28 November 2026, 14:30:59 UTC.
/// let t = UNIX_EPOCH + Duration::from_secs(1_795_876_259);
/// assert_eq!(date_time_group(t), "281430Z NOV 26");
/// ```
pub fn date_time_group(t: SystemTime) -> String {
    let secs = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs_f64().ceil() as i64),
    };
    let days = secs.div_euclid(86_400);
    let of_day = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{day:02}{:02}{:02}Z {} {:02}",
        of_day / 3600,
        of_day % 3600 / 60,
        MONTHS[(month - 1) as usize],
        year.rem_euclid(100)
    )
}

/// Parses a UTC time written `YYYY-MM-DDTHH:MM[:SS]Z` (the `T` may be a space; the `Z` is
/// required, so a local time is never taken for UTC).
///
/// ```
/// use bmd_atlas::export::{date_time_group, parse_utc};
/// let t = parse_utc("2026-11-28T14:30Z").expect("valid");
/// assert_eq!(date_time_group(t), "281430Z NOV 26");
/// assert!(parse_utc("2026-11-28 14:30").is_err(), "no Z: not UTC");
/// ```
pub fn parse_utc(text: &str) -> Result<SystemTime, String> {
    let bad = || {
        format!(
            "\"{text}\" is not a UTC time; write it as YYYY-MM-DDTHH:MMZ, e.g. 2026-11-28T14:30Z"
        )
    };
    let s = text.trim();
    let s = s
        .strip_suffix('Z')
        .or_else(|| s.strip_suffix('z'))
        .ok_or_else(bad)?;
    let (date, time) = s.split_once(['T', 't', ' ']).ok_or_else(bad)?;
    let numbers = |part: &str, sep: char| -> Result<Vec<i64>, String> {
        part.split(sep)
            .map(|n| n.parse::<i64>().map_err(|_| bad()))
            .collect()
    };
    let d = numbers(date, '-')?;
    let t = numbers(time, ':')?;
    let [year, month, day] = d[..] else {
        return Err(bad());
    };
    let (hour, minute, second) = match t[..] {
        [h, m] => (h, m, 0),
        [h, m, s] => (h, m, s),
        _ => return Err(bad()),
    };
    let days_in_month = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return Err(bad()),
    };
    if !(1..=days_in_month).contains(&day)
        || !(0..24).contains(&hour)
        || !(0..60).contains(&minute)
        || !(0..60).contains(&second)
        || !(1..=9999).contains(&year)
    {
        return Err(bad());
    }
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Ok(if secs >= 0 {
        UNIX_EPOCH + Duration::from_secs(secs as u64)
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
    })
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) to days since 1970-01-01; the inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips_across_leap_years_and_the_epoch() {
        for days in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn groups_are_zero_padded_and_in_utc() {
        let t = parse_utc("2009-09-17 05:07:00Z").expect("valid");
        assert_eq!(date_time_group(t), "170507Z SEP 09");
        let before_epoch = parse_utc("1969-12-31T23:59Z").expect("valid");
        assert_eq!(date_time_group(before_epoch), "312359Z DEC 69");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2026-02-29T00:00Z",
            "2024-13-01T00:00Z",
            "2024-01-01T24:00Z",
            "yesterday",
        ] {
            let err = parse_utc(bad).expect_err(bad);
            assert!(err.contains("YYYY-MM-DDTHH:MMZ"), "{err}");
        }
        assert!(parse_utc("2024-02-29T00:00Z").is_ok());
    }
}
