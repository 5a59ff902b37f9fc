//! UN General Assembly vote affinity.
//!
//! Reads roll-call votes in the layout of the `unvotes` data
//! (`rcid,country,country_code,vote` with `vote` ∈ yes/no/abstain, and a
//! roll-call table `rcid,session,importantvote,date,unres,amend,para`),
//! maps the ISO2 codes to ISO3 ([`crate::country`]) and computes, per
//! session or calendar year, three similarity indices for a pair of states.
//!
//! Votes are coded yes = 1, abstain = 2, no = 3. For a dyad, only roll
//! calls where **both** states cast one of these votes count: a state that
//! was absent, not yet a member or not voting has no position to compare,
//! and treating absence as a fourth category would make two absent states
//! "agree" (the rule of Signorino & Ritter 1999 and Häge 2011). With `n`
//! such roll calls and the pairs `(xᵢ, yᵢ)`:
//!
//! * **S** (Signorino & Ritter 1999, city-block distance):
//!   `S = 1 − 2·d/d_max`, `d = Σ|xᵢ − yᵢ|`, `d_max = 2n` (the largest
//!   distance on a 1–3 scale is 2 per roll call). Range [−1, 1].
//! * **Cohen's κ with quadratic weights** (Cohen 1968; Häge 2011): with
//!   disagreement weights `δ(j,k) = (j − k)²`, observed disagreement
//!   `D_o = (1/n) Σ δ(xᵢ, yᵢ)` and expected disagreement from each state's
//!   own marginal distribution `D_e = Σ_j Σ_k p_A(j) p_B(k) δ(j,k)`,
//!   `κ = 1 − D_o / D_e`.
//! * **Scott's π** (Scott 1955; Häge 2011): as κ, but the expected
//!   disagreement uses the pooled distribution of both states' votes,
//!   `p(j) = (n_A(j) + n_B(j)) / 2n`, as if both drew from one
//!   distribution.
//!
//! κ and π correct S for chance agreement: two states that vote yes on
//! almost everything have a high S whatever their relations. They are
//! `None` when `D_e = 0` (both states cast the same single kind of vote
//! throughout: agreement is then entirely expected and the chance-corrected
//! index is undefined), and all three are `None` when `n = 0`.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use faultline_text::Date;
use serde::Serialize;

use crate::country;
use crate::AnalysisError;

/// One vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Vote {
    /// Yes (code 1).
    Yes,
    /// Abstain (code 2).
    Abstain,
    /// No (code 3).
    No,
}

impl Vote {
    /// The ordinal code: yes 1, abstain 2, no 3.
    pub fn code(self) -> u8 {
        match self {
            Vote::Yes => 1,
            Vote::Abstain => 2,
            Vote::No => 3,
        }
    }
}

/// One roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RollCall {
    /// Roll-call id.
    pub rcid: u32,
    /// General Assembly session.
    pub session: u32,
    /// Date of the vote.
    pub date: Date,
    /// Marked an important vote (by the US State Department) in the data.
    pub important: bool,
}

/// How roll calls are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VotePeriod {
    /// By General Assembly session (labels `74`).
    Session,
    /// By calendar year of the vote (labels `2019`).
    Year,
}

impl VotePeriod {
    fn of(self, rc: &RollCall) -> u32 {
        match self {
            VotePeriod::Session => rc.session,
            VotePeriod::Year => rc.date.year() as u32,
        }
    }
}

/// Roll calls and the votes cast in them.
#[derive(Debug, Clone, Default)]
pub struct VoteData {
    /// Roll calls by id.
    pub roll_calls: BTreeMap<u32, RollCall>,
    /// Votes: ISO3 → roll-call id → vote.
    pub votes: HashMap<String, HashMap<u32, Vote>>,
}

/// S, κ and π of one dyad over a set of roll calls.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Affinity {
    /// Roll calls where both voted yes, abstain or no.
    pub n: usize,
    /// Signorino–Ritter S.
    pub s: Option<f64>,
    /// Cohen's κ, quadratic weights.
    pub kappa: Option<f64>,
    /// Scott's π, quadratic weights.
    pub pi: Option<f64>,
}

/// Computes [`Affinity`] from paired votes (see the module docs for the
/// formulas).
pub fn affinity(pairs: &[(Vote, Vote)]) -> Affinity {
    let n = pairs.len();
    if n == 0 {
        return Affinity { n, s: None, kappa: None, pi: None };
    }
    let nf = n as f64;
    let mut d = 0.0;
    let mut d_obs = 0.0;
    let mut ma = [0.0f64; 3];
    let mut mb = [0.0f64; 3];
    for (x, y) in pairs {
        let diff = f64::from(x.code()) - f64::from(y.code());
        d += diff.abs();
        d_obs += diff * diff;
        ma[usize::from(x.code() - 1)] += 1.0;
        mb[usize::from(y.code() - 1)] += 1.0;
    }
    let s = 1.0 - 2.0 * d / (2.0 * nf);
    let d_obs = d_obs / nf;
    let expected = |p: &[f64; 3], q: &[f64; 3]| {
        let mut e = 0.0;
        for (j, pj) in p.iter().enumerate() {
            for (k, qk) in q.iter().enumerate() {
                e += pj * qk * (j as f64 - k as f64).powi(2);
            }
        }
        e
    };
    let pa = ma.map(|c| c / nf);
    let pb = mb.map(|c| c / nf);
    let pooled = [0, 1, 2].map(|j| (ma[j] + mb[j]) / (2.0 * nf));
    let chance = |de: f64| (de > 1e-12).then(|| 1.0 - d_obs / de);
    Affinity { n, s: Some(s), kappa: chance(expected(&pa, &pb)), pi: chance(expected(&pooled, &pooled)) }
}

