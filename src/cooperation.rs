//! Cooperation models: what follows from a model in the scenario — its data links, the
//! sectors' outlines, the counts the panel shows, and how two models differ.
//!
//! A model is data in the scenario ([`crate::scenario::CooperationModel`]), not a hard-coded
//! switch: the built-in scenario carries the three models argued over in 2010–2013, and a
//! scenario file can define its own variants.

pub use crate::scenario::{
    Architecture, Assurance, CentreRole, CooperationModel, JointCentre, Sector, SideCommand,
};
use crate::scenario::{Scenario, Side, Site, SiteKind, Status};

impl Sector {
    /// The corners as points (x = longitude, y = latitude, degrees).
    fn corners(&self) -> Vec<geo::Point<f64>> {
        self.boundary
            .iter()
            .map(|[lon, lat]| geo::Point::new(*lon, *lat))
            .collect()
    }

    /// The closed outline with geodesic edges, densified, so the border is the same line in every
    /// projection and in every export. Empty for a sector without corners.
    ///
    /// ```
    /// let s = bmd_atlas::scenario::built_in();
    /// let sector = &s.models.iter().find(|m| m.id == "unified").unwrap().sectors[0];
    /// let ring = sector.outline();
    /// assert!(ring.len() > sector.boundary.len() && ring.first() == ring.last());
    /// ```
    pub fn outline(&self) -> Vec<geo::Point<f64>> {
        let corners = self.corners();
        let Some(first) = corners.first().copied() else {
            return Vec::new();
        };
        let mut ring = Vec::new();
        for pair in corners
            .iter()
            .chain(std::iter::once(&first))
            .collect::<Vec<_>>()
            .windows(2)
        {
            let arc = crate::geodesy::great_circle_arc(*pair[0], *pair[1]);
            ring.extend_from_slice(&arc[..arc.len().saturating_sub(1)]);
        }
        ring.push(first);
        ring
    }

    /// The mean of the corners: a point inside for the sectors drawn here, and the default place
    /// for the sector's name.
    pub fn middle(&self) -> geo::Point<f64> {
        let corners = self.corners();
        let n = corners.len().max(1) as f64;
        let (lon, lat) = corners
            .iter()
            .fold((0.0, 0.0), |(a, b), p| (a + p.x() / n, b + p.y() / n));
        geo::Point::new(lon, lat)
    }

    /// Where the sector's name is written: `label_at`, or the middle.
    pub fn label_point(&self) -> geo::Point<f64> {
        self.label_at
            .map_or_else(|| self.middle(), |[lon, lat]| geo::Point::new(lon, lat))
    }
}

/// What a data link carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKind {
    /// A side's radar reporting to its own command centre.
    OwnSensor,
    /// A radar's data to a joint data fusion centre.
    SharedSensor,
    /// The fused picture from a joint centre to a side's command centre.
    FusedPicture,
    /// Planning and rules of engagement between a joint centre and a command centre.
    Planning,
}

impl LinkKind {
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::OwnSensor => "Radar data to own command",
            LinkKind::SharedSensor => "Radar data shared with the joint centre",
            LinkKind::FusedPicture => "Fused picture to each side's command",
            LinkKind::Planning => "Joint planning and rules of engagement",
        }
    }
}

/// A data link between two sites, by index into `Scenario::sites`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub kind: LinkKind,
}

impl Scenario {
    /// The active cooperation model, if the scenario defines it.
    pub fn active_model(&self) -> Option<&CooperationModel> {
        self.models.iter().find(|m| m.id == self.model)
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }

    /// Whether site `index` is a joint centre of some model (so it exists only under that model).
    pub fn is_model_centre(&self, id: &str) -> bool {
        self.models
            .iter()
            .any(|m| m.centres.iter().any(|c| c.site == id))
    }

    /// The status of a site this year under the active model: joint centres of the active model
    /// are there (as proposed at least) whatever their timeline, those of other models are not.
    pub fn site_status(&self, site: &Site) -> Option<Status> {
        if self.is_model_centre(&site.id) {
            let in_model = self
                .active_model()
                .is_some_and(|m| m.centres.iter().any(|c| c.site == site.id));
            return in_model.then(|| match site.status_in(self.year, self.timeline) {
                Some(Status::Operational) => Status::Operational,
                _ => Status::Proposed,
            });
        }
        site.status_in(self.year, self.timeline)
            .filter(|s| s.is_present())
    }

    /// Whether a radar is working this year (operational), so its data can flow.
    pub(crate) fn radar_working(&self, site: &Site) -> bool {
        site.kind == SiteKind::Radar && self.site_status(site) == Some(Status::Operational)
    }

