//! The JSON API: one function per route, from parsed [`Params`] to a
//! serialisable answer. The pages call the same functions, so what the
//! browser shows is what the API returns.

use faultline_analysis::changepoint::{pelt, PeltOptions};
use faultline_analysis::gap::{gap_series, Gap, GapPoint};
use faultline_analysis::rifts::{find_rifts, RiftAlert, RiftOptions};
use faultline_analysis::triangle::{timeline, Centre, Timeline, TriangleOptions, DYADS};
use faultline_analysis::votes::{AffinityRow, VoteData, VotePeriod};
use faultline_analysis::{period, Dyad, DyadSeries, Period};
use faultline_store::query::EventQuery;
use faultline_store::rusqlite::ToSql;
use faultline_store::Store;
use serde::Serialize;

use crate::data::{event_table, series_table, Selection};
use crate::error::ApiError;
use crate::query::{shorten, Params};

/// Query limits: what one request may ask of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest `limit` of `/api/events`.
    pub max_page: u64,
    /// Largest `offset` of `/api/events` (deep paging is a scan).
    pub max_offset: u64,
    /// Longest `from`..`to` span, in days.
    pub max_days: i64,
    /// Most events an analytics request may read.
    pub max_rows: u64,
    /// Longest text search.
    pub max_search: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_page: 500, max_offset: 100_000, max_days: 60 * 366, max_rows: 200_000, max_search: 200 }
    }
}

/// One actor of an event, as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorView {
    /// Actor code (`CHNGOV`).
    pub code: String,
    /// ISO3 country.
    pub country: Option<String>,
    /// The words naming it.
    pub text: Option<String>,
}

/// One event, as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventView {
    /// `<doc_id>:<sentence>:<n>` (or the dataset's id).
    pub event_id: String,
    /// The document, when Faultline coded it.
    pub doc_id: Option<String>,
    /// Sentence index in the document.
    pub sentence: Option<i64>,
    /// Event date.
    pub date: Option<String>,
    /// Who acts.
    pub source: ActorView,
    /// Who is acted upon.
    pub target: ActorView,
    /// CAMEO code.
    pub cameo: String,
    /// Quad class 1–4.
    pub quad: Option<u8>,
    /// Goldstein score.
    pub goldstein: Option<f64>,
    /// `asserted`, `reported`, …
    pub modality: String,
    /// The text says it did not happen.
    pub negated: bool,
    /// Kept by the default output policy.
    pub kept: bool,
    /// Trigger words.
    pub trigger: Option<String>,
    /// Trigger span in the sentence text (bytes).
    pub trigger_span: Option<(i64, i64)>,
    /// Evidence span in the original document (bytes).
    pub evidence_span: Option<(i64, i64)>,
    /// The evidence sentence.
    pub evidence: Option<String>,
}

impl EventView {
    fn of(e: &faultline_store::EventRow, evidence: Option<String>) -> EventView {
        let actor = |a: &faultline_store::ActorRow| ActorView { code: a.code.clone(), country: a.country.clone(), text: a.text.clone() };
        EventView {
            event_id: e.event_id.clone(),
            doc_id: e.doc_id.clone(),
            sentence: e.sentence,
            date: e.date.map(|d| d.to_string()),
            source: actor(&e.source),
            target: actor(&e.target),
            cameo: e.cameo.clone(),
            quad: e.quad_class,
            goldstein: e.goldstein,
            modality: e.modality.clone(),
            negated: e.negated,
            kept: e.kept,
            trigger: e.trigger_text.clone(),
            trigger_span: e.trigger_start.zip(e.trigger_end),
            evidence_span: e.evidence_start.zip(e.evidence_end),
            evidence,
        }
    }
}

/// A page of `/api/events`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPage {
    /// Events matching the filters (all pages).
    pub total: u64,
    /// Page size.
    pub limit: u64,
    /// Events skipped.
    pub offset: u64,
    /// This page.
    pub events: Vec<EventView>,
}

