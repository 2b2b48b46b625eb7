//! Provenance in exports, end to end: export the built-in scenario with its provenance as PNG, SVG
//! and PDF, read it back to the same scenario and choices, refuse damaged, edited, foreign and
//! hostile files with the right error, and check that independent readers still accept the files.

use std::io::Cursor;
use std::time::{Duration, Instant, UNIX_EPOCH};

use bmd_atlas::basemap::Scale;
use bmd_atlas::export::{self, ExportOptions, Format, Orientation, PageSize, Panel, Paper};
use bmd_atlas::geodesy::ProjectionKind;
use bmd_atlas::provenance::{
    self, Choices, MAX_PAYLOAD_BYTES, PNG_KEYWORD, Provenance, ProvenanceError, png,
};
use bmd_atlas::scenario::{self, Focus, Scenario, TimelineChoice};
use bmd_atlas::scene::{self, Layers};

use crate::common;

/// The built-in scenario with other choices than it ships with.
fn changed() -> Scenario {
    let mut s = scenario::built_in();
    s.model = "coordinated".to_owned();
    s.year = 2016;
    s.timeline = TimelineChoice::AsPlanned2012;
    s
}

fn choices(s: &Scenario) -> Choices {
    Choices {
        projection: ProjectionKind::ArcticPolar,
        layers: Layers {
            graticule: false,
            ..Layers::default()
        },
        extent: Some(Focus {
            centre_lon: 30.5,
            centre_lat: 55.25,
            metres_per_pixel: 4321.0,
        }),
        marking: Some("NATO UNCLASSIFIED".to_owned()),
        ..Choices::from_scenario(s)
    }
}

fn options(s: &Scenario, format: Format) -> ExportOptions {
    let page = match format {
        Format::Pdf => PageSize::Paper {
            paper: Paper::A4,
            orientation: Orientation::Landscape,
            dpi: 150.0,
        },
        _ => PageSize::Pixels {
            width: 960,
            height: 540,
        },
    };
    ExportOptions {
        page,
        format,
        as_of: Some(UNIX_EPOCH + Duration::from_secs(1_795_876_259)),
        ..ExportOptions::for_scenario(s)
    }
}

/// The page exported as `format`, with `embed` if given.
fn export_as(s: &Scenario, format: Format, embed: Option<&Provenance>) -> Vec<u8> {
    let scene = common::europe_scene(s);
    export::export_with(&[Panel::new(&scene)], &options(s, format), embed).expect("exports")
}

fn name(format: Format) -> &'static str {
    match format {
        Format::Png => "brief.png",
        Format::Svg => "brief.svg",
        Format::Pdf => "brief.pdf",
    }
}

const FORMATS: [Format; 3] = [Format::Png, Format::Svg, Format::Pdf];

#[test]
fn every_format_round_trips_the_scenario_and_choices() {
    let s = changed();
    let p = Provenance::new(&s, choices(&s));
    for format in FORMATS {
        let plain = export_as(&s, format, None);
        let bytes = export_as(&s, format, Some(&p));
        eprintln!(
            "{format:?}: {} bytes without provenance, {} with: +{} bytes ({:.1}%)",
            plain.len(),
            bytes.len(),
            bytes.len() - plain.len(),
            100.0 * (bytes.len() - plain.len()) as f64 / plain.len() as f64
        );
        let back = provenance::read(&bytes, name(format)).expect("reads back");
        assert_eq!(back, p, "{format:?}");
        assert_eq!(back.choices, choices(&s));
        assert_eq!(back.scenario().expect("loads"), s, "{format:?}");
        assert_eq!(back.app_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(
            back.scenario_sha256,
            provenance::sha256_hex(&back.scenario_json)
        );
    }
}

#[test]
fn exports_without_provenance_say_so() {
    let s = scenario::built_in();
    for format in FORMATS {
        let bytes = export_as(&s, format, None);
        let err = provenance::read(&bytes, name(format)).expect_err("nothing embedded");
        assert!(
            matches!(err, ProvenanceError::NotFound { .. }),
            "{format:?}: {err}"
        );
        let text = err.to_string();
        assert!(text.starts_with(name(format)), "{text}");
        assert!(
            text.contains("no BMD Atlas scenario in this file"),
            "{text}"
        );
    }
    let err = provenance::read(b"GIF89a\x01\x00", "anim.gif").expect_err("not ours");
    assert!(
        matches!(err, ProvenanceError::UnknownFormat { .. }),
        "{err}"
    );
}

/// A 1×1 PNG as another program would write it.
fn tiny_png() -> Vec<u8> {
    let mut image = png::SIGNATURE.to_vec();
    image.extend(png::chunk(
        b"IHDR",
        &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0],
    ));
    image.extend(png::chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81],
    ));
    image.extend(png::chunk(b"tEXt", b"Software\0another program"));
    image.extend(png::chunk(b"IEND", b""));
    image
}

