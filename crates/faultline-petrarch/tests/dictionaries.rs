//! Hard cases of the actor, agent, discard, issue and config readers.

use std::path::Path;

use faultline_petrarch::*;

fn date(year: u16, month: u8, day: u8) -> PetrDate {
    PetrDate { year, month, day }
}

fn actors(text: &str) -> Loaded<ActorDictionary> {
    ActorDictionary::parse(text.as_bytes(), "t.actors").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn actor_entries_synonyms_and_continuations() {
    let d = actors(concat!(
        "<!-- \n# a multi-line\n# comment -->\n",
        "GOLLUM  # pas 27 Apr 03\n+SMEAGOL\n+STINKER\n",
        "\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n#\t[950601-990815]  disabled\n\t[HOBREB > 990816]\n\t\n",
        "INTERNATIONAL_CRIMINAL_POLICE_ORGANIZATION_\t\n+INTERPOL\n\t[IGOCOPITP]\t# Interpol\n",
        "ABN_AMRO_\t[NLDGOVBUS >081004][MNCNLD]\t# two codes on one line\n",
        "PRINCE OF DOL AMROTH\n\t[--- <950630]\n\t[DOL]\n",
        "+TAIOAN_ +TAWIAN_\n",
        "ZIMBABWE\n\t[RHO <790606]\n\t[ZBW]#jw 9/30/91\n",
    ))
    .value;
    let a = &d.actors;
    assert_eq!(a.len(), 5);
    assert_eq!(
        a[0].names
            .iter()
            .map(|n| n.words.join(" "))
            .collect::<Vec<_>>(),
        ["GOLLUM", "SMEAGOL", "STINKER"]
    );
    assert_eq!(a[0].codes.len(), 3);
    assert_eq!(
        a[0].codes[0].restriction,
        DateRestriction::Before(date(1995, 6, 1))
    );
    assert_eq!(
        a[0].codes[1].restriction,
        DateRestriction::Between(date(1995, 6, 1), date(1999, 8, 15))
    );
    assert_eq!(
        a[0].codes[2].restriction,
        DateRestriction::After(date(1999, 8, 16))
    );
    assert_eq!(a[1].names[0].words.len(), 4);
    assert!(a[1].names[0].exact);
    assert_eq!(a[1].codes[0].code, "IGOCOPITP");
    assert_eq!(
        a[2].codes
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        ["NLDGOVBUS", "MNCNLD"]
    );
    assert!(a[3].codes[0].is_null());
    assert_eq!(a[3].names.len(), 3, "two `+` synonyms on one line");
    assert_eq!(a[3].names[0].words, ["PRINCE", "OF", "DOL", "AMROTH"]);
    assert_eq!(a[4].codes[1].code, "ZBW");
}

#[test]
fn actor_dates_follow_petrarch() {
    let d = actors("X\n\t[AFGELI 320101-331108]\n\t[AFGELI 730717-070723]\n\t[ARMUNR 9008223-911221]\n\t[MNEGOV 20121204]\n");
    let c = &d.value.actors[0].codes;
    // YY <= 30 is 20YY, later years 19YY.
    assert_eq!(
        c[0].restriction,
        DateRestriction::Between(date(1932, 1, 1), date(1933, 11, 8))
    );
    assert_eq!(
        c[1].restriction,
        DateRestriction::Between(date(1973, 7, 17), date(2007, 7, 23))
    );
    // Seven digits: read as YYMMDD like PETRARCH, with a warning.
    assert_eq!(
        c[2].restriction,
        DateRestriction::Between(date(1990, 8, 22), date(1991, 12, 21))
    );
    assert_eq!(
        c[3].restriction,
        DateRestriction::Unmarked(date(2012, 12, 4))
    );
    let w: Vec<String> = d.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.contains(&"t.actors:4:3: date `9008223` has 7 digits; read as YYMMDD".to_string()),
        "{w:#?}"
    );
    assert!(w
        .iter()
        .any(|m| m.starts_with("t.actors:5:3: date `20121204` has no `<`, `>` or range")));
}

#[test]
fn codeless_names_share_the_next_entrys_codes() {
    let d = actors("IVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\nJOSIPOVIC_\n\t[HRVGOV >20120219]\nZORAN_MILANOVIC_ [HRVGOV]\n");
    assert_eq!(d.value.actors.len(), 2);
    assert_eq!(d.value.actors[0].names.len(), 3);
    assert_eq!(d.warnings.len(), 2);
    assert_eq!(d.warnings[0].to_string(), "t.actors:2:1: `IVO_JOSIPOVIC` (line 1) has no codes of its own; it shares this entry's codes");
}