    /// The radars whose data reach `side`'s interceptors under the active model.
    ///
    /// Own radars always; the other side's shared radars under a coordinated or unified model.
    pub fn radars_feeding(&self, side: Side) -> Vec<usize> {
        let model = self.active_model();
        let sharing = model.is_some_and(|m| m.architecture != Architecture::Independent);
        self.sites
            .iter()
            .enumerate()
            .filter(|(_, s)| s.radar.is_some() && self.radar_working(s))
            .filter(|(_, s)| {
                s.side == side
                    || (sharing && model.is_some_and(|m| m.shared_radars.contains(&s.id)))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Every data link of the active model in the scenario's year.
    ///
    /// ```
    /// let mut s = bmd_atlas::scenario::built_in();
    /// s.model = "independent".into();
    /// let independent = s.links();
    /// s.model = "coordinated".into();
    /// assert!(s.links().len() > independent.len());
    /// ```
    pub fn links(&self) -> Vec<Link> {
        let Some(model) = self.active_model() else {
            return Vec::new();
        };
        let mut links = Vec::new();
        let present = |i: usize| self.site_status(&self.sites[i]).is_some();
        let command = |side: Side| {
            model
                .command
                .of(side)
                .and_then(|id| self.index_of(id))
                .filter(|&i| present(i))
        };
        let fusion: Vec<usize> = model
            .centres
            .iter()
            .filter(|c| c.role == CentreRole::DataFusion)
            .filter_map(|c| self.index_of(&c.site))
            .filter(|&i| present(i))
            .collect();
        let planning: Vec<usize> = model
            .centres
            .iter()
            .filter(|c| c.role == CentreRole::PlanningAndOperations)
            .filter_map(|c| self.index_of(&c.site))
            .filter(|&i| present(i))
            .collect();
        let sharing = model.architecture != Architecture::Independent;
        for (i, site) in self.sites.iter().enumerate() {
            if !self.radar_working(site) {
                continue;
            }
            if let Some(c) = command(site.side).filter(|&c| c != i) {
                links.push(Link {
                    from: i,
                    to: c,
                    kind: LinkKind::OwnSensor,
                });
            }
            if sharing && model.shared_radars.contains(&site.id) {
                for &f in &fusion {
                    links.push(Link {
                        from: i,
                        to: f,
                        kind: LinkKind::SharedSensor,
                    });
                }
            }
        }
        if sharing {
            for side in [Side::UsNato, Side::Russia] {
                let Some(c) = command(side) else { continue };
                for &f in &fusion {
                    links.push(Link {
                        from: f,
                        to: c,
                        kind: LinkKind::FusedPicture,
                    });
                }
                for &p in &planning {
                    links.push(Link {
                        from: p,
                        to: c,
                        kind: LinkKind::Planning,
                    });
                }
            }
        }
        links
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::{self, Side};

    use super::*;

    fn with_model(id: &str) -> Scenario {
        let mut s = scenario::built_in();
        s.model = id.into();
        s
    }

    fn crosses_sides(s: &Scenario, l: &Link) -> bool {
        let a = s.sites[l.from].side;
        let b = s.sites[l.to].side;
        a != b
    }

    #[test]
    fn the_built_in_scenario_defines_the_three_models() {
        let s = scenario::built_in();
        for id in ["independent", "coordinated", "unified"] {
            assert!(s.models.iter().any(|m| m.id == id), "{id}");
        }
    }

    #[test]
    fn independent_systems_share_nothing() {
        let s = with_model("independent");
        let links = s.links();
        assert!(
            !links.is_empty(),
            "each side's radars report to their own command"
        );
        assert!(links.iter().all(|l| l.kind == LinkKind::OwnSensor));
        assert!(!links.iter().any(|l| crosses_sides(&s, l)));
        let feeding_nato = s.radars_feeding(Side::UsNato);
        assert!(
            feeding_nato
                .iter()
                .all(|&i| s.sites[i].side == Side::UsNato)
        );
    }

    #[test]
    fn coordinated_systems_fuse_both_sides_radars() {
        let s = with_model("coordinated");
        let links = s.links();
        let into_fusion: Vec<_> = links
            .iter()
            .filter(|l| l.kind == LinkKind::SharedSensor)
            .map(|l| s.sites[l.from].side)
            .collect();
        assert!(into_fusion.contains(&Side::UsNato));
        assert!(into_fusion.contains(&Side::Russia));
        assert!(links.iter().any(|l| l.kind == LinkKind::Planning));
        // Sharing more radars never takes one away from a side's picture.
        let independent = with_model("independent").radars_feeding(Side::UsNato);
        let coordinated = s.radars_feeding(Side::UsNato);
        assert!(independent.iter().all(|i| coordinated.contains(i)));
        assert!(coordinated.len() > independent.len());
    }

    #[test]
    fn joint_centres_exist_only_under_their_model() {
        let independent = with_model("independent");
        let coordinated = with_model("coordinated");
        let dfc = coordinated
            .active_model()
            .and_then(|m| m.centres.first())
            .map(|c| c.site.clone())
            .unwrap_or_default();
        let site = coordinated
            .site(&dfc)
            .cloned()
            .unwrap_or_else(|| panic!("{dfc}"));
        assert!(coordinated.site_status(&site).is_some());
        assert!(independent.site_status(&site).is_none());
    }

    #[test]
    fn the_unified_model_has_sectors_for_both_sides() {
        let s = with_model("unified");
        let m = s.active_model().unwrap_or_else(|| panic!("unified model"));
        assert!(m.sectors.iter().any(|x| x.side == Side::Russia));
        assert!(m.sectors.iter().any(|x| x.side == Side::UsNato));
        assert_eq!(m.assurance, Assurance::LegallyBindingGuarantee);
    }
}

/// Counts that sum up a scenario's choice, for the metrics box and comparisons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Sites on the map this year (all kinds).
    pub sites_active: usize,
    /// Operational interceptor batteries (site or ship station × interceptor type).
    pub batteries_operational: usize,
    /// Radars whose data reach the joint centres.
    pub radars_sharing: usize,
    /// Radars whose data reach US/NATO interceptors.
    pub radars_feeding_nato: usize,
    pub links: usize,
    pub sectors: usize,
}

impl Scenario {
    /// The counts for the current model and year.
    ///
    /// ```
    /// let s = bmd_atlas::scenario::built_in();
    /// let summary = s.summary();
    /// assert!(summary.sites_active > 0);
    /// assert_eq!(summary.radars_sharing, 0, "nothing is shared without cooperation");
    /// ```
    pub fn summary(&self) -> Summary {
        let links = self.links();
        let mut sharing: Vec<usize> = links
            .iter()
            .filter(|l| l.kind == LinkKind::SharedSensor)
            .map(|l| l.from)
            .collect();
        sharing.sort_unstable();
        sharing.dedup();
        let batteries_operational = self
            .active_sites()
            .flat_map(|(site, _)| &site.batteries)
            .filter(|b| b.timeline.status_in(self.year, self.timeline) == Some(Status::Operational))
            .count();
        Summary {
            sites_active: self.active_sites().count(),
            batteries_operational,
            radars_sharing: sharing.len(),
            radars_feeding_nato: self.radars_feeding(Side::UsNato).len(),
            links: links.len(),
            sectors: self.active_model().map_or(0, |m| m.sectors.len()),
        }
    }
}

/// What differs between two choices of model, year or timeline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Difference {
    pub links_only_a: Vec<String>,
    pub links_only_b: Vec<String>,
    pub sites_only_a: Vec<String>,
    pub sites_only_b: Vec<String>,
    pub sectors_only_a: Vec<String>,
    pub sectors_only_b: Vec<String>,
    /// (what, value in A, value in B) for every count that differs.
    pub counts: Vec<(&'static str, usize, usize)>,
}

impl Difference {
    /// Whether the two choices draw the same picture.
    pub fn is_empty(&self) -> bool {
        *self == Difference::default()
    }
}

impl Scenario {
    /// A link described in words: "Kürecik → Data Fusion Centre (radar data shared …)".
    pub fn describe_link(&self, link: &Link) -> String {
        let name = |i: usize| self.sites.get(i).map_or("?", |s| s.label());
        format!(
            "{} → {} ({})",
            name(link.from),
            name(link.to),
            link.kind.label().to_lowercase()
        )
    }

    /// What differs between this scenario's choice (A) and `other`'s (B).
    ///
    /// ```
    /// let a = bmd_atlas::scenario::built_in();
    /// let mut b = a.clone();
    /// b.model = "coordinated".into();
    /// let d = a.difference(&b);
    /// assert!(d.links_only_a.is_empty() && !d.links_only_b.is_empty());
    /// ```
    pub fn difference(&self, other: &Scenario) -> Difference {
        fn split(a: Vec<String>, b: Vec<String>) -> (Vec<String>, Vec<String>) {
            let only_a = a.iter().filter(|x| !b.contains(x)).cloned().collect();
            let only_b = b.iter().filter(|x| !a.contains(x)).cloned().collect();
            (only_a, only_b)
        }
        let links = |s: &Scenario| {
            s.links()
                .iter()
                .map(|l| s.describe_link(l))
                .collect::<Vec<_>>()
        };
        let sites = |s: &Scenario| {
            s.active_sites()
                .map(|(site, status)| format!("{} ({})", site.label(), status.label()))
                .collect::<Vec<_>>()
        };
        let sectors = |s: &Scenario| {
            s.active_model()
                .map(|m| m.sectors.iter().map(|x| x.name.clone()).collect())
                .unwrap_or_default()
        };
        let (links_only_a, links_only_b) = split(links(self), links(other));
        let (sites_only_a, sites_only_b) = split(sites(self), sites(other));
        let (sectors_only_a, sectors_only_b) = split(sectors(self), sectors(other));
        let (a, b) = (self.summary(), other.summary());
        let counts = [
            ("Sites on the map", a.sites_active, b.sites_active),
            (
                "Interceptor batteries operational",
                a.batteries_operational,
                b.batteries_operational,
            ),
            (
                "Radars feeding US/NATO interceptors",
                a.radars_feeding_nato,
                b.radars_feeding_nato,
            ),
            (
                "Radars sharing with joint centres",
                a.radars_sharing,
                b.radars_sharing,
            ),
            ("Data links", a.links, b.links),
            ("Sectors", a.sectors, b.sectors),
        ]
        .into_iter()
        .filter(|(_, x, y)| x != y)
        .collect();
        Difference {
            links_only_a,
            links_only_b,
            sites_only_a,
            sites_only_b,
            sectors_only_a,
            sectors_only_b,
            counts,
        }
    }
}