/// Parameters of `/api/events`.
pub const EVENTS_PARAMS: &[&str] = &["source", "target", "from", "to", "root", "quad", "q", "all", "limit", "offset"];

/// `/api/events`: stored events by dyad, dates, CAMEO root, quad class and
/// text of the evidence sentence, paginated, in id order.
pub fn events(store: &Store, p: &Params, limits: &Limits) -> Result<EventPage, ApiError> {
    p.only(EVENTS_PARAMS)?;
    let (from, to) = p.date_range(limits.max_days)?;
    let quad = p.uint("quad", 255)?.map(|q| q as u8);
    let eq = EventQuery {
        source: p.country("source")?,
        target: p.country("target")?,
        from,
        to,
        root: p.get("root").map(str::to_owned),
        quad,
        kept_only: !p.flag("all")?,
    };
    let (mut sql, mut params) = eq.to_sql().map_err(|e| ApiError::bad_request(e.to_string().replace("--", "")))?;
    if let Some(q) = p.get("q") {
        if q.chars().count() > limits.max_search {
            return Err(ApiError::bad_request(format!("`q` is longer than {} characters", limits.max_search)));
        }
        // LIKE with the wildcards of the search text escaped: the search is
        // literal, case-insensitive for ASCII (SQLite's LIKE).
        let pattern = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM sentences AS s2 WHERE s2.doc_id = events.doc_id AND s2.idx = events.sentence \
             AND s2.text LIKE ? ESCAPE '\\')",
        );
        params.push(Box::new(pattern));
    }
    let limit = p.uint("limit", limits.max_page)?.unwrap_or(50);
    let offset = p.uint("offset", limits.max_offset)?.unwrap_or(0);
    let refs: Vec<&dyn ToSql> = params.iter().map(|b| b.as_ref()).collect();
    let total: i64 = store
        .conn()
        .query_row(&format!("SELECT count(*) FROM events WHERE {sql}"), refs.as_slice(), |r| r.get(0))
        .map_err(|e| store.err(e))?;
    let mut out = Vec::new();
    let mut skipped = 0;
    // for_each_event orders by id; the offset is applied in the filter as
    // an id bound would need a cursor, so skip rows (offset is bounded).
    faultline_store::export::for_each_event(store, Some(&sql), &refs, Some(offset + limit), |ex| {
        if skipped < offset {
            skipped += 1;
        } else {
            out.push(EventView::of(&ex.event, ex.evidence_text.clone()));
        }
        Ok(())
    })?;
    Ok(EventPage { total: total.max(0) as u64, limit, offset, events: out })
}

fn selection(p: &Params, actors: Vec<String>, default: Period, limits: &Limits) -> Result<Selection, ApiError> {
    let period = p.period(default)?;
    let (from, to) = p.date_range(limits.max_days)?;
    Ok(Selection { actors, period, from, to })
}

fn pair(p: &Params) -> Result<(String, String), ApiError> {
    let (a, b) = (p.required_country("a")?, p.required_country("b")?);
    if a == b {
        return Err(ApiError::bad_request(format!("`a` and `b` are both {a}: a dyad needs two states")));
    }
    Ok((a, b))
}

/// Parameters of `/api/dyad` and `/api/gap`.
pub const DYAD_PARAMS: &[&str] = &["a", "b", "period", "from", "to", "directed"];

/// `/api/dyad`: a dyad's series per period.
pub fn dyad(store: &Store, p: &Params, limits: &Limits) -> Result<DyadSeries, ApiError> {
    p.only(DYAD_PARAMS)?;
    let (a, b) = pair(p)?;
    let sel = selection(p, vec![a.clone(), b.clone()], Period::Month, limits)?;
    let table = series_table(store, &sel, limits.max_rows)?;
    let dyad = Dyad::new(&a, &b, p.flag("directed")?)?;
    let (lo, hi) = sel.bounds();
    Ok(table.series(&dyad, lo, hi))
}

