//! Arbitrary bytes into the scenario loader: it must return a scenario or an error, never panic,
//! overflow the stack or hang. Whatever loads must save and load again to the same scenario.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = bmd_atlas::scenario::open_slice(data, "fuzz.scenario.json") {
        let text = bmd_atlas::scenario::to_json(&loaded.scenario);
        let again = bmd_atlas::scenario::open_str(&text, "again.scenario.json")
            .expect("a loaded scenario saves to a file that loads");
        assert_eq!(again.scenario, loaded.scenario);
    }
});
