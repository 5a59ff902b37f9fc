//! Compiled actors and the [`ActorRecord`] a look-up returns.

use faultline_text::Date;

use crate::codes::{DateRange, Iso3, OrgId, Sector};
use crate::names::NameKind;
use crate::reader::{CountryStatus, RoleWhere};

/// A compiled country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Its code.
    pub iso3: Iso3,
    /// Canonical name.
    pub name: String,
    /// UN status.
    pub status: CountryStatus,
    /// When it existed.
    pub valid: DateRange,
}

/// A role a person held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// Where: a country or an organisation.
    pub place: RoleWhere,
    /// Sector codes (may be empty).
    pub sectors: Vec<Sector>,
    /// When the role was held.
    pub valid: DateRange,
    /// Free-text title (may be empty).
    pub title: String,
}

/// A compiled person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Roles, in file order.
    pub roles: Vec<Role>,
}

/// A compiled organisation or group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    /// True for `group` records.
    pub is_group: bool,
    /// Short id.
    pub id: OrgId,
    /// Actor code.
    pub code: String,
    /// Canonical name.
    pub name: String,
    /// `type:`.
    pub org_type: Option<String>,
    /// `parent:`.
    pub parent: Option<OrgId>,
    /// `members:`.
    pub members: Vec<Iso3>,
    /// `valid:`.
    pub valid: DateRange,
    /// `country:` (groups).
    pub country: Option<Iso3>,
}

/// A compiled agent (sector).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// Sector code.
    pub code: Sector,
    /// Description.
    pub description: String,
    /// (singular, plural) of each noun.
    pub nouns: Vec<(String, String)>,
    /// Adjectives.
    pub adjectives: Vec<String>,
}

/// What kind of actor a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state (`USA`), through a name or adjective.
    Country,
    /// A state's government through a metonym (`CHNGOV` for "Beijing").
    Government,
    /// A person in one of their roles.
    PersonRole,
    /// An organisation.
    Org,
    /// A non-state group.
    Group,
    /// An agent alone ("officials" → `GOV`) or combined with a country or
    /// organisation ("Chinese officials" → `CHNGOV`).
    Agent,
}

/// One actor reading of a name, valid over `valid`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActorRecord {
    /// The CAMEO-style actor code (`CHNGOV`, `USA`, `IGOWSTNAT`, `CHNLEG`).
    pub code: String,
    /// What kind of actor.
    pub kind: ActorKind,
    /// The country, when there is one.
    pub country: Option<Iso3>,
    /// The organisation or group id, when there is one.
    pub org: Option<OrgId>,
    /// Sector codes (`GOV`, `LEG`, …).
    pub sectors: Vec<Sector>,
    /// When the reading holds (role dates, state or organisation existence).
    pub valid: DateRange,
    /// Canonical name of the entity (country, person, organisation or agent).
    pub entity: String,
    /// The name as looked up.
    pub name: String,
    /// How the name refers to the entity.
    pub via: NameKind,
    /// A person's role title.
    pub title: Option<String>,
}

impl ActorRecord {
    /// True when the reading holds on `date` (always, without a date).
    pub fn valid_on(&self, date: Option<Date>) -> bool {
        date.map_or(true, |d| self.valid.contains(d))
    }
}

impl Person {
    /// The union of role ranges, for conflict checks (`ALWAYS` with no roles).
    pub(crate) fn ranges(&self) -> Vec<DateRange> {
        if self.roles.is_empty() {
            vec![DateRange::ALWAYS]
        } else {
            self.roles.iter().map(|r| r.valid).collect()
        }
    }
}
