//! Strategic triangles (Dittmer 1981, "The Strategic Triangle: An
//! Elementary Game-Theoretical Analysis", *World Politics* 33(4)).
//!
//! For three actors and a sequence of periods, each of the three dyads has
//! a score per period (mean Goldstein score of its events, or UN vote
//! affinity S). Each score is standardised,
//!
//! ```text
//! z = (x − c) / s
//! ```
//!
//! where `c` is the centre ([`Centre`]: a fixed neutral value — 0, the
//! neutral point of the Goldstein scale — or the mean of all three dyads'
//! scores over the timeline, for measures such as S where "neutral" is
//! the typical level) and `s` the standard deviation of all three dyads'
//! scores over the timeline (pooled, so the dyads are on one scale; 1 when
//! there are fewer than two scores or they are all equal). The dyad is
//! **positive** when `z > band`, **negative** when `z < −band`, and
//! **ambiguous** otherwise or when the period has no score (`band` is the
//! dead band, in standard deviations).
//!
//! With three signs, Dittmer's configurations are: **ménage à trois** (all
//! positive; every actor a *friend*), **romantic triangle** (two positive
//! ties meeting at the *pivot*, the two *wings* negative to each other),
//! **stable marriage** (one positive pair, the *partners*, both negative
//! to the *outcast*) and **unit veto** (all negative; every actor a *foe*).
//! A period with an ambiguous dyad is *indeterminate*.
//!
//! **Role score.** Dittmer ranks positions by advantage: the pivot enjoys
//! good relations with two actors who cannot combine against it; the
//! outcast faces a united pair. The score is
//! `(own positive ties − own negative ties) + (1 if the opposite tie is
//! negative)`, which orders the roles pivot 3 > friend 2 > partner 1 >
//! wing 0 > foe −1 > outcast −2 (own ties are what the actor enjoys; a
//! hostile opposite tie is leverage, since the other two cannot gang up).

use serde::Serialize;

use crate::AnalysisError;

/// The sign of a dyad in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sign {
    /// Above the dead band.
    Positive,
    /// Below the dead band.
    Negative,
    /// Inside the dead band, or no score.
    Ambiguous,
}

impl Sign {
    /// `+`, `−` or `?`.
    pub fn symbol(self) -> char {
        match self {
            Sign::Positive => '+',
            Sign::Negative => '-',
            Sign::Ambiguous => '?',
        }
    }
}

/// Dittmer's configuration of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Configuration {
    /// All three ties positive.
    MenageATrois,
    /// Two positive ties meeting at a pivot; the wings negative to each other.
    RomanticTriangle,
    /// One positive pair, both negative to the third.
    StableMarriage,
    /// All three ties negative.
    UnitVeto,
    /// At least one tie ambiguous.
    Indeterminate,
}

impl Configuration {
    /// Human name.
    pub fn name(self) -> &'static str {
        match self {
            Configuration::MenageATrois => "ménage à trois",
            Configuration::RomanticTriangle => "romantic triangle",
            Configuration::StableMarriage => "stable marriage",
            Configuration::UnitVeto => "unit veto",
            Configuration::Indeterminate => "indeterminate",
        }
    }
}

/// An actor's role in a configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// In a ménage à trois.
    Friend,
    /// The hinge of a romantic triangle.
    Pivot,
    /// A courted party of a romantic triangle.
    Wing,
    /// One of the pair in a stable marriage.
    Partner,
    /// The excluded third of a stable marriage.
    Outcast,
    /// In a unit veto.
    Foe,
    /// In an indeterminate period.
    Undetermined,
}

impl Role {
    /// The documented role score (module docs); `None` when undetermined.
    pub fn score(self) -> Option<i32> {
        match self {
            Role::Pivot => Some(3),
            Role::Friend => Some(2),
            Role::Partner => Some(1),
            Role::Wing => Some(0),
            Role::Foe => Some(-1),
            Role::Outcast => Some(-2),
            Role::Undetermined => None,
        }
    }

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Friend => "friend",
            Role::Pivot => "pivot",
            Role::Wing => "wing",
            Role::Partner => "partner",
            Role::Outcast => "outcast",
            Role::Foe => "foe",
            Role::Undetermined => "undetermined",
        }
    }
}

/// The dyads of a triangle of actors `[x, y, z]`, in this fixed order:
/// `x–y`, `x–z`, `y–z`. Dyad `i` is opposite actor `2 − i`.
pub const DYADS: [(usize, usize); 3] = [(0, 1), (0, 2), (1, 2)];

