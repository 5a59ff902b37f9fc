//! The `dyad_month` aggregate: per directed country dyad and month, counts
//! per quad class and the Goldstein sum.
//!
//! **Definition.** An event counts when `kept = 1` (the default policy keeps
//! it), both `source_country` and `target_country` are set and `date` is
//! set; it is filed under `(source_country, target_country,
//! substr(date, 1, 7))`. `n_events` counts all such events, `n_verbal_coop`
//! … `n_material_conflict` those with quad class 1 … 4, and `goldstein_sum`
//! sums their Goldstein scores (a missing score adds 0). [`GROUP_BY_SQL`] is
//! this definition as one query; the table always equals its result.
//!
//! **Maintenance.** Writers collect an [`AggDelta`] in memory (one entry
//! per dyad-month touched) and apply it with one UPSERT per entry inside the
//! same transaction as the event rows, so the aggregate can never disagree
//! with committed events, and a write costs one UPSERT per dyad-month it
//! touches rather than one per event (a single-transaction bulk import,
//! [`crate::bulk`], merges once for the whole file). Deletions subtract,
//! and rows whose count reaches zero are removed.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rusqlite::{params, Connection, Row};

use crate::record::EventRow;

/// The eligibility condition of the aggregate, as SQL over `events`.
pub const ELIGIBLE: &str =
    "kept = 1 AND source_country IS NOT NULL AND target_country IS NOT NULL AND date IS NOT NULL";

/// Group columns and sums of the definition (used with [`ELIGIBLE`] and
/// [`GROUP_TAIL`]).
pub const GROUP_SELECT: &str = "source_country, target_country, substr(date, 1, 7) AS month, count(*) AS n_events, \
     sum(quad_class = 1) AS n_verbal_coop, sum(quad_class = 2) AS n_material_coop, \
     sum(quad_class = 3) AS n_verbal_conflict, sum(quad_class = 4) AS n_material_conflict, \
     total(goldstein) AS goldstein_sum";

/// The GROUP BY clause of the definition.
pub const GROUP_TAIL: &str = " GROUP BY source_country, target_country, month";

/// The whole definition: `dyad_month` must always equal this query's result.
pub const GROUP_BY_SQL: &str = "SELECT source_country, target_country, substr(date, 1, 7) AS month, count(*) AS n_events, \
     sum(quad_class = 1) AS n_verbal_coop, sum(quad_class = 2) AS n_material_coop, \
     sum(quad_class = 3) AS n_verbal_conflict, sum(quad_class = 4) AS n_material_conflict, \
     total(goldstein) AS goldstein_sum FROM events WHERE kept = 1 AND source_country IS NOT NULL \
     AND target_country IS NOT NULL AND date IS NOT NULL GROUP BY source_country, target_country, month";

/// The columns of `dyad_month` in [`DyadMonth`] order.
pub const DYAD_COLUMNS: &str = "source_country, target_country, month, n_events, n_verbal_coop, n_material_coop, \
     n_verbal_conflict, n_material_conflict, goldstein_sum";

/// One row of `dyad_month`.
#[derive(Debug, Clone, PartialEq)]
pub struct DyadMonth {
    /// ISO3 of the acting country.
    pub source: String,
    /// ISO3 of the country acted upon.
    pub target: String,
    /// `YYYY-MM`.
    pub month: String,
    /// Events counted.
    pub n_events: i64,
    /// Counts per quad class 1–4.
    pub quad: [i64; 4],
    /// Sum of Goldstein scores.
    pub goldstein_sum: f64,
}

