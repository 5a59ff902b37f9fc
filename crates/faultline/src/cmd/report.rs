//! `faultline report`: one self-contained HTML file with every chart
//! (inline SVG), the tables behind them, and the rift alerts with their
//! evidence sentences and documents. The page is built by
//! `faultline-report`; this module loads the data from the store.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use faultline_analysis::rifts::{find_rifts, RiftOptions};
use faultline_analysis::{Dyad, DyadTable, Period};
use faultline_report::html::{locate_trigger, DyadSection, Evidence, RiftSection, VotesSection};
use faultline_report::Report;

use super::dyad::{countries, load_table, StoreArgs};
use super::votes::{ByArg, VoteFiles};

/// Arguments.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The report opens in any browser with no network access: charts are inline SVG, styles inline CSS,
and nothing is fetched. The same data gives the same bytes (there is no timestamp in the page).

Examples:
  faultline report --db demo.db --period year -o report.html
  faultline report --db events.db --triangle USA,CHN,RUS --dyads CHN-RUS,USA-CHN -o report.html
  faultline report --db events.db --votes votes.csv --roll-calls roll_calls.csv -o report.html")]
pub struct Args {
    #[command(flatten)]
    store: StoreArgs,
    /// The strategic triangle (three ISO3 codes); its states are also watched for rifts.
    #[arg(long, value_name = "A,B,C", value_delimiter = ',', default_value = "USA,CHN,RUS")]
    triangle: Vec<String>,
    /// Dyads to chart, e.g. CHN-RUS,USA-CHN (default: the triangle's three pairs).
    #[arg(long, value_name = "A-B,…", value_delimiter = ',')]
    dyads: Vec<String>,
    #[command(flatten)]
    vote_files: VoteFiles,
    /// The report's title.
    #[arg(long, default_value = "Faultline report")]
    title: String,
    /// Output HTML file.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// Evidence documents for the given event ids: document id, date, title,
/// the sentence, and where the trigger sits in it.
fn evidence(db: &std::path::Path, ids: &[String]) -> anyhow::Result<BTreeMap<String, Evidence>> {
    let store = super::events::open_read_only(db)?;
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT e.doc_id, e.trigger_text, e.trigger_start, s.start, s.text, d.title, d.date \
             FROM events AS e \
             LEFT JOIN sentences AS s ON e.provenance = 'faultline' AND s.doc_id = e.doc_id AND s.idx = e.sentence \
             LEFT JOIN documents AS d ON d.id = e.doc_id \
             WHERE e.event_id = ?1 ORDER BY e.id LIMIT 1",
        )
        .with_context(|| format!("querying evidence in {}", db.display()))?;
    let mut out = BTreeMap::new();
    for id in ids {
        let mut rows = stmt.query([id]).with_context(|| format!("querying event {id} in {}", db.display()))?;
        if let Some(r) = rows.next()? {
            let trigger_text: Option<String> = r.get(1)?;
            let trigger_start: Option<i64> = r.get(2)?;
            let sentence_start: Option<i64> = r.get(3)?;
            let sentence: Option<String> = r.get(4)?;
            let trigger = match (&sentence, &trigger_text) {
                (Some(s), Some(t)) => locate_trigger(s, t, trigger_start.zip(sentence_start).map(|(t, s)| t - s)),
                _ => None,
            };
            out.insert(
                id.clone(),
                Evidence { doc_id: r.get(0)?, date: r.get(6)?, title: r.get(5)?, sentence, trigger },
            );
        }
    }
    Ok(out)
}