/// The answer of `/api/gap`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapAnswer {
    /// The dyad.
    pub dyad: Dyad,
    /// Period length.
    pub period: Period,
    /// The gap per period.
    pub points: Vec<GapPoint>,
    /// Over the whole range.
    pub total: Gap,
}

/// `/api/gap`: says vs does per period.
pub fn gap(store: &Store, p: &Params, limits: &Limits) -> Result<GapAnswer, ApiError> {
    p.only(DYAD_PARAMS)?;
    let (a, b) = pair(p)?;
    let sel = selection(p, vec![a.clone(), b.clone()], Period::Month, limits)?;
    let (table, _) = event_table(store, &sel, limits.max_rows)?;
    let dyad = Dyad::new(&a, &b, p.flag("directed")?)?;
    let (lo, hi) = sel.bounds();
    let series = table.series(&dyad, lo, hi);
    let (points, total) = gap_series(&series);
    Ok(GapAnswer { dyad, period: series.period, points, total })
}

/// The answer of `/api/triangle`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TriangleAnswer {
    /// Configurations, roles and transitions per period.
    pub timeline: Timeline,
    /// Change points of each tie (`A-B` → period labels).
    pub change_points: Vec<(String, Vec<String>)>,
}

/// Parameters of `/api/triangle`.
pub const TRIANGLE_PARAMS: &[&str] = &["a", "b", "c", "period", "from", "to"];

/// `/api/triangle`: the strategic triangle of three states per period
/// (scores: mean Goldstein of each tie, both directions; centre 0).
pub fn triangle(store: &Store, p: &Params, limits: &Limits) -> Result<TriangleAnswer, ApiError> {
    p.only(TRIANGLE_PARAMS)?;
    let actors = [p.required_country("a")?, p.required_country("b")?, p.required_country("c")?];
    let sel = selection(p, actors.to_vec(), Period::Year, limits)?;
    let table = series_table(store, &sel, limits.max_rows)?;
    let (lo, hi) = sel.bounds();
    let span = table.span();
    let (Some(lo), Some(hi)) = (lo.or(span.map(|s| s.0)), hi.or(span.map(|s| s.1))) else {
        return Err(ApiError::not_found(format!("no events among {} in the store", actors.join(", "))));
    };
    let labels: Vec<String> = period::range(lo, hi).map(|k| k.label()).collect();
    let scores = DYADS.map(|(i, j)| {
        let d = Dyad { a: actors[i].clone(), b: actors[j].clone(), directed: false };
        table.series(&d, Some(lo), Some(hi)).means()
    });
    let tl = timeline(actors.clone(), &labels, &scores, &TriangleOptions { centre: Centre::Value(0.0), dead_band: 0.25 })?;
    let change_points = DYADS
        .iter()
        .enumerate()
        .map(|(d, (i, j))| {
            let present: Vec<(usize, f64)> = scores[d].iter().enumerate().filter_map(|(t, v)| v.map(|v| (t, v))).collect();
            let x: Vec<f64> = present.iter().map(|p| p.1).collect();
            let seg = pelt(&x, &PeltOptions::default());
            (format!("{}-{}", actors[*i], actors[*j]), seg.changes.iter().map(|&c| labels[present[c].0].clone()).collect())
        })
        .collect();
    Ok(TriangleAnswer { timeline: tl, change_points })
}

/// Parameters of `/api/rifts`.
pub const RIFTS_PARAMS: &[&str] = &["actors", "period", "from", "to"];

