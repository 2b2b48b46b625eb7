//! The reference assumptions behind every analysis result; each is a field of the scenario.

use serde::{Deserialize, Serialize};

/// Every number the analysis assumes, editable in the panel and printed under every result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    /// Time after launch at which the minimum-energy trajectory starts (standing in for boost), s.
    pub boost_offset_s: f64,
    /// Delay from first detection to interceptor launch, s.
    pub decision_delay_s: f64,
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            boost_offset_s: 90.0,
            decision_delay_s: 60.0,
        }
    }
}
