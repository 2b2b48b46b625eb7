//! Values as people write them in a site table: sides, kinds, status histories, and ids made
//! from names.

use crate::scenario::{Side, SiteKind, Status, StatusChange, Timeline};

/// A side from what people write: `us_nato`, `US/NATO`, `US`, `NO/US`, `Russia`, `Iran`, `joint`.
///
/// ```
/// use bmd_atlas::exchange::parse_side;
/// use bmd_atlas::scenario::Side;
/// assert_eq!(parse_side("US/NATO"), Some(Side::UsNato));
/// assert_eq!(parse_side("US (in Israel)"), Some(Side::UsNato));
/// assert_eq!(parse_side("Joint NATO–Russia"), Some(Side::Joint));
/// assert_eq!(parse_side("Russia"), Some(Side::Russia));
/// assert_eq!(parse_side("Atlantis"), None);
/// ```
pub fn parse_side(text: &str) -> Option<Side> {
    let t = text.trim().to_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if t == "us_nato" || t == "usnato" {
        Some(Side::UsNato)
    } else if has("joint") || has("nrc") {
        Some(Side::Joint)
    } else if has("russia") || has("ru") || has("russian") {
        Some(Side::Russia)
    } else if has("iran") || has("ir") || has("iranian") {
        Some(Side::Iran)
    } else if ["us", "usa", "nato", "uk", "gb", "no", "us_nato"]
        .iter()
        .any(|w| has(w))
    {
        Some(Side::UsNato)
    } else {
        None
    }
}

/// A kind from its file name (`interceptor_site`) or its label (`Interceptor site`, `radar`).
///
/// ```
/// use bmd_atlas::exchange::parse_kind;
/// use bmd_atlas::scenario::SiteKind;
/// assert_eq!(parse_kind("ship_patrol_area"), Some(SiteKind::ShipPatrolArea));
/// assert_eq!(parse_kind("Command centre"), Some(SiteKind::CommandCentre));
/// assert_eq!(parse_kind("ICBM base"), Some(SiteKind::IcbmBase));
/// ```
pub fn parse_kind(text: &str) -> Option<SiteKind> {
    let norm = |s: &str| {
        s.trim()
            .to_lowercase()
            .replace([' ', '-'], "_")
            .replace("center", "centre")
    };
    let want = norm(text);
    SiteKind::ALL.into_iter().find(|k| {
        let file_name = serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        file_name == want || norm(k.label()) == want
    })
}

/// Words that say which status a clause of a status history describes, most decisive first.
const STATUS_WORDS: [(Status, &[&str]); 6] = [
    (
        Status::Cancelled,
        &[
            "cancel",
            "never",
            "not realised",
            "not realized",
            "abandon",
            "dropped",
        ],
    ),
    (
        Status::Closed,
        &[
            "suspend",
            "closed",
            "shut",
            "decommission",
            "handed back",
            "dismantl",
        ],
    ),
    (
        Status::Operational,
        &[
            "operational",
            "combat duty",
            "on alert",
            "on duty",
            "in service",
            "on line",
            "online",
            "active",
            "deployed",
            "inaugurated",
            "certified",
            "arrived",
            "declared",
            "established",
            "trial duty",
            "experimental duty",
            "entry into service",
        ],
    ),
    (
        Status::Planned,
        &[
            "announced",
            "planned",
            "agreed",
            "agreement",
            "chosen",
            "signed",
            "protocol",
            "ratified",
            "decided",
            "approved",
            "timeframe",
        ],
    ),
    (
        Status::UnderConstruction,
        &[
            "construction",
            "being built",
            "under_construction",
            "building",
        ],
    ),
    (Status::Proposed, &["propos", "hypothetical"]),
];

/// The first year (1900–2099) written in `text`, as a whole number of four digits.
fn first_year(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let digits = &b[i..i + 4];
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if alone
            && digits.iter().all(u8::is_ascii_digit)
            && (digits[0..2] == *b"19" || digits[0..2] == *b"20")
        {
            std::str::from_utf8(digits).ok()?.parse().ok()
        } else {
            None
        }
    })
}

