//! Word classes: the closed-class lexicon of news English and the suffix
//! morphology used for words the dictionaries do not know.
//!
//! Closed classes (determiners, pronouns, prepositions, conjunctions,
//! auxiliaries, modals, negators, subordinators, common adverbs) are a fixed,
//! small set and are listed here; open classes come from the dictionary
//! [`faultline_dict::Lexicon`] (every pattern and agent word with its
//! inflections), then from suffixes and capitalisation.

/// The word class of a token in an [`crate::Analysis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// `the`, `a`, `this`, `some`, `no`.
    Det,
    /// Personal and other pronouns: `it`, `they`, `he`, `itself`.
    Pron,
    /// Possessive pronouns: `its`, `their`, `his`.
    PossPron,
    /// Prepositions other than `to`.
    Prep,
    /// `to` (preposition or infinitive marker; decided by what follows).
    To,
    /// Coordinating conjunctions: `and`, `or`, `but`, `nor`.
    Coord,
    /// Subordinators: `if`, `because`, `although`, `while`, `when`, `whereas`.
    Subord,
    /// Relative and interrogative pronouns: `who`, `which`, `whom`, `whose`.
    Rel,
    /// `that` (determiner, relative or complementizer; decided by context).
    That,
    /// Forms of `be`, `have`, `do`.
    Aux,
    /// Modals: `will`, `would`, `may`, `should`, `'ll`.
    Modal,
    /// Negators: `not`, `n't`, `never`.
    Neg,
    /// Adverbs.
    Adv,
    /// A verb form.
    Verb,
    /// A common noun.
    Noun,
    /// A capitalised name word.
    Proper,
    /// An adjective.
    Adj,
    /// A number (digits or a number word).
    Num,
    /// The possessive clitic `'s` / `'`.
    Possessive,
    /// Punctuation.
    Punct,
    /// Other symbols (`$`, `%`, `€`).
    Symbol,
}

impl Class {
    /// True for classes that can be part of a noun phrase before its head.
    pub fn is_nominal(self) -> bool {
        matches!(self, Class::Noun | Class::Proper | Class::Num)
    }
}

/// Inflectional form of a verb token (from the lexicon or suffixes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// Not a verb, or unknown.
    None,
    /// Base form (`support`, `visit`).
    Base,
    /// Third person singular (`supports`).
    Third,
    /// Past tense or past participle (`supported`, `led`, `taken`).
    Past,
    /// `-ing` form.
    Ing,
}

/// The class of a closed-class word (its key, lower case), if it is one.
pub fn closed_class(key: &str) -> Option<Class> {
    use Class::*;
    Some(match key {
        "the" | "a" | "an" | "this" | "these" | "those" | "some" | "any" | "each" | "every" | "all" | "both"
        | "either" | "neither" | "no" | "another" | "such" | "many" | "much" | "several" | "few" | "various"
        | "other" | "own" | "whatever" => Det,
        "it" | "they" | "he" | "she" | "we" | "i" | "you" | "them" | "him" | "us" | "me" | "itself" | "themselves"
        | "himself" | "herself" | "ourselves" | "there" | "everyone" | "someone" | "nobody" | "anyone" => Pron,
        "its" | "their" | "his" | "her" | "our" | "your" | "my" => PossPron,
        "of" | "in" | "on" | "at" | "by" | "for" | "from" | "with" | "without" | "against" | "about" | "over"
        | "under" | "into" | "onto" | "toward" | "towards" | "through" | "across" | "after" | "before"
        | "during" | "upon" | "within" | "behind" | "beyond" | "near" | "via" | "amid" | "amidst" | "among"
        | "amongst" | "between" | "despite" | "like" | "than" | "per" | "including" | "regarding"
        | "concerning" | "following" | "along" | "around" | "outside" | "inside" | "since" | "until" | "till"
        | "as" | "unlike" | "except" | "besides" | "throughout" | "underneath" | "alongside" | "atop" => Prep,
        "to" => To,
        "first" | "last" | "next" | "former" | "new" | "top" | "senior" | "foreign" => Adj,
        "and" | "or" | "but" | "nor" | "&" => Coord,
        "if" | "unless" | "because" | "although" | "though" | "whereas" | "while" | "whilst" | "when"
        | "whenever" | "whether" | "where" | "once" => Subord,
        "who" | "whom" | "which" | "whose" => Rel,
        "that" => That,
        "be" | "am" | "is" | "are" | "was" | "were" | "been" | "being" | "'re" | "'m" | "have" | "has" | "had"
        | "having" | "'ve" | "do" | "does" | "did" => Aux,
        "will" | "would" | "shall" | "should" | "may" | "might" | "must" | "can" | "could" | "ought" | "'ll"
        | "'d" | "wo" | "ca" => Modal,
        "not" | "n't" | "never" => Neg,
        "also" | "still" | "already" | "now" | "then" | "just" | "only" | "even" | "again" | "soon" | "ever"
        | "often" | "always" | "yet" | "so" | "very" | "too" | "quite" | "more" | "most" | "less" | "least"
        | "well" | "however" | "moreover" | "meanwhile" | "indeed" | "thus" | "therefore" | "here" | "perhaps"
        | "almost" | "rather" | "instead" | "later" | "earlier" | "together" | "abroad" | "ago" | "far"
        | "nevertheless" | "nonetheless" | "furthermore" | "hence" | "otherwise" | "anyway" | "once more"
        | "up" | "down" | "out" | "off" | "back" | "away" | "apart" | "forward" | "ahead" | "further" => Adv,
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "eleven"
        | "twelve" | "twenty" | "thirty" | "forty" | "fifty" | "hundred" | "hundreds" | "thousand"
        | "thousands" | "million" | "millions" | "billion" | "billions" | "trillion" | "dozen" | "dozens" => Num,
        _ => return None,
    })
}

