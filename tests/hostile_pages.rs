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

/// SVG 1.1's public DOCTYPE, as editors write it when they re-save a page.
const SVG11_DOCTYPE: &str = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \
     \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n";

/// `svg` with `doctype` just before its root element.
fn with_doctype(svg: &str, doctype: &str) -> String {
    let root = svg.find("<svg").expect("a root element");
    format!("{}{doctype}{}", &svg[..root], &svg[root..])
}

/// `validate FILE` accepts the page, and the file is byte for byte as it was.
fn accepted_on_disk(name: &str, bytes: &[u8]) -> String {
    let path = written(name, bytes);
    let line = validate::validate(&validate::ValidateArgs { file: path.clone() })
        .unwrap_or_else(|e| panic!("{name}: refused: {e}"));
    assert_eq!(std::fs::read(&path).expect("still there"), bytes);
    line
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

#[test]
fn an_svg_resaved_with_the_public_svg_doctype_is_read() {
    let s = scenario_in(2016);
    let p = provenance_of(&s);
    let svg = String::from_utf8(page(&s, Format::Svg, Some(&p))).expect("text");
    let resaved = with_doctype(&svg, SVG11_DOCTYPE);
    assert_eq!(provenance::read(resaved.as_bytes(), "resaved.svg"), Ok(p));
    let line = accepted_on_disk("resaved.svg", resaved.as_bytes());
    assert!(line.contains("2016"), "{line}");
}

#[test]
fn an_svg_whose_doctype_defines_entities_is_refused() {
    let s = scenario_in(2016);
    let svg = String::from_utf8(page(&s, Format::Svg, Some(&provenance_of(&s)))).expect("text");
    let laughs =
        "<!DOCTYPE svg [\n<!ENTITY a \"ha\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n";
    let hostile = with_doctype(&svg, laughs).replace("<metadata>", "<metadata>&b;");
    let message = provenance::read(hostile.as_bytes(), "laughs.svg")
        .expect_err("refused")
        .to_string();
    assert!(
        message.starts_with("laughs.svg: ") && message.contains("internal DTD subset"),
        "{message}"
    );
    refused_on_disk(
        "laughs.svg",
        hostile.as_bytes(),
        &["laughs.svg", "declares entities"],
    );
    // An external entity is refused the same way, before anything is fetched.
    let external = with_doctype(
        &svg,
        "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
    );
    refused_on_disk(
        "external.svg",
        external.as_bytes(),
        &["internal DTD subset"],
    );
}

#[test]
fn an_svgz_page_is_read_and_a_gzip_bomb_is_refused() {
    let s = scenario_in(2020);
    let p = provenance_of(&s);
    let svgz = gzip(&page(&s, Format::Svg, Some(&p)));
    assert_eq!(provenance::read(&svgz, "page.svgz"), Ok(p.clone()));
    let line = accepted_on_disk("page.svgz", &svgz);
    assert!(line.contains("2020"), "{line}");
    let (read, _) = provenance::read_page(&written("page2.SVGZ", &svgz)).expect("opens");
    assert_eq!(read, p);

    // 65 members of 1 MiB of zeros: 65 MiB from about 65 kB.
    let member = gzip(&vec![0u8; 1 << 20]);
    let bomb = member.repeat(65);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    refused_on_disk("bomb.svgz", &bomb, &["bomb.svgz", "more than 64 MiB"]);

    // A gzip file that holds no SVG, and one cut short.
    refused_on_disk(
        "notes.svgz",
        &gzip(b"just text"),
        &["notes.svgz", "not a PNG, SVG"],
    );
    refused_on_disk(
        "cut.svgz",
        &svgz[..svgz.len() / 2],
        &["cut.svgz", "ends before its end"],
    );
}