/// A timeline from a status history in words, as in the reference `status_years` column
/// ("Proposed 2007; agreement signed Aug 2008; cancelled 17 Sep 2009"), or in the short form
/// `planned 2010; operational 2016`. Each `;`-separated clause with a status word becomes a
/// change in its year; a clause without a year counts only when no clause has one (at
/// `undated_year`). Returns the timeline and whether it was fully understood.
///
/// ```
/// use bmd_atlas::exchange::parse_status_years;
/// use bmd_atlas::scenario::{Status, TimelineChoice};
/// let (t, _) = parse_status_years("Proposed 2007; US-Poland agreement signed Aug 2008; cancelled 17 Sep 2009", 2009);
/// assert_eq!(t.status_in(2008, TimelineChoice::AsHappened), Some(Status::Planned));
/// assert_eq!(t.status_in(2010, TimelineChoice::AsHappened), Some(Status::Cancelled));
/// ```
pub fn parse_status_years(text: &str, undated_year: i32) -> (Timeline, bool) {
    let mut dated: Vec<StatusChange> = Vec::new();
    let mut undated: Option<Status> = None;
    let mut understood = true;
    for clause in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let lower = clause.to_lowercase();
        let status = STATUS_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| lower.contains(w)))
            .map(|(s, _)| *s);
        let Some(status) = status else {
            continue;
        };
        match first_year(clause) {
            Some(year) => {
                dated.retain(|c| c.year != year);
                dated.push(StatusChange {
                    year,
                    status,
                    note: clause.to_owned(),
                });
            }
            None => {
                undated.get_or_insert(status);
            }
        }
    }
    if dated.is_empty() {
        let status = undated.unwrap_or_else(|| {
            understood = false;
            Status::Operational
        });
        dated.push(StatusChange {
            year: undated_year,
            status,
            note: String::new(),
        });
        if !text.trim().is_empty() && undated.is_none() {
            understood = false;
        }
        if undated.is_some() {
            // A status without a date is an assumption about when.
            understood = false;
        }
    }
    dated.sort_by_key(|c| c.year);
    (
        Timeline {
            actual: dated,
            planned: Vec::new(),
        },
        understood,
    )
}

/// An id from a name: lower-case letters, digits and `_`.
pub(super) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(plain) = latin_base(c) {
            out.push_str(plain);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

/// The plain letters of a lower-case accented Latin letter as European place names have them
/// (`ü` → `u`, `ł` → `l`, `ß` → `ss`), for ids: `Kürecik` → `kurecik`.
fn latin_base(c: char) -> Option<&'static str> {
    const FOLDS: [(&str, &str); 15] = [
        ("àáâãäåāăą", "a"),
        ("çćčĉċ", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ğĝġģ", "g"),
        ("ìíîïīĭįı", "i"),
        ("łľĺļ", "l"),
        ("ñńňņ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕřŗ", "r"),
        ("śšşșŝ", "s"),
        ("ťţț", "t"),
        ("ùúûüūŭůűų", "u"),
        ("ýÿ", "y"),
        ("źżž", "z"),
    ];
    if c == 'ß' {
        return Some("ss");
    }
    FOLDS
        .iter()
        .find(|(accented, _)| accented.contains(c))
        .map(|(_, plain)| *plain)
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::TimelineChoice;

    #[test]
    fn years_are_found_alone() {
        assert_eq!(first_year("certified operational 12 May 2016"), Some(2016));
        assert_eq!(first_year("Dec 2011/early 2012"), Some(2011));
        assert_eq!(first_year("20160"), None);
        assert_eq!(first_year("no year"), None);
        assert_eq!(first_year("c.2012"), Some(2012));
    }

    #[test]
    fn status_histories_of_the_reference_file() {
        let year = |text: &str, y: i32| {
            parse_status_years(text, 2009)
                .0
                .status_in(y, TimelineChoice::AsHappened)
        };
        let deveselu = "EPAA Ph2 '2015 timeframe'; site chosen May 2011; agreement ratified Dec 2011; NSF Deveselu set up Oct 2014; certified operational 12 May 2016; NATO C2 thereafter";
        assert_eq!(year(deveselu, 2012), Some(Status::Planned));
        assert_eq!(year(deveselu, 2016), Some(Status::Operational));
        let gabala = "operational 1985; leased by Russia 2002-2012; offered for joint use Jun 2007; operations suspended 10 Dec 2012";
        assert_eq!(year(gabala, 2010), Some(Status::Operational));
        assert_eq!(year(gabala, 2013), Some(Status::Closed));
        let (t, understood) = parse_status_years("active (reported)", 2009);
        assert_eq!(
            t.status_in(2009, TimelineChoice::AsHappened),
            Some(Status::Operational)
        );
        assert!(!understood);
        let (t, understood) = parse_status_years("planned 2010; operational 2016", 2009);
        assert_eq!(t.actual.len(), 2);
        assert!(understood);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Aegis Ashore Poland (NSF Redzikowo)"),
            "aegis_ashore_poland_nsf_redzikowo"
        );
        assert_eq!(slug("—"), "");
        assert_eq!(slug("Kürecik"), "kurecik");
        assert_eq!(slug("Łódź Żerań"), "lodz_zeran");
        assert_eq!(slug("Straße"), "strasse");
    }
}
