//! Hostile pages: a page that carries two stories is refused, never read one way in silence
//! (#26). Each page is built here from a real export; a refused page is left as it was.

use std::path::PathBuf;

use bmd_atlas::cli::validate;
use bmd_atlas::export::{self, ExportOptions, Format, PageSize, Panel};
use bmd_atlas::provenance::{self, Choices, Provenance, ProvenanceError, png};
use bmd_atlas::scenario::{self, Scenario};

use crate::common;

fn scenario_in(year: i32) -> Scenario {
    let mut s = scenario::built_in();
    s.year = year;
    s
}

fn provenance_of(s: &Scenario) -> Provenance {
    Provenance::new(s, Choices::from_scenario(s))
}

/// A small page of `s` as `format`, with `embed` if given.
fn page(s: &Scenario, format: Format, embed: Option<&Provenance>) -> Vec<u8> {
    let scene = common::europe_scene(s);
    let options = ExportOptions {
        page: PageSize::Pixels {
            width: 320,
            height: 180,
        },
        format,
        ..ExportOptions::for_scenario(s)
    };
    export::export_with(&[Panel::new(&scene)], &options, embed).expect("exports")
}

/// `bytes` written to a fresh file named `name`.
fn written(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bmd-atlas-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("written");
    path
}

/// `validate FILE` refuses the page with a message containing each of `expected`, and the file
/// is byte for byte as it was.
fn refused_on_disk(name: &str, bytes: &[u8], expected: &[&str]) {
    let path = written(name, bytes);
    let result = validate::validate(&validate::ValidateArgs { file: path.clone() });
    let Err(message) = result else {
        panic!("{name}: accepted: {result:?}");
    };
    for e in expected {
        assert!(message.contains(e), "{name}: {e:?} not in {message:?}");
    }
    assert_eq!(
        std::fs::read(&path).expect("still there"),
        bytes,
        "{name} unchanged"
    );
}

fn two_stories(result: Result<Provenance, ProvenanceError>) -> String {
    match result {
        Err(e @ ProvenanceError::TwoStories { .. }) => e.to_string(),
        other => panic!("expected two stories, got {other:?}"),
    }
}

/// A PDF object holding `json`, zlib-compressed, marked as provenance if `marked`.
fn pdf_stream_object(id: u64, json: &[u8], marked: bool) -> Vec<u8> {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(json, 6);
    let marker = if marked { "/BMDAtlasProvenance 1 " } else { "" };
    let mut out = format!(
        "\n{id} 0 obj\n<< /Type /EmbeddedFile {marker}/Filter /FlateDecode /Length {} >>\nstream\n",
        z.len()
    )
    .into_bytes();
    out.extend_from_slice(&z);
    out.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
    out
}

#[test]
fn a_png_with_two_provenance_chunks_that_disagree_is_refused() {
    let (a, b) = (scenario_in(2012), scenario_in(2020));
    let (pa, pb) = (provenance_of(&a), provenance_of(&b));
    let one = page(&a, Format::Png, Some(&pa));
    let two = png::embed(one.clone(), &pb).expect("a second chunk");
    let message = two_stories(provenance::read(&two, "two.png"));
    assert!(
        message.starts_with("two.png: this page carries two different scenarios")
            && message.contains("2012")
            && message.contains("2020"),
        "{message}"
    );
    refused_on_disk("two.png", &two, &["two.png", "two different scenarios"]);
    // The same provenance twice is one story.
    let twice = png::embed(one, &pa).expect("a second chunk");
    assert_eq!(provenance::read(&twice, "twice.png"), Ok(pa));
}

#[test]
fn a_pdf_with_a_second_provenance_appended_is_refused() {
    let (a, b) = (scenario_in(2012), scenario_in(2016));
    let (pa, pb) = (provenance_of(&a), provenance_of(&b));
    let mut pdf = page(&a, Format::Pdf, Some(&pa));
    pdf.extend_from_slice(&pdf_stream_object(9000, &pb.json(), true));
    let message = two_stories(provenance::read(&pdf, "two.pdf"));
    assert!(
        message.contains("2012") && message.contains("2016"),
        "{message}"
    );
    refused_on_disk("two.pdf", &pdf, &["two.pdf", "two different scenarios"]);
}

#[test]
fn a_pdf_whose_scenario_attachment_disagrees_with_its_provenance_is_refused() {
    let (a, b) = (scenario_in(2012), scenario_in(2016));
    let pa = provenance_of(&a);
    let mut pdf = page(&a, Format::Pdf, Some(&pa));
    assert_eq!(provenance::read(&pdf, "one.pdf"), Ok(pa.clone()));
    // A later revision of the attachment's object with another scenario in it.
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let spec = text.find("/F (scenario.json)").expect("the attachment");
    let ef = spec + text[spec..].find("/EF << /F ").expect("its /EF") + "/EF << /F ".len();
    let id: u64 = text[ef..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("an object number");
    pdf.extend_from_slice(&pdf_stream_object(
        id,
        scenario::to_json(&b).as_bytes(),
        false,
    ));
    let message = two_stories(provenance::read(&pdf, "edited.pdf"));
    assert!(
        message.contains("its scenario.json attachment")
            && message.contains(&pa.scenario_sha256[..12]),
        "{message}"
    );
    refused_on_disk(
        "edited.pdf",
        &pdf,
        &["edited.pdf", "scenario.json attachment"],
    );
}

#[test]
fn an_svg_with_two_provenances_that_disagree_is_refused() {
    let (a, b) = (scenario_in(2012), scenario_in(2020));
    let (pa, pb) = (provenance_of(&a), provenance_of(&b));
    let svg = String::from_utf8(page(&a, Format::Svg, Some(&pa))).expect("text");
    let twice = provenance::svg::embed(&svg, &pb).expect("a second element");
    let message = two_stories(provenance::read(twice.as_bytes(), "two.svg"));
    assert!(
        message.contains("2012") && message.contains("2020"),
        "{message}"
    );
    refused_on_disk(
        "two.svg",
        twice.as_bytes(),
        &["two.svg", "two different scenarios"],
    );
}
