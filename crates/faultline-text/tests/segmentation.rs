//! Hand-written hard cases for sentence segmentation and tokenisation of
//! news English. Each case states the expected sentences (normalised text)
//! or tokens; every case also checks that offsets slice the source.

use faultline_text::{sentences, Document, Pipeline, TokenKind};

/// Sentences of `src` (clean-up off, so the cases test segmentation alone),
/// checking that each sentence's offsets slice the source to its text.
fn split(src: &str) -> Vec<String> {
    let doc = Document::from_text("case", None, src);
    let ss = Pipeline { clean: false, resolve_dates: false }.run(&doc);
    for s in &ss {
        let orig = &src[s.start..s.end];
        assert_eq!(squash(orig), squash(&s.text), "offsets of {:?}", s.text);
    }
    ss.into_iter().map(|s| s.text).collect()
}

use faultline_testdata::squash;

/// Token texts of the single sentence in `src`.
fn toks(src: &str) -> Vec<String> {
    let doc = Document::from_text("case", None, src);
    let ss = Pipeline { clean: false, resolve_dates: false }.run(&doc);
    ss.iter().flat_map(|s| s.tokens.iter().map(|t| s.token_text(t).to_string())).collect()
}

#[test]
fn c01_us_abbreviation_mid_sentence() {
    assert_eq!(split("U.S. President Joe Biden spoke. He left."), ["U.S. President Joe Biden spoke.", "He left."]);
}

#[test]
fn c02_us_at_sentence_end_before_opener() {
    assert_eq!(
        split("Troops arrived in the U.S. The talks began."),
        ["Troops arrived in the U.S.", "The talks began."]
    );
}

#[test]
fn c03_un_and_eu() {
    assert_eq!(
        split("The U.N. Security Council met. The E.U. did not."),
        ["The U.N. Security Council met.", "The E.U. did not."]
    );
}

#[test]
fn c04_month_abbreviation() {
    assert_eq!(split("It began on Feb. 24, 2022. Then it spread."), ["It began on Feb. 24, 2022.", "Then it spread."]);
}

#[test]
fn c05_titles() {
    assert_eq!(
        split("Gen. Mark Milley met Sen. Bob Menendez and Dr. Jill Biden. Mr. Xi was absent."),
        ["Gen. Mark Milley met Sen. Bob Menendez and Dr. Jill Biden.", "Mr. Xi was absent."]
    );
}

#[test]
fn c06_jr_before_name_and_at_end() {
    assert_eq!(
        split("Martin Luther King Jr. Day passed. The speech was by Martin Luther King Jr. He spoke."),
        ["Martin Luther King Jr. Day passed.", "The speech was by Martin Luther King Jr.", "He spoke."]
    );
}

#[test]
fn c07_street() {
    assert_eq!(
        split("They marched down St. Mark's Place. Police watched."),
        ["They marched down St. Mark's Place.", "Police watched."]
    );
}

#[test]
fn c08_number_abbreviation() {
    assert_eq!(
        split("China's No. 3 leader came. The answer was no. Then he left."),
        ["China's No. 3 leader came.", "The answer was no.", "Then he left."]
    );
}

#[test]
fn c09_companies() {
    assert_eq!(
        split("Apple Inc. and Sony Corp. signed. Shares rose."),
        ["Apple Inc. and Sony Corp. signed.", "Shares rose."]
    );
}

#[test]
fn c10_company_at_end() {
    assert_eq!(
        split("The deal went to Huawei Co. Ltd. The rest went elsewhere."),
        ["The deal went to Huawei Co. Ltd.", "The rest went elsewhere."]
    );
}

#[test]
fn c11_am_pm() {
    assert_eq!(
        split("The vote was at 9 a.m. Monday. It failed at 3 p.m. The council adjourned."),
        ["The vote was at 9 a.m. Monday.", "It failed at 3 p.m.", "The council adjourned."]
    );
}

#[test]
fn c12_middle_initial() {
    assert_eq!(split("George W. Bush met Putin. They talked."), ["George W. Bush met Putin.", "They talked."]);
}

#[test]
fn c13_two_initials() {
    assert_eq!(split("J. K. Rowling wrote it. Critics agreed."), ["J. K. Rowling wrote it.", "Critics agreed."]);
}

#[test]
fn c14_initial_followed_by_surname_starting_like_opener() {
    assert_eq!(
        split("Robert A. Manning is a fellow. Yun Sun is a director."),
        ["Robert A. Manning is a fellow.", "Yun Sun is a director."]
    );
}

#[test]
fn c15_money_and_decimals() {
    assert_eq!(
        split("It gave only $3.5 million. Growth was 3.5%. Inflation hit 10.2 percent."),
        ["It gave only $3.5 million.", "Growth was 3.5%.", "Inflation hit 10.2 percent."]
    );
}