impl DyadMonth {
    /// Reads a row selected with [`DYAD_COLUMNS`].
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<DyadMonth> {
        Ok(DyadMonth {
            source: r.get(0)?,
            target: r.get(1)?,
            month: r.get(2)?,
            n_events: r.get(3)?,
            quad: [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
            goldstein_sum: r.get(8)?,
        })
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    n: i64,
    quad: [i64; 4],
    goldstein: f64,
}

/// Pending changes to `dyad_month`, one cell of counts per dyad-month.
///
/// Counting runs once per imported event (tens of millions of times), so it
/// must not allocate or hash strings more than it has to: country codes are
/// interned once (a few hundred of them) and cells are keyed by
/// `(source id, target id, YYYYMM)` in a map with a cheap integer hash.
#[derive(Debug, Default)]
pub struct AggDelta {
    ids: HashMap<String, u32, BuildHasherDefault<IntHasher>>,
    names: Vec<String>,
    cells: HashMap<(u32, u32, u32), Cell, BuildHasherDefault<IntHasher>>,
}

/// A multiplicative hasher for the small integer keys of [`AggDelta`]
/// (the same mixing as rustc's FxHasher). The keys come from our own
/// interning, not from an adversary, so SipHash's flooding resistance buys
/// nothing here and costs most of the counting time.
#[derive(Debug, Default, Clone, Copy)]
struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        // The multiply carries entropy only upwards; the table indexes by
        // the low bits, so bring the well-mixed high bits down.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.write_u64(u64::from_le_bytes(last));
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl AggDelta {
    fn id(&mut self, code: &str) -> u32 {
        if let Some(&i) = self.ids.get(code) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(code.to_owned());
        self.ids.insert(code.to_owned(), i);
        i
    }

    fn cell(&mut self, s: &str, t: &str, month: u32) -> &mut Cell {
        let key = (self.id(s), self.id(t), month);
        self.cells.entry(key).or_default()
    }

    /// Counts `ev` with `sign` (+1 insert, -1 delete) if it is eligible.
    pub fn add(&mut self, ev: &EventRow, sign: i64) {
        if !ev.kept {
            return;
        }
        let (Some(s), Some(t), Some(d)) = (ev.source.country.as_deref(), ev.target.country.as_deref(), ev.date) else {
            return;
        };
        let cell = self.cell(s, t, d.year() as u32 * 100 + d.month());
        cell.n += sign;
        if let Some(q) = ev.quad_class.filter(|q| (1..=4).contains(q)) {
            cell.quad[usize::from(q) - 1] += sign;
        }
        cell.goldstein += sign as f64 * ev.goldstein.unwrap_or(0.0);
    }

    /// Subtracts one group row selected with [`GROUP_SELECT`].
    pub fn sub_group(&mut self, r: &Row<'_>) -> rusqlite::Result<()> {
        let (s, t, m): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        // Months come from `substr(date, 1, 7)` of validated dates: `YYYY-MM`.
        let month = m.get(..4).and_then(|y| y.parse::<u32>().ok()).unwrap_or(0) * 100
            + m.get(5..7).and_then(|x| x.parse::<u32>().ok()).unwrap_or(0);
        let cell = self.cell(&s, &t, month);
        cell.n -= r.get::<_, i64>(3)?;
        for q in 0..4 {
            cell.quad[q] -= r.get::<_, i64>(4 + q)?;
        }
        cell.goldstein -= r.get::<_, f64>(8)?;
        Ok(())
    }

    /// True when nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Number of pending dyad-month cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Applies the changes and clears them. Call it inside the transaction
    /// that writes the events counted (`conn` may be a
    /// [`rusqlite::Transaction`]).
    ///
    /// Cells are written in primary-key order, so consecutive UPSERTs land
    /// on the same or the next B-tree page: a bulk import's single merge of
    /// hundreds of thousands of cells then costs about as much as appending
    /// them.
    pub fn apply(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if self.cells.is_empty() {
            return Ok(());
        }
        let mut up = conn.prepare_cached(
            "INSERT INTO dyad_month (source_country, target_country, month, n_events, n_verbal_coop, n_material_coop,
                                     n_verbal_conflict, n_material_conflict, goldstein_sum)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (source_country, target_country, month) DO UPDATE SET
                n_events = n_events + excluded.n_events,
                n_verbal_coop = n_verbal_coop + excluded.n_verbal_coop,
                n_material_coop = n_material_coop + excluded.n_material_coop,
                n_verbal_conflict = n_verbal_conflict + excluded.n_verbal_conflict,
                n_material_conflict = n_material_conflict + excluded.n_material_conflict,
                goldstein_sum = goldstein_sum + excluded.goldstein_sum",
        )?;
        let mut cells: Vec<((u32, u32, u32), Cell)> = self.cells.drain().collect();
        let names = &self.names;
        cells.sort_unstable_by(|(a, _), (b, _)| {
            (names[a.0 as usize].as_str(), names[a.1 as usize].as_str(), a.2).cmp(&(
                names[b.0 as usize].as_str(),
                names[b.1 as usize].as_str(),
                b.2,
            ))
        });
        let mut any_negative = false;
        // `YYYY-MM` (years are 1–9999); reused for every cell.
        let mut month = String::with_capacity(7);
        for ((s, t, m), c) in cells {
            if c.n == 0 && c.quad == [0; 4] && c.goldstein == 0.0 {
                continue;
            }
            any_negative |= c.n < 0;
            month.clear();
            use std::fmt::Write;
            let _ = write!(month, "{:04}-{:02}", m / 100, m % 100);
            let (s, t) = (&self.names[s as usize], &self.names[t as usize]);
            up.execute(params![s, t, month, c.n, c.quad[0], c.quad[1], c.quad[2], c.quad[3], c.goldstein])?;
        }
        if any_negative {
            conn.execute("DELETE FROM dyad_month WHERE n_events <= 0", [])?;
        }
        Ok(())
    }
}