/// Verbs that introduce reported speech or belief ("X said that …").
pub fn is_reporting_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "say" | "tell" | "state" | "claim" | "acknowledge" | "report" | "add" | "note" | "insist" | "argue"
            | "allege" | "confirm" | "believe" | "think" | "suggest" | "assert" | "explain" | "write"
            | "announce" | "declare" | "concede" | "admit" | "maintain" | "contend" | "indicate" | "reveal"
            | "disclose" | "recall" | "estimate" | "predict" | "stress" | "emphasize" | "emphasise" | "hint" | "find"
            | "conclude"
    )
}

/// Verbs whose infinitival or gerund complement did not happen
/// ("refused to condemn", "avoided committing").
pub fn is_negating_lemma(lemma: &str) -> bool {
    matches!(lemma, "refuse" | "decline" | "fail" | "avoid" | "reject" | "forgo" | "forego" | "shun" | "balk" | "neglect" | "stop" | "cease")
}

/// Nouns whose complement did not happen ("Beijing's refusal to condemn").
pub fn is_negating_noun(key: &str) -> bool {
    matches!(key, "refusal" | "failure" | "reluctance" | "unwillingness" | "rejection")
}

/// Verbs whose complement is announced for the future ("plans to visit").
pub fn is_future_lemma(lemma: &str) -> bool {
    matches!(lemma, "plan" | "intend" | "aim" | "expect" | "set" | "go" | "prepare" | "schedule" | "due" | "poised" | "slate")
}

/// Verbs whose complement is only possible ("seeks to", "hopes to", "wants to").
pub fn is_hypothetical_lemma(lemma: &str) -> bool {
    matches!(lemma, "hope" | "want" | "wish" | "seek" | "try" | "attempt" | "consider")
}

/// Verbs of appeal and demand whose infinitival complement is what is asked
/// for ("urged Beijing not to provide", "demanded Russia withdraw"): the
/// complement is prescriptive, never asserted.
pub fn is_appeal_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "urge" | "ask" | "call" | "press" | "pressure" | "demand" | "request" | "appeal" | "implore" | "beg" | "exhort"
            | "encourage" | "push" | "order" | "instruct" | "tell" | "advise" | "invite" | "persuade" | "lobby" | "plead" | "warn"
            | "require" | "command" | "direct" | "entreat"
    )
}

/// Verbs whose object, when followed by an infinitive, is the infinitive's
/// subject ("urged Beijing to …", "helped Russia evade", "allowed Iran to
/// …"). Not "promise", whose subject keeps acting.
pub fn is_object_control_lemma(lemma: &str) -> bool {
    is_appeal_lemma(lemma) || matches!(lemma, "help" | "allow" | "permit" | "enable" | "force" | "compel" | "oblige" | "authorize" | "authorise" | "convince" | "get")
}

/// Verbs of threatening: relative clauses on their object state the
/// threat's condition, so they are hypothetical.
pub fn is_threat_lemma(lemma: &str) -> bool {
    matches!(lemma, "threaten" | "warn" | "vow")
}

/// Verbs and adjectives whose complement is prescribed ("need to", "be wise to").
pub fn is_prescriptive_lemma(lemma: &str) -> bool {
    matches!(lemma, "need" | "wise" | "advisable" | "necessary" | "essential" | "imperative" | "obliged" | "required" | "urgent" | "ought" | "better")
}

