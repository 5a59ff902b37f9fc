//! Reading the store for the analytics routes: the same selections as the
//! `dyad`, `gap`, `triangle` and `rifts` commands (kept, dated events with
//! both countries set; the monthly aggregate when it gives the same answer).

use faultline_analysis::{DyadTable, EventFilter, EventRecord, MonthRow, Period, PeriodKey, Tally};
use faultline_store::rusqlite::ToSql;
use faultline_store::Store;
use faultline_text::Date;

use crate::error::ApiError;

/// What an analytics request selects: states, period and date range.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// ISO3 codes of the states involved.
    pub actors: Vec<String>,
    /// Period length.
    pub period: Period,
    /// First date, inclusive.
    pub from: Option<Date>,
    /// Last date, inclusive.
    pub to: Option<Date>,
}

impl Selection {
    fn filter(&self) -> EventFilter {
        EventFilter { from: self.from, to: self.to, ..EventFilter::default() }
    }

    /// The first and last period asked for (`None` = the data's span).
    pub fn bounds(&self) -> (Option<PeriodKey>, Option<PeriodKey>) {
        faultline_analysis::dyad::bounds(self.period, self.from, self.to)
    }
}

/// The kept, dated events involving any of the selection's actors, with
/// their evidence sentences, at most `max_rows` of them (an error beyond:
/// the caller should narrow the dates rather than get a silently partial
/// answer).
pub fn load_events(store: &Store, sel: &Selection, max_rows: u64) -> Result<Vec<EventRecord>, ApiError> {
    let marks = vec!["?"; sel.actors.len()].join(", ");
    let mut sql = format!(
        "kept = 1 AND date IS NOT NULL AND source_country IS NOT NULL AND target_country IS NOT NULL \
         AND (source_country IN ({marks}) OR target_country IN ({marks}))"
    );
    let mut params: Vec<Box<dyn ToSql>> = Vec::new();
    for _ in 0..2 {
        for a in &sel.actors {
            params.push(Box::new(a.clone()));
        }
    }
    if let Some(f) = sel.from {
        sql.push_str(" AND date >= ?");
        params.push(Box::new(f.to_string()));
    }
    if let Some(t) = sel.to {
        sql.push_str(" AND date <= ?");
        params.push(Box::new(t.to_string()));
    }
    let refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let mut out = Vec::new();
    // One row beyond the limit tells "exactly at the limit" from "over it".
    let n = faultline_store::export::for_each_event(store, Some(&sql), &refs, Some(max_rows + 1), |ex| {
        let e = &ex.event;
        if let (Some(date), Some(s), Some(t)) = (e.date, e.source.country.clone(), e.target.country.clone()) {
            out.push(EventRecord {
                id: e.event_id.clone(),
                date,
                source: s,
                target: t,
                source_sectors: e.source.sectors.clone(),
                target_sectors: e.target.sectors.clone(),
                cameo: e.cameo.clone(),
                quad: e.quad_class,
                goldstein: e.goldstein,
                modality: e.modality.clone(),
                doc_id: e.doc_id.clone(),
                evidence: ex.evidence_text.clone().or_else(|| e.url.clone()),
            });
        }
        Ok(())
    })?;
    if n > max_rows {
        return Err(ApiError::bad_request(format!(
            "more than {max_rows} events involve {}; narrow the range with `from` and `to`",
            sel.actors.join(", ")
        )));
    }
    Ok(out)
}

/// The dyad table over the events (needed when evidence or per-quad
/// Goldstein sums matter: gap, rifts).
pub fn event_table(store: &Store, sel: &Selection, max_rows: u64) -> Result<(DyadTable, Vec<EventRecord>), ApiError> {
    let events = load_events(store, sel, max_rows)?;
    let table = DyadTable::from_events(sel.period, &sel.filter(), &events);
    Ok((table, events))
}

/// The dyad table for series: from the monthly aggregate when that gives
/// the same answer (not weekly, dates on month boundaries), so series over
/// large stores never scan events; from the events otherwise.
pub fn series_table(store: &Store, sel: &Selection, max_rows: u64) -> Result<DyadTable, ApiError> {
    let whole_months = !matches!(sel.from, Some(d) if d.day() != 1) && !matches!(sel.to, Some(d) if d != d.last_of_month());
    if sel.period == Period::Week || !whole_months {
        return Ok(event_table(store, sel, max_rows)?.0);
    }
    let refs: Vec<&str> = sel.actors.iter().map(String::as_str).collect();
    let month = |d: Date| format!("{:04}-{:02}", d.year(), d.month());
    let (from, to) = (sel.from.map(month), sel.to.map(month));
    let cells = faultline_store::analytics::dyad_months_involving(store, &refs, from.as_deref(), to.as_deref())?;
    let mut rows = Vec::with_capacity(cells.len());
    for c in cells {
        let (Some(year), Some(m)) = (c.month.get(..4).and_then(|y| y.parse().ok()), c.month.get(5..7).and_then(|m| m.parse().ok())) else {
            return Err(ApiError::internal(format!("{}: dyad_month has a bad month `{}` for {} → {}", store.path(), c.month, c.source, c.target)));
        };
        rows.push(MonthRow {
            source: c.source,
            target: c.target,
            year,
            month: m,
            tally: Tally { n: c.n_events.max(0) as u64, quad: c.quad.map(|q| q.max(0) as u64), goldstein_sum: c.goldstein_sum, quad_goldstein: None },
        });
    }
    Ok(DyadTable::from_months(sel.period, sel.from, sel.to, &rows)?)
}

/// The countries that appear in the store's dyad aggregate, for the
/// pages' pickers.
pub fn known_countries(store: &Store) -> Result<Vec<String>, ApiError> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT source_country FROM dyad_month UNION SELECT target_country FROM dyad_month ORDER BY 1")
        .map_err(|e| store.err(e))?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(|e| store.err(e))?;
    Ok(rows.collect::<Result<_, _>>().map_err(|e| store.err(e))?)
}
