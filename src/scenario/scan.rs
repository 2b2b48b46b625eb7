//! A light pass over raw JSON bytes, before anything is built from them: it enforces the nesting
//! and size limits, finds duplicate keys, and later finds where a field path sits in the text so
//! that messages can give a line and column.
//!
//! The pass never allocates per value (only a set of keys per object while checking duplicates)
//! and its recursion is bounded by the depth limit, so no input can exhaust the stack or memory
//! here. Syntax errors are not its business: on anything malformed it stops quietly and leaves the
//! message to `serde_json`, whose messages carry line and column.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Why a scan refused the input, with the byte offset where it happened.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ScanIssue {
    TooDeep { offset: usize, limit: usize },
    TooManyValues { offset: usize, limit: usize },
    DuplicateKey { offset: usize, key: String },
}

/// One step of a field path: `sites[3].lat` is `Key("sites"), Index(3), Key("lat")`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// Why scanning stopped early.
enum Stop {
    /// Not well-formed JSON here; serde_json will say so.
    Malformed,
    Issue(ScanIssue),
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Result<(), Stop> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Stop::Malformed)
        }
    }

    /// A string starting at the cursor (which must be on its `"`); returns its raw contents.
    fn string(&mut self) -> Result<&'a [u8], Stop> {
        if self.peek() != Some(b'"') {
            return Err(Stop::Malformed);
        }
        let start = self.pos + 1;
        let mut i = start;
        while let Some(&b) = self.bytes.get(i) {
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(&self.bytes[start..i]);
                }
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        Err(Stop::Malformed)
    }

    /// A number or literal: everything up to the next delimiter.
    fn scalar(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if matches!(
                b,
                b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | b':' | b'"'
            ) {
                break;
            }
            self.pos += 1;
        }
        if self.pos == start {
            Err(Stop::Malformed)
        } else {
            Ok(())
        }
    }
}

/// The decoded form of a raw key, for comparing keys written with different escapes.
fn decode_key(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'\\') {
        return Cow::Borrowed(raw);
    }
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    match serde_json::from_slice::<String>(&quoted) {
        Ok(s) => Cow::Owned(s.into_bytes()),
        Err(_) => Cow::Borrowed(raw),
    }
}

struct Scanner<'a> {
    c: Cursor<'a>,
    max_depth: usize,
    max_values: usize,
    values: usize,
}

