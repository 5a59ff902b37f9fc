//! Dyad series: per period, how many events one state directed at another
//! (or the two exchanged), how cooperative they were on the Goldstein
//! scale, how they split over the four quad classes, and the same
//! normalised by how much news the two states made at all.
//!
//! Input is either event records ([`EventRecord`], any period, all filters)
//! or the store's monthly aggregate ([`MonthRow`], month/quarter/year, date
//! range only). Both are folded into a [`DyadTable`] of directed
//! dyad-period [`Tally`]s, from which [`DyadTable::series`] reads one dyad.

use std::collections::{HashMap, HashSet};

use faultline_text::Date;
use serde::Serialize;

use crate::period::{range, Period, PeriodKey};
use crate::AnalysisError;

/// One event as the analytics see it: the fields the measures and filters
/// use, plus the evidence shown with rift alerts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// Event id as shown to users.
    pub id: String,
    /// Event date.
    pub date: Date,
    /// ISO3 of the acting state.
    pub source: String,
    /// ISO3 of the state acted upon.
    pub target: String,
    /// Sector codes of the source actor (`GOV`, `MIL`; empty for the bare state).
    pub source_sectors: Vec<String>,
    /// Sector codes of the target actor.
    pub target_sectors: Vec<String>,
    /// CAMEO code.
    pub cameo: String,
    /// Quad class 1–4 (1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict).
    pub quad: Option<u8>,
    /// Goldstein score (−10 … +10).
    pub goldstein: Option<f64>,
    /// Modality (`asserted`, `reported`, `future`, …).
    pub modality: String,
    /// The document (or story) that reported it; distinct documents are the
    /// "sources" of the minimum-sources filter.
    pub doc_id: Option<String>,
    /// The evidence sentence.
    pub evidence: Option<String>,
}

/// One row of the store's `dyad_month` aggregate.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthRow {
    /// ISO3 of the acting state.
    pub source: String,
    /// ISO3 of the state acted upon.
    pub target: String,
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Its counts and sums.
    pub tally: Tally,
}

/// Counts and sums for one cell (a directed dyad in a period, or a sum of
/// cells).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tally {
    /// Events.
    pub n: u64,
    /// Events per quad class 1–4.
    pub quad: [u64; 4],
    /// Sum of Goldstein scores (a missing score adds 0, as in the store).
    pub goldstein_sum: f64,
    /// Sum of Goldstein scores per quad class; `None` when the input did not
    /// carry it (the monthly aggregate only has the total).
    pub quad_goldstein: Option<[f64; 4]>,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally { n: 0, quad: [0; 4], goldstein_sum: 0.0, quad_goldstein: Some([0.0; 4]) }
    }
}

impl Tally {
    /// The tally of one event.
    pub fn event(quad: Option<u8>, goldstein: Option<f64>) -> Tally {
        let mut t = Tally { n: 1, ..Tally::default() };
        let g = goldstein.filter(|g| g.is_finite()).unwrap_or(0.0);
        t.goldstein_sum = g;
        if let Some(q) = quad.filter(|q| (1..=4).contains(q)) {
            let i = usize::from(q - 1);
            t.quad[i] = 1;
            if let Some(qg) = t.quad_goldstein.as_mut() {
                qg[i] = g;
            }
        }
        t
    }

    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &Tally) {
        self.n += other.n;
        for i in 0..4 {
            self.quad[i] += other.quad[i];
        }
        self.goldstein_sum += other.goldstein_sum;
        self.quad_goldstein = match (self.quad_goldstein, other.quad_goldstein) {
            (Some(mut a), Some(b)) => {
                for i in 0..4 {
                    a[i] += b[i];
                }
                Some(a)
            }
            _ => None,
        };
    }

    /// Mean Goldstein score, `None` for an empty cell (never NaN).
    pub fn goldstein_mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.goldstein_sum / self.n as f64)
    }
}

