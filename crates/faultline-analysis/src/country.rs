//! ISO 3166 country codes: the alpha-2 → alpha-3 table the UN vote reader
//! needs (the votes file carries ISO2 codes, Faultline speaks ISO3), and the
//! set of codes the command line accepts.
//!
//! The table lists every UN member state, the two observer states, the
//! territories Faultline's dictionaries code (Taiwan, Kosovo, Hong Kong,
//! Macau, Western Sahara) and the states that voted in the General Assembly
//! but no longer exist (Yugoslavia, Czechoslovakia, the GDR, the two
//! Yemens, Zanzibar). Former states use their ISO 3166-3 alpha-3 codes
//! (`YUG`, `CSK`, `DDR`, `YMD`). The unvotes data lists three states with an
//! empty code, matched by name: the Yemen Arab Republic is `YAR` and
//! Zanzibar (a member for a few weeks in 1963–64) `ZAN`, their Correlates
//! of War abbreviations (ISO gave North Yemen the code unified Yemen kept,
//! and never coded Zanzibar); the Federal Republic of Germany is `DEU`,
//! since unified Germany is the same state and kept its ISO code.

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (empty for the Yemen Arab Republic).
    pub iso2: &'static str,
    /// ISO 3166-1 alpha-3 (or ISO 3166-3 for former states).
    pub iso3: &'static str,
    /// English short name.
    pub name: &'static str,
}

macro_rules! countries {
    ($(($a:literal, $b:literal, $n:literal)),* $(,)?) => {
        /// Every country the crate knows, sorted by ISO2.
        pub const COUNTRIES: &[Country] = &[$(Country { iso2: $a, iso3: $b, name: $n }),*];
    };
}