/// A rough lemma for verb forms the lexicon does not know (used only to
/// recognise cue verbs such as "refused", "plans", "said").
pub fn rough_lemma(key: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let irregular = match key {
        "said" | "says" => Some("say"),
        "told" | "tells" => Some("tell"),
        "found" | "finds" => Some("find"),
        "thought" => Some("think"),
        "wrote" | "written" => Some("write"),
        "went" | "gone" | "going" | "goes" => Some("go"),
        "sought" => Some("seek"),
        "tried" | "tries" => Some("try"),
        "set" | "sets" | "setting" => Some("set"),
        "made" | "makes" | "making" => Some("make"),
        "paid" | "pays" | "paying" => Some("pay"),
        "gave" | "given" | "gives" | "giving" => Some("give"),
        "held" | "holds" | "holding" => Some("hold"),
        "stopped" | "stops" | "stopping" => Some("stop"),
        _ => None,
    };
    if let Some(l) = irregular {
        return Cow::Borrowed(l);
    }
    for (suffix, repl) in [("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")] {
        if let Some(stem) = key.strip_suffix(suffix) {
            if stem.len() < 3 {
                continue;
            }
            let mut s = String::with_capacity(stem.len() + 1);
            s.push_str(stem);
            s.push_str(repl);
            // "declined" → "declin" → "decline"; "refused" → "refuse".
            if (suffix == "ed" || suffix == "ing") && !cue_known(&s) {
                s.push('e');
                if !cue_known(&s) {
                    s.pop();
                    // "planned" → "plann" → "plan".
                    let b = s.as_bytes();
                    if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                        s.pop();
                    }
                }
            }
            if suffix == "es" && !cue_known(&s) {
                s.push('e');
                if !cue_known(&s) {
                    s.pop();
                }
            }
            return Cow::Owned(s);
        }
    }
    Cow::Borrowed(key)
}

fn cue_known(l: &str) -> bool {
    is_reporting_lemma(l) || is_negating_lemma(l) || is_appeal_lemma(l) || is_object_control_lemma(l) || is_threat_lemma(l) || is_future_lemma(l) || is_hypothetical_lemma(l) || is_prescriptive_lemma(l) || is_light_verb(l)
}

/// Light verbs whose object noun carries the event ("paid a visit",
/// "made a plea", "held talks").
pub fn is_light_verb(lemma: &str) -> bool {
    matches!(lemma, "make" | "pay" | "give" | "hold" | "launch" | "issue" | "extend" | "conduct" | "stage" | "offer" | "deliver" | "lodge" | "file" | "sign" | "announce" | "express" | "voice" | "reiterate" | "renew" | "host")
}

/// Nouns that denote a counterpart of a state when modified by its
/// adjective ("his Chinese counterpart" → China).
pub fn is_counterpart_noun(key: &str) -> bool {
    matches!(key, "counterpart" | "counterparts" | "side" | "partner" | "partners" | "ally" | "allies" | "neighbor" | "neighbors" | "neighbour" | "neighbours" | "host" | "hosts" | "people")
}

/// Class of an unknown open-class word from its suffix and case.
/// `capitalised` is true when the word starts upper case and is not the
/// first word of the sentence.
pub fn suffix_class(key: &str, capitalised: bool) -> (Class, VerbForm) {
    if capitalised {
        return (Class::Proper, VerbForm::None);
    }
    let n = key.len();
    if n > 4 && key.ends_with("ly") && !key.ends_with("ply") && !matches!(key, "family" | "italy" | "ally" | "rally" | "supply" | "assembly" | "anomaly" | "monopoly") {
        return (Class::Adv, VerbForm::None);
    }
    if n > 4 && key.ends_with("ing") && !matches!(key, "thing" | "nothing" | "something" | "anything" | "everything" | "king" | "ring" | "spring" | "string" | "wing" | "beijing" | "morning" | "evening" | "building" | "meeting" | "briefing" | "funding" | "ceiling" | "wedding") {
        return (Class::Verb, VerbForm::Ing);
    }
    if n > 4 && key.ends_with("ed") && !key.ends_with("eed") && !matches!(key, "need" | "speed" | "bed" | "red" | "hundred" | "shed" | "seed" | "creed") {
        return (Class::Verb, VerbForm::Past);
    }
    for s in ["tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ship", "ist", "ure", "age", "cy", "dom", "hood", "er", "or", "ee"] {
        if n > s.len() + 2 && key.ends_with(s) {
            return (Class::Noun, VerbForm::None);
        }
    }
    for s in ["al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ary", "ant", "ent", "ian", "ish", "ese", "ern", "est", "like", "wide", "free"] {
        if n > s.len() + 2 && key.ends_with(s) {
            return (Class::Adj, VerbForm::None);
        }
    }
    (Class::Noun, VerbForm::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_and_suffixes() {
        assert_eq!(closed_class("its"), Some(Class::PossPron));
        assert_eq!(closed_class("n't"), Some(Class::Neg));
        assert_eq!(closed_class("sanctions"), None);
        assert_eq!(suffix_class("resolutely", false).0, Class::Adv);
        assert_eq!(suffix_class("abstained", false), (Class::Verb, VerbForm::Past));
        assert_eq!(suffix_class("Kenzaburo", true).0, Class::Proper);
        assert_eq!(suffix_class("transactional", false).0, Class::Adj);
        assert_eq!(rough_lemma("refused"), "refuse");
        assert_eq!(rough_lemma("declined"), "decline");
        assert_eq!(rough_lemma("plans"), "plan");
        assert_eq!(rough_lemma("planned"), "plan");
        assert_eq!(rough_lemma("said"), "say");
        assert_eq!(rough_lemma("failed"), "fail");
    }
}