#[test]
fn c16_ellipsis_mid_sentence() {
    assert_eq!(
        split("He said the war ... would end soon. Nobody believed it."),
        ["He said the war ... would end soon.", "Nobody believed it."]
    );
}

#[test]
fn c17_ellipsis_character_ends_sentence() {
    assert_eq!(split("We will see\u{2026} The vote is Friday."), ["We will see...", "The vote is Friday."]);
}

#[test]
fn c18_period_inside_closing_quote() {
    assert_eq!(split("He said \u{201C}no.\u{201D} Then he left."), ["He said \"no.\"", "Then he left."]);
}

#[test]
fn c19_straight_quotes() {
    assert_eq!(split("She said \"yes.\" They agreed."), ["She said \"yes.\"", "They agreed."]);
}

#[test]
fn c20_question_in_quote_followed_by_lowercase() {
    assert_eq!(
        split("\u{201C}Why now?\u{201D} he asked. Nobody answered."),
        ["\"Why now?\" he asked.", "Nobody answered."]
    );
}

#[test]
fn c21_parenthesis_closes_sentence() {
    assert_eq!(
        split("The treaty lapsed. (Russia left in 2023.) Talks stalled."),
        ["The treaty lapsed.", "(Russia left in 2023.)", "Talks stalled."]
    );
}

#[test]
fn c22_parenthetical_with_lowercase_continuation() {
    assert_eq!(
        split("It was principled (if selectively applied) policy. It held."),
        ["It was principled (if selectively applied) policy.", "It held."]
    );
}

#[test]
fn c23_exclamation_and_interrobang() {
    assert_eq!(split("Enough! What now?! Wait."), ["Enough!", "What now?!", "Wait."]);
}

#[test]
fn c24_headline_lines_without_punctuation() {
    assert_eq!(
        split("Washington Is Missing a Chance to Turn China Against Russia\nA rare confluence of crises has created the possibility."),
        ["Washington Is Missing a Chance to Turn China Against Russia", "A rare confluence of crises has created the possibility."]
    );
}

#[test]
fn c25_hard_wrapped_prose_stays_one_sentence() {
    assert_eq!(
        split("China has offered rhetorical support to Russia but avoided\nany actual commitments to aiding Moscow. It waited."),
        ["China has offered rhetorical support to Russia but avoided any actual commitments to aiding Moscow.", "It waited."]
    );
}

#[test]
fn c26_wrapped_line_ending_in_proper_noun() {
    assert_eq!(
        split("The minister said on Tuesday that talks with President Xi Jinping\nwould resume in Beijing. Others disagreed."),
        ["The minister said on Tuesday that talks with President Xi Jinping would resume in Beijing.", "Others disagreed."]
    );
}

#[test]
fn c27_list_items() {
    assert_eq!(
        split("The demands were:\n- a ceasefire\n- talks in Geneva\n- aid"),
        ["The demands were:", "- a ceasefire", "- talks in Geneva", "- aid"]
    );
}

#[test]
fn c28_numbered_list() {
    assert_eq!(split("Steps\n1. Withdraw troops\n2. Hold talks"), ["Steps", "1. Withdraw troops", "2. Hold talks"]);
}

#[test]
fn c28b_inline_enumeration() {
    assert_eq!(
        split("Groups were involved: 1. The National Guard. 2. Police troops. 3. Militia."),
        ["Groups were involved: 1. The National Guard.", "2. Police troops.", "3. Militia."]
    );
}

#[test]
fn c29_paragraph_break_always_ends() {
    assert_eq!(split("Caption without a period\n\nthe text goes on"), ["Caption without a period", "the text goes on"]);
}

#[test]
fn c30_caption_line_then_body() {
    assert_eq!(
        split("Russian President Vladimir Putin and Chinese President Xi Jinping attend a meeting in Beijing on April 26, 2019.\nIt may seem counterintuitive."),
        ["Russian President Vladimir Putin and Chinese President Xi Jinping attend a meeting in Beijing on April 26, 2019.", "It may seem counterintuitive."]
    );
}

#[test]
fn c31_em_dashes_do_not_split() {
    assert_eq!(
        split("Ukraine has strengthened U.S. alliances\u{2014}anathema to Beijing\u{2014}and weakened Russian ties. Then what?"),
        ["Ukraine has strengthened U.S. alliances--anathema to Beijing--and weakened Russian ties.", "Then what?"]
    );
}

#[test]
fn c32_us_led_and_then_us() {
    assert_eq!(
        split("It harms the U.S.-led order. Then-U.S. President Richard Nixon went to China."),
        ["It harms the U.S.-led order.", "Then-U.S. President Richard Nixon went to China."]
    );
}