/// Which events count. Every set field must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// First date, inclusive.
    pub from: Option<Date>,
    /// Last date, inclusive.
    pub to: Option<Date>,
    /// When non-empty, *both* actors must carry one of these sector codes
    /// (`GOV` for government-to-government relations). `-` stands for an
    /// actor without sectors (the bare state, "China said…"), so
    /// `GOV,-` keeps governments and states named as such.
    pub sectors: Vec<String>,
    /// When non-empty, the event's modality must be one of these.
    pub modalities: Vec<String>,
    /// When set, events are first collapsed into distinct reported events
    /// — same date, source, target and CAMEO code — and such an event
    /// counts once, and only if at least this many distinct documents
    /// reported it (a guard against one story echoing; cf. the
    /// `NumSources` field of GDELT).
    pub min_sources: Option<u32>,
}

impl EventFilter {
    /// Whether `e` passes the date, sector and modality conditions (the
    /// minimum-sources condition needs all events, see [`DyadTable::from_events`]).
    pub fn matches(&self, e: &EventRecord) -> bool {
        if self.from.is_some_and(|f| e.date < f) || self.to.is_some_and(|t| e.date > t) {
            return false;
        }
        if !self.modalities.is_empty() && !self.modalities.iter().any(|m| m.eq_ignore_ascii_case(&e.modality)) {
            return false;
        }
        if !self.sectors.is_empty() {
            let ok = |sectors: &[String]| {
                self.sectors.iter().any(|want| {
                    if want == "-" {
                        sectors.is_empty()
                    } else {
                        sectors.iter().any(|s| s.eq_ignore_ascii_case(want))
                    }
                })
            };
            if !ok(&e.source_sectors) || !ok(&e.target_sectors) {
                return false;
            }
        }
        true
    }
}

/// A dyad: two states, ordered (`directed`: events of `a` towards `b`) or
/// not (events either way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dyad {
    /// First state (ISO3).
    pub a: String,
    /// Second state (ISO3).
    pub b: String,
    /// Only `a → b` when true; `a → b` plus `b → a` when false.
    pub directed: bool,
}

impl Dyad {
    /// A dyad of two validated ISO3 codes (they must differ).
    pub fn new(a: &str, b: &str, directed: bool) -> Result<Dyad, AnalysisError> {
        let a = crate::country::parse_iso3(a)?;
        let b = crate::country::parse_iso3(b)?;
        if a == b {
            return Err(AnalysisError::Invalid(format!("a dyad needs two different states, got {a} twice")));
        }
        Ok(Dyad { a: a.to_owned(), b: b.to_owned(), directed })
    }
}

/// One period of a dyad series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadPoint {
    /// The period (serialised as its label).
    pub period: PeriodKey,
    /// Counts and Goldstein sums of the dyad's events.
    #[serde(flatten)]
    pub tally: Tally,
    /// Mean Goldstein score (net cooperation per event); `None` when the
    /// period has no events.
    pub goldstein_mean: Option<f64>,
    /// Events involving either state (as source or target, with anyone),
    /// each counted once: the denominator of the normalised measures.
    pub volume: u64,
    /// Dyad events per 1,000 events of either state; `None` when `volume` is 0.
    pub events_per_1000: Option<f64>,
    /// Goldstein sum per 1,000 events of either state; `None` when `volume` is 0.
    pub goldstein_per_1000: Option<f64>,
}

/// A dyad's series over consecutive periods, empty periods included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadSeries {
    /// The dyad.
    pub dyad: Dyad,
    /// The period length.
    pub period: Period,
    /// One point per period, oldest first, none missing.
    pub points: Vec<DyadPoint>,
}

impl DyadSeries {
    /// Total over all points.
    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for p in &self.points {
            t.add(&p.tally);
        }
        t
    }

    /// The Goldstein means, `None` for empty periods.
    pub fn means(&self) -> Vec<Option<f64>> {
        self.points.iter().map(|p| p.goldstein_mean).collect()
    }
}

