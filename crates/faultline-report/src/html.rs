//! The single-file HTML report: every chart inline as SVG, the tables
//! behind them, and the rift alerts with their evidence sentences — one
//! file that opens anywhere with no network access (no scripts, fonts,
//! images or style sheets are fetched; CSS is inline).

use std::collections::BTreeMap;
use std::fmt::Write;

use faultline_analysis::changepoint::{pelt, PeltOptions};
use faultline_analysis::gap::gap_series;
use faultline_analysis::render::num;
use faultline_analysis::rifts::{RiftAlert, Trigger};
use faultline_analysis::triangle::{Timeline, DYADS};
use faultline_analysis::votes::AffinityRow;
use faultline_analysis::DyadSeries;

use crate::charts::{dyad_chart, gap_chart, series_change_points, timeline_chart, timeline_change_points, triangle_chart, votes_chart};
use crate::svg::esc;
use crate::{Chart, ReportError};

/// One dyad of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct DyadSection {
    /// The series drawn (the report's period, e.g. months).
    pub series: DyadSeries,
    /// The same dyad per year, for the tables (a table per month over a
    /// decade would bury the reader).
    pub yearly: DyadSeries,
}

/// The vote-affinity part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct VotesSection {
    /// Rows for every pair and period.
    pub rows: Vec<AffinityRow>,
    /// `session` or `year`.
    pub period_name: String,
}

/// Where an evidence sentence comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Document id.
    pub doc_id: Option<String>,
    /// Document date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Document title, when stored.
    pub title: Option<String>,
    /// The evidence sentence.
    pub sentence: Option<String>,
    /// Byte range of the event's trigger inside `sentence`, when known.
    pub trigger: Option<(usize, usize)>,
}

/// Finds the trigger inside its sentence: first at the stored offset
/// (`relative_start`, the trigger's document offset minus the sentence's),
/// checking that the text there really is the trigger — offsets point at
/// the original bytes, which differ from the cleaned sentence when the
/// source had markup or curly quotes — then by the first case-insensitive
/// occurrence of the trigger text. `None` when neither finds it.
pub fn locate_trigger(sentence: &str, trigger: &str, relative_start: Option<i64>) -> Option<(usize, usize)> {
    if trigger.is_empty() {
        return None;
    }
    if let Some(start) = relative_start.and_then(|s| usize::try_from(s).ok()) {
        let end = start + trigger.len();
        if sentence.get(start..end).is_some_and(|t| t == trigger) {
            return Some((start, end));
        }
    }
    let lower = sentence.to_lowercase();
    // Lower-casing can change byte lengths (rare outside ASCII): only trust
    // a match when the two strings stay aligned.
    if lower.len() != sentence.len() {
        return sentence.find(trigger).map(|s| (s, s + trigger.len()));
    }
    lower.find(&trigger.to_lowercase()).map(|s| (s, s + trigger.len())).filter(|(s, e)| sentence.is_char_boundary(*s) && sentence.is_char_boundary(*e))
}

/// The rift-alert part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RiftSection {
    /// The states watched.
    pub actors: Vec<String>,
    /// The alerts.
    pub alerts: Vec<RiftAlert>,
    /// Evidence documents by event id.
    pub evidence: BTreeMap<String, Evidence>,
}

