//! Arbitrary bytes into the provenance reader, as a PNG, SVG or PDF would come: a provenance or
//! an error, never a panic, a hang or a huge allocation. Whatever reads must have a matching hash
//! and a scenario that loads.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = bmd_atlas::provenance::read(data, "fuzz.png") {
        assert_eq!(
            p.scenario_sha256,
            bmd_atlas::provenance::sha256_hex(&p.scenario_json)
        );
        p.scenario().expect("what read() accepts loads");
    }
});