/// `tiny_png` with an `iTXt` chunk of our keyword holding `text` (compressed or not).
fn png_with_text(text: &[u8], compressed: bool) -> Vec<u8> {
    let mut data = PNG_KEYWORD.as_bytes().to_vec();
    data.extend_from_slice(&[0, u8::from(compressed), 0, 0, 0]);
    data.extend_from_slice(text);
    let mut image = tiny_png();
    let iend = image.len() - 12;
    image.splice(iend..iend, png::chunk(b"iTXt", &data));
    image
}

#[test]
fn a_png_from_another_program_has_no_scenario() {
    let err = provenance::read(&tiny_png(), "photo.png").expect_err("none");
    assert_eq!(
        err.to_string(),
        "photo.png: no BMD Atlas scenario in this file: this PNG was made by another program, or exported without \"Embed scenario\" (--no-embed on the command line)"
    );
}

/// Where the payload starts and ends in each format's bytes.
fn payload_span(format: Format, bytes: &[u8]) -> (usize, usize) {
    let find = |needle: &[u8]| {
        bytes
            .windows(needle.len())
            .rposition(|w| w == needle)
            .expect("marker present")
    };
    match format {
        Format::Png => {
            let start = find(PNG_KEYWORD.as_bytes()) + PNG_KEYWORD.len() + 5;
            (start, bytes.len() - 16)
        }
        Format::Svg => {
            let element = find(b"<bmd:provenance");
            let start = element + find_from(bytes, element, b"\">\n") + 3;
            (start, find(b"</bmd:provenance>") - 1)
        }
        Format::Pdf => {
            let marker = find(b"/BMDAtlasProvenance");
            let start = marker + find_from(bytes, marker, b"stream\n") + 7;
            (start, start + 200)
        }
    }
}

fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("found")
}

#[test]
fn one_changed_byte_in_the_payload_is_an_error() {
    let s = changed();
    let p = Provenance::new(&s, choices(&s));
    for format in FORMATS {
        let bytes = export_as(&s, format, Some(&p));
        let (start, end) = payload_span(format, &bytes);
        for at in [start + 2, (start + end) / 2, end - 8] {
            let mut damaged = bytes.clone();
            // SVG: another base64 letter; PNG and PDF: another byte.
            damaged[at] = match (format, damaged[at]) {
                (Format::Svg, b'A') => b'B',
                (Format::Svg, _) => b'A',
                (_, b) => b ^ 0x20,
            };
            let err = provenance::read(&damaged, name(format)).expect_err("damaged");
            assert!(
                matches!(
                    err,
                    ProvenanceError::Damaged { .. }
                        | ProvenanceError::Truncated { .. }
                        | ProvenanceError::HashMismatch { .. }
                        | ProvenanceError::InvalidJson { .. }
                        | ProvenanceError::InvalidUtf8 { .. }
                ),
                "{format:?} at {at}: {err}"
            );
            assert!(err.to_string().starts_with(name(format)), "{err}");
        }
    }
}

#[test]
fn an_edited_scenario_fails_its_hash_in_every_format() {
    let s = changed();
    let mut p = Provenance::new(&s, choices(&s));
    p.scenario_json = p
        .scenario_json
        .replacen("\"year\": 2016", "\"year\": 2017", 1);
    for format in FORMATS {
        let bytes = export_as(&s, format, Some(&p));
        let err = provenance::read(&bytes, name(format)).expect_err("edited");
        assert!(
            matches!(err, ProvenanceError::HashMismatch { .. }),
            "{format:?}: {err}"
        );
        assert!(err.to_string().contains("changed after export"), "{err}");
    }
}

#[test]
fn a_scenario_that_fails_validation_is_refused() {
    let mut s = changed();
    s.sites[0].lat = 95.0;
    let p = Provenance::new(&s, choices(&s));
    let bytes = export_as(&changed(), Format::Svg, Some(&p));
    let err = provenance::read(&bytes, "brief.svg").expect_err("invalid");
    assert!(matches!(err, ProvenanceError::Scenario(_)), "{err}");
    let text = err.to_string();
    assert!(text.starts_with("brief.svg (embedded scenario):"), "{text}");
    assert!(text.contains("sites[0].lat"), "{text}");
}