#[test]
fn actor_errors() {
    let e = |t: &str| {
        ActorDictionary::parse(t.as_bytes(), "t.actors")
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        e("\t[USA]\n"),
        "t.actors:1:2: code line with no actor name before it"
    );
    assert_eq!(
        e("+USA\n"),
        "t.actors:1:1: synonym `+` line with no actor name before it"
    );
    assert_eq!(
        e("X [USA\n"),
        "t.actors:1:3: expected `]` to close the code block"
    );
    assert_eq!(
        e("X []\n"),
        "t.actors:1:4: empty code block `[]`: expected [CODE] or [CODE date]"
    );
    assert_eq!(
        e("X [A 19990231]\n"),
        "t.actors:1:4: day 31 out of range for 1999-02 in date `19990231`"
    );
    assert_eq!(
        e("X [A <99]\n"),
        "t.actors:1:4: expected a date YYYYMMDD or YYMMDD, found `99` (too short)"
    );
    let two = ActorDictionary::parse(b"X [A <1]\nY [B >2]\n", "t").unwrap_err();
    assert_eq!(
        two.diagnostics().len(),
        2,
        "all errors of a file are collected"
    );
}

#[test]
fn agents_codes_plurals_substitutions() {
    let d = AgentDictionary::parse(
        concat!(
            "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n!MINST! = MINISTER, MINISTRY\n",
            "PARLIAMENTARY_OPPOSITION {} [~OPP] #jap 11 Oct 2002\n",
            "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n",
            "CONGRESS!PERSON! [~LEG]\n",
            "!MINST!_OF_SILLY_WALKS [~GOV]\n",
            "HUMAN_RIGHTS_ORGANIZATION  [  NGO~] # sls\n",
            "POLICE {} [ ~COP]\n",
            "ISLAMIC_EXTREMIST\n",
            "DEPARMENT_OF_ENVIRONMENT [~ENV}\n",
        )
        .as_bytes(),
        "t.agents",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let v = &d.value;
    assert_eq!(v.agents.len(), 7);
    assert_eq!(v.agents[0].plurals, Plurals::None);
    assert_eq!(
        v.agents[1].plurals,
        Plurals::Irregular(vec![vec!["ATTORNEYS".into(), "GENERAL".into()]])
    );
    assert_eq!(v.agents[2].plurals, Plurals::Regular);
    assert_eq!(v.expand(&v.agents[2]).len(), 5);
    assert_eq!(v.expand(&v.agents[2])[1], ["CONGRESSMEN"]);
    assert_eq!(
        v.expand(&v.agents[3])[1],
        ["MINISTRY", "OF", "SILLY", "WALKS"]
    );
    assert_eq!(
        v.agents[4].code,
        AgentCode {
            code: "NGO".into(),
            placement: CodePlacement::Prefix
        }
    );
    assert_eq!(
        v.agents[5].code,
        AgentCode {
            code: "COP".into(),
            placement: CodePlacement::Suffix
        }
    );
    assert_eq!(v.agents[6].code.code, "ENV");
    let w: Vec<String> = d.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        w,
        [
            "t.agents:9:1: agent `ISLAMIC_EXTREMIST` has no [code]; entry skipped",
            "t.agents:10:26: code block closed with `}` instead of `]`"
        ]
    );
    let e = |t: &str| {
        AgentDictionary::parse(t.as_bytes(), "t.agents")
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        e("X [GOV]\n"),
        "t.agents:1:3: expected `[~CODE]` or `[CODE~]`, found `[GOV]`"
    );
    assert_eq!(
        e("X!Y! [~GOV]\n"),
        "t.agents:1: substitution set `!Y!` is not defined"
    );
    assert_eq!(
        e("!P = A\n"),
        "t.agents:1:1: expected `!NAME! = WORD, WORD` but the name is `!P`"
    );
    assert_eq!(
        e("X {A [~GOV]\n"),
        "t.agents:1:3: expected `}` to close the plural list"
    );
}

#[test]
fn discards_story_and_sentence() {
    let d = DiscardList::parse(
        b"# Story-level discards are indicated with a '+'.\nMONTHS LATER\n+World Golf Championships   # pas\n+ MANCHESTER UNITED\nAFRICAN NATIONS CUP   # ab ;AB\n",
        "t.discards",
    )
    .unwrap();
    let v = &d.value.discards;
    assert_eq!(v.len(), 4);
    assert_eq!(
        (v[0].scope, v[1].scope, v[2].scope),
        (
            DiscardScope::Sentence,
            DiscardScope::Story,
            DiscardScope::Story
        )
    );
    assert_eq!(v[2].words, ["MANCHESTER", "UNITED"]);
    assert_eq!(
        DiscardList::parse(b"+\n", "t").unwrap_err().to_string(),
        "t:1:1: expected a phrase after `+`"
    );
}