countries![
    ("AD", "AND", "Andorra"), ("AE", "ARE", "United Arab Emirates"), ("AF", "AFG", "Afghanistan"),
    ("AG", "ATG", "Antigua and Barbuda"), ("AL", "ALB", "Albania"), ("AM", "ARM", "Armenia"),
    ("AO", "AGO", "Angola"), ("AR", "ARG", "Argentina"), ("AT", "AUT", "Austria"), ("AU", "AUS", "Australia"),
    ("AZ", "AZE", "Azerbaijan"), ("BA", "BIH", "Bosnia and Herzegovina"), ("BB", "BRB", "Barbados"),
    ("BD", "BGD", "Bangladesh"), ("BE", "BEL", "Belgium"), ("BF", "BFA", "Burkina Faso"), ("BG", "BGR", "Bulgaria"),
    ("BH", "BHR", "Bahrain"), ("BI", "BDI", "Burundi"), ("BJ", "BEN", "Benin"), ("BN", "BRN", "Brunei"),
    ("BO", "BOL", "Bolivia"), ("BR", "BRA", "Brazil"), ("BS", "BHS", "Bahamas"), ("BT", "BTN", "Bhutan"),
    ("BW", "BWA", "Botswana"), ("BY", "BLR", "Belarus"), ("BZ", "BLZ", "Belize"), ("CA", "CAN", "Canada"),
    ("CD", "COD", "DR Congo"), ("CF", "CAF", "Central African Republic"), ("CG", "COG", "Congo"),
    ("CH", "CHE", "Switzerland"), ("CI", "CIV", "Côte d'Ivoire"), ("CL", "CHL", "Chile"), ("CM", "CMR", "Cameroon"),
    ("CN", "CHN", "China"), ("CO", "COL", "Colombia"), ("CR", "CRI", "Costa Rica"), ("CS", "CSK", "Czechoslovakia"),
    ("CU", "CUB", "Cuba"), ("CV", "CPV", "Cabo Verde"), ("CY", "CYP", "Cyprus"), ("CZ", "CZE", "Czechia"),
    ("DD", "DDR", "German Democratic Republic"), ("DE", "DEU", "Germany"), ("DJ", "DJI", "Djibouti"),
    ("DK", "DNK", "Denmark"), ("DM", "DMA", "Dominica"), ("DO", "DOM", "Dominican Republic"), ("DZ", "DZA", "Algeria"),
    ("EC", "ECU", "Ecuador"), ("EE", "EST", "Estonia"), ("EG", "EGY", "Egypt"), ("EH", "ESH", "Western Sahara"),
    ("ER", "ERI", "Eritrea"), ("ES", "ESP", "Spain"), ("ET", "ETH", "Ethiopia"), ("FI", "FIN", "Finland"),
    ("FJ", "FJI", "Fiji"), ("FM", "FSM", "Micronesia"), ("FR", "FRA", "France"), ("GA", "GAB", "Gabon"),
    ("GB", "GBR", "United Kingdom"), ("GD", "GRD", "Grenada"), ("GE", "GEO", "Georgia"), ("GH", "GHA", "Ghana"),
    ("GM", "GMB", "Gambia"), ("GN", "GIN", "Guinea"), ("GQ", "GNQ", "Equatorial Guinea"), ("GR", "GRC", "Greece"),
    ("GT", "GTM", "Guatemala"), ("GW", "GNB", "Guinea-Bissau"), ("GY", "GUY", "Guyana"), ("HK", "HKG", "Hong Kong"),
    ("HN", "HND", "Honduras"), ("HR", "HRV", "Croatia"), ("HT", "HTI", "Haiti"), ("HU", "HUN", "Hungary"),
    ("ID", "IDN", "Indonesia"), ("IE", "IRL", "Ireland"), ("IL", "ISR", "Israel"), ("IN", "IND", "India"),
    ("IQ", "IRQ", "Iraq"), ("IR", "IRN", "Iran"), ("IS", "ISL", "Iceland"), ("IT", "ITA", "Italy"),
    ("JM", "JAM", "Jamaica"), ("JO", "JOR", "Jordan"), ("JP", "JPN", "Japan"), ("KE", "KEN", "Kenya"),
    ("KG", "KGZ", "Kyrgyzstan"), ("KH", "KHM", "Cambodia"), ("KI", "KIR", "Kiribati"), ("KM", "COM", "Comoros"),
    ("KN", "KNA", "Saint Kitts and Nevis"), ("KP", "PRK", "North Korea"), ("KR", "KOR", "South Korea"),
    ("KW", "KWT", "Kuwait"), ("KZ", "KAZ", "Kazakhstan"), ("LA", "LAO", "Laos"), ("LB", "LBN", "Lebanon"),
    ("LC", "LCA", "Saint Lucia"), ("LI", "LIE", "Liechtenstein"), ("LK", "LKA", "Sri Lanka"), ("LR", "LBR", "Liberia"),
    ("LS", "LSO", "Lesotho"), ("LT", "LTU", "Lithuania"), ("LU", "LUX", "Luxembourg"), ("LV", "LVA", "Latvia"),
    ("LY", "LBY", "Libya"), ("MA", "MAR", "Morocco"), ("MC", "MCO", "Monaco"), ("MD", "MDA", "Moldova"),
    ("ME", "MNE", "Montenegro"), ("MG", "MDG", "Madagascar"), ("MH", "MHL", "Marshall Islands"),
    ("MK", "MKD", "North Macedonia"), ("ML", "MLI", "Mali"), ("MM", "MMR", "Myanmar"), ("MN", "MNG", "Mongolia"),
    ("MO", "MAC", "Macau"), ("MR", "MRT", "Mauritania"), ("MT", "MLT", "Malta"), ("MU", "MUS", "Mauritius"),
    ("MV", "MDV", "Maldives"), ("MW", "MWI", "Malawi"), ("MX", "MEX", "Mexico"), ("MY", "MYS", "Malaysia"),
    ("MZ", "MOZ", "Mozambique"), ("NA", "NAM", "Namibia"), ("NE", "NER", "Niger"), ("NG", "NGA", "Nigeria"),
    ("NI", "NIC", "Nicaragua"), ("NL", "NLD", "Netherlands"), ("NO", "NOR", "Norway"), ("NP", "NPL", "Nepal"),
    ("NR", "NRU", "Nauru"), ("NZ", "NZL", "New Zealand"), ("OM", "OMN", "Oman"), ("PA", "PAN", "Panama"),
    ("PE", "PER", "Peru"), ("PG", "PNG", "Papua New Guinea"), ("PH", "PHL", "Philippines"), ("PK", "PAK", "Pakistan"),
    ("PL", "POL", "Poland"), ("PS", "PSE", "Palestine"), ("PT", "PRT", "Portugal"), ("PW", "PLW", "Palau"),
    ("PY", "PRY", "Paraguay"), ("QA", "QAT", "Qatar"), ("RO", "ROU", "Romania"), ("RS", "SRB", "Serbia"),
    ("RU", "RUS", "Russia"), ("RW", "RWA", "Rwanda"), ("SA", "SAU", "Saudi Arabia"), ("SB", "SLB", "Solomon Islands"),
    ("SC", "SYC", "Seychelles"), ("SD", "SDN", "Sudan"), ("SE", "SWE", "Sweden"), ("SG", "SGP", "Singapore"),
    ("SI", "SVN", "Slovenia"), ("SK", "SVK", "Slovakia"), ("SL", "SLE", "Sierra Leone"), ("SM", "SMR", "San Marino"),
    ("SN", "SEN", "Senegal"), ("SO", "SOM", "Somalia"), ("SR", "SUR", "Suriname"), ("SS", "SSD", "South Sudan"),
    ("ST", "STP", "São Tomé and Príncipe"), ("SV", "SLV", "El Salvador"), ("SY", "SYR", "Syria"),
    ("SZ", "SWZ", "Eswatini"), ("TD", "TCD", "Chad"), ("TG", "TGO", "Togo"), ("TH", "THA", "Thailand"),
    ("TJ", "TJK", "Tajikistan"), ("TL", "TLS", "Timor-Leste"), ("TM", "TKM", "Turkmenistan"), ("TN", "TUN", "Tunisia"),
    ("TO", "TON", "Tonga"), ("TR", "TUR", "Türkiye"), ("TT", "TTO", "Trinidad and Tobago"), ("TV", "TUV", "Tuvalu"),
    ("TW", "TWN", "Taiwan"), ("TZ", "TZA", "Tanzania"), ("UA", "UKR", "Ukraine"), ("UG", "UGA", "Uganda"),
    ("US", "USA", "United States"), ("UY", "URY", "Uruguay"), ("UZ", "UZB", "Uzbekistan"), ("VA", "VAT", "Holy See"),
    ("VC", "VCT", "Saint Vincent and the Grenadines"), ("VE", "VEN", "Venezuela"), ("VN", "VNM", "Viet Nam"),
    ("VU", "VUT", "Vanuatu"), ("WS", "WSM", "Samoa"), ("XK", "XKX", "Kosovo"), ("YD", "YMD", "Yemen (People's Democratic Republic)"),
    ("YE", "YEM", "Yemen"), ("YU", "YUG", "Yugoslavia"), ("ZA", "ZAF", "South Africa"), ("ZM", "ZMB", "Zambia"),
    ("ZW", "ZWE", "Zimbabwe"), ("", "YAR", "Yemen Arab Republic"), ("", "ZAN", "Zanzibar"),
];

