//! Coding one verb: its upper and lower sequences, the passive and active readings of its
//! group's patterns, then source, target and the events (see `docs/petrarch.md`, steps 3–16).

use super::*;

impl PetrarchCoder {

    #[allow(clippy::too_many_arguments)]
    pub(super) fn code_verb(
        &self,
        s: &Sentence,
        units: &[Unit],
        flags: &Flags,
        vi: usize,
        vp: NodeId,
        form: &VerbForm,
        consumed: std::ops::Range<usize>,
        options: &Options,
        (occurrences, present): (&[(u32, u32)], &mut Present),
        out: &mut Vec<PetrEvent>,
    ) -> (Vec<String>, bool) {
        let first = if consumed.is_empty() { vi } else { consumed.start };
        let last = if consumed.is_empty() { vi } else { consumed.end - 1 };
        let (_, mut vp_end) = s.span[vp.0 as usize];
        if self.petrarch2 {
            // PETRARCH2 codes an embedded clause with its own verb: the
            // lower sequence ends where the first clause inside the VP starts.
            if let Some(c) = s.first_clause_in(vp, last + 1) {
                vp_end = c.max(last + 1);
            }
        }
        let lower = Seq::lower(s, flags, units, last + 1, vp_end.max(last + 1));
        let upper_start = s.clause_start(first);
        let upper = Seq::upper(s, flags, units, upper_start, first);
        let group = &self.groups[form.group];
        let mut code = form.code.clone().unwrap_or_else(|| group.code.clone());
        let mut bind = Binding::default();
        let mut matched_text = String::new();
        if !group.patterns.is_empty() {
            present.fill(
                occurrences,
                (upper_start as u32, first as u32),
                ((last + 1) as u32, vp_end.max(last + 1) as u32),
            );
        }
        // The passive reading (`Evidence against Russia was presented by
        // the US`, `The civilians were released by Putin`): the subject is
        // the object the patterns look for after the verb, and the `by`
        // phrase the source. Tried first; the active reading follows.
        let subject_np0 = s.subject(vp);
        let mut passive_agent = None;
        let passive_verb = s.is_passive(first);
        if !group.patterns.is_empty() && passive_verb {
            if let (Some(agent), Some(np)) = (lower.after_word("BY"), subject_np0) {
                let (sa, sb) = s.span[np.0 as usize];
                let by = (last + 1..vp_end)
                    .find(|&i| s.words[i] == "BY")
                    .unwrap_or(vp_end);
                let reading = Seq::lower_ranges(s, flags, units, &[(sa, sb), (last + 1, by)]);
                let empty = Seq::upper(s, flags, units, first, first);
                for (p, rev_pre) in group.patterns.iter().zip(&group.rev_pre) {
                    if !rev_pre.is_empty() || p.post.is_empty() {
                        continue;
                    }
                    if let Some(b) = self.match_pattern(p, rev_pre, &empty, &reading) {
                        code = p.code.clone();
                        matched_text = p.text();
                        let target = b.target.or_else(|| reading.default_target(b.literal_after, units));
                        bind = Binding {
                            source: Some(agent),
                            target,
                            ..Binding::default()
                        };
                        passive_agent = Some(agent);
                        break;
                    }
                }
            }
        }
        // The most specific pattern wins; among equally specific ones
        // (PETRARCH2 files), the one whose words start nearest the verb
        // (`launched many similar attacks during its … campaign`: ATTACKS,
        // not CAMPAIGN), as PETRARCH2 reads the object before later phrases.
        let mut best: Option<(usize, usize, Binding)> = None; // (pattern, first literal, binding)
        for (k, ((p, rev_pre), (pre, post))) in group
            .patterns
            .iter()
            .zip(&group.rev_pre)
            .zip(&group.required)
            .enumerate()
        {
            if passive_agent.is_some() {
                break;
            }
            if let Some((bk, first, _)) = &best {
                // Nothing starts nearer than right after the verb.
                if !self.petrarch2 || group.sizes[k] < group.sizes[*bk] || *first == 0 {
                    break;
                }
            }
            if !present.has_all(pre, false) || !present.has_all(post, true) {
                continue;
            }
            if let Some(b) = self.match_pattern(p, rev_pre, &upper, &lower) {
                let first = b.literal_after.trailing_zeros() as usize;
                if best.as_ref().is_none_or(|(_, f, _)| first < *f) {
                    best = Some((k, first, b));
                }
            }
        }
        if let Some((k, _, b)) = best {
            let p = &group.patterns[k];
            code = p.code.clone();
            bind = b;
            matched_text = p.text();
        }
        let verb_text = s.orig[consumed].join(" ");
        let event_text = if matched_text.is_empty() {
            verb_text
        } else {
            format!("{verb_text} <{matched_text}>")
        };
        // The clause's subject decides the source when it has one: its first
        // coded unit (`Resumption of ties between A and B may spur …`), or
        // none at all when it names no actor (`a hafling was reported`). A
        // pronoun subject says nothing: PETRARCH then takes the nearest
        // actor before the verb.
        let subject_np = s.subject(vp).filter(|np| !s.is_pronoun(*np));
        let subject = subject_np.map(|np| flags.first_coded_in(units, s.span[np.0 as usize]));
        let mut source_unit = bind.source.or_else(|| subject.flatten()).or_else(|| {
            if subject.is_some() {
                None
            } else {
                // Not from an introductory phrase (`On improvement of …
                // Gondor's health centres, he said …`: TABDEBUG-19).
                upper
                    .coded_units()
                    .find(|&u| !s.in_opening_pp(units[u].start))
            }
        });
        let mut target_unit = bind
            .target
            .or_else(|| lower.default_target(bind.literal_after, units));
        // The pattern took the subject as its target (`NOTED + *`): the
        // source is then the next actor back (`Gondor's PM noted that
        // Cirith Ungol regretted …`).
        if bind.target.is_some() && bind.source.is_none() && source_unit == target_unit {
            source_unit = upper.coded_units().find(|u| Some(*u) != target_unit);
        }
        // A passive (`was opposed by B`): the `by` phrase acts on the subject.
        let passive = passive_verb || (self.petrarch2 && s.is_reduced_relative(first));
        if bind.source.is_none() && bind.target.is_none() && passive {
            if let Some(agent) = lower.after_word("BY") {
                target_unit = source_unit;
                source_unit = Some(agent);
            } else if self.petrarch2 && passive_agent.is_none() {
                // PETRARCH2: without a `by` phrase the subject is still
                // the one acted on (`10 Russian soldiers [were] killed in
                // Ukraine`: RUSMIL the target), and the actor after the
                // verb takes the source's place.
                std::mem::swap(&mut source_unit, &mut target_unit);
            }
        }
        // For transformations: who the subject is, and whether the verb's
        // own clause names one (`wants Putin to attack` vs `wants to attack`).
        let own_subject = s.own_subject(vp);
        // Only the transformations (PETRARCH2 files) read the sources back.
        let record_sources: Vec<String> = if self.transformations.is_empty() {
            Vec::new()
        } else {
            Self::members(units, source_unit)
                .filter_map(|m| m.code.clone())
                .collect()
        };
        // Each (source, target) pair becomes its event(s) at once.
        let text = |m: &Member| s.orig[m.start..m.end].join(" ");
        let mut emit = |a: &Member, b: &Member| {
            let (Some(sc), Some(tc)) = (a.code.as_deref(), b.code.as_deref()) else {
                return;
            };
            if sc == tc {
                return;
            }
            if let Some(CodeValue::Code(c)) = &code.forward {
                out.push(PetrEvent {
                    source: sc.to_string(),
                    target: tc.to_string(),
                    code: c.clone(),
                    source_text: text(a),
                    target_text: text(b),
                    event_text: event_text.clone(),
                });
            }
            if let Some(CodeValue::Code(c)) = &code.reverse {
                out.push(PetrEvent {
                    source: tc.to_string(),
                    target: sc.to_string(),
                    code: c.clone(),
                    source_text: text(b),
                    target_text: text(a),
                    event_text: event_text.clone(),
                });
            }
        };
        if let (Some(c), true) = (bind.compound, bind.compound_after) {
            // `* WITH %`: the subject acts on each member of the compound.
            for a in Self::members(units, source_unit) {
                for b in Self::members(units, Some(c)) {
                    emit(a, b);
                }
            }
        } else if let Some(c) = bind.compound {
            let target = bind.target.or(if bind.source.is_none() {
                None
            } else {
                target_unit
            });
            if let Some(t) = target {
                // `% * +`: every member acts on the target.
                for a in Self::members(units, Some(c)) {
                    for b in Self::members(units, Some(t)) {
                        emit(a, b);
                    }
                }
            } else {
                // `% *`: every member acts on every other.
                for a in Self::members(units, Some(c)) {
                    for b in Self::members(units, Some(c)) {
                        if a.code != b.code {
                            emit(a, b);
                        }
                    }
                }
            }
        } else {
            let mut srcs: Vec<Member> = Self::members(units, source_unit).cloned().collect();
            let mut tgts: Vec<Member> = Self::members(units, target_unit).cloned().collect();
            // PETRARCH2: an agent-only target takes the actor of a `from`,
            // `of` or `in` phrase right after it even when the parse
            // attaches that phrase to the verb (`meet with exiled
            // dissidents from Myanmar` → MMROPP).
            if self.petrarch2 && tgts.iter().all(|m| m.code.as_deref().is_some_and(|c| c.starts_with("---"))) {
                if let Some(o) = target_unit.and_then(|t| lower.pp_actor_after(t, units)) {
                    tgts = tgts
                        .iter()
                        .flat_map(|m| {
                            let agent = m.code.as_deref().unwrap_or("---");
                            units[o].members.iter().filter_map(move |a| {
                                let actor = a.code.as_deref().filter(|c| !c.contains("---"))?;
                                Some(Member {
                                    code: Some(agent.replacen("---", actor, 1)),
                                    start: m.start,
                                    end: a.end,
                                })
                            })
                        })
                        .collect();
                }
            }
            // New actors (`new_actor_length`): an uncoded proper-noun
            // phrase, with its `of` complement, named by its words.
            let limit = options.new_actor_length as usize;
            if limit > 0 && srcs.is_empty() {
                let span = match subject_np {
                    Some(np) => Some(s.span[np.0 as usize]),
                    None => upper
                        .first_proper(units)
                        .map(|u| (units[u].start, units[u].end)),
                };
                srcs.extend(span.and_then(|sp| s.new_actor(sp, limit)));
            } else if limit > 0 {
                // `Eriador's death and injury toll`: an uncoded conjunct of
                // a coordinated subject beside a coded one is a new actor
                // too (DEMO-22), proper noun or not.
                if let Some(np) = subject_np.filter(|np| s.is_coordination(*np)) {
                    for &c in &s.tree.node(np).children {
                        if !is_np(&s.tree.node(c).label) {
                            continue;
                        }
                        let span = s.span[c.0 as usize];
                        if flags.first_coded_in(units, span).is_none() {
                            srcs.extend(s.new_actor_words(span, limit));
                        }
                    }
                }
            }
            if limit > 0 && tgts.is_empty() {
                let span = lower
                    .first_proper(units)
                    .map(|u| (units[u].start, units[u].end));
                tgts.extend(span.and_then(|sp| s.new_actor(s.with_of_complement(sp), limit)));
            }
            if srcs.is_empty() && tgts.is_empty() {
                return (record_sources, own_subject);
            }
            // PETRARCH2: a compound subject with no target acts among its
            // members (`The US, Russia, and Switzerland met` gives all six
            // directed pairs), as `% *` does in PETRARCH-1 files. Not when
            // the verb governs a clause (`agree that …`, `said he will …`,
            // `seeking to deepen …`): that clause's verb codes the event.
            if self.petrarch2
                && tgts.is_empty()
                && srcs.len() >= 2
                && s.first_clause_in(vp, last + 1).is_none()
            {
                for a in &srcs {
                    for b in &srcs {
                        if a.code != b.code {
                            emit(a, b);
                        }
                    }
                }
            } else {
                if options.require_dyad && (srcs.is_empty() || tgts.is_empty()) {
                    return (record_sources, own_subject);
                }
                // PETRARCH-1 fills a missing target with `---` only from a
                // noun phrase after the verb (coded or not): `said on
                // Saturday` has one (COMMA-07), `said today` (an `NP-TMP`,
                // no phrase) none, so nothing is coded (COMMA-06, COMMA-12).
                let lower_has_np = lower.items.iter().any(|i| matches!(i, SeqItem::Unit { .. }));
                if tgts.is_empty() && !lower_has_np {
                    return (record_sources, own_subject);
                }
                let none = || Member {
                    code: Some("---".into()),
                    start: 0,
                    end: 0,
                };
                if srcs.is_empty() {
                    srcs.push(none());
                }
                if tgts.is_empty() {
                    tgts.push(none());
                }
                for a in &srcs {
                    for b in &tgts {
                        emit(a, b);
                    }
                }
            }
        }
        (record_sources, own_subject)
    }

    /// The coded members of a unit (new actors are made by the caller).
    pub(super) fn members(units: &[Unit], unit: Option<usize>) -> impl Iterator<Item = &Member> {
        unit.into_iter()
            .flat_map(move |u| units[u].members.iter())
            .filter(|m| m.code.is_some())
    }
}