/// One row of an affinity table: a dyad in a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AffinityRow {
    /// Session number or year.
    pub period: u32,
    /// First state (ISO3).
    pub a: String,
    /// Second state (ISO3).
    pub b: String,
    /// The indices.
    #[serde(flatten)]
    pub affinity: Affinity,
}

fn bad(path: &Path, line: u64, message: String) -> AnalysisError {
    AnalysisError::BadRow { path: path.to_path_buf(), line, message }
}

/// Parses a number the data writes as a float (`74.0`) into a positive integer.
fn whole(s: &str) -> Option<u32> {
    let v: f64 = s.trim().parse().ok()?;
    (v.is_finite() && v.fract() == 0.0 && v >= 0.0 && v <= f64::from(u32::MAX)).then_some(v as u32)
}

fn reader<R: Read>(r: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(r)
}

/// Positions of `wanted` columns in the header, or an error naming the missing one.
fn columns<R: Read>(rdr: &mut csv::Reader<R>, path: &Path, wanted: &[&str]) -> Result<Vec<usize>, AnalysisError> {
    let header = rdr.headers().map_err(|e| bad(path, 1, format!("cannot read the header: {e}")))?.clone();
    wanted
        .iter()
        .map(|w| {
            header.iter().position(|h| h.trim() == *w).ok_or_else(|| {
                bad(path, 1, format!("missing column `{w}` (header: {})", header.iter().collect::<Vec<_>>().join(",")))
            })
        })
        .collect()
}

fn line_of(rec: &csv::StringRecord) -> u64 {
    rec.position().map_or(0, |p| p.line())
}

fn open(path: &Path) -> Result<std::fs::File, AnalysisError> {
    std::fs::File::open(path).map_err(|source| AnalysisError::Io { path: path.to_path_buf(), source })
}

impl VoteData {
    /// Reads the roll-call file and the votes file.
    pub fn read_files(votes: &Path, roll_calls: &Path) -> Result<VoteData, AnalysisError> {
        let mut data = VoteData::default();
        data.read_roll_calls(open(roll_calls)?, roll_calls)?;
        data.read_votes(open(votes)?, votes)?;
        Ok(data)
    }

