//! The little of PDF's syntax (ISO 32000-1 §7.2–7.5) that reading and extending an exported
//! page needs: white space and delimiters, the end of a token, dictionaries as spans of the
//! file, integers and references, and finding an object through the cross-reference sections.
//! Bounded everywhere (depth, lengths), so a hostile file cannot make it loop or recurse deeply.

use super::{find, rfind};

/// Deepest nesting of arrays and dictionaries the small parser follows.
const MAX_DEPTH: usize = 32;

/// A dictionary entry: the spans of its key and its value in the file.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    pub(super) key: (usize, usize),
    pub(super) value: (usize, usize),
}

pub(super) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | 0)
}

pub(super) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// Skips white space and comments.
pub(super) fn skip_white(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        if is_white(b[i]) {
            i += 1;
        } else if b[i] == b'%' {
            i += b[i..]
                .iter()
                .take_while(|&&c| c != b'\n' && c != b'\r')
                .count();
        } else {
            break;
        }
    }
    i
}

/// The end of the token starting at `i`: a name, a number or keyword, a string, or a whole
/// array or dictionary. `None` if it does not end in the file or nests too deep.
pub(super) fn token_end(b: &[u8], i: usize, depth: usize) -> Option<usize> {
    let regular = |from: usize| {
        from + b[from..]
            .iter()
            .take_while(|&&c| !is_white(c) && !is_delimiter(c))
            .count()
    };
    match *b.get(i)? {
        b'(' => string_end(b, i),
        b'<' if b.get(i + 1) == Some(&b'<') => composite_end(b, i, depth),
        b'<' => find(&b[i..], b">").map(|k| i + k + 1),
        b'[' => composite_end(b, i, depth),
        b'/' => Some(regular(i + 1)),
        c if is_delimiter(c) => None,
        _ => Some(regular(i)),
    }
}

pub(super) fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// The end of the array (`[`) or dictionary (`<<`) starting at `i`.
pub(super) fn composite_end(b: &[u8], i: usize, depth: usize) -> Option<usize> {
    if depth >= MAX_DEPTH {
        return None;
    }
    let (close, mut j): (&[u8], usize) = if b[i] == b'[' {
        (b"]", i + 1)
    } else {
        (b">>", i + 2)
    };
    loop {
        j = skip_white(b, j);
        if j >= b.len() {
            return None;
        }
        if b[j..].starts_with(close) {
            return Some(j + close.len());
        }
        j = token_end(b, j, depth + 1)?;
    }
}

/// The entries of the dictionary starting at `at` (`<<`), and where it ends.
pub(super) fn dict(b: &[u8], at: usize) -> Option<(Vec<Entry>, usize)> {
    let end = composite_end(b, at, 0)?;
    let mut spans = Vec::new();
    let mut j = at + 2;
    loop {
        j = skip_white(b, j);
        if j >= end - 2 {
            break;
        }
        let e = token_end(b, j, 1)?;
        spans.push((j, e));
        j = e;
    }
    let mut entries = Vec::new();
    let mut k = 0;
    while k + 1 < spans.len() {
        let key = spans[k];
        if b[key.0] != b'/' {
            return None;
        }
        let mut value = spans[k + 1];
        k += 2;
        // `12 0 R` is one value of three tokens.
        if k + 1 < spans.len() && int(&b[spans[k].0..spans[k].1]).is_some() {
            let r = spans[k + 1];
            if int(&b[value.0..value.1]).is_some() && &b[r.0..r.1] == b"R" {
                value.1 = r.1;
                k += 2;
            }
        }
        entries.push(Entry { key, value });
    }
    Some((entries, end))
}

/// The value of `key` among the entries.
pub(super) fn entry<'a>(b: &'a [u8], entries: &[Entry], key: &[u8]) -> Option<&'a [u8]> {
    entries
        .iter()
        .find(|e| &b[e.key.0..e.key.1] == key)
        .map(|e| &b[e.value.0..e.value.1])
}

pub(super) fn int(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 18 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    str_of(text).parse().ok()
}

/// `12 0 R` as (12, 0).
pub(super) fn reference(text: &[u8]) -> Option<(u64, u64)> {
    let mut parts = text.split(|&c| is_white(c)).filter(|p| !p.is_empty());
    let id = int(parts.next()?)?;
    let generation = int(parts.next()?)?;
    (parts.next()? == b"R" && parts.next().is_none()).then_some((id, generation))
}

/// The offset of the last cross-reference section.
pub(super) fn startxref(pdf: &[u8]) -> Option<usize> {
    let tail_at = pdf.len().saturating_sub(1024);
    let at = tail_at + rfind(&pdf[tail_at..], b"startxref")? + b"startxref".len();
    let start = skip_white(pdf, at);
    let end = start
        + pdf[start..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
    let offset = int(&pdf[start..end])? as usize;
    (offset < pdf.len()).then_some(offset)
}

/// The trailer dictionary of the classic cross-reference section at `xref_at`.
pub(super) fn trailer(pdf: &[u8], xref_at: usize) -> Option<Vec<Entry>> {
    if !pdf[xref_at..].starts_with(b"xref") {
        return None;
    }
    let at = xref_at + find(&pdf[xref_at..], b"trailer")? + b"trailer".len();
    dict(pdf, skip_white(pdf, at)).map(|(entries, _)| entries)
}

/// The dictionary of object `id`, looked up in the cross-reference sections from `xref_at`
/// back through `/Prev`.
pub(super) fn object_dict(pdf: &[u8], mut xref_at: usize, id: u64) -> Option<Vec<Entry>> {
    for _ in 0..MAX_DEPTH {
        if let Some(offset) = xref_lookup(pdf, xref_at, id) {
            let header = format!("{id} 0 obj");
            let head = pdf.get(offset..pdf.len().min(offset.saturating_add(64)))?;
            let at = offset + find(head, header.as_bytes())?;
            let start = skip_white(pdf, at + header.len());
            return pdf[start..]
                .starts_with(b"<<")
                .then(|| dict(pdf, start).map(|(e, _)| e))?;
        }
        let prev = trailer(pdf, xref_at)?;
        xref_at = int(entry(pdf, &prev, b"/Prev")?)? as usize;
    }
    None
}

/// The offset of object `id` in the classic cross-reference section at `xref_at`, if it is
/// in use there.
pub(super) fn xref_lookup(pdf: &[u8], xref_at: usize, id: u64) -> Option<usize> {
    if !pdf.get(xref_at..)?.starts_with(b"xref") {
        return None;
    }
    let mut j = skip_white(pdf, xref_at + 4);
    loop {
        let mut words = [0u64; 2];
        for w in &mut words {
            let end = j + pdf[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            *w = int(&pdf[j..end])?;
            j = skip_white(pdf, end);
        }
        let [first, count] = words;
        let entries = pdf.get(j..j.checked_add(usize::try_from(count).ok()?.checked_mul(20)?)?)?;
        if (first..first.saturating_add(count)).contains(&id) {
            let row = usize::try_from(id - first).ok()? * 20;
            let e = &entries[row..row + 20];
            return (e[17] == b'n').then(|| int(&e[..10]))?.map(|o| o as usize);
        }
        j = skip_white(pdf, j + entries.len());
        if pdf[j..].starts_with(b"trailer") {
            return None;
        }
    }
}

/// ASCII bytes of the file as text (empty when they are not).
pub(super) fn str_of(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}