/// Everything a report shows. Sections that are `None` or empty are left
/// out (with a note), so a report of a store without, say, vote data is
/// still complete about what it has.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The heading.
    pub title: String,
    /// Generation facts shown under the heading (database, period,
    /// filters…). No wall-clock time unless the caller adds one, so the
    /// same data gives the same bytes.
    pub info: Vec<(String, String)>,
    /// Dyad series.
    pub dyads: Vec<DyadSection>,
    /// UN vote affinity.
    pub votes: Option<VotesSection>,
    /// The strategic triangle.
    pub triangle: Option<Timeline>,
    /// Rift alerts.
    pub rifts: Option<RiftSection>,
}

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 0 auto; max-width: 1000px; padding: 1.5rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #1d3557; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin-top: 1.8rem; }
dl.info { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem; color: #444; }
dl.info dt { font-weight: bold; }
nav ul { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; list-style: none; }
figure.chart { margin: 1rem 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #555; }
table { border-collapse: collapse; font-size: .82rem; margin: .8rem 0; }
th, td { border: 1px solid #d0d0d0; padding: .2rem .45rem; text-align: right; }
th { background: #f1f5f9; }
td.l, th.l { text-align: left; }
.note { color: #555; font-style: italic; }
article.rift { border-left: 4px solid #c62828; padding: .3rem 1rem; margin: 1.2rem 0; background: #fffafa; }
ol.evidence li { margin: .6rem 0; }
blockquote { margin: .3rem 0; padding: .3rem .7rem; background: #f8f8f8; border-left: 3px solid #bbb; }
mark { background: #ffe066; padding: 0 .1rem; }
.doc { font-size: .82rem; color: #555; }
.pos { color: #2e7d32; font-weight: bold; } .neg { color: #c62828; font-weight: bold; } .amb { color: #777; }
footer { margin-top: 3rem; font-size: .8rem; color: #777; }
"#;

fn figure(out: &mut String, id: &str, chart: &Chart, caption: &str) {
    let _ = write!(out, "<figure class=\"chart\" id=\"{}\">\n{}<figcaption>{}</figcaption>\n</figure>\n", esc(id), chart.svg, esc(caption));
}

fn table(out: &mut String, header: &[&str], rows: &[Vec<String>], left_cols: usize) {
    out.push_str("<table>\n<thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", if i < left_cols { " class=\"l\"" } else { "" }, esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        out.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", if i < left_cols { " class=\"l\"" } else { "" }, esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn dyad_id(s: &DyadSeries) -> String {
    format!("{}-{}", s.dyad.a, s.dyad.b)
}

/// `−` for negative numbers in prose, as typeset.
fn signed(v: f64) -> String {
    format!("{v:.2}").replace('-', "−")
}

impl Report {
    /// The charts of the report, each with the id of its `<figure>`:
    /// `dyad-A-B` and `gap-A-B` per dyad, `votes`, `triangle` (the last
    /// period) and `timeline`. The dashboard and the tests use the same ids.
    pub fn charts(&self) -> Result<Vec<(String, Chart)>, ReportError> {
        let mut charts = Vec::new();
        for d in &self.dyads {
            if d.series.points.is_empty() {
                continue;
            }
            let cps = series_change_points(&d.series);
            charts.push((format!("dyad-{}", dyad_id(&d.series)), dyad_chart(&d.series, &cps)?));
            charts.push((format!("gap-{}", dyad_id(&d.series)), gap_chart(&d.series, &cps)?));
        }
        if let Some(v) = self.votes.as_ref().filter(|v| !v.rows.is_empty()) {
            charts.push(("votes".into(), votes_chart(&v.rows, &v.period_name)?));
        }
        if let Some(tl) = self.triangle.as_ref().filter(|t| !t.points.is_empty()) {
            charts.push(("triangle".into(), triangle_chart(tl, tl.points.len() - 1)?));
            charts.push(("timeline".into(), timeline_chart(tl, &timeline_change_points(tl))?));
        }
        Ok(charts)
    }

    /// The complete HTML document.
    pub fn to_html(&self) -> Result<String, ReportError> {
        let charts: BTreeMap<String, Chart> = self.charts()?.into_iter().collect();
        let mut o = String::with_capacity(1 << 20);
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<dl class=\"info\">\n",
            esc(&self.title),
            esc(&self.title)
        );
        for (k, v) in &self.info {
            let _ = writeln!(o, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
        }
        o.push_str("</dl>\n<nav><ul><li><a href=\"#dyads\">Dyad series</a></li><li><a href=\"#gap\">Says vs does</a></li>");
        if self.votes.is_some() {
            o.push_str("<li><a href=\"#votes\">UN votes</a></li>");
        }
        o.push_str("<li><a href=\"#triangle\">Triangle</a></li><li><a href=\"#change-points\">Change points</a></li><li><a href=\"#rifts\">Rift alerts</a></li></ul></nav>\n</header>\n");

        self.dyads_html(&mut o, &charts);
        self.gap_html(&mut o, &charts);
        self.votes_html(&mut o, &charts);
        self.triangle_html(&mut o, &charts);
        self.change_points_html(&mut o);
        self.rifts_html(&mut o);
        let _ = write!(
            o,
            "<footer>Written by Faultline {} — measure what states do, not what they say. This file is self-contained: it loads nothing from the network.</footer>\n</body>\n</html>\n",
            env!("CARGO_PKG_VERSION")
        );
        Ok(o)
    }

    fn dyads_html(&self, o: &mut String, charts: &BTreeMap<String, Chart>) {
        o.push_str("<section id=\"dyads\">\n<h2>Dyad series</h2>\n<p>Net cooperation is the mean Goldstein score of the events between the two states in each period (−10 war … +10 the closest cooperation); the bars count the events by quad class. Dashed purple lines mark change points in net cooperation.</p>\n");
        if self.dyads.is_empty() {
            o.push_str("<p class=\"note\">No dyads requested.</p>\n");
        }
        for d in &self.dyads {
            let id = dyad_id(&d.series);
            let _ = writeln!(o, "<h3 id=\"dyad-{0}-table\">{1}–{2}</h3>", esc(&id), esc(&d.series.dyad.a), esc(&d.series.dyad.b));
            match charts.get(&format!("dyad-{id}")) {
                Some(c) => figure(o, &format!("dyad-{id}"), c, "Line: mean Goldstein score per period (net cooperation); bars: events per quad class; dashed purple: change points."),
                None => o.push_str("<p class=\"note\">No events in the selected range.</p>\n"),
            }
            let rows: Vec<Vec<String>> = d
                .yearly
                .points
                .iter()
                .map(|p| {
                    let t = &p.tally;
                    vec![
                        p.period.label(),
                        t.n.to_string(),
                        t.quad[0].to_string(),
                        t.quad[1].to_string(),
                        t.quad[2].to_string(),
                        t.quad[3].to_string(),
                        num(p.goldstein_mean, 2, "–"),
                        num(p.events_per_1000, 1, "–"),
                    ]
                })
                .collect();
            if !rows.is_empty() {
                table(o, &["year", "events", "verbal coop.", "material coop.", "verbal conflict", "material conflict", "mean Goldstein", "per 1,000 events"], &rows, 1);
            }
        }
        o.push_str("</section>\n");
    }

    fn gap_html(&self, o: &mut String, charts: &BTreeMap<String, Chart>) {
        o.push_str("<section id=\"gap\">\n<h2>Says vs does</h2>\n<p>Verbal cooperation (statements, consultations, promises) against material cooperation (aid, loans, deals), and the same for conflict. Gap = (verbal − material)/(verbal + material): +1 is all words, −1 all deeds.</p>\n");
        for d in &self.dyads {
            let id = dyad_id(&d.series);
            let _ = writeln!(o, "<h3>{}–{}</h3>", esc(&d.series.dyad.a), esc(&d.series.dyad.b));
            match charts.get(&format!("gap-{id}")) {
                Some(c) => figure(o, &format!("gap-{id}"), c, "Bars: events per period, words (light) against deeds (dark); bottom panel: the gap indices."),
                None => o.push_str("<p class=\"note\">No events in the selected range.</p>\n"),
            }
            let (points, total) = gap_series(&d.yearly);
            if points.is_empty() {
                continue;
            }
            let rows: Vec<Vec<String>> = points
                .iter()
                .map(|p| (p.period.label(), p.gap))
                .chain(std::iter::once(("total".to_owned(), total)))
                .map(|(l, g)| {
                    vec![
                        l,
                        g.verbal_coop.to_string(),
                        g.material_coop.to_string(),
                        num(g.coop_gap, 2, "–"),
                        g.verbal_conflict.to_string(),
                        g.material_conflict.to_string(),
                        num(g.conflict_gap, 2, "–"),
                    ]
                })
                .collect();
            table(o, &["year", "verbal coop.", "material coop.", "coop. gap", "verbal conflict", "material conflict", "conflict gap"], &rows, 1);
        }
        o.push_str("</section>\n");
    }

    fn votes_html(&self, o: &mut String, charts: &BTreeMap<String, Chart>) {
        let Some(v) = &self.votes else { return };
        o.push_str("<section id=\"votes\">\n<h2>UN General Assembly votes</h2>\n<p>Agreement of each pair's votes on the roll calls where both voted yes, no or abstain. S is Signorino–Ritter's similarity; κ (Cohen) and π (Scott) correct it for the agreement expected by chance.</p>\n");
        match charts.get("votes") {
            Some(c) => figure(o, "votes", c, "S, κ and π per period; only roll calls where both states voted yes, no or abstain count."),
            None => o.push_str("<p class=\"note\">No roll calls for these states.</p>\n"),
        }
        let rows: Vec<Vec<String>> = v
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.period.to_string(),
                    format!("{}–{}", r.a, r.b),
                    r.affinity.n.to_string(),
                    num(r.affinity.s, 3, "–"),
                    num(r.affinity.kappa, 3, "–"),
                    num(r.affinity.pi, 3, "–"),
                ]
            })
            .collect();
        table(o, &[v.period_name.as_str(), "pair", "roll calls", "S", "κ", "π"], &rows, 2);
        o.push_str("</section>\n");
    }

    fn triangle_html(&self, o: &mut String, charts: &BTreeMap<String, Chart>) {
        o.push_str("<section id=\"triangle\">\n<h2>Strategic triangle</h2>\n");
        let Some(tl) = &self.triangle else {
            o.push_str("<p class=\"note\">No triangle requested.</p>\n</section>\n");
            return;
        };
        let _ = writeln!(
            o,
            "<p>Each tie's score (mean Goldstein of its events) is standardised, z = (score − {}) / {}; a tie is positive above z = +dead band, negative below −dead band, ambiguous inside or without events. Dittmer's configurations follow from the three signs.</p>",
            num(Some(tl.centre), 3, "0"),
            num(Some(tl.scale), 3, "1")
        );
        if let Some(c) = charts.get("triangle") {
            figure(o, "triangle", c, &format!("The latest period, {}.", tl.points.last().map_or("", |p| p.period.as_str())));
        }
        if let Some(c) = charts.get("timeline") {
            figure(o, "timeline", c, "Sign of each tie per period (+ green, − red, ? grey), change points (purple bars) and the configuration band.");
        }
        if tl.points.is_empty() {
            o.push_str("<p class=\"note\">No periods.</p>\n</section>\n");
            return;
        }
        let act = &tl.actors;
        let mut header: Vec<String> = vec!["period".into()];
        for (i, j) in DYADS {
            header.push(format!("{}–{}", act[i], act[j]));
        }
        header.push("configuration".into());
        header.extend(act.iter().cloned());
        let rows: Vec<Vec<String>> = tl
            .points
            .iter()
            .map(|p| {
                let mut r = vec![p.period.clone()];
                for d in 0..3 {
                    r.push(format!("{} {}", p.signs[d].symbol(), num(p.scores[d], 2, "–")));
                }
                r.push(p.configuration.name().to_owned());
                r.extend(p.roles.iter().map(|x| x.name().to_owned()));
                r
            })
            .collect();
        let h: Vec<&str> = header.iter().map(String::as_str).collect();
        table(o, &h, &rows, 1);
        if tl.transitions.is_empty() {
            o.push_str("<p>No change of configuration.</p>\n");
        } else {
            o.push_str("<h3>Transitions</h3>\n<ul>\n");
            for t in &tl.transitions {
                let _ = writeln!(o, "<li>{}: {} → {}</li>", esc(&t.period), esc(t.from.name()), esc(t.to.name()));
            }
            o.push_str("</ul>\n");
        }
        o.push_str("</section>\n");
    }

    fn change_points_html(&self, o: &mut String) {
        o.push_str("<section id=\"change-points\">\n<h2>Change points</h2>\n<p>Shifts in the mean level of net cooperation found by PELT (penalty 2 ln n) over the periods with events.</p>\n");
        let mut rows = Vec::new();
        let mut series: Vec<(String, Vec<String>, Vec<Option<f64>>)> =
            self.dyads.iter().map(|d| (format!("{}–{}", d.series.dyad.a, d.series.dyad.b), d.series.points.iter().map(|p| p.period.label()).collect(), d.series.means())).collect();
        if let Some(tl) = &self.triangle {
            for (d, (i, j)) in DYADS.iter().enumerate() {
                let name = format!("{}–{} (triangle)", tl.actors[*i], tl.actors[*j]);
                series.push((name, tl.points.iter().map(|p| p.period.clone()).collect(), tl.points.iter().map(|p| p.scores[d]).collect()));
            }
        }
        for (name, labels, values) in &series {
            let present: Vec<(usize, f64)> = values.iter().enumerate().filter_map(|(i, v)| v.filter(|x| x.is_finite()).map(|v| (i, v))).collect();
            let x: Vec<f64> = present.iter().map(|p| p.1).collect();
            let seg = pelt(&x, &PeltOptions::default());
            for (k, &c) in seg.changes.iter().enumerate() {
                let (Some(before), Some(after)) = (seg.means.get(k), seg.means.get(k + 1)) else { continue };
                let Some(label) = present.get(c).and_then(|p| labels.get(p.0)) else { continue };
                rows.push(vec![name.clone(), label.clone(), signed(*before), signed(*after), if after < before { "down" } else { "up" }.to_owned()]);
            }
        }
        if rows.is_empty() {
            o.push_str("<p class=\"note\">No change points.</p>\n");
        } else {
            table(o, &["series", "from period", "level before", "level after", "shift"], &rows, 2);
        }
        o.push_str("</section>\n");
    }

    fn rifts_html(&self, o: &mut String) {
        o.push_str("<section id=\"rifts\">\n<h2>Rift alerts</h2>\n<p>A partnership whose net cooperation drops while a third state keeps its ties to both partners — the moment that third state could drive a wedge. Each alert lists the events that pulled the score down most, with the sentence that reports them.</p>\n");
        let Some(r) = &self.rifts else {
            o.push_str("<p class=\"note\">Rift alerts need at least three states.</p>\n</section>\n");
            return;
        };
        if r.alerts.is_empty() {
            let _ = writeln!(o, "<p class=\"note\">No rift alerts among {}.</p>", esc(&r.actors.join(", ")));
        }
        for (k, a) in r.alerts.iter().enumerate() {
            let d = &a.drop;
            let how = match d.trigger {
                Trigger::ChangePoint => "change point",
                Trigger::Threshold => "drop beyond the threshold",
            };
            let _ = writeln!(
                o,
                "<article class=\"rift\" id=\"rift-{}\">\n<h3>{}: {}–{} cooling, {} holds with both</h3>\n<p>Net cooperation fell from <b>{}</b> to <b>{}</b> ({}; window {} to {}). {}–{}: {} → {}; {}–{}: {} → {}.</p>",
                k + 1,
                esc(&d.period.label()),
                esc(&d.dyad.a),
                esc(&d.dyad.b),
                esc(&a.third.actor),
                signed(d.before),
                signed(d.after),
                how,
                esc(&d.window_start.label()),
                esc(&d.window_end.label()),
                esc(&a.third.actor),
                esc(&d.dyad.a),
                signed(a.third.with_a.0),
                signed(a.third.with_a.1),
                esc(&a.third.actor),
                esc(&d.dyad.b),
                signed(a.third.with_b.0),
                signed(a.third.with_b.1),
            );
            if a.evidence.is_empty() {
                o.push_str("<p class=\"note\">No coded events in the window carry evidence.</p>\n");
            } else {
                o.push_str("<ol class=\"evidence\">\n");
                for m in &a.evidence {
                    let e = &m.event;
                    let ev = r.evidence.get(&e.id);
                    let _ = writeln!(
                        o,
                        "<li><span class=\"event\">{} {}→{} CAMEO {} · Goldstein {} · pull {}</span>",
                        e.date,
                        esc(&e.source),
                        esc(&e.target),
                        esc(&e.cameo),
                        num(e.goldstein, 1, "–").replace('-', "−"),
                        signed(m.pull)
                    );
                    let sentence = ev.and_then(|v| v.sentence.as_deref()).or(e.evidence.as_deref());
                    match sentence {
                        Some(s) => {
                            let _ = writeln!(o, "<blockquote class=\"sentence\">{}</blockquote>", highlight(s, ev.and_then(|v| v.trigger)));
                        }
                        None => o.push_str("<p class=\"note\">(no evidence text stored)</p>\n"),
                    }
                    let doc_id = ev.and_then(|v| v.doc_id.as_deref()).or(e.doc_id.as_deref());
                    let mut doc = format!("document <code>{}</code>", esc(doc_id.unwrap_or("(none)")));
                    if let Some(date) = ev.and_then(|v| v.date.as_deref()) {
                        let _ = write!(doc, " · {}", esc(date));
                    }
                    if let Some(title) = ev.and_then(|v| v.title.as_deref()) {
                        let _ = write!(doc, " · “{}”", esc(title));
                    }
                    let _ = write!(doc, " · event <code>{}</code>", esc(&e.id));
                    let _ = writeln!(o, "<p class=\"doc\">{doc}</p></li>");
                }
                o.push_str("</ol>\n");
            }
            o.push_str("</article>\n");
        }
        o.push_str("</section>\n");
    }
}

/// The sentence, escaped, with the trigger wrapped in `<mark>` when its
/// range is valid for this sentence.
fn highlight(sentence: &str, trigger: Option<(usize, usize)>) -> String {
    match trigger {
        Some((s, e)) if s < e && sentence.get(s..e).is_some() => {
            format!("{}<mark>{}</mark>{}", esc(&sentence[..s]), esc(&sentence[s..e]), esc(&sentence[e..]))
        }
        _ => esc(sentence),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_are_found_by_offset_or_text() {
        let s = "Russia and China vetoed a draft resolution.";
        assert_eq!(locate_trigger(s, "vetoed", Some(17)), Some((17, 23)));
        // A stale offset falls back to the text.
        assert_eq!(locate_trigger(s, "vetoed", Some(3)), Some((17, 23)));
        assert_eq!(locate_trigger(s, "Vetoed", None), Some((17, 23)));
        assert_eq!(locate_trigger(s, "signed", None), None);
        assert_eq!(locate_trigger(s, "", Some(0)), None);
        assert_eq!(locate_trigger("é vetoed", "vetoed", Some(-4)), Some((3, 9)));
    }

    #[test]
    fn highlighting_escapes_and_checks_ranges() {
        assert_eq!(highlight("a <b> c", Some((2, 5))), "a <mark>&lt;b&gt;</mark> c");
        assert_eq!(highlight("é", Some((0, 1))), "é"); // not a char boundary
        assert_eq!(highlight("x & y", None), "x &amp; y");
    }
}