#[test]
fn truncated_files_are_cut_short_errors() {
    let s = changed();
    let p = Provenance::new(&s, choices(&s));
    for format in FORMATS {
        let bytes = export_as(&s, format, Some(&p));
        let (start, end) = payload_span(format, &bytes);
        let cut = &bytes[..(start + end) / 2];
        let err = provenance::read(cut, name(format)).expect_err("cut");
        assert!(
            matches!(err, ProvenanceError::Truncated { .. }),
            "{format:?}: {err}"
        );
        assert!(err.to_string().contains("cut short") || err.to_string().contains("ends"));
        // Every cut is an error, never a panic.
        for n in (0..bytes.len()).step_by(bytes.len() / 50 + 1) {
            assert!(provenance::read(&bytes[..n], name(format)).is_err());
        }
    }
}

/// A zlib stream that inflates to `gib` GiB of zeros, in about a megabyte per GiB: one
/// sync-flushed block of 1 MiB of zeros, repeated (each copy refers only to zeros before it).
fn bomb(gib: usize) -> Vec<u8> {
    use miniz_oxide::deflate::core::{
        CompressorOxide, TDEFLFlush, compress, create_comp_flags_from_zip_params,
    };
    let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(9, -15, 0));
    let zeros = vec![0u8; 1 << 20];
    let mut block = vec![0u8; 1 << 16];
    let (_, consumed, written) = compress(&mut c, &zeros, &mut block, TDEFLFlush::Sync);
    assert_eq!(consumed, zeros.len());
    block.truncate(written);
    let mut z = vec![0x78, 0x01];
    for _ in 0..gib * 1024 {
        z.extend_from_slice(&block);
    }
    // A final empty fixed-Huffman block, and an Adler-32 that is never reached.
    z.extend_from_slice(&[0x03, 0x00, 0, 0, 0, 0]);
    z
}

#[test]
fn a_decompression_bomb_is_refused_quickly() {
    let z = bomb(1);
    eprintln!("bomb: {} bytes of zlib for 1 GiB", z.len());
    assert!(z.len() < 4 << 20);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><metadata><p:provenance xmlns:p=\"https://bmd-atlas.example/provenance\" version=\"1\">{}</p:provenance></metadata></svg>",
        base64_encode(&z)
    );
    for (file, bytes) in [
        ("bomb.png", png_with_text(&z, true)),
        ("bomb.svg", svg.into_bytes()),
    ] {
        let started = Instant::now();
        let err = provenance::read(&bytes, file).expect_err("refused");
        let took = started.elapsed();
        eprintln!("{file}: refused in {took:?}");
        assert_eq!(
            err,
            ProvenanceError::TooLarge {
                file: file.to_owned(),
                limit: MAX_PAYLOAD_BYTES
            }
        );
        assert!(err.to_string().contains("64 MiB"), "{err}");
        assert!(
            took < Duration::from_secs(20),
            "refusing {file} took {took:?}: it was inflated, not stopped at the limit"
        );
    }
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn invalid_text_and_json_have_their_own_errors() {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(b"{\"version\": 1, \"x\": \"\xc3\x28\"}", 6);
    let err = provenance::read(&png_with_text(&z, true), "u.png").expect_err("not UTF-8");
    assert_eq!(
        err,
        ProvenanceError::InvalidUtf8 {
            file: "u.png".into(),
            offset: 21
        }
    );
    let err = provenance::read(&png_with_text(b"{\"version\": 1", false), "j.png");
    assert!(
        matches!(err, Err(ProvenanceError::InvalidJson { .. })),
        "{err:?}"
    );
    let err = provenance::read(&png_with_text(b"{\"version\": 9}", false), "v.png");
    assert!(
        matches!(err, Err(ProvenanceError::UnknownVersion { .. })),
        "{err:?}"
    );
}

