//! Server-rendered pages: plain HTML with inline CSS and SVG, no external
//! URLs and no scripts, built on the same [`crate::api`] functions as the
//! JSON routes. Every page is a GET form, so each view has a URL.

use std::fmt::Write;

use faultline_analysis::Period;

use crate::api::{self, EventView};
use crate::data::known_countries;
use crate::error::ApiError;
use crate::query::{parse_query, percent_encode, period_name, Params};
use crate::router::Context;
use faultline_report::charts::{dyad_chart, gap_chart, series_change_points, timeline_chart, timeline_change_points, triangle_chart};
use faultline_report::{Chart, ReportError};

/// Escapes text for HTML content and attribute values (the charts' escaper:
/// control characters, invalid in XML and useless in HTML, are dropped).
pub use faultline_report::svg::esc;

const CSS: &str = r#"
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center}
header a{color:#cfd8e6;text-decoration:none}header a:hover{color:#fff}header b{font-size:17px;margin-right:12px}
main{max-width:1100px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:22px;margin:12px 0}h2{font-size:18px;margin:20px 0 8px}
form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;background:#fff;padding:12px;border:1px solid #dde;border-radius:6px}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:#556}
input,select,button{font:inherit;padding:4px 6px}button{background:#2f5d9e;color:#fff;border:0;border-radius:4px;padding:6px 14px;cursor:pointer}
table{border-collapse:collapse;background:#fff;width:100%;margin:8px 0}th,td{border:1px solid #dde;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
th{background:#eef1f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
.chart{background:#fff;border:1px solid #dde;border-radius:6px;margin:12px 0;padding:8px;overflow-x:auto}.chart svg{max-width:100%;height:auto}
.card{background:#fff;border:1px solid #dde;border-left:4px solid #c0392b;border-radius:6px;padding:10px 14px;margin:12px 0}
.muted{color:#667}.err{background:#fdecea;border:1px solid #e5a29b;padding:10px 14px;border-radius:6px}
mark{background:#ffe27a;padding:0 1px}mark a{color:inherit;text-decoration:none}
p.sentence{background:#fff;padding:6px 10px;border:1px solid #eef;border-radius:4px;margin:4px 0}
td:first-child{white-space:nowrap}
tr:target,p.sentence:target{outline:3px solid #2f5d9e;background:#e8f0fc}
.pos{color:#1e7b34}.neg{color:#b02a1e}.pager{display:flex;gap:16px;margin:8px 0}
"#;

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{t} · Faultline</title><style>{CSS}</style></head><body><header><b>Faultline</b>\
         <a href=\"/\">Overview</a><a href=\"/dyad\">Dyads</a><a href=\"/triangle\">Triangle</a><a href=\"/events\">Events</a>\
         <a href=\"/rifts\">Rift alerts</a><a href=\"/api/openapi.json\">API</a></header><main>{body}</main></body></html>",
        t = esc(title)
    )
}

/// The page shown for a failed page request.
pub fn error_page(e: &ApiError) -> String {
    layout("Error", &format!("<h1>Error {}</h1><p class=\"err\" id=\"error\">{}</p>", e.status, esc(&e.message)))
}

/// The link to a document, with an optional fragment.
pub fn document_href(doc_id: &str, fragment: Option<&str>) -> String {
    let mut s = format!("/documents/{}", percent_encode(doc_id, true));
    if let Some(f) = fragment {
        s.push('#');
        s.push_str(f);
    }
    s
}

/// The HTML id of an event's row in its document view: the event id with
/// anything outside `[A-Za-z0-9:._-]` replaced, so it needs no escaping in
/// a fragment.
pub fn event_anchor(event_id: &str) -> String {
    let clean: String = event_id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '_' | '-') { c } else { '_' }).collect();
    format!("ev-{clean}")
}

fn num(v: Option<f64>, d: usize) -> String {
    faultline_analysis::render::num(v, d, "–")
}

fn signed(v: Option<f64>, d: usize) -> String {
    match v {
        Some(x) if x > 0.0 => format!("<span class=\"pos\">{}</span>", num(v, d)),
        Some(x) if x < 0.0 => format!("<span class=\"neg\">{}</span>", num(v, d)),
        _ => num(v, d),
    }
}

fn options(list: &[String], selected: &str) -> String {
    list.iter()
        .map(|c| format!("<option value=\"{c}\"{}>{c}</option>", if c == selected { " selected" } else { "" }, c = esc(c)))
        .collect()
}

fn period_select(selected: Period) -> String {
    let opts: String = [Period::Week, Period::Month, Period::Quarter, Period::Year]
        .iter()
        .map(|p| format!("<option value=\"{n}\"{}>{n}</option>", if *p == selected { " selected" } else { "" }, n = period_name(*p)))
        .collect();
    format!("<label>period<select name=\"period\">{opts}</select></label>")
}

fn date_inputs(p: &Params) -> String {
    format!(
        "<label>from<input type=\"date\" name=\"from\" value=\"{}\"></label><label>to<input type=\"date\" name=\"to\" value=\"{}\"></label>",
        esc(p.get("from").unwrap_or("")),
        esc(p.get("to").unwrap_or(""))
    )
}

/// A chart from `faultline-report`, inline; a chart that cannot be drawn
/// (no periods) becomes a one-line note instead of failing the page.
fn embed(chart: Result<Chart, ReportError>) -> String {
    match chart {
        // The SVG is a standalone document; inline it without anything
        // before its root element.
        Ok(c) => format!("<figure class=\"chart\">{}</figure>", c.svg.get(c.svg.find("<svg").unwrap_or(0)..).unwrap_or(&c.svg)),
        Err(e) => format!("<p class=\"muted\">(no chart: {})</p>", esc(&e.to_string())),
    }
}

/// A country from the query, or a default present in the store.
fn pick(p: &Params, key: &str, known: &[String], preferred: &str, fallback: usize) -> Result<String, ApiError> {
    if let Some(c) = p.country(key)? {
        return Ok(c);
    }
    if known.iter().any(|k| k == preferred) {
        return Ok(preferred.to_owned());
    }
    known.get(fallback).cloned().ok_or_else(|| ApiError::not_found("the database has no events between states yet: ingest some documents first"))
}

/// Builds a query string from pairs, skipping empty values.
fn qs(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", percent_encode(v, false)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `/`: what the database holds and where to go.
pub fn index(ctx: &Context<'_>) -> Result<String, ApiError> {
    let c = api::counts(ctx.store)?;
    let known = known_countries(ctx.store)?;
    let body = format!(
        "<h1>Event database</h1><p class=\"muted\">{}</p><table id=\"counts\"><tr><th>documents</th><th>sentences</th><th>events</th><th>dyad-months</th><th>states</th></tr>\
         <tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></table>\
         <h2>Views</h2><ul><li><a href=\"/dyad\">Dyad explorer</a>: two states' relations per period, net cooperation and event counts.</li>\
         <li><a href=\"/triangle\">Triangle timeline</a>: three states' ties, Dittmer's configurations and roles.</li>\
         <li><a href=\"/events\">Event browser</a>: filter and search the coded events and their evidence.</li>\
         <li><a href=\"/rifts\">Rift alerts</a>: a partnership cooling while a third state's ties hold, with the evidence.</li>\
         <li><a href=\"/api/openapi.json\">JSON API</a> (OpenAPI 3).</li></ul>",
        esc(ctx.store.path()),
        c.documents,
        c.sentences,
        c.events,
        c.dyad_months,
        known.len()
    );
    Ok(layout("Overview", &body))
}

/// `/dyad`: pick two states → chart and table.
pub fn dyad(ctx: &Context<'_>, p: &Params) -> Result<String, ApiError> {
    p.only(api::DYAD_PARAMS)?;
    let known = known_countries(ctx.store)?;
    let a = pick(p, "a", &known, "USA", 0)?;
    let b = pick(p, "b", &known, "RUS", 1)?;
    let period = p.period(Period::Year)?;
    let mut pairs = vec![("a", a.clone()), ("b", b.clone()), ("period", period_name(period).to_owned())];
    for k in ["from", "to", "directed"] {
        if let Some(v) = p.get(k) {
            pairs.push((k, v.to_owned()));
        }
    }
    let q = parse_query(&qs(&pairs))?;
    let series = api::dyad(ctx.store, &q, &ctx.limits)?;
    let changes = series_change_points(&series);
    let svg = format!("{}{}", embed(dyad_chart(&series, &changes)), embed(gap_chart(&series, &changes)));
    let total = series.total();
    let mut rows = String::new();
    for pt in &series.points {
        let t = &pt.tally;
        let (start, end) = (pt.period.start().to_string(), pt.period.end().to_string());
        let list = |s: &str, t: &str| esc(&qs(&[("source", s.to_owned()), ("target", t.to_owned()), ("from", start.clone()), ("to", end.clone())]));
        let _ = write!(
            rows,
            "<tr><td>{}</td><td class=\"num\">{}</td><td><a href=\"/events?{}\">{a}→{b}</a> · <a href=\"/events?{}\">{b}→{a}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&pt.period.label()), t.n, list(&a, &b), list(&b, &a), t.quad[0], t.quad[1], t.quad[2], t.quad[3], signed(pt.goldstein_mean, 2), num(pt.events_per_1000, 1)
        );
    }
    let body = format!(
        "<h1>Dyad explorer: {a} ↔ {b}</h1><form class=\"filters\" method=\"get\" action=\"/dyad\"><label>state A<select name=\"a\">{}</select></label>\
         <label>state B<select name=\"b\">{}</select></label>{}{}<button type=\"submit\">Show</button></form>\
         <p>{} events; mean Goldstein {}.</p>{svg}\
         <h2>Per {}</h2><table id=\"series\"><tr><th>period</th><th>events</th><th>list</th><th>verbal coop</th><th>material coop</th><th>verbal conflict</th><th>material conflict</th><th>mean Goldstein</th><th>per 1,000</th></tr>{rows}</table>\
         <p class=\"muted\">Counts are both directions; the list links open the period's events in the event browser, one direction each. JSON: <a href=\"/api/dyad?{q}\">/api/dyad?{q}</a></p>",
        options(&known, &a),
        options(&known, &b),
        period_select(period),
        date_inputs(p),
        total.n,
        signed(total.goldstein_mean(), 2),
        period_name(period),
        q = esc(&qs(&pairs)),
    );
    Ok(layout(&format!("Dyad {a}–{b}"), &body))
}

/// `/triangle`: three states' ties over time.
pub fn triangle(ctx: &Context<'_>, p: &Params) -> Result<String, ApiError> {
    // `at`: the period whose triangle diagram is drawn (default: the last).
    let mut allowed = api::TRIANGLE_PARAMS.to_vec();
    allowed.push("at");
    p.only(&allowed)?;
    let known = known_countries(ctx.store)?;
    let a = pick(p, "a", &known, "USA", 0)?;
    let b = pick(p, "b", &known, "CHN", 1)?;
    let c = pick(p, "c", &known, "RUS", 2)?;
    let period = p.period(Period::Year)?;
    let mut pairs = vec![("a", a.clone()), ("b", b.clone()), ("c", c.clone()), ("period", period_name(period).to_owned())];
    for k in ["from", "to"] {
        if let Some(v) = p.get(k) {
            pairs.push((k, v.to_owned()));
        }
    }
    let ans = api::triangle(ctx.store, &parse_query(&qs(&pairs))?, &ctx.limits)?;
    let tl = &ans.timeline;
    let mut svg = embed(timeline_chart(tl, &timeline_change_points(tl)));
    let at = match p.get("at") {
        Some(label) => Some(tl.points.iter().position(|pt| pt.period == label).ok_or_else(|| {
            ApiError::bad_request(format!("`at`: no period `{}` in this timeline", crate::query::shorten(label)))
        })?),
        None => tl.points.len().checked_sub(1),
    };
    if let Some(at) = at {
        svg.push_str(&embed(triangle_chart(tl, at)));
    }
    let head: String = faultline_analysis::triangle::DYADS.iter().map(|(i, j)| format!("<th>{}–{}</th>", esc(&tl.actors[*i]), esc(&tl.actors[*j]))).collect();
    let mut rows = String::new();
    for pt in &tl.points {
        let _ = write!(rows, "<tr><td>{}</td>", esc(&pt.period));
        for d in 0..3 {
            let _ = write!(rows, "<td class=\"num\">{} {}</td>", signed(pt.scores[d], 2), pt.signs[d].symbol());
        }
        let mut here = pairs.clone();
        here.push(("at", pt.period.clone()));
        let _ = write!(rows, "<td><a href=\"/triangle?{}\">{}</a></td>", esc(&qs(&here)), esc(pt.configuration.name()));
        for r in &pt.roles {
            let _ = write!(rows, "<td>{}</td>", esc(r.name()));
        }
        rows.push_str("</tr>");
    }
    let transitions: String = if tl.transitions.is_empty() {
        "<li>no change of configuration</li>".into()
    } else {
        tl.transitions.iter().map(|t| format!("<li>{}: {} → {}</li>", esc(&t.period), esc(t.from.name()), esc(t.to.name()))).collect()
    };
    let cps: String = ans
        .change_points
        .iter()
        .map(|(d, c)| format!("<li>{}: {}</li>", esc(d), if c.is_empty() { "none".into() } else { esc(&c.join(", ")) }))
        .collect();
    let body = format!(
        "<h1>Triangle timeline: {a}, {b}, {c}</h1><form class=\"filters\" method=\"get\" action=\"/triangle\">\
         <label>A<select name=\"a\">{}</select></label><label>B<select name=\"b\">{}</select></label><label>C<select name=\"c\">{}</select></label>{}{}\
         <button type=\"submit\">Show</button></form>{svg}<h2>Configurations</h2><table id=\"timeline\"><tr><th>period</th>{head}<th>configuration</th><th>{a}</th><th>{b}</th><th>{c}</th></tr>{rows}</table>\
         <h2>Transitions</h2><ul>{transitions}</ul><h2>Change points</h2><ul>{cps}</ul>\
         <p class=\"muted\">Scores are mean Goldstein per period in both directions; signs use a dead band of 0.25 standard deviations around 0. Click a configuration to draw that period's triangle.</p>",
        options(&known, &a),
        options(&known, &b),
        options(&known, &c),
        period_select(period),
        date_inputs(p),
    );
    Ok(layout("Triangle", &body))
}

fn highlight(text: &str, spans: &[(i64, i64, String)]) -> String {
    // Non-overlapping spans in order, each a link to its event's row.
    let mut spans: Vec<&(i64, i64, String)> = spans.iter().collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = String::new();
    let mut at = 0usize;
    for (s, e, anchor) in spans {
        let (Ok(s), Ok(e)) = (usize::try_from(*s), usize::try_from(*e)) else { continue };
        if s < at || e <= s || text.get(s..e).is_none() || text.get(at..s).is_none() {
            continue;
        }
        out.push_str(&esc(&text[at..s]));
        let _ = write!(out, "<mark><a href=\"#{}\">{}</a></mark>", esc(anchor), esc(&text[s..e]));
        at = e;
    }
    out.push_str(&esc(text.get(at..).unwrap_or("")));
    out
}

fn event_row(e: &EventView, with_doc: bool) -> String {
    let actor = |a: &api::ActorView| format!("{}{}", esc(&a.code), a.text.as_deref().map(|t| format!(" <span class=\"muted\">({})</span>", esc(t))).unwrap_or_default());
    let evidence = match (&e.evidence, e.trigger_span) {
        (Some(text), Some((s, t))) => highlight(text, &[(s, t, event_anchor(&e.event_id))]),
        (Some(text), None) => esc(text),
        _ => String::new(),
    };
    let doc = match (&e.doc_id, with_doc) {
        (Some(d), true) => format!("<td><a class=\"doc-link\" href=\"{}\">{}</a></td>", esc(&document_href(d, Some(&event_anchor(&e.event_id)))), esc(d)),
        (None, true) => "<td></td>".into(),
        (_, false) => String::new(),
    };
    let flags = format!("{}{}", esc(&e.modality), if e.negated { ", negated" } else { "" });
    format!(
        "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td>{doc}</tr>",
        esc(&event_anchor(&e.event_id)),
        esc(e.date.as_deref().unwrap_or("")),
        actor(&e.source),
        actor(&e.target),
        esc(&e.cameo),
        signed(e.goldstein, 1),
        flags,
        evidence
    )
}

/// `/events`: filters, text search and pages.
pub fn events(ctx: &Context<'_>, p: &Params) -> Result<String, ApiError> {
    let page = api::events(ctx.store, p, &ctx.limits)?;
    let keep: Vec<(&str, String)> = api::EVENTS_PARAMS.iter().filter(|k| **k != "offset").filter_map(|k| p.get(k).map(|v| (*k, v.to_owned()))).collect();
    let link = |offset: u64| {
        let mut pairs = keep.clone();
        pairs.push(("offset", offset.to_string()));
        format!("/events?{}", qs(&pairs))
    };
    let mut pager = String::from("<div class=\"pager\">");
    if page.offset > 0 {
        let _ = write!(pager, "<a id=\"prev\" href=\"{}\">← previous</a>", esc(&link(page.offset.saturating_sub(page.limit))));
    }
    let shown_to = page.offset + page.events.len() as u64;
    let _ = write!(pager, "<span>{}–{} of {}</span>", if page.events.is_empty() { 0 } else { page.offset + 1 }, shown_to, page.total);
    if shown_to < page.total && page.limit > 0 {
        let _ = write!(pager, "<a id=\"next\" href=\"{}\">next →</a>", esc(&link(shown_to)));
    }
    pager.push_str("</div>");
    let rows: String = page.events.iter().map(|e| event_row(e, true)).collect();
    let field = |k: &str, label: &str, size: usize| format!("<label>{label}<input name=\"{k}\" size=\"{size}\" value=\"{}\"></label>", esc(p.get(k).unwrap_or("")));
    let body = format!(
        "<h1>Event browser</h1><form class=\"filters\" method=\"get\" action=\"/events\">{}{}{}{}{}{}{}<label>per page<input name=\"limit\" size=\"4\" value=\"{}\"></label><button type=\"submit\">Search</button></form>\
         {pager}<table id=\"events\"><tr><th>date</th><th>source</th><th>target</th><th>CAMEO</th><th>Goldstein</th><th>modality</th><th>evidence</th><th>document</th></tr>{rows}</table>{pager}",
        field("q", "text in evidence", 24),
        field("source", "source (ISO3)", 5),
        field("target", "target (ISO3)", 5),
        date_inputs(p),
        field("root", "CAMEO root", 3),
        field("quad", "quad class", 2),
        "",
        page.limit,
    );
    Ok(layout("Events", &body))
}

/// `/rifts`: alerts, each linking to its evidence events in their documents.
pub fn rifts(ctx: &Context<'_>, p: &Params) -> Result<String, ApiError> {
    p.only(api::RIFTS_PARAMS)?;
    let actors = p.get("actors").unwrap_or("USA,CHN,RUS").to_owned();
    let period = p.period(Period::Year)?;
    let mut pairs = vec![("actors", actors.clone()), ("period", period_name(period).to_owned())];
    for k in ["from", "to"] {
        if let Some(v) = p.get(k) {
            pairs.push((k, v.to_owned()));
        }
    }
    let alerts = api::rifts(ctx.store, &parse_query(&qs(&pairs))?, &ctx.limits)?;
    let mut cards = String::new();
    if alerts.is_empty() {
        cards.push_str("<p id=\"no-alerts\">No rift alerts for these states and dates.</p>");
    }
    for (n, a) in alerts.iter().enumerate() {
        let d = &a.drop;
        let how = match d.trigger {
            faultline_analysis::rifts::Trigger::ChangePoint => "change point",
            faultline_analysis::rifts::Trigger::Threshold => "drop beyond threshold",
        };
        let _ = write!(
            cards,
            "<div class=\"card rift\" id=\"rift-{n}\"><h2>{} — {}–{} cooperation fell from {} to {}</h2>\
             <p>{how}; window {}..{}. {} holds with both: {}–{} {}→{}, {}–{} {}→{}.</p><ol class=\"evidence\">",
            esc(&d.period.label()), esc(&d.dyad.a), esc(&d.dyad.b), signed(Some(d.before), 2), signed(Some(d.after), 2),
            esc(&d.window_start.label()), esc(&d.window_end.label()), esc(&a.third.actor),
            esc(&a.third.actor), esc(&d.dyad.a), num(Some(a.third.with_a.0), 2), num(Some(a.third.with_a.1), 2),
            esc(&a.third.actor), esc(&d.dyad.b), num(Some(a.third.with_b.0), 2), num(Some(a.third.with_b.1), 2),
        );
        for m in &a.evidence {
            let e = &m.event;
            let target = match &e.doc_id {
                Some(doc) => format!("<a class=\"evidence-link\" href=\"{}\">{}</a>", esc(&document_href(doc, Some(&event_anchor(&e.id)))), esc(&e.id)),
                None => esc(&e.id),
            };
            let _ = write!(
                cards,
                "<li>{} {}→{} CAMEO {} Goldstein {} (pull {:+.2}) {target}<br><span class=\"muted\">{}</span></li>",
                e.date, esc(&e.source), esc(&e.target), esc(&e.cameo), signed(e.goldstein, 1), m.pull, esc(e.evidence.as_deref().unwrap_or("(no evidence text)"))
            );
        }
        cards.push_str("</ol></div>");
    }
    let body = format!(
        "<h1>Rift alerts</h1><form class=\"filters\" method=\"get\" action=\"/rifts\"><label>states (ISO3, comma-separated)<input name=\"actors\" value=\"{}\"></label>{}{}<button type=\"submit\">Find</button></form>\
         <p class=\"muted\">A rift: a dyad's mean Goldstein drops (change point or a fall of 2 points between 4-period windows) while a third state's ties to both hold within 0.5. Each alert lists the events that pulled the score down; follow them to their documents.</p>{cards}",
        esc(&actors),
        period_select(period),
        date_inputs(p),
    );
    Ok(layout("Rift alerts", &body))
}

/// `/documents/{id}`: the text, sentence by sentence, with each event's
/// trigger highlighted and linked to the event's row, and each row linked
/// back to its evidence sentence.
pub fn document(ctx: &Context<'_>, id: &str) -> Result<String, ApiError> {
    let doc = api::document(ctx.store, id)?;
    let mut text = String::new();
    for s in &doc.sentences {
        let spans: Vec<(i64, i64, String)> = doc
            .events
            .iter()
            .filter(|e| e.sentence == Some(s.idx))
            .filter_map(|e| e.trigger_span.map(|(a, b)| (a, b, event_anchor(&e.event_id))))
            .collect();
        let _ = write!(text, "<p class=\"sentence\" id=\"s-{}\"><span class=\"muted\">[{}]</span> {}</p>", s.idx, s.idx, highlight(&s.text, &spans));
    }
    let rows: String = doc
        .events
        .iter()
        .map(|e| {
            let row = event_row(e, false);
            // The evidence cell links back to the sentence.
            match e.sentence {
                Some(s) => row.replacen("</tr>", &format!("<td><a href=\"#s-{s}\">sentence {s}</a></td></tr>"), 1),
                None => row.replacen("</tr>", "<td></td></tr>", 1),
            }
        })
        .collect();
    let meta = [doc.date.as_deref(), doc.source.as_deref()].iter().flatten().map(|s| esc(s)).collect::<Vec<_>>().join(" · ");
    let url = doc.url.as_deref().map(|u| format!(" · {}", esc(u))).unwrap_or_default();
    let body = format!(
        "<h1 id=\"doc-title\">{}</h1><p class=\"muted\">{} · id <code>{}</code>{url}</p><h2>Text</h2><div id=\"text\">{text}</div>\
         <h2>Coded events ({})</h2><table id=\"doc-events\"><tr><th>date</th><th>source</th><th>target</th><th>CAMEO</th><th>Goldstein</th><th>modality</th><th>evidence</th><th></th></tr>{rows}</table>\
         <p class=\"muted\">JSON: <a href=\"/api/documents/{}\">/api/documents/{}</a></p>",
        esc(doc.title.as_deref().unwrap_or(&doc.id)),
        meta,
        esc(&doc.id),
        doc.events.len(),
        esc(&percent_encode(&doc.id, true)),
        esc(&percent_encode(&doc.id, true)),
    );
    Ok(layout(doc.title.as_deref().unwrap_or("Document"), &body))
}