    /// Reads roll calls (`rcid,session,importantvote,date,…`) from `r`;
    /// `path` names the input in errors. The first malformed row is an error
    /// with its line number.
    pub fn read_roll_calls<R: Read>(&mut self, r: R, path: &Path) -> Result<(), AnalysisError> {
        let mut rdr = reader(r);
        let cols = columns(&mut rdr, path, &["rcid", "session", "importantvote", "date"])?;
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                bad(path, line, format!("unreadable row: {e}"))
            })?;
            let line = line_of(&rec);
            let field = |i: usize| rec.get(cols[i]).map(str::trim);
            let get = |i: usize, what: &str| field(i).ok_or_else(|| bad(path, line, format!("missing field `{what}`")));
            let rcid_s = get(0, "rcid")?;
            let rcid = whole(rcid_s).ok_or_else(|| bad(path, line, format!("rcid `{rcid_s}` is not a whole number")))?;
            let session_s = get(1, "session")?;
            let session =
                whole(session_s).ok_or_else(|| bad(path, line, format!("session `{session_s}` is not a whole number")))?;
            let important = match field(2).unwrap_or("") {
                "" | "0" | "0.0" => false,
                "1" | "1.0" => true,
                other => return Err(bad(path, line, format!("importantvote `{other}` is not 0, 1 or empty"))),
            };
            let date_s = get(3, "date")?;
            let date: Date = date_s
                .parse()
                .map_err(|e| bad(path, line, format!("date `{date_s}` is not a YYYY-MM-DD date: {e}")))?;
            if self.roll_calls.insert(rcid, RollCall { rcid, session, date, important }).is_some() {
                return Err(bad(path, line, format!("roll call {rcid} appears twice")));
            }
        }
        Ok(())
    }

    /// Reads votes (`rcid,country,country_code,vote`) from `r`; roll calls
    /// must be read first (a vote in an unknown roll call is an error). Votes
    /// recorded as absent / not voting are skipped, as the dyad measures
    /// exclude them anyway.
    pub fn read_votes<R: Read>(&mut self, r: R, path: &Path) -> Result<(), AnalysisError> {
        let mut rdr = reader(r);
        let cols = columns(&mut rdr, path, &["rcid", "country", "country_code", "vote"])?;
        let mut by_iso2: HashMap<String, &'static str> = HashMap::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                bad(path, line, format!("unreadable row: {e}"))
            })?;
            let line = line_of(&rec);
            let get = |i: usize, what: &str| {
                rec.get(cols[i]).map(str::trim).ok_or_else(|| bad(path, line, format!("missing field `{what}`")))
            };
            let rcid_s = get(0, "rcid")?;
            let rcid = whole(rcid_s).ok_or_else(|| bad(path, line, format!("rcid `{rcid_s}` is not a whole number")))?;
            if !self.roll_calls.contains_key(&rcid) {
                return Err(bad(path, line, format!("roll call {rcid} is not in the roll-call file")));
            }
            let name = get(1, "country")?;
            let code = get(2, "country_code")?;
            let iso3 = if code.is_empty() {
                country::iso3_for_name(name)
                    .ok_or_else(|| bad(path, line, format!("country `{name}` has no country_code and is not a known former state")))?
            } else if let Some(i) = by_iso2.get(code) {
                i
            } else {
                let i = country::iso3_for_iso2(code)
                    .ok_or_else(|| bad(path, line, format!("unknown ISO2 country code `{code}` ({name})")))?;
                by_iso2.insert(code.to_owned(), i);
                i
            };
            let vote_s = get(3, "vote")?;
            let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(vote_s));
            let vote = if is(&["yes", "y", "1"]) {
                Vote::Yes
            } else if is(&["abstain", "a", "2"]) {
                Vote::Abstain
            } else if is(&["no", "n", "3"]) {
                Vote::No
            } else if is(&["absent", "not voting", "non-voting", "8", "9"]) {
                continue;
            } else {
                return Err(bad(path, line, format!("vote `{vote_s}` is not yes, no or abstain")));
            };
            if !self.votes.contains_key(iso3) {
                self.votes.insert(iso3.to_owned(), HashMap::new());
            }
            let prev = self.votes.get_mut(iso3).and_then(|m| m.insert(rcid, vote));
            if prev.is_some_and(|p| p != vote) {
                return Err(bad(path, line, format!("{iso3} has two different votes in roll call {rcid}")));
            }
        }
        Ok(())
    }

    /// The period numbers present in the roll calls, ascending.
    pub fn periods(&self, by: VotePeriod) -> Vec<u32> {
        let mut p: Vec<u32> = self.roll_calls.values().map(|rc| by.of(rc)).collect();
        p.sort_unstable();
        p.dedup();
        p
    }

    /// Whether the data has any vote of `iso3`.
    pub fn has_country(&self, iso3: &str) -> bool {
        self.votes.contains_key(iso3)
    }

    /// Affinity of `a` and `b` per period (every period of the data, `n = 0`
    /// where they never both voted), optionally restricted to important votes.
    pub fn affinity_series(&self, a: &str, b: &str, by: VotePeriod, important_only: bool) -> Vec<(u32, Affinity)> {
        let empty = HashMap::new();
        let va = self.votes.get(a).unwrap_or(&empty);
        let vb = self.votes.get(b).unwrap_or(&empty);
        let mut pairs: BTreeMap<u32, Vec<(Vote, Vote)>> = self.periods(by).into_iter().map(|p| (p, Vec::new())).collect();
        for (rcid, rc) in &self.roll_calls {
            if important_only && !rc.important {
                continue;
            }
            if let (Some(x), Some(y)) = (va.get(rcid), vb.get(rcid)) {
                pairs.entry(by.of(rc)).or_default().push((*x, *y));
            }
        }
        pairs.into_iter().map(|(p, v)| (p, affinity(&v))).collect()
    }

    /// Rows for every pair of `countries` (in the order given) and period in
    /// `from..=to` (session numbers or years).
    pub fn affinity_table(
        &self,
        countries: &[&str],
        by: VotePeriod,
        from: Option<u32>,
        to: Option<u32>,
        important_only: bool,
    ) -> Vec<AffinityRow> {
        let mut rows = Vec::new();
        for (i, a) in countries.iter().enumerate() {
            for b in &countries[i + 1..] {
                for (period, aff) in self.affinity_series(a, b, by, important_only) {
                    if from.is_some_and(|f| period < f) || to.is_some_and(|t| period > t) {
                        continue;
                    }
                    rows.push(AffinityRow { period, a: (*a).to_owned(), b: (*b).to_owned(), affinity: aff });
                }
            }
        }
        rows.sort_by_key(|r| r.period);
        rows
    }
}

/// Convenience for tests and callers with in-memory text: reads both tables
/// from strings, naming them `votes_name` / `roll_calls_name` in errors.
pub fn read_str(votes: &str, votes_name: &str, roll_calls: &str, roll_calls_name: &str) -> Result<VoteData, AnalysisError> {
    let mut data = VoteData::default();
    data.read_roll_calls(roll_calls.as_bytes(), &PathBuf::from(roll_calls_name))?;
    data.read_votes(votes.as_bytes(), &PathBuf::from(votes_name))?;
    Ok(data)
}
