//! `faultline ontology`: look up CAMEO codes and PLOVER categories in the
//! built-in event ontology.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use faultline_ontology::{CameoCode, EventCard, EventType, Ontology, PloverCard, PloverEvent};

/// Subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Show one CAMEO code's card: name, root, parent, Goldstein score, quad
    /// class, PLOVER event/mode/context, codebook text and child codes.
    Show {
        /// The CAMEO code: 2 to 4 digits (`03`, `033`, `0333`).
        code: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CardFormat::Text)]
        format: CardFormat,
    },
    /// List CAMEO codes in codebook order.
    List {
        /// Only this root (`03`) — or any code — and its descendants.
        #[arg(long, value_name = "RR")]
        root: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show the PLOVER categories and the CAMEO codes that map to each.
    Plover {
        /// One category (`AGREE`, `request`, …); all 16 when omitted.
        event: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CardFormat::Text)]
        format: CardFormat,
    },
}

/// Output formats for a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CardFormat {
    /// Human-readable text.
    Text,
    /// JSON.
    Json,
}

/// Output formats for a list of codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// A JSON array of full event types.
    Json,
    /// Tab-separated values with a header line.
    Tsv,
}

/// Runs the command.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    let ontology = Ontology::builtin();
    let mut out = BufWriter::new(io::stdout().lock());
    let result = match command {
        Command::Show { code, format } => {
            let code = lookup(ontology, &code)?;
            let card = ontology.card(code.code).context("card of a known code")?;
            show(&mut out, &card, format)
        }
        Command::List { root, format } => {
            let types = match root {
                Some(root) => ontology.subtree(lookup(ontology, &root)?.code),
                None => ontology.iter().as_slice(),
            };
            list(&mut out, types, format)
        }
        Command::Plover { event, format } => {
            let events = match event {
                Some(e) => vec![parse_event(&e)?],
                None => PloverEvent::ALL.to_vec(),
            };
            let cards: Vec<PloverCard> = events.iter().map(|&e| ontology.plover_card(e)).collect();
            plover(&mut out, &cards, format)
        }
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // `faultline ontology list | head` is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("writing to standard output"),
    }
}

/// Parses `text` as a CAMEO code and finds it in the ontology.
fn lookup<'a>(ontology: &'a Ontology, text: &str) -> anyhow::Result<&'a EventType> {
    let code: CameoCode = text.trim().parse()?;
    ontology
        .get(code)
        .ok_or_else(|| anyhow!("{code} is not a CAMEO event code (see `faultline ontology list`)"))
}

/// Parses a PLOVER category name, pointing names of earlier drafts to their
/// current category.
fn parse_event(text: &str) -> anyhow::Result<PloverEvent> {
    text.parse::<PloverEvent>().map_err(|err| match PloverEvent::from_retired(text) {
        Some((event, mode)) => {
            let mode = mode.map(|m| format!(" (mode {m})")).unwrap_or_default();
            anyhow!(
                "`{text}` is a category of earlier PLOVER drafts; it is now {event}{mode}: \
                 try `faultline ontology plover {event}`"
            )
        }
        None => err.into(),
    })
}

/// Width that text is wrapped to.
const WIDTH: usize = 80;
/// Width of the label column on cards.
const LABEL: usize = 13;

/// Writes `label` and `text` on one line, unwrapped (codes and names).
fn line(out: &mut dyn Write, label: &str, text: &str) -> io::Result<()> {
    writeln!(out, "{label:LABEL$}{text}")
}

/// Writes `label` and prose `text`, wrapping the text under itself.
fn field(out: &mut dyn Write, label: &str, text: &str) -> io::Result<()> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && LABEL + line.chars().count() + 1 + word.chars().count() > WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    for (i, line) in lines.iter().enumerate() {
        let lead = if i == 0 { label } else { "" };
        writeln!(out, "{lead:LABEL$}{line}")?;
    }
    Ok(())
}

fn plover_text(card: &EventCard) -> String {
    match card.plover {
        None => "- (no PLOVER event: PLOVER drops generic statements)".to_string(),
        Some(p) => {
            let mode = p.mode.as_deref().unwrap_or("-");
            let context = if p.context.is_empty() { "-".to_string() } else { p.context.join(", ") };
            format!("{}  (mode: {mode}; context: {context})", p.event)
        }
    }
}