#[test]
fn issues_sections_and_exclusions() {
    let d = IssueDictionary::parse(
        concat!(
            "# Phoenix Open Event Data Issues\n",
            "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n",
            "pre+n:school [EARLY_CHILDHOOD_EDUCATION]\n",
            "touristry[TOURISM]\n",
            "european central bank\n",
            "~a head start\n~~emacs code browser\n",
            "intimidation of press [MEDIA_CENSORSHIP]intimidation of the media [MEDIA_CENSORSHIP]\n",
            "</ISSUE>\n</ISSUE>\n",
            "<ISSUE CATEGORY=\"KIDNAP\" TYPE=\"COUNTEVENT\">\nv:kidnap\n",
        )
        .as_bytes(),
        "t.issues",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let s = &d.value.sections;
    assert_eq!(s.len(), 2);
    assert_eq!(
        (s[0].category.as_str(), s[1].kind.as_str()),
        ("EDUCATION", "COUNTEVENT")
    );
    let w = &s[0].phrases[0].words;
    assert_eq!(
        (
            w[0].text.as_str(),
            w[1].text.as_str(),
            w[1].pos,
            w[1].joined
        ),
        ("pre", "school", PartOfSpeech::Noun, true)
    );
    assert_eq!(s[0].phrases[1].code.as_deref(), Some("TOURISM"));
    assert_eq!(s[0].phrases[2].code, None);
    assert_eq!(
        s[0].exclusions.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [ExclusionKind::Phrase, ExclusionKind::Acronym]
    );
    assert_eq!(
        s[0].phrases.len(),
        5,
        "two entries on one line are both kept"
    );
    assert_eq!(s[1].phrases[0].words[0].pos, PartOfSpeech::Verb);
    assert_eq!(d.warnings.len(), 3, "{:#?}", d.warnings);
    let e = |t: &str| {
        IssueDictionary::parse(t.as_bytes(), "t")
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        e("oil [OIL]\n"),
        "t:1:1: phrase outside an `<ISSUE …>` section"
    );
    assert_eq!(
        e("<ISSUE TYPE=\"ALL\">\n"),
        "t:1:1: the ISSUE tag needs CATEGORY=\"…\""
    );
    assert_eq!(
        e("<ISSUE CATEGORY=\"X\">\noil [OIL\n"),
        "t:2:1: expected `]` to close the issue code"
    );
}

#[test]
fn config_resolves_names_and_reads_options() {
    let ini = concat!(
        "# comment\n[Dictionaries]\nverbfile_name    = CAMEO.2.0.txt\n",
        "actorfile_list   = A.txt, B.txt,C.txt\n#agentfile_name = old.txt\nagentfile_name = /abs/agents.txt\n",
        "[Options]\nrequire_dyad = FALSE\nnull_actors = False  \ncomma_max = 0\ntextfile_list = data/x.xml\n",
        "[StanfordNLP]\nstanford_dir = ~/stanford-corenlp/\n",
    );
    let c = Config::parse(ini.as_bytes(), "c.ini", Path::new("/dicts"))
        .unwrap()
        .value;
    assert_eq!(
        c.verb_file.as_deref(),
        Some(Path::new("/dicts/CAMEO.2.0.txt"))
    );
    assert_eq!(c.actor_files.len(), 3);
    assert_eq!(c.actor_files[2], Path::new("/dicts/C.txt"));
    assert_eq!(c.agent_file.as_deref(), Some(Path::new("/abs/agents.txt")));
    assert!(!c.options.require_dyad);
    assert_eq!(c.options.comma_max, 0);
    assert_eq!(c.options.comma_emax, 8, "defaults kept");
    assert_eq!(c.text_files, [Path::new("/dicts/data/x.xml")]);
    let e = Config::parse(
        b"[Options]\nrequire_dyad = maybe\nfoo\n",
        "c.ini",
        Path::new("."),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(e, "c.ini:2:16: option `require_dyad`: expected True or False, found `maybe`\nc.ini:3:1: expected `key = value`, found `foo`");
    let w = Config::parse(b"[Options]\nfrobnicate = 1\n", "c.ini", Path::new("."))
        .unwrap()
        .warnings;
    assert_eq!(
        w[0].to_string(),
        "c.ini:2:1: unknown option `frobnicate` ignored"
    );
    let mut o = Options::default();
    assert_eq!(o.set("new_actor_length", "4"), Ok(true));
    assert_eq!(o.new_actor_length, 4);
    assert_eq!(
        o.set("comma_min", "x"),
        Err(OptionError::BadValue {
            key: "comma_min".into(),
            expected: "a whole number",
            value: "x".into()
        })
    );
}

#[test]
fn invalid_utf8_lines_are_read_as_latin1() {
    let d = DiscardList::parse(b"CAF\xc9 LATER\nOK\n", "t").unwrap();
    assert_eq!(d.value.discards[0].words[0], "CAF\u{c9}");
    assert_eq!(
        d.warnings[0].to_string(),
        "t:1:4: line is not valid UTF-8; read as Latin-1"
    );
}
