//! Range rules on the values a scenario shows, checked in one place: the loader's [`validate`]
//! and the [`Command`]s that change a scenario (and so the command line's flags) use these.
//!
//! [`validate`]: super::validate
//! [`Command`]: crate::command::Command

use crate::format::number;

/// The years BMD Atlas shows: the year slider's range, and the years `--year` accepts.
///
/// A file may hold any year (a file is data, and [`validate`](super::validate) does not refuse
/// it); choosing a year to show, in the panel or on the command line, is held to this range.
pub const YEARS: std::ops::RangeInclusive<i32> = 2009..=2025;

/// Whether `year` is one BMD Atlas shows ([`YEARS`]), or a message giving the allowed range.
///
/// ```
/// use bmd_atlas::scenario::check_year;
/// assert!(check_year(2016).is_ok());
/// assert_eq!(check_year(1900).unwrap_err(), "1900 is outside 2009–2025; choose a year from 2009 to 2025");
/// ```
pub fn check_year(year: i32) -> Result<(), String> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        let (first, last) = (YEARS.start(), YEARS.end());
        Err(format!(
            "{year} is outside {first}–{last}; choose a year from {first} to {last}"
        ))
    }
}

/// Whether `lat` is a latitude in degrees (-90 to 90), or what is wrong with it.
///
/// ```
/// assert!(bmd_atlas::scenario::check_latitude(95.0).unwrap_err().contains("-90 to 90"));
/// ```
pub fn check_latitude(lat: f64) -> Result<(), String> {
    if lat.is_finite() && (-90.0..=90.0).contains(&lat) {
        Ok(())
    } else {
        Err(format!("{} is not a latitude (-90 to 90)", number(lat)))
    }
}

/// Whether `lon` is a longitude in degrees (-180 to 180), or what is wrong with it.
///
/// ```
/// assert!(bmd_atlas::scenario::check_longitude(f64::NAN).is_err());
/// ```
pub fn check_longitude(lon: f64) -> Result<(), String> {
    if lon.is_finite() && (-180.0..=180.0).contains(&lon) {
        Ok(())
    } else {
        Err(format!("{} is not a longitude (-180 to 180)", number(lon)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ends_of_the_ranges_are_allowed() {
        assert!(check_year(*YEARS.start()).is_ok() && check_year(*YEARS.end()).is_ok());
        assert!(check_year(YEARS.start() - 1).is_err() && check_year(YEARS.end() + 1).is_err());
        assert!(check_latitude(-90.0).is_ok() && check_latitude(90.0).is_ok());
        assert!(check_longitude(-180.0).is_ok() && check_longitude(180.0).is_ok());
        assert!(check_latitude(90.5).is_err() && check_longitude(f64::INFINITY).is_err());
    }
}