/// A distinct reported event: date, source, target, CAMEO code.
type ReportKey<'a> = (Date, &'a str, &'a str, &'a str);

/// Directed dyad-period tallies for every pair of states in the input, and
/// per-state volumes. Actors are interned so that folding millions of
/// events allocates once per distinct state, not once per event.
#[derive(Debug, Clone)]
pub struct DyadTable {
    period: Period,
    ids: HashMap<String, u32>,
    cells: HashMap<(u32, u32, i64), Tally>,
    volume: HashMap<(u32, i64), u64>,
    first: Option<i64>,
    last: Option<i64>,
}

impl DyadTable {
    /// An empty table.
    pub fn new(period: Period) -> DyadTable {
        DyadTable { period, ids: HashMap::new(), cells: HashMap::new(), volume: HashMap::new(), first: None, last: None }
    }

    /// The period length.
    pub fn period(&self) -> Period {
        self.period
    }

    fn id(&mut self, iso3: &str) -> u32 {
        if let Some(&i) = self.ids.get(iso3) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.ids.insert(iso3.to_owned(), i);
        i
    }

    /// Adds one directed cell: `tally` of `source → target` in period `key`.
    pub fn add(&mut self, source: &str, target: &str, key: PeriodKey, tally: &Tally) {
        let (s, t) = (self.id(source), self.id(target));
        self.cells.entry((s, t, key.index)).or_default().add(tally);
        *self.volume.entry((s, key.index)).or_default() += tally.n;
        if t != s {
            *self.volume.entry((t, key.index)).or_default() += tally.n;
        }
        self.first = Some(self.first.map_or(key.index, |f| f.min(key.index)));
        self.last = Some(self.last.map_or(key.index, |l| l.max(key.index)));
    }