/// Parses `A-B` dyads.
fn parse_dyads(specs: &[String]) -> anyhow::Result<Vec<Dyad>> {
    specs
        .iter()
        .map(|s| {
            let (a, b) = s.trim().split_once('-').ok_or_else(|| anyhow::anyhow!("--dyads: `{s}` is not of the form A-B (e.g. CHN-RUS)"))?;
            Ok(Dyad::new(a, b, false)?)
        })
        .collect()
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tri = countries(&args.triangle)?;
    anyhow::ensure!(tri.len() == 3, "--triangle needs exactly three states, got {}", tri.len());
    let triangle_actors = [tri[0].clone(), tri[1].clone(), tri[2].clone()];
    let dyads = if args.dyads.is_empty() {
        faultline_analysis::triangle::DYADS.iter().map(|(i, j)| Dyad::new(&tri[*i], &tri[*j], false)).collect::<Result<Vec<_>, _>>()?
    } else {
        parse_dyads(&args.dyads)?
    };
    let mut actors: Vec<String> = tri.clone();
    for d in &dyads {
        for x in [&d.a, &d.b] {
            if !actors.contains(x) {
                actors.push(x.clone());
            }
        }
    }
    let (table, events, lo, hi) = load_table(&args.store, &actors)?;
    let span = table.span();
    let (Some(first), Some(last)) = (lo.or(span.map(|s| s.0)), hi.or(span.map(|s| s.1))) else {
        anyhow::bail!("no events among {} in {}", actors.join(", "), args.store.db.display());
    };
    let yearly = DyadTable::from_events(Period::Year, &args.store.filter(), &events);
    let (ylo, yhi) = faultline_analysis::dyad::bounds(Period::Year, Some(first.start()), Some(last.end()));
    let sections: Vec<DyadSection> = dyads
        .iter()
        .map(|d| DyadSection { series: table.series(d, Some(first), Some(last)), yearly: yearly.series(d, ylo, yhi) })
        .collect();
    let timeline = super::plot::triangle_timeline(&table, &triangle_actors, Some(first), Some(last), 0.25, &args.store.db)?;
    let alerts = find_rifts(&table, &actors, first, last, &events, &RiftOptions::default());
    let ids: Vec<String> = alerts.iter().flat_map(|a| a.evidence.iter().map(|m| m.event.id.clone())).collect();
    let evidence = evidence(&args.store.db, &ids)?;
    let votes = if args.vote_files.votes.is_some() || args.vote_files.roll_calls.is_some() {
        let data = args.vote_files.read()?;
        let refs: Vec<&str> = actors.iter().map(String::as_str).collect();
        let rows = data.affinity_table(&refs, args.vote_files.by.into(), None, None, args.vote_files.important);
        let period_name = match args.vote_files.by {
            ByArg::Session => "session",
            ByArg::Year => "year",
        };
        Some(VotesSection { rows, period_name: period_name.into() })
    } else {
        None
    };
    let f = args.store.filter();
    let mut info = vec![
        ("Database".to_owned(), args.store.db.display().to_string()),
        ("Periods".to_owned(), format!("{:?}, {} to {}", Period::from(args.store.period), first.label(), last.label()).to_lowercase()),
        ("States".to_owned(), actors.join(", ")),
        ("Events used".to_owned(), format!("{} kept, dated events involving these states", events.len())),
    ];
    if !f.sectors.is_empty() {
        info.push(("Sectors".into(), f.sectors.join(", ")));
    }
    if !f.modalities.is_empty() {
        info.push(("Modalities".into(), f.modalities.join(", ")));
    }
    if let Some(m) = f.min_sources {
        info.push(("Minimum sources".into(), m.to_string()));
    }
    let report = Report {
        title: args.title.clone(),
        info,
        dyads: sections,
        votes,
        triangle: Some(timeline),
        rifts: Some(RiftSection { actors: actors.clone(), alerts, evidence }),
    };
    let html = report.to_html()?;
    std::fs::write(&args.output, &html).with_context(|| format!("cannot write {}", args.output.display()))?;
    let alerts = report.rifts.as_ref().map_or(0, |r| r.alerts.len());
    eprintln!("faultline: wrote {} ({} KB, {} dyads, {alerts} rift alert(s))", args.output.display(), html.len() / 1024, report.dyads.len());
    Ok(ExitCode::SUCCESS)
}