fn show(out: &mut dyn Write, card: &EventCard, format: CardFormat) -> io::Result<()> {
    if format == CardFormat::Json {
        serde_json::to_writer_pretty(&mut *out, card)?;
        return writeln!(out);
    }
    writeln!(out, "{}  {}", card.code, card.name)?;
    writeln!(out)?;
    line(out, "root", &format!("{}  {}", card.root.code, card.root.name))?;
    let parent = card
        .parent
        .as_ref()
        .map_or("- (a root)".to_string(), |p| format!("{}  {}", p.code, p.name));
    line(out, "parent", &parent)?;
    line(out, "Goldstein", &format!("{:.1}", card.goldstein))?;
    line(out, "quad class", &format!("{}  ({})", card.quad_class.number, card.quad_class.name))?;
    line(out, "PLOVER", &plover_text(card))?;
    field(out, "description", card.description.unwrap_or("-"))?;
    field(out, "usage notes", card.usage_notes.unwrap_or("-"))?;
    field(out, "example", card.example.unwrap_or("-"))?;
    if card.children.is_empty() {
        line(out, "children", "-")?;
    }
    for (i, child) in card.children.iter().enumerate() {
        line(
            out,
            if i == 0 { "children" } else { "" },
            &format!("{}  {}", child.code, child.name),
        )?;
    }
    Ok(())
}

fn plover_column(t: &EventType) -> String {
    match &t.plover {
        None => "-".to_string(),
        Some(p) => match &p.mode {
            Some(mode) => format!("{}/{mode}", p.event),
            None => p.event.to_string(),
        },
    }
}

fn list(out: &mut dyn Write, types: &[EventType], format: ListFormat) -> io::Result<()> {
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, types)?;
            writeln!(out)
        }
        ListFormat::Tsv => {
            writeln!(out, "code\tquad\tgoldstein\tplover\tmode\tcontext\tname")?;
            for t in types {
                let (event, mode, context) = match &t.plover {
                    None => ("-".to_string(), "-".to_string(), "-".to_string()),
                    Some(p) => (
                        p.event.to_string(),
                        p.mode.clone().unwrap_or_else(|| "-".into()),
                        if p.context.is_empty() { "-".into() } else { p.context.join(";") },
                    ),
                };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{event}\t{mode}\t{context}\t{}",
                    t.code,
                    t.quad_class.number(),
                    t.goldstein,
                    t.name
                )?;
            }
            Ok(())
        }
        ListFormat::Table => {
            writeln!(out, "{:<6}{:>5}{:>7}  {:<24}name", "code", "quad", "gold", "plover")?;
            for t in types {
                // Indent names by depth so the tree shows.
                let indent = "  ".repeat(t.code.len() - 2);
                writeln!(
                    out,
                    "{:<6}{:>5}{:>7.1}  {:<24}{indent}{}",
                    t.code.as_str(),
                    t.quad_class.number(),
                    t.goldstein,
                    plover_column(t),
                    t.name
                )?;
            }
            Ok(())
        }
    }
}

fn plover(out: &mut dyn Write, cards: &[PloverCard], format: CardFormat) -> io::Result<()> {
    if format == CardFormat::Json {
        if let [card] = cards {
            serde_json::to_writer_pretty(&mut *out, card)?;
        } else {
            serde_json::to_writer_pretty(&mut *out, cards)?;
        }
        return writeln!(out);
    }
    if let [card] = cards {
        return plover_card(out, card);
    }
    writeln!(out, "{:<11}{:<7}{:<6}{:>6}  definition", "event", "cameo", "quad", "codes")?;
    for card in cards {
        let c = card.category;
        let mut definition = c.definition.clone();
        let room = WIDTH.saturating_sub(32);
        if definition.chars().count() > room {
            definition = definition.chars().take(room - 1).collect::<String>() + "…";
        }
        writeln!(
            out,
            "{:<11}{:<7}{:<6}{:>6}  {definition}",
            c.event.as_str(),
            c.cameo.as_str(),
            card.quad_class.number,
            card.codes.len()
        )?;
    }
    Ok(())
}

fn plover_card(out: &mut dyn Write, card: &PloverCard) -> io::Result<()> {
    let c = card.category;
    writeln!(out, "{}", c.event)?;
    writeln!(out)?;
    field(out, "definition", &c.definition)?;
    for (i, cover) in c.covers.iter().enumerate() {
        field(out, if i == 0 { "covers" } else { "" }, &format!("- {cover}"))?;
    }
    line(
        out,
        "as CAMEO",
        &format!(
            "{} (root {:02}, quad class {} {})",
            c.cameo, card.cameo_root, card.quad_class.number, card.quad_class.name
        ),
    )?;
    if c.modes.is_empty() {
        field(out, "modes", "- (the codebook names none)")?;
    }
    for (i, mode) in c.modes.iter().enumerate() {
        field(
            out,
            if i == 0 { "modes" } else { "" },
            &format!("{} (as CAMEO {}): {}", mode.name, mode.cameo, mode.definition),
        )?;
    }
    writeln!(out)?;
    writeln!(out, "CAMEO codes mapping to {} ({}):", c.event, card.codes.len())?;
    for code in &card.codes {
        let mode = code.mode.unwrap_or("-");
        let context =
            if code.context.is_empty() { "-".to_string() } else { code.context.join(";") };
        writeln!(out, "  {:<6}{:<16}{:<24}{}", code.code.as_str(), mode, context, code.name)?;
    }
    Ok(())
}