/// `/api/rifts`: rift alerts among 3–8 states, with the events that moved
/// the score (the `rifts` command's defaults: window 4, threshold 2.0,
/// tolerance 0.5, five events per alert).
pub fn rifts(store: &Store, p: &Params, limits: &Limits) -> Result<Vec<RiftAlert>, ApiError> {
    p.only(RIFTS_PARAMS)?;
    let actors = p.countries("actors", 3, 8)?;
    let sel = selection(p, actors.clone(), Period::Year, limits)?;
    let (table, events) = event_table(store, &sel, limits.max_rows)?;
    let (lo, hi) = sel.bounds();
    let span = table.span();
    let (Some(first), Some(last)) = (lo.or(span.map(|s| s.0)), hi.or(span.map(|s| s.1))) else {
        return Ok(Vec::new());
    };
    let opts = RiftOptions {
        pelt: PeltOptions::default(),
        window: 4,
        drop_threshold: Some(2.0),
        hold_tolerance: 0.5,
        top_events: 5,
    };
    Ok(find_rifts(&table, &actors, first, last, &events, &opts))
}

/// Parameters of `/api/votes`.
pub const VOTES_PARAMS: &[&str] = &["countries", "by", "important"];

/// `/api/votes`: UN vote affinity for every pair of 2–8 countries, when
/// the server was started with vote files.
pub fn votes(data: Option<&VoteData>, p: &Params) -> Result<Vec<AffinityRow>, ApiError> {
    p.only(VOTES_PARAMS)?;
    let Some(data) = data else {
        return Err(ApiError::not_found("no UN votes loaded: start `faultline serve` with --votes FILE --roll-calls FILE"));
    };
    let codes = p.countries("countries", 2, 8)?;
    let by = match p.get("by").map(str::to_ascii_lowercase).as_deref() {
        None | Some("session") => VotePeriod::Session,
        Some("year") => VotePeriod::Year,
        Some(other) => return Err(ApiError::bad_request(format!("`by`: `{}` is neither session nor year", shorten(other)))),
    };
    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    Ok(data.affinity_table(&refs, by, None, None, p.flag("important")?))
}

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceView {
    /// 0-based index.
    pub idx: i64,
    /// Normalised text (trigger spans index into it).
    pub text: String,
    /// Byte span in the original document.
    pub span: (i64, i64),
}

/// `/api/documents/{id}`: a document with its sentences and coded events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    /// Document id.
    pub id: String,
    /// Publication date.
    pub date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Decoded text.
    pub text: String,
    /// Sentences in order.
    pub sentences: Vec<SentenceView>,
    /// Every coded event (kept or not), by sentence.
    pub events: Vec<EventView>,
}

/// Reads a document by id (already percent-decoded). Ids are database
/// keys, never paths: an id like `../../etc/passwd` is just a key no
/// document has.
pub fn document(store: &Store, id: &str) -> Result<DocumentView, ApiError> {
    let row = store
        .conn()
        .query_row("SELECT id, date, title, source, url, text FROM documents WHERE id = ?1", [id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get::<_, String>(5)?))
        });
    let (id, date, title, source, url, text) = match row {
        Ok(v) => v,
        Err(faultline_store::rusqlite::Error::QueryReturnedNoRows) => {
            return Err(ApiError::not_found(format!("no document with id `{}`", shorten(id))))
        }
        Err(e) => return Err(store.err(e).into()),
    };
    let mut stmt = store.conn().prepare_cached("SELECT idx, text, start, \"end\" FROM sentences WHERE doc_id = ?1 ORDER BY idx").map_err(|e| store.err(e))?;
    let sentences: Vec<SentenceView> = stmt
        .query_map([&id], |r| Ok(SentenceView { idx: r.get(0)?, text: r.get(1)?, span: (r.get(2)?, r.get(3)?) }))
        .map_err(|e| store.err(e))?
        .collect::<Result<_, _>>()
        .map_err(|e| store.err(e))?;
    let events = store
        .document_events(&id)?
        .iter()
        .map(|e| {
            let ev = e.sentence.and_then(|s| sentences.iter().find(|x| x.idx == s)).map(|s| s.text.clone());
            EventView::of(e, ev)
        })
        .collect();
    Ok(DocumentView { id, date, title, source, url, text, sentences, events })
}

/// Store totals for the index page.
pub fn counts(store: &Store) -> Result<faultline_store::Counts, ApiError> {
    Ok(store.counts()?)
}