#[test]
fn independent_readers_still_accept_the_files() {
    let s = changed();
    let p = Provenance::new(&s, choices(&s));

    let bytes = export_as(&s, Format::Png, Some(&p));
    let mut reader = ::png::Decoder::new(Cursor::new(&bytes))
        .read_info()
        .expect("the png crate reads the header");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).expect("and the image");
    assert_eq!((frame.width, frame.height), (960, 540));
    reader.finish().expect("and the chunks after it");
    let text = &reader.info().utf8_text;
    assert!(
        text.iter()
            .any(|t| t.keyword == PNG_KEYWORD && t.compressed),
        "the png crate sees the iTXt chunk"
    );

    let svg = String::from_utf8(export_as(&s, Format::Svg, Some(&p))).expect("UTF-8");
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let plain = String::from_utf8(export_as(&s, Format::Svg, None)).expect("UTF-8");
    let start = svg.find("<metadata>").expect("metadata");
    let end = svg.find("</metadata>\n").expect("its end") + "</metadata>\n".len();
    assert_eq!(
        format!("{}{}", &svg[..start], &svg[end..]),
        plain,
        "only metadata added"
    );
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default());
    assert!(tree.is_ok(), "usvg parses it");

    let pdf = export_as(&s, Format::Pdf, Some(&p));
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads the PDF");
    assert_eq!(doc.get_pages().len(), 1);
    let info = doc.trailer.get(b"Info").and_then(|i| i.as_reference());
    let info = doc.get_dictionary(info.expect("an /Info")).expect("info");
    let year = info
        .get(b"BMDAtlasYear")
        .and_then(|y| y.as_str())
        .expect("year");
    assert_eq!(year, b"2016");
    assert!(info.get(b"Producer").is_ok(), "svg2pdf's entries kept");
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("text");
    let plain_pdf = export_as(&s, Format::Pdf, None);
    assert_eq!(
        text,
        pdf_extract::extract_text_from_mem(&plain_pdf).expect("text")
    );
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squeezed.contains("Europe2012"), "{text}");
    assert!(pdf.starts_with(&plain_pdf), "an incremental update");
}

#[test]
fn the_pdf_attachments_are_in_the_catalog() {
    let s = changed();
    let p = Provenance::new(&s, choices(&s));
    let pdf = export_as(&s, Format::Pdf, Some(&p));
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads the PDF");
    let catalog = doc.catalog().expect("a catalog");
    let names = catalog
        .get(b"Names")
        .and_then(|n| n.as_dict())
        .expect("/Names");
    let files = names
        .get(b"EmbeddedFiles")
        .and_then(|n| n.as_dict())
        .expect("/EmbeddedFiles");
    let list = files
        .get(b"Names")
        .and_then(|n| n.as_array())
        .expect("names");
    let name_of = |i: usize| list[i].as_str().expect("a string").to_vec();
    assert_eq!(
        (name_of(0), name_of(2)),
        (b"provenance.json".to_vec(), b"scenario.json".to_vec())
    );
    // scenario.json is the saved scenario itself.
    let spec = doc
        .get_dictionary(list[3].as_reference().expect("ref"))
        .expect("filespec");
    let ef = spec.get(b"EF").and_then(|e| e.as_dict()).expect("/EF");
    let stream = doc
        .get_object(ef.get(b"F").and_then(|f| f.as_reference()).expect("ref"))
        .and_then(|o| o.as_stream())
        .expect("a stream");
    let content = stream.decompressed_content().expect("inflates");
    assert_eq!(content, p.scenario_json.as_bytes());
    let loaded = scenario::open_slice(&content, "scenario.json").expect("opens as a scenario");
    assert_eq!(loaded.scenario, s);
}

