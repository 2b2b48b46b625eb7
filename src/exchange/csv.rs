//! A small RFC 4180 CSV reader: quoted fields with `""` for a quote, commas and line breaks inside
//! quotes, CRLF, LF or CR line ends, and a byte-order mark. It keeps the line and column where
//! each field starts, for messages.
//!
//! Lenient where it costs nothing: a file whose header has semicolons and no commas is read with
//! `;` (what spreadsheets write in many European locales), a quote inside an unquoted field is
//! kept as text, and blank lines are skipped.
//!
//! Why not the `csv` crate: it reports where a record starts, not where each field does, and it
//! silently accepts what an analyst should be told about (text after a closing quote, a quote
//! never closed until the end of the file). Every import error here names the line and column of
//! the field at fault, which is what a user fixing a spreadsheet needs.

/// A field and where it starts (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// One record (row): its fields, and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<Field>,
}

/// Malformed CSV, at a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The field separator of `text`: `;` where the first line has semicolons and no commas (what
/// spreadsheets write in locales with a decimal comma), `,` otherwise.
pub fn separator(text: &str) -> char {
    let first_line = text.lines().next().unwrap_or("");
    if !first_line.contains(',') && first_line.contains(';') {
        ';'
    } else {
        ','
    }
}

/// Reads every record of `text`.
///
/// ```
/// use bmd_atlas::exchange::parse_csv;
/// let rows = parse_csv("id,notes\r\na,\"one, \"\"two\"\"\nthree\"\n").unwrap();
/// assert_eq!(rows[1].fields[1].text, "one, \"two\"\nthree");
/// assert_eq!((rows[1].line, rows[1].fields[1].column), (2, 3));
/// ```
pub fn parse_csv(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = separator(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut column) = (1usize, 1usize);
    let mut fields: Vec<Field> = Vec::new();
    let mut record_line = 1;
    let mut field = String::new();
    let mut field_at = (1, 1);
    let mut at_field_start = true;
    let mut quoted = false;
    let mut after_quote = false;

    // Ends the current field; ends the record (skipping blank lines).
    macro_rules! finish_field {
        () => {{
            fields.push(Field {
                text: std::mem::take(&mut field),
                line: field_at.0,
                column: field_at.1,
            });
            at_field_start = true;
            after_quote = false;
        }};
    }
    macro_rules! finish_record {
        () => {{
            finish_field!();
            let blank = fields.len() == 1 && fields[0].text.is_empty();
            if !blank {
                records.push(Record {
                    line: record_line,
                    fields: std::mem::take(&mut fields),
                });
            } else {
                fields.clear();
            }
        }};
    }

    while let Some(c) = chars.next() {
        if at_field_start {
            field_at = (line, column);
            if fields.is_empty() {
                record_line = line;
            }
            at_field_start = false;
            if c == '"' {
                quoted = true;
                column += 1;
                continue;
            }
        }
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                    column += 2;
                }
                '"' => {
                    quoted = false;
                    after_quote = true;
                    column += 1;
                }
                '\r' | '\n' => {
                    // Line breaks inside a field become \n, whatever the file uses.
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    field.push('\n');
                    line += 1;
                    column = 1;
                }
                _ => {
                    field.push(c);
                    column += 1;
                }
            }
            continue;
        }
        match c {
            c if c == sep => {
                column += 1;
                finish_field!();
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                finish_record!();
                line += 1;
                column = 1;
            }
            _ if after_quote => {
                return Err(CsvError {
                    line,
                    column,
                    message: format!(
                        "'{c}' after the closing quote of a field; a quoted field ends with \" followed by {sep} or a line end (write a quote inside a field as \"\")"
                    ),
                });
            }
            _ => {
                field.push(c);
                column += 1;
            }
        }
    }
    if quoted {
        return Err(CsvError {
            line: field_at.0,
            column: field_at.1,
            message: "this quoted field is never closed: a \" is missing".into(),
        });
    }
    // The last record, when the text does not end with a line break.
    if !at_field_start || !fields.is_empty() {
        fields.push(Field {
            text: field,
            line: field_at.0,
            column: field_at.1,
        });
        if !(fields.len() == 1 && fields[0].text.is_empty()) {
            records.push(Record {
                line: record_line,
                fields,
            });
        }
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Record]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.fields.iter().map(|f| f.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn plain_and_quoted_fields() {
        let rows = parse_csv("a,b,c\n1,\"2,5\",\"say \"\"hi\"\"\"\n").expect("csv");
        assert_eq!(
            texts(&rows),
            [vec!["a", "b", "c"], vec!["1", "2,5", "say \"hi\""]]
        );
    }

    #[test]
    fn line_ends_of_every_kind_and_no_final_newline() {
        let rows = parse_csv("a,b\r\n1,2\r3,4\n5,6").expect("csv");
        assert_eq!(texts(&rows).len(), 4);
        assert_eq!(rows[3].line, 4);
    }

    #[test]
    fn empty_fields_and_blank_lines() {
        let rows = parse_csv("a,,c\n\n,,\n").expect("csv");
        assert_eq!(texts(&rows), [vec!["a", "", "c"], vec!["", "", ""]]);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn line_breaks_inside_quotes_move_the_line_count() {
        let rows = parse_csv("a,b\n\"x\ny\",z\nlast,row\n").expect("csv");
        assert_eq!(rows[1].fields[0].text, "x\ny");
        assert_eq!((rows[1].fields[1].line, rows[1].fields[1].column), (3, 4));
        assert_eq!(rows[2].line, 4);
    }

    #[test]
    fn unclosed_quote_is_an_error_at_its_start() {
        let err = parse_csv("a,b\n1,\"open\n2,3\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn text_after_a_closing_quote_is_an_error() {
        let err = parse_csv("a,b\n\"x\"y,2\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 4));
    }

    #[test]
    fn semicolons_bom_and_quotes_inside_unquoted_fields() {
        let rows = parse_csv("\u{feff}a;b\n5 \"inch\";2,5\n").expect("csv");
        assert_eq!(texts(&rows), [vec!["a", "b"], vec!["5 \"inch\"", "2,5"]]);
    }

    #[test]
    fn columns_count_characters() {
        let rows = parse_csv("ü,é,x\n").expect("csv");
        assert_eq!(rows[0].fields[2].column, 5);
    }
}