#[test]
fn c33_etc_ends_before_capital() {
    assert_eq!(
        split("They sent tanks, drones, etc. Russia objected."),
        ["They sent tanks, drones, etc.", "Russia objected."]
    );
}

#[test]
fn c34_eg_never_ends() {
    assert_eq!(
        split("Some states, e.g. Kazakhstan, hedged. Others did not."),
        ["Some states, e.g. Kazakhstan, hedged.", "Others did not."]
    );
}

#[test]
fn c35_sentence_starting_with_number() {
    assert_eq!(
        split("Talks failed. 2023 was worse. $3 million arrived."),
        ["Talks failed.", "2023 was worse.", "$3 million arrived."]
    );
}

#[test]
fn c36_lowercase_after_period_is_not_a_boundary() {
    assert_eq!(split("The approx. figure was low. It rose."), ["The approx. figure was low.", "It rose."]);
}

#[test]
fn c37_quote_opening_next_sentence() {
    assert_eq!(
        split("Biden spoke of the threat. \u{201C}Armageddon,\u{201D} he said."),
        ["Biden spoke of the threat.", "\"Armageddon,\" he said."]
    );
}

#[test]
fn c38_nbsp_and_odd_spaces() {
    assert_eq!(split("Twitter:\u{a0}@Rmanning4 is\u{2009}his handle."), ["Twitter: @Rmanning4 is his handle."]);
}

#[test]
fn t01_possessives_and_negations() {
    assert_eq!(
        toks("Russia's war didn't end; China's won't."),
        ["Russia", "'s", "war", "did", "n't", "end", ";", "China", "'s", "wo", "n't", "."]
    );
}

#[test]
fn t02_curly_apostrophes_split_like_straight() {
    assert_eq!(
        toks("Moscow\u{2019}s allies aren\u{2019}t sure."),
        ["Moscow", "'s", "allies", "are", "n't", "sure", "."]
    );
}

#[test]
fn t03_hyphenated_parts() {
    let doc = Document::from_text("t", None, "Sino-Russian and U.S.-China ties, a 77-year-old taboo.");
    let s = &sentences(&doc)[0];
    let parts: Vec<Vec<&str>> =
        s.tokens.iter().filter(|t| t.is_hyphenated()).map(|t| t.hyphen_parts(&s.text).collect()).collect();
    assert_eq!(parts, vec![vec!["Sino", "Russian"], vec!["U.S.", "China"], vec!["77", "year", "old"]]);
}

#[test]
fn t04_token_kinds() {
    let doc = Document::from_text("t", None, "It cost $3.5 million (3.5%) in 2022.");
    let s = &sentences(&doc)[0];
    let kinds: Vec<(TokenKind, &str)> = s.tokens.iter().map(|t| (t.kind, s.token_text(t))).collect();
    assert_eq!(
        kinds,
        vec![
            (TokenKind::Word, "It"),
            (TokenKind::Word, "cost"),
            (TokenKind::Symbol, "$"),
            (TokenKind::Number, "3.5"),
            (TokenKind::Word, "million"),
            (TokenKind::Punct, "("),
            (TokenKind::Number, "3.5"),
            (TokenKind::Symbol, "%"),
            (TokenKind::Punct, ")"),
            (TokenKind::Word, "in"),
            (TokenKind::Number, "2022"),
            (TokenKind::Punct, "."),
        ]
    );
}

#[test]
fn t05_dashes_normalised() {
    // A range stays one hyphenated token; its parts are the two years.
    assert_eq!(toks("2019\u{2013}2022 \u{2013} and then\u{2014}war"), ["2019-2022", "--", "and", "then", "--", "war"]);
}

#[test]
fn t06_token_offsets_reach_original_bytes() {
    let src = "\u{201C}Beijing\u{2019}s\u{201D} view\u{2014}firm.";
    let doc = Document::from_text("t", None, src);
    let s = &sentences(&doc)[0];
    let spans: Vec<&str> = s.tokens.iter().map(|t| &src[s.original_span(t.start as usize..t.end as usize)]).collect();
    assert_eq!(spans, ["\u{201C}", "Beijing", "\u{2019}s", "\u{201D}", "view", "\u{2014}", "firm", "."]);
}

#[test]
fn t07_plural_possessive() {
    assert_eq!(toks("The sanctions' regime held."), ["The", "sanctions", "'", "regime", "held", "."]);
}

#[test]
fn t08_ampersand_and_initialisms() {
    assert_eq!(toks("AT&T and S&P rose."), ["AT&T", "and", "S&P", "rose", "."]);
}

#[test]
fn long_sentences_are_capped() {
    let src = "word, ".repeat(1000);
    let n = split(&src).len();
    assert!(n >= 5, "{n}");
}