/// Writes the committed seed corpus of every fuzz target (`fuzz/corpus/<target>/seed-*`):
/// `cargo test --test integration -- --ignored write_fuzz_seeds`. Scenarios are in the current
/// format (and one of each older version), so the fuzzer starts from what users save.
#[test]
#[ignore = "writes files into fuzz/corpus"]
fn write_fuzz_seeds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("tests/fixtures");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = root.join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&dir).expect("corpus folder");
        std::fs::write(dir.join(format!("seed-{name}")), bytes).expect("seed written");
    };
    let read = |path: &str| std::fs::read(fixtures.join(path)).expect("fixture");

    // The loader: the built-in scenario as saved today, one file of each version, bad ones.
    write(
        "load",
        "built-in.scenario.json",
        scenario::to_json(&scenario::built_in()).as_bytes(),
    );
    write(
        "load",
        "v4-small.scenario.json",
        &read("v4/small.scenario.json"),
    );
    // APP-6D mode, a headquarters and a modifier in the sites' codes.
    let mut app6 = scenario::built_in();
    app6.presentation.layers.symbols = scenario::SymbolStyle::App6;
    if let Some(site) = app6.sites.first_mut() {
        site.sidc = "10061002001100000800".into();
    }
    write(
        "load",
        "app6.scenario.json",
        scenario::to_json(&app6).as_bytes(),
    );
    write(
        "load",
        "v3-small.scenario.json",
        &read("v3/small.scenario.json"),
    );
    write(
        "load",
        "v1-minimal.scenario.json",
        &read("v1/minimal.scenario.json"),
    );
    write(
        "load",
        "v2-small.scenario.json",
        &read("v2/small.scenario.json"),
    );
    for bad in [
        "several-problems",
        "truncated-in-string",
        "utf16",
        "duplicate-site-id",
    ] {
        let file = format!("bad/{bad}.scenario.json");
        write("load", &format!("bad-{bad}.scenario.json"), &read(&file));
    }

    // The importers: GeoJSON as the exporter writes it, and a CSV with warnings.
    let small = scenario::load_from_slice(&read("v2/small.scenario.json"), "small")
        .expect("the fixture loads");
    let bare = Layers {
        basemap: false,
        graticule: false,
        ..Layers::default()
    };
    let picture = bmd_atlas::picture::Picture::build(&small, &bare, None);
    let geojson = bmd_atlas::exchange::to_geojson(&small, &picture);
    write("import", "small.geojson", geojson.as_bytes());
    let csv = "name,lat,lon,side,kind,source,colour\n\
               Somewhere Radar,50,10,nato,Radar,src,red\n\
               Somewhere Radar,51,11,NATO,radar,src,blue\n";
    write("import", "warnings.csv", csv.as_bytes());
    // What spreadsheets hold: names and coordinates only, and `;` with decimal commas.
    let names_only = "name,lat,lon\nDeveselu,44.0775,24.4137\nKürecik,38.349,37.794\n";
    write("import", "names-only.csv", names_only.as_bytes());
    let semicolons = "name;lat;lon;kind;source\nDeveselu;44,0775;24,4137;interceptor;ref\n";
    write("import", "semicolons.csv", semicolons.as_bytes());

    // The provenance reader: small exports with and without provenance, and another program's PNG.
    let scene = scene::build(
        &small,
        ProjectionKind::EuropeEqualArea,
        Scale::Coarse110m,
        &bare,
        None,
    );
    let p = Provenance::new(&small, Choices::from_scenario(&small));
    let tiny_page = |format: Format| ExportOptions {
        page: match format {
            Format::Pdf => PageSize::Paper {
                paper: Paper::A4,
                orientation: Orientation::Landscape,
                dpi: 72.0,
            },
            _ => PageSize::Pixels {
                width: 160,
                height: 90,
            },
        },
        format,
        legend: false,
        source_line: false,
        ..ExportOptions::for_scenario(&small)
    };
    for (format, ext) in [
        (Format::Png, "png"),
        (Format::Svg, "svg"),
        (Format::Pdf, "pdf"),
    ] {
        let options = tiny_page(format);
        let panels = [Panel::new(&scene)];
        let with = export::export_with(&panels, &options, Some(&p)).expect("exports");
        write("provenance", &format!("small.{ext}"), &with);
        let without = export::export_with(&panels, &options, None).expect("exports");
        write("provenance", &format!("plain.{ext}"), &without);
    }
    write("provenance", "other-program.png", &tiny_png());
    // A page as an editor re-saves it (SVG 1.1's public DOCTYPE) and a compressed SVG.
    let svg = String::from_utf8(
        export::export_with(&[Panel::new(&scene)], &tiny_page(Format::Svg), Some(&p))
            .expect("exports"),
    )
    .expect("text");
    let root = svg.find("<svg").expect("a root element");
    let resaved = format!(
        "{}<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n{}",
        &svg[..root],
        &svg[root..]
    );
    write("provenance", "resaved.svg", resaved.as_bytes());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, svg.as_bytes()).expect("in memory");
    write("provenance", "small.svgz", &gz.finish().expect("in memory"));
    let built_in = scenario::built_in();
    let p = Provenance::new(&built_in, Choices::from_scenario(&built_in));
    write(
        "provenance",
        "built-in.png",
        &png_with_text(&p.payload(), true),
    );
}

#[test]
fn the_committed_fuzz_seeds_read_as_expected() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/provenance");
    for ext in ["png", "svg", "pdf"] {
        let small = std::fs::read(dir.join(format!("seed-small.{ext}"))).expect("seed");
        let p = provenance::read(&small, "seed").expect("the seed has a provenance");
        assert_eq!(p.scenario().expect("loads").name, "Bad input");
        let plain = std::fs::read(dir.join(format!("seed-plain.{ext}"))).expect("seed");
        let err = provenance::read(&plain, "seed").expect_err("none");
        assert!(matches!(err, ProvenanceError::NotFound { .. }), "{err}");
    }
    for name in ["seed-resaved.svg", "seed-small.svgz"] {
        let page = std::fs::read(dir.join(name)).expect("seed");
        let p = provenance::read(&page, name).expect("the seed has a provenance");
        assert_eq!(p.scenario().expect("loads").name, "Bad input");
    }
}
