//! Read-only queries for the alignment analytics (`faultline dyad`,
//! `triangle`): the `dyad_month` rows a set of states appears in.

use crate::aggregate::{DyadMonth, DYAD_COLUMNS};
use crate::error::StoreError;
use crate::store::Store;

/// Every `dyad_month` row whose source or target is one of `countries`
/// (ISO3), optionally limited to months `from..=to` (`YYYY-MM`), ordered by
/// month. These are the cells of the states' own dyads *and* of their
/// dyads with everyone else, which the analytics need for the
/// per-1,000-events normalisation — still a small fraction of the table,
/// read through the primary key and the `month` index.
pub fn dyad_months_involving(
    store: &Store,
    countries: &[&str],
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Vec<DyadMonth>, StoreError> {
    if countries.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; countries.len()].join(", ");
    let sql = format!(
        "SELECT {DYAD_COLUMNS} FROM dyad_month \
         WHERE (source_country IN ({marks}) OR target_country IN ({marks})) \
         AND (?{a} IS NULL OR month >= ?{a}) AND (?{b} IS NULL OR month <= ?{b}) ORDER BY month",
        a = 2 * countries.len() + 1,
        b = 2 * countries.len() + 2,
    );
    let mut params: Vec<Option<&str>> = countries.iter().chain(countries).map(|c| Some(*c)).collect();
    params.push(from);
    params.push(to);
    let mut stmt = store.conn().prepare(&sql).map_err(|e| store.err(e))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params), DyadMonth::from_row)
        .map_err(|e| store.err(e))?;
    rows.collect::<Result<_, _>>().map_err(|e| store.err(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ActorRow, EventRow};
    use faultline_ontology::Ontology;

    #[test]
    fn rows_of_the_states_and_their_other_dyads() {
        let mut store = Store::open_in_memory().unwrap();
        let ont = Ontology::builtin();
        let mut rows = Vec::new();
        for (i, (d, s, t)) in [("2020-01-05", "CHN", "RUS"), ("2020-02-05", "RUS", "UKR"), ("2020-03-05", "USA", "IND"), ("2020-04-05", "CHN", "RUS")]
            .into_iter()
            .enumerate()
        {
            let mut e = EventRow::imported("icews", i.to_string(), "042".parse().unwrap(), ont);
            e.date = Some(d.parse().unwrap());
            e.source = ActorRow { code: s.into(), country: Some(s.into()), ..ActorRow::default() };
            e.target = ActorRow { code: t.into(), country: Some(t.into()), ..ActorRow::default() };
            rows.push(e);
        }
        store.insert_events(&rows).unwrap();
        let got = dyad_months_involving(&store, &["CHN", "RUS"], None, None).unwrap();
        let months: Vec<&str> = got.iter().map(|r| r.month.as_str()).collect();
        assert_eq!(months, ["2020-01", "2020-02", "2020-04"]);
        let got = dyad_months_involving(&store, &["CHN", "RUS"], Some("2020-02"), Some("2020-03")).unwrap();
        assert_eq!((got.len(), got[0].target.as_str()), (1, "UKR"));
        assert!(dyad_months_involving(&store, &[], None, None).unwrap().is_empty());
    }
}