/// Classifies three signs (in [`DYADS`] order) into a configuration and
/// the three actors' roles.
pub fn classify(signs: [Sign; 3]) -> (Configuration, [Role; 3]) {
    if signs.contains(&Sign::Ambiguous) {
        return (Configuration::Indeterminate, [Role::Undetermined; 3]);
    }
    let pos = signs.iter().filter(|s| **s == Sign::Positive).count();
    let mut roles;
    let config = match pos {
        3 => {
            roles = [Role::Friend; 3];
            Configuration::MenageATrois
        }
        0 => {
            roles = [Role::Foe; 3];
            Configuration::UnitVeto
        }
        2 => {
            // The negative dyad joins the wings; the actor not in it pivots.
            let neg = signs.iter().position(|s| *s == Sign::Negative).unwrap_or(0);
            let (w1, w2) = DYADS[neg];
            roles = [Role::Pivot; 3];
            roles[w1] = Role::Wing;
            roles[w2] = Role::Wing;
            Configuration::RomanticTriangle
        }
        _ => {
            let p = signs.iter().position(|s| *s == Sign::Positive).unwrap_or(0);
            let (p1, p2) = DYADS[p];
            roles = [Role::Outcast; 3];
            roles[p1] = Role::Partner;
            roles[p2] = Role::Partner;
            Configuration::StableMarriage
        }
    };
    (config, roles)
}

/// Where standardised scores are centred.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Centre {
    /// A fixed neutral value (0 for Goldstein means).
    Value(f64),
    /// The mean of all three dyads' scores over the timeline.
    Mean,
}

/// Options of [`timeline`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TriangleOptions {
    /// Centre of the standardisation.
    pub centre: Centre,
    /// Dead band in standard deviations (|z| ≤ band is ambiguous).
    pub dead_band: f64,
}

impl Default for TriangleOptions {
    fn default() -> TriangleOptions {
        TriangleOptions { centre: Centre::Value(0.0), dead_band: 0.25 }
    }
}

/// One period of a triangle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrianglePoint {
    /// Period label.
    pub period: String,
    /// Raw scores of the three dyads ([`DYADS`] order).
    pub scores: [Option<f64>; 3],
    /// Standardised scores.
    pub z: [Option<f64>; 3],
    /// Signs.
    pub signs: [Sign; 3],
    /// Configuration.
    pub configuration: Configuration,
    /// Role of each actor.
    pub roles: [Role; 3],
}

/// A change of configuration between two consecutive periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    /// The first period of the new configuration.
    pub period: String,
    /// The configuration before.
    pub from: Configuration,
    /// The configuration from `period` on.
    pub to: Configuration,
}

/// A triangle's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The three actors.
    pub actors: [String; 3],
    /// The centre `c` used.
    pub centre: f64,
    /// The scale `s` used.
    pub scale: f64,
    /// One point per period.
    pub points: Vec<TrianglePoint>,
    /// Configuration changes, in order.
    pub transitions: Vec<Transition>,
}

/// Builds a triangle timeline. `periods[t]` labels period `t`;
/// `scores[i][t]` is dyad `i`'s score ([`DYADS`] order) in period `t`.
pub fn timeline(
    actors: [String; 3],
    periods: &[String],
    scores: &[Vec<Option<f64>>; 3],
    opts: &TriangleOptions,
) -> Result<Timeline, AnalysisError> {
    if actors[0] == actors[1] || actors[0] == actors[2] || actors[1] == actors[2] {
        return Err(AnalysisError::Invalid(format!(
            "a triangle needs three different actors, got {}, {}, {}",
            actors[0], actors[1], actors[2]
        )));
    }
    if scores.iter().any(|s| s.len() != periods.len()) {
        return Err(AnalysisError::Invalid("every dyad needs one score per period".into()));
    }
    if !(opts.dead_band >= 0.0 && opts.dead_band.is_finite()) {
        return Err(AnalysisError::Invalid(format!("dead band {} must be a non-negative number", opts.dead_band)));
    }
    let all: Vec<f64> = scores.iter().flatten().flatten().copied().filter(|x| x.is_finite()).collect();
    let mean = if all.is_empty() { 0.0 } else { all.iter().sum::<f64>() / all.len() as f64 };
    let centre = match opts.centre {
        Centre::Value(v) => v,
        Centre::Mean => mean,
    };
    let scale = if all.len() >= 2 {
        let var = all.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (all.len() - 1) as f64;
        if var > 0.0 {
            var.sqrt()
        } else {
            1.0
        }
    } else {
        1.0
    };
    let mut points = Vec::with_capacity(periods.len());
    let mut transitions = Vec::new();
    for (t, label) in periods.iter().enumerate() {
        let raw = [0, 1, 2].map(|i| scores[i][t].filter(|x| x.is_finite()));
        let z = raw.map(|x| x.map(|x| (x - centre) / scale));
        let signs = z.map(|z| match z {
            Some(z) if z > opts.dead_band => Sign::Positive,
            Some(z) if z < -opts.dead_band => Sign::Negative,
            _ => Sign::Ambiguous,
        });
        let (configuration, roles) = classify(signs);
        if let Some(prev) = points.last().map(|p: &TrianglePoint| p.configuration) {
            if prev != configuration {
                transitions.push(Transition { period: label.clone(), from: prev, to: configuration });
            }
        }
        points.push(TrianglePoint { period: label.clone(), scores: raw, z, signs, configuration, roles });
    }
    Ok(Timeline { actors, centre, scale, points, transitions })
}