    /// Folds event records that pass `filter` into a table of `period`s.
    pub fn from_events<'a>(period: Period, filter: &EventFilter, events: impl IntoIterator<Item = &'a EventRecord>) -> DyadTable {
        let mut table = DyadTable::new(period);
        match filter.min_sources {
            None => {
                for e in events {
                    if filter.matches(e) {
                        table.add(&e.source, &e.target, period.key(e.date), &Tally::event(e.quad, e.goldstein));
                    }
                }
            }
            Some(min) => {
                // Distinct reported events: the first record stands for the
                // group (same date, dyad and code ⇒ same quad and score).
                let mut groups: HashMap<ReportKey<'_>, (&EventRecord, HashSet<&str>)> = HashMap::new();
                for e in events {
                    if filter.matches(e) {
                        let g = groups.entry((e.date, &e.source, &e.target, &e.cameo)).or_insert_with(|| (e, HashSet::new()));
                        // An event without a document is its own source.
                        g.1.insert(e.doc_id.as_deref().unwrap_or(&e.id));
                    }
                }
                let mut kept: Vec<_> = groups.into_values().filter(|(_, docs)| docs.len() >= min as usize).collect();
                kept.sort_by(|x, y| (x.0.date, &x.0.id).cmp(&(y.0.date, &y.0.id)));
                for (e, _) in kept {
                    table.add(&e.source, &e.target, period.key(e.date), &Tally::event(e.quad, e.goldstein));
                }
            }
        }
        table
    }

    /// Folds the store's monthly aggregate into a table of `period`s, keeping
    /// months that overlap `from..=to`. Weekly periods cannot be built from
    /// months: that is an error, not a silent approximation.
    pub fn from_months<'a>(
        period: Period,
        from: Option<Date>,
        to: Option<Date>,
        rows: impl IntoIterator<Item = &'a MonthRow>,
    ) -> Result<DyadTable, AnalysisError> {
        if period == Period::Week {
            return Err(AnalysisError::Invalid(
                "weekly series need event rows: the monthly aggregate cannot be split into weeks".into(),
            ));
        }
        let mut table = DyadTable::new(period);
        let month_lo = from.map(|d| Period::Month.key(d).index);
        let month_hi = to.map(|d| Period::Month.key(d).index);
        for r in rows {
            let Some(m) = Period::Month.key_for_month(r.year, r.month) else {
                return Err(AnalysisError::Invalid(format!(
                    "bad month {}-{} for {} → {} in the aggregate",
                    r.year, r.month, r.source, r.target
                )));
            };
            if month_lo.is_some_and(|lo| m.index < lo) || month_hi.is_some_and(|hi| m.index > hi) {
                continue;
            }
            let key = period.key(m.start());
            table.add(&r.source, &r.target, key, &r.tally);
        }
        Ok(table)
    }

    /// The first and last period with any data.
    pub fn span(&self) -> Option<(PeriodKey, PeriodKey)> {
        Some((PeriodKey { index: self.first?, period: self.period }, PeriodKey { index: self.last?, period: self.period }))
    }

    /// Whether the table has seen this state at all.
    pub fn knows(&self, iso3: &str) -> bool {
        self.ids.contains_key(iso3)
    }

    /// Events involving `iso3` in period `key`.
    pub fn volume(&self, iso3: &str, key: PeriodKey) -> u64 {
        self.ids.get(iso3).and_then(|i| self.volume.get(&(*i, key.index))).copied().unwrap_or(0)
    }

    /// The directed cell `source → target` in `key` (zero when absent).
    pub fn cell(&self, source: &str, target: &str, key: PeriodKey) -> Tally {
        match (self.ids.get(source), self.ids.get(target)) {
            (Some(s), Some(t)) => self.cells.get(&(*s, *t, key.index)).copied().unwrap_or_default(),
            _ => Tally::default(),
        }
    }

    /// The dyad's tally in `key`: `a → b`, plus `b → a` when undirected.
    pub fn dyad_tally(&self, dyad: &Dyad, key: PeriodKey) -> Tally {
        let mut t = self.cell(&dyad.a, &dyad.b, key);
        if !dyad.directed {
            t.add(&self.cell(&dyad.b, &dyad.a, key));
        }
        t
    }

    /// The dyad's series over `first..=last` (default: the table's whole
    /// span), every period present. Empty when the table is empty and no
    /// bounds are given.
    pub fn series(&self, dyad: &Dyad, first: Option<PeriodKey>, last: Option<PeriodKey>) -> DyadSeries {
        let span = self.span();
        let first = first.or(span.map(|s| s.0));
        let last = last.or(span.map(|s| s.1));
        let mut points = Vec::new();
        if let (Some(first), Some(last)) = (first, last) {
            for key in range(first, last) {
                let tally = self.dyad_tally(dyad, key);
                // Events involving a or b, each once: the two volumes count
                // an event between a and b twice, so subtract those once.
                let both = self.cell(&dyad.a, &dyad.b, key).n + self.cell(&dyad.b, &dyad.a, key).n;
                let volume = (self.volume(&dyad.a, key) + self.volume(&dyad.b, key)).saturating_sub(both);
                let per = |x: f64| (volume > 0).then(|| 1000.0 * x / volume as f64);
                points.push(DyadPoint {
                    period: key,
                    goldstein_mean: tally.goldstein_mean(),
                    volume,
                    events_per_1000: per(tally.n as f64),
                    goldstein_per_1000: per(tally.goldstein_sum),
                    tally,
                });
            }
        }
        DyadSeries { dyad: dyad.clone(), period: self.period, points }
    }
}

/// Period bounds for a date range: the periods containing `from` and `to`.
pub fn bounds(period: Period, from: Option<Date>, to: Option<Date>) -> (Option<PeriodKey>, Option<PeriodKey>) {
    (from.map(|d| period.key(d)), to.map(|d| period.key(d)))
}