impl Scanner<'_> {
    fn value(&mut self, depth: usize) -> Result<(), Stop> {
        self.c.skip_ws();
        self.values += 1;
        if self.values > self.max_values {
            return Err(Stop::Issue(ScanIssue::TooManyValues {
                offset: self.c.pos,
                limit: self.max_values,
            }));
        }
        match self.c.peek() {
            Some(b'{') | Some(b'[') if depth >= self.max_depth => {
                Err(Stop::Issue(ScanIssue::TooDeep {
                    offset: self.c.pos,
                    limit: self.max_depth,
                }))
            }
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.c.string().map(|_| ()),
            Some(_) => self.c.scalar(),
            None => Err(Stop::Malformed),
        }
    }

    fn object(&mut self, depth: usize) -> Result<(), Stop> {
        self.c.pos += 1;
        self.c.skip_ws();
        if self.c.peek() == Some(b'}') {
            self.c.pos += 1;
            return Ok(());
        }
        let mut keys: HashSet<Cow<'_, [u8]>> = HashSet::new();
        loop {
            self.c.skip_ws();
            let at = self.c.pos;
            let raw = self.c.string()?;
            let key = decode_key(raw);
            if keys.contains(&key) {
                return Err(Stop::Issue(ScanIssue::DuplicateKey {
                    offset: at,
                    key: String::from_utf8_lossy(&key).into_owned(),
                }));
            }
            keys.insert(key);
            self.c.eat(b':')?;
            self.value(depth)?;
            self.c.skip_ws();
            match self.c.peek() {
                Some(b',') => self.c.pos += 1,
                Some(b'}') => {
                    self.c.pos += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Malformed),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Stop> {
        self.c.pos += 1;
        self.c.skip_ws();
        if self.c.peek() == Some(b']') {
            self.c.pos += 1;
            return Ok(());
        }
        loop {
            self.value(depth)?;
            self.c.skip_ws();
            match self.c.peek() {
                Some(b',') => self.c.pos += 1,
                Some(b']') => {
                    self.c.pos += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Malformed),
            }
        }
    }
}

/// Checks nesting depth, number of values and duplicate keys. Malformed JSON passes (as far as it
/// goes): the parser reports it afterwards with a better message.
pub(crate) fn scan(bytes: &[u8], max_depth: usize, max_values: usize) -> Result<(), ScanIssue> {
    let mut s = Scanner {
        c: Cursor::new(bytes),
        max_depth,
        max_values,
        values: 0,
    };
    match s.value(0) {
        Err(Stop::Issue(issue)) => Err(issue),
        Ok(()) | Err(Stop::Malformed) => Ok(()),
    }
}

/// Skips one value without checks (the text has been scanned already, so depth is bounded).
fn skip_value(c: &mut Cursor<'_>, depth: usize) -> Result<(), Stop> {
    if depth > 1000 {
        return Err(Stop::Malformed);
    }
    c.skip_ws();
    match c.peek() {
        Some(b'{') => {
            c.pos += 1;
            c.skip_ws();
            if c.peek() == Some(b'}') {
                c.pos += 1;
                return Ok(());
            }
            loop {
                c.skip_ws();
                c.string()?;
                c.eat(b':')?;
                skip_value(c, depth + 1)?;
                c.skip_ws();
                match c.peek() {
                    Some(b',') => c.pos += 1,
                    Some(b'}') => {
                        c.pos += 1;
                        return Ok(());
                    }
                    _ => return Err(Stop::Malformed),
                }
            }
        }
        Some(b'[') => {
            c.pos += 1;
            c.skip_ws();
            if c.peek() == Some(b']') {
                c.pos += 1;
                return Ok(());
            }
            loop {
                skip_value(c, depth + 1)?;
                c.skip_ws();
                match c.peek() {
                    Some(b',') => c.pos += 1,
                    Some(b']') => {
                        c.pos += 1;
                        return Ok(());
                    }
                    _ => return Err(Stop::Malformed),
                }
            }
        }
        Some(b'"') => c.string().map(|_| ()),
        Some(_) => c.scalar(),
        None => Err(Stop::Malformed),
    }
}

/// The byte offset of the field at `path`: of its key when the last step is a key, of the
/// element when it is an index, of the whole document when the path is empty. `None` when the
/// path is not in the text (a missing field, or malformed JSON).
pub(crate) fn locate(bytes: &[u8], path: &[Step]) -> Option<usize> {
    locate_many(bytes, &[path.to_vec()]).pop().flatten()
}

/// The paths wanted below one value, as a tree of steps.
#[derive(Default)]
struct Wanted {
    keys: HashMap<String, Wanted>,
    indices: HashMap<usize, Wanted>,
    /// Which of the requested paths end here.
    ends: Vec<usize>,
}

/// [`locate`] for many paths in one pass over the text: the parts of the document no path goes
/// into are skipped, so finding every broken site of a 60 MB file reads it once.
pub(crate) fn locate_many(bytes: &[u8], paths: &[Vec<Step>]) -> Vec<Option<usize>> {
    let mut root = Wanted::default();
    for (i, path) in paths.iter().enumerate() {
        let mut node = &mut root;
        for step in path {
            node = match step {
                Step::Key(k) => node.keys.entry(k.clone()).or_default(),
                Step::Index(n) => node.indices.entry(*n).or_default(),
            };
        }
        node.ends.push(i);
    }
    let mut found = vec![None; paths.len()];
    let mut c = Cursor::new(bytes);
    c.skip_ws();
    for &i in &root.ends {
        found[i] = Some(c.pos);
    }
    let _ = visit(&mut c, &root, &mut found, 0);
    found
}

/// Walks the value at the cursor, recording where the wanted children are.
fn visit(
    c: &mut Cursor<'_>,
    node: &Wanted,
    found: &mut [Option<usize>],
    depth: usize,
) -> Result<(), Stop> {
    if depth > 1000 {
        return Err(Stop::Malformed);
    }
    c.skip_ws();
    if node.keys.is_empty() && node.indices.is_empty() {
        return skip_value(c, depth);
    }
    match c.peek() {
        Some(b'{') => {
            c.pos += 1;
            loop {
                c.skip_ws();
                match c.peek() {
                    Some(b'}') => {
                        c.pos += 1;
                        return Ok(());
                    }
                    Some(b',') => {
                        c.pos += 1;
                        continue;
                    }
                    _ => {}
                }
                let at = c.pos;
                let raw = c.string()?;
                let key = decode_key(raw);
                c.eat(b':')?;
                let child = std::str::from_utf8(&key)
                    .ok()
                    .and_then(|k| node.keys.get(k));
                match child {
                    Some(child) => {
                        for &i in &child.ends {
                            found[i] = Some(at);
                        }
                        visit(c, child, found, depth + 1)?;
                    }
                    None => skip_value(c, depth + 1)?,
                }
            }
        }
        Some(b'[') => {
            c.pos += 1;
            let mut index = 0;
            loop {
                c.skip_ws();
                match c.peek() {
                    Some(b']') => {
                        c.pos += 1;
                        return Ok(());
                    }
                    Some(b',') => {
                        c.pos += 1;
                        index += 1;
                        continue;
                    }
                    _ => {}
                }
                match node.indices.get(&index) {
                    Some(child) => {
                        for &i in &child.ends {
                            found[i] = Some(c.pos);
                        }
                        visit(c, child, found, depth + 1)?;
                    }
                    None => skip_value(c, depth + 1)?,
                }
            }
        }
        _ => skip_value(c, depth),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Count characters, not bytes: continuation bytes (10xxxxxx) do not start one.
    let column = before[line_start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        + 1;
    (line, column)
}

/// [`line_column`] for many offsets in one pass (a minified file is one long line, so each
/// offset cannot be counted from the line start).
pub(crate) fn line_columns(bytes: &[u8], offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let (mut pos, mut line, mut column) = (0usize, 1usize, 1usize);
    for i in order {
        let target = offsets[i].min(bytes.len());
        for &b in &bytes[pos..target] {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if (b & 0xC0) != 0x80 {
                column += 1;
            }
        }
        pos = pos.max(target);
        out[i] = (line, column);
    }
    out
}

/// Parses a field path as the loader writes it (`models[0].sectors[2].boundary[3][1]`).
pub(crate) fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_owned()));
        }
        while let Some(stripped) = rest.strip_prefix('[') {
            let close = stripped.find(']')?;
            steps.push(Step::Index(stripped[..close].parse().ok()?));
            rest = &stripped[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_and_count_limits_are_enforced() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(matches!(
            scan(deep.as_bytes(), 64, 1000),
            Err(ScanIssue::TooDeep { offset: 64, .. })
        ));
        let many = format!("[{}0]", "0,".repeat(50));
        assert!(matches!(
            scan(many.as_bytes(), 64, 20),
            Err(ScanIssue::TooManyValues { .. })
        ));
        assert_eq!(scan(b"{\"a\": [1, 2, {\"b\": null}]}", 64, 1000), Ok(()));
    }

    #[test]
    fn duplicate_keys_are_found_even_when_escaped_differently() {
        let text = br#"{"a": 1, "b": {"x": 1, "\u0078": 2}}"#;
        assert_eq!(
            scan(text, 64, 1000),
            Err(ScanIssue::DuplicateKey {
                offset: 23,
                key: "x".into()
            })
        );
    }

    #[test]
    fn malformed_input_is_left_to_the_parser() {
        for text in ["", "{", "[1,", "{\"a\" 1}", "\"abc", "{\"a\":}", "]"] {
            assert_eq!(scan(text.as_bytes(), 64, 1000), Ok(()), "{text}");
        }
    }

    #[test]
    fn paths_are_located() {
        let text =
            "{\n  \"sites\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"lat\": 95}\n  ]\n}";
        let at = |p: &str| {
            let path = parse_path(p).expect("path");
            locate(text.as_bytes(), &path).map(|o| line_column(text.as_bytes(), o))
        };
        assert_eq!(at("sites[1].lat"), Some((4, 17)));
        assert_eq!(at("sites[1]"), Some((4, 5)));
        assert_eq!(at("sites"), Some((2, 3)));
        assert_eq!(at("sites[2]"), None);
        assert_eq!(at("sites[0].lat"), None);
        assert_eq!(at(""), Some((1, 1)));
        let many: Vec<Vec<Step>> = ["sites[1].lat", "sites[0].id", "nothing", "sites[1].id"]
            .iter()
            .filter_map(|p| parse_path(p))
            .collect();
        let offsets = locate_many(text.as_bytes(), &many);
        let places: Vec<_> = offsets
            .iter()
            .map(|o| o.map(|o| line_column(text.as_bytes(), o)))
            .collect();
        assert_eq!(places, [Some((4, 17)), Some((3, 6)), None, Some((4, 6))]);
    }

    #[test]
    fn paths_parse() {
        assert_eq!(
            parse_path("models[0].sectors[2].boundary[3][1]"),
            Some(vec![
                Step::Key("models".into()),
                Step::Index(0),
                Step::Key("sectors".into()),
                Step::Index(2),
                Step::Key("boundary".into()),
                Step::Index(3),
                Step::Index(1),
            ])
        );
        assert_eq!(parse_path("a[x]"), None);
    }

    #[test]
    fn columns_count_characters() {
        let text = "é\n  ü x".as_bytes();
        assert_eq!(line_column(text, text.len() - 1), (2, 5));
        assert_eq!(
            line_columns(text, &[text.len() - 1, 0, 3]),
            [(2, 5), (1, 1), (2, 1)]
        );
    }
}