/// The ISO3 code for an ISO2 code (case-insensitive), if known.
pub fn iso3_for_iso2(iso2: &str) -> Option<&'static str> {
    let up = iso2.trim().to_ascii_uppercase();
    if up.is_empty() {
        return None;
    }
    COUNTRIES.iter().find(|c| c.iso2 == up).map(|c| c.iso3)
}

/// The row for an ISO3 code (case-insensitive), if known.
pub fn by_iso3(iso3: &str) -> Option<&'static Country> {
    let up = iso3.trim().to_ascii_uppercase();
    COUNTRIES.iter().find(|c| c.iso3 == up)
}

/// Former names that map to a current row (the same state under another name).
const NAME_ALIASES: &[(&str, &str)] = &[("Federal Republic of Germany", "DEU")];

/// The ISO3 code for a country *name* in the table or its former-name
/// aliases (exact, case-insensitive). Used only for rows without an ISO2
/// code.
pub fn iso3_for_name(name: &str) -> Option<&'static str> {
    let n = name.trim();
    COUNTRIES
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(n))
        .map(|c| c.iso3)
        .or_else(|| NAME_ALIASES.iter().find(|(a, _)| a.eq_ignore_ascii_case(n)).map(|(_, c)| *c))
}

/// Validates a command-line country code: upper-cases it and checks it is a
/// known ISO3 code. The error names the code and says what is expected, so
/// a typo (`CHI`) is not silently an empty series.
pub fn parse_iso3(code: &str) -> Result<&'static str, crate::AnalysisError> {
    by_iso3(code).map(|c| c.iso3).ok_or_else(|| crate::AnalysisError::UnknownCountry(code.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut two = HashSet::new();
        let mut three = HashSet::new();
        for c in COUNTRIES {
            assert!(c.iso2.is_empty() || (c.iso2.len() == 2 && two.insert(c.iso2)), "{c:?}");
            assert!(c.iso3.len() == 3 && c.iso3.bytes().all(|b| b.is_ascii_uppercase()) && three.insert(c.iso3), "{c:?}");
        }
        // 193 members + 2 observers + 5 territories + 6 former states.
        assert_eq!(COUNTRIES.len(), 206);
    }

    #[test]
    fn lookups() {
        assert_eq!(iso3_for_iso2("us"), Some("USA"));
        assert_eq!(iso3_for_iso2("RU"), Some("RUS"));
        assert_eq!(iso3_for_iso2(""), None);
        assert_eq!(iso3_for_iso2("QQ"), None);
        assert_eq!(iso3_for_name("Yemen Arab Republic"), Some("YAR"));
        assert_eq!(iso3_for_name("Federal Republic of Germany"), Some("DEU"));
        assert_eq!(iso3_for_name("Atlantis"), None);
        assert_eq!(parse_iso3("chn").unwrap(), "CHN");
        assert!(parse_iso3("CHI").is_err());
    }
}
