//! Properties of scoring and reading that must hold for every catalogue and assessment, not
//! only the ones in the examples.

use carepath::{
    ArchivedRating, Area, Assessment, Catalogue, CatalogueRef, Confidence, EvidenceLevel, GroupRating, LocalGroup,
    Participant, Rating, RatingEntry, Report, fhir,
};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A random valid catalogue: any scale range, 1-4 contiguous bands with cut points that need not
/// be integers, 1-5 themes of 1-6 standards, up to 4 cross-cutting themes.
fn catalogue() -> impl Strategy<Value = Catalogue> {
    (-3i32..=3, 1i32..=8, 1usize..=4, 0usize..=4)
        .prop_flat_map(|(min, span, bands, tags)| {
            let max = min + span;
            let cuts = prop::collection::btree_set(1u32..(span as u32 * 4), 0..bands)
                .prop_map(move |cuts| cuts.into_iter().map(|c| f64::from(min) + f64::from(c) / 4.0).collect::<Vec<_>>());
            let themes = prop::collection::vec(
                prop::collection::vec((0usize..3, prop::collection::btree_set(0..tags.max(1), 0..=tags)), 1..=6),
                1..=5,
            );
            (Just((min, max, tags)), cuts, themes)
        })
        .prop_map(|((min, max, tags), cuts, themes)| {
            let mut edges = vec![f64::from(min)];
            edges.extend(cuts);
            edges.push(f64::from(max));
            let bands: Vec<Value> = edges
                .windows(2)
                .enumerate()
                .map(|(i, w)| json!({ "id": format!("b{i}"), "label": format!("Band {i}"), "from": w[0], "to": w[1] }))
                .collect();
            let priorities = ["essential", "expected", "desirable"];
            let themes: Vec<Value> = themes
                .iter()
                .enumerate()
                .map(|(t, standards)| {
                    let standards: Vec<Value> = standards
                        .iter()
                        .enumerate()
                        .map(|(s, (p, tag_set))| {
                            let tag_ids: Vec<String> =
                                tag_set.iter().filter(|&&k| k < tags).map(|k| format!("tag{k}")).collect();
                            json!({ "id": format!("S{t}.{s}"), "title": "t", "description": "d",
                                    "priority": priorities[*p], "services": ["svc"], "tags": tag_ids,
                                    "sources": [{ "source": "src" }] })
                        })
                        .collect();
                    json!({ "id": format!("S{t}"), "title": format!("Theme {t}"), "description": "d", "standards": standards })
                })
                .collect();
            let value = json!({
                "schema_version": "1.0.0", "id": "generated", "version": "1.0.0", "title": "g",
                "publisher": "p", "published": "2020-01-01",
                "scale": { "min": min, "max": max,
                           "levels": (min..=max).map(|v| json!({ "value": v, "label": "l", "description": "d" })).collect::<Vec<_>>(),
                           "bands": bands },
                "themes": themes,
                "cross_cutting": (0..tags).map(|k| json!({ "id": format!("tag{k}"), "title": "x", "description": "d" })).collect::<Vec<_>>(),
                "services": [{ "id": "svc", "title": "s" }],
                "sources": [{ "id": "src", "title": "s", "publisher": "p", "year": 2020 }]
            });
            Catalogue::from_value(value).expect("generated catalogues are valid")
        })
}

/// A catalogue and a random assessment of it: each standard unrated, not applicable, unknown or
/// scored anywhere on the scale, with or without evidence.
fn catalogue_and_assessment() -> impl Strategy<Value = (Catalogue, Assessment)> {
    catalogue()
        .prop_flat_map(|c| {
            let n = c.standard_count();
            let (min, max) = (c.scale.min, c.scale.max);
            let choice = prop_oneof![
                2 => Just(None),
                1 => Just(Some(Rating::NotApplicable)),
                1 => Just(Some(Rating::Unknown)),
                6 => (min..=max).prop_map(|v| Some(Rating::Score(v))),
            ];
            (Just(c), prop::collection::vec((choice, any::<bool>()), n))
        })
        .prop_map(|(c, choices)| {
            let mut a = Assessment::new(c.reference(), Area::named("Anywhere"), "2020-01-01".parse().unwrap());
            let ids: Vec<_> = c.standards().map(|(_, s)| s.id.clone()).collect();
            for (id, (rating, evidence)) in ids.into_iter().zip(choices) {
                if let Some(rating) = rating {
                    let mut entry = RatingEntry::new(rating);
                    if evidence {
                        entry =
                            entry.with_evidence(format!("evidence for {id} with \"quotes\", ünïcode and\nnew lines"));
                    }
                    a.ratings.insert(id, entry);
                }
            }
            (c, a)
        })
}

/// Optional text: absent, empty, or anything (quotes, new lines, any Unicode).
fn text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![2 => Just(None), 1 => Just(Some(String::new())), 4 => "\\PC{1,20}".prop_map(Some)]
}

/// A catalogue and an assessment of it with every field an assessment has filled in at random:
/// the area's code and kind, participants, notes, confidence, actions and review notes, archived
/// ratings, and the ratings in any order.
fn full_assessment() -> impl Strategy<Value = (Catalogue, Assessment)> {
    (
        catalogue_and_assessment(),
        (text(), text(), text(), any::<bool>()),
        prop::collection::vec(("\\PC{0,12}", text()), 0..3),
        prop::collection::vec((text(), 0usize..4, text(), text()), 0..12),
        prop::collection::vec(
            (
                "[A-Z][0-9]{1,2}",
                prop_oneof![Just(Rating::Unknown), (0i32..5).prop_map(Rating::Score)],
                text(),
                "\\PC{0,12}",
            ),
            0..3,
        ),
        any::<u64>(),
    )
        .prop_map(|((c, mut a), (code, kind, notes, schema), people, extras, archived, seed)| {
            a.area.code = code;
            a.area.kind = kind;
            a.notes = notes;
            a.schema = schema.then(|| "../schemas/assessment.schema.json".to_owned());
            a.participants =
                people.into_iter().map(|(role, organisation)| Participant { role, organisation }).collect();
            let confidences = [None, Some(Confidence::Low), Some(Confidence::Medium), Some(Confidence::High)];
            for (entry, (actions, confidence, review, evidence)) in a.ratings.values_mut().zip(extras) {
                entry.actions = actions;
                entry.confidence = confidences[confidence];
                entry.review = review;
                if evidence.is_some() {
                    entry.evidence = evidence;
                }
            }
            a.archive = archived
                .into_iter()
                .map(|(standard, rating, evidence, reason)| ArchivedRating {
                    catalogue: CatalogueRef { id: c.id.clone(), version: "0.9.0".parse().unwrap() },
                    standard: standard.parse().unwrap(),
                    rating,
                    target: None,
                    evidence,
                    groups: Default::default(),
                    evidence_level: None,
                    evidence_date: None,
                    confidence: None,
                    actions: None,
                    review: None,
                    reason,
                })
                .collect();
            // The equity lens: a local group, and on some entries a group rating (the entry's
            // own rating, or unknown), an evidence level and an evidence date.
            if seed % 3 != 0 {
                a.groups.push(LocalGroup {
                    id: "local".parse().unwrap(),
                    title: "A local group".into(),
                    description: None,
                });
                for (i, entry) in a.ratings.values_mut().enumerate() {
                    let k = (seed >> (i % 48)) as usize;
                    if k.is_multiple_of(2) {
                        let rating = if k.is_multiple_of(4) { entry.rating } else { Rating::Unknown };
                        entry.groups.insert("local".parse().unwrap(), GroupRating { rating, evidence: text_of(k) });
                    }
                    entry.evidence_level =
                        [None, Some(EvidenceLevel::SelfReported), Some(EvidenceLevel::Audited)][k % 3];
                    if k.is_multiple_of(5) {
                        entry.evidence_date = Some("2019-06-30".parse().unwrap());
                    }
                }
            }
            let mut entries: Vec<_> = a.ratings.drain(..).collect();
            let n = entries.len().max(1);
            entries.rotate_left(usize::try_from(seed % n as u64).unwrap());
            a.ratings.extend(entries);
            (c, a)
        })
}

fn text_of(k: usize) -> Option<String> {
    k.is_multiple_of(3).then(|| format!("group evidence {k}, \"quoted\""))
}

/// The assessment with local groups `g0`.. `g{n-1}` declared and no group ratings.
fn with_local_groups(a: &Assessment, n: usize) -> Assessment {
    let mut a = a.clone();
    for i in 0..n {
        a.groups.push(LocalGroup {
            id: format!("g{i}").parse().unwrap(),
            title: format!("Group {i}"),
            description: None,
        });
    }
    a
}

/// The report without its group lists, to compare with one whose groups differ.
fn without_groups(mut r: Report) -> Report {
    r.overall.groups.clear();
    r.themes.iter_mut().for_each(|t| t.groups.clear());
    r.cross_cutting.iter_mut().for_each(|x| x.groups.clear());
    r
}

fn scores(report: &Report) -> Vec<Option<f64>> {
    let mut out = vec![report.overall.score];
    out.extend(report.themes.iter().map(|t| t.score));
    out.extend(report.cross_cutting.iter().map(|c| c.score));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scores_stay_within_the_scale((c, a) in catalogue_and_assessment()) {
        let r = c.score(&a).unwrap();
        let (min, max) = (f64::from(c.scale.min), f64::from(c.scale.max));
        for s in scores(&r).into_iter().flatten() {
            prop_assert!(s >= min - 1e-9 && s <= max + 1e-9, "{s} outside {min}..={max}");
            prop_assert!(c.scale.light(s).is_some());
        }
        for t in &r.themes {
            prop_assert!((0.0..=1.0).contains(&t.completeness));
            prop_assert_eq!(t.rated + t.not_applicable + t.unknown + t.unrated, t.total);
            prop_assert_eq!(t.score.is_some(), t.rated > 0);
            prop_assert_eq!(t.light.is_some(), t.rated > 0);
        }
        prop_assert_eq!(r.gaps.len() + r.strengths.len(), r.overall.rated);
        prop_assert!(r.gaps.windows(2).all(|w| w[0].weighted_shortfall >= w[1].weighted_shortfall));
        for g in &r.gaps {
            prop_assert!(g.shortfall > 0 && g.weighted_shortfall == i64::from(g.weight) * i64::from(g.shortfall));
        }
    }

    #[test]
    fn not_applicable_never_changes_a_mean((c, a) in catalogue_and_assessment()) {
        let before = c.score(&a).unwrap();
        let mut more = a.clone();
        for (_, s) in c.standards() {
            if !more.ratings.contains_key(s.id.as_str()) {
                more.ratings.insert(s.id.clone(), RatingEntry::new(Rating::NotApplicable));
            }
        }
        let after = c.score(&more).unwrap();
        prop_assert_eq!(scores(&before), scores(&after));
        prop_assert_eq!(&before.gaps, &after.gaps);
        for (b, a) in before.themes.iter().zip(&after.themes) {
            prop_assert!(a.completeness >= b.completeness);
        }
    }

    #[test]
    fn the_group_scores_of_an_assessment_without_group_ratings_are_its_own((c, a) in catalogue_and_assessment(), n in 1usize..=3) {
        let own = c.score(&a).unwrap();
        let grouped = c.score(&with_local_groups(&a, n)).unwrap();
        prop_assert!(grouped.equity_gaps.is_empty());
        let pairs = [(own.overall.score, own.overall.rated, &grouped.overall.groups)]
            .into_iter()
            .chain(own.themes.iter().zip(&grouped.themes).map(|(o, g)| (o.score, o.rated, &g.groups)))
            .chain(own.cross_cutting.iter().zip(&grouped.cross_cutting).map(|(o, g)| (o.score, o.rated, &g.groups)));
        for (score, rated, groups) in pairs {
            prop_assert_eq!(groups.len(), n);
            for g in groups {
                prop_assert_eq!(g.score, score);
                prop_assert_eq!(g.rated, rated);
            }
        }
        prop_assert_eq!(without_groups(grouped), own);
    }

    #[test]
    fn a_group_rating_equal_to_the_standards_own_changes_nothing((c, a) in catalogue_and_assessment(), pick in any::<u64>()) {
        let declared = with_local_groups(&a, 2);
        let mut rated = declared.clone();
        for (i, entry) in rated.ratings.values_mut().enumerate() {
            if (pick >> (i % 64)) & 1 == 1 {
                entry.groups.insert("g1".parse().unwrap(), GroupRating::new(entry.rating));
            }
        }
        prop_assert_eq!(c.score(&rated).unwrap(), c.score(&declared).unwrap());
    }

    #[test]
    fn equity_gaps_are_the_lower_group_ratings_in_order((c, a) in catalogue_and_assessment(), lower in any::<u64>()) {
        let mut rated = with_local_groups(&a, 2);
        let (min, _) = (c.scale.min, c.scale.max);
        let mut expected = 0;
        for (i, entry) in rated.ratings.values_mut().enumerate() {
            if let Rating::Score(v) = entry.rating {
                let by = i32::try_from((lower >> (i % 60)) & 3).unwrap();
                let g = (v - by).max(min);
                expected += usize::from(g < v);
                entry.groups.insert(format!("g{}", i % 2).parse().unwrap(), GroupRating::new(Rating::Score(g)));
            }
        }
        let r = c.score(&rated).unwrap();
        prop_assert_eq!(r.equity_gaps.len(), expected);
        prop_assert!(r.equity_gaps.windows(2).all(|w| w[0].weighted_difference >= w[1].weighted_difference));
        for gap in &r.equity_gaps {
            prop_assert!(gap.difference > 0 && gap.difference == gap.rating - gap.group_rating);
            prop_assert_eq!(gap.weighted_difference, i64::from(gap.weight) * i64::from(gap.difference));
        }
        // A group never scores above the standard's own scores here, so no group mean is higher.
        for t in &r.themes {
            for g in &t.groups {
                prop_assert!(g.score.zip(t.score).is_none_or(|(g, own)| g <= own + 1e-9));
                prop_assert_eq!(g.rated, t.rated);
            }
        }
    }

    #[test]
    fn the_order_of_ratings_never_changes_the_report((c, a) in catalogue_and_assessment(), seed in any::<u64>()) {
        let mut shuffled = a.clone();
        let mut entries: Vec<_> = shuffled.ratings.drain(..).collect();
        // A deterministic shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..entries.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            entries.swap(i, (state % (i as u64 + 1)) as usize);
        }
        shuffled.ratings.extend(entries);
        prop_assert_eq!(c.score(&a).unwrap(), c.score(&shuffled).unwrap());
    }

    #[test]
    fn the_summary_is_the_reports_theme_and_overall_figures((c, a) in catalogue_and_assessment(), n in 0usize..=2, seed in any::<u64>()) {
        // With local groups, some group ratings and the ratings in another order (the
        // summary's lookup in catalogue order must fall back alike).
        let mut a = with_local_groups(&a, n);
        for (i, entry) in a.ratings.values_mut().enumerate() {
            if n > 0 && (seed >> (i % 64)) & 1 == 1 {
                entry.groups.insert("g0".parse().unwrap(), GroupRating::new(Rating::Score(c.scale.min)));
            }
        }
        if seed % 3 == 0 {
            a.ratings.reverse();
        }
        let r = c.score(&a).unwrap();
        let s = c.score_summary(&a).unwrap();
        let group = |g: &carepath::SummaryGroup<'_>| (g.id.clone(), g.score, g.light.cloned(), g.rated);
        let own = |g: &carepath::GroupScore| (g.id.clone(), g.score, g.light.clone(), g.rated);
        prop_assert_eq!(
            (s.overall.score, s.overall.light.cloned(), s.overall.rated, s.overall.total, s.overall.target_score),
            (r.overall.score, r.overall.light.clone(), r.overall.rated, r.overall.total, r.overall.target_score)
        );
        prop_assert_eq!(s.overall.groups.iter().map(group).collect::<Vec<_>>(), r.overall.groups.iter().map(own).collect::<Vec<_>>());
        prop_assert_eq!(s.themes.len(), r.themes.len());
        for (t, u) in r.themes.iter().zip(&s.themes) {
            prop_assert_eq!(&t.id, &u.theme.id);
            prop_assert_eq!(&t.title, &u.theme.title);
            prop_assert_eq!((t.score, t.light.clone(), t.target_score), (u.score, u.light.cloned(), u.target_score));
            prop_assert_eq!((t.rated, t.not_applicable, t.unknown, t.unrated, t.total), (u.rated, u.not_applicable, u.unknown, u.unrated, u.total));
            prop_assert_eq!(t.completeness, u.completeness);
            prop_assert_eq!(t.groups.iter().map(own).collect::<Vec<_>>(), u.groups.iter().map(group).collect::<Vec<_>>());
        }
    }

    #[test]
    fn catalogues_and_assessments_round_trip((c, a) in catalogue_and_assessment()) {
        prop_assert_eq!(Catalogue::from_json(&c.to_json()).unwrap(), c.clone());
        let back = Assessment::from_json(&a.to_json()).unwrap();
        prop_assert_eq!(&back, &a);
        prop_assert_eq!(back.ratings.keys().collect::<Vec<_>>(), a.ratings.keys().collect::<Vec<_>>());
        let r = c.score(&a).unwrap();
        prop_assert_eq!(Report::from_json(&r.to_json()).unwrap(), r);
    }

    #[test]
    fn assessments_round_trip_through_fhir((c, a) in full_assessment()) {
        let response = fhir::to_response(&c, &a).unwrap();
        let back = fhir::from_response(&c, &response).unwrap();
        prop_assert_eq!(&back, &a);
        // Items follow the questionnaire, so the ratings come back in catalogue order.
        let in_catalogue_order: Vec<_> = c.standards().map(|(_, s)| &s.id).filter(|id| a.ratings.contains_key(id.as_str())).collect();
        prop_assert_eq!(back.ratings.keys().collect::<Vec<_>>(), in_catalogue_order);
        prop_assert_eq!(fhir::from_response_json(&c, &response.to_string()).unwrap(), a);
        // The questionnaire has one choice item per standard.
        let q = fhir::questionnaire(&c);
        let choices = q["item"].as_array().unwrap().iter().flat_map(|t| t["item"].as_array().unwrap()).filter(|i| i["type"] == "choice").count();
        prop_assert_eq!(choices, c.standard_count());
    }

    #[test]
    fn reading_a_mutated_response_never_panics((c, a) in catalogue_and_assessment(), path in 0usize..256, replacement in arbitrary_json()) {
        let mut response = fhir::to_response(&c, &a).unwrap();
        mutate(&mut response, path, replacement);
        if let Err(err) = fhir::from_response(&c, &response) {
            prop_assert!(!err.to_string().is_empty());
        }
    }

    #[test]
    fn reading_arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = Assessment::from_json(&text);
        let _ = Catalogue::from_json(&text);
        let _ = Report::from_json(&text);
    }

    #[test]
    fn reading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Assessment::from_json(&text);
        let _ = Catalogue::from_json(&text);
    }

    #[test]
    fn reading_and_scoring_arbitrary_json_never_panics(value in arbitrary_json(), (c, _) in catalogue_and_assessment()) {
        let _ = Catalogue::from_value(value.clone());
        if let Ok(a) = Assessment::from_value(value) {
            let _ = c.score(&a);
        }
    }

    #[test]
    fn scoring_a_mutated_assessment_never_panics((c, a) in catalogue_and_assessment(), path in 0usize..64, replacement in arbitrary_json()) {
        // Replace one value somewhere in a real assessment by arbitrary JSON.
        let mut value = serde_json::to_value(&a).unwrap();
        mutate(&mut value, path, replacement);
        if let Ok(mutated) = Assessment::from_value(value) {
            let _ = c.score(&mutated);
        }
    }
}

/// A document read as the library reads one: from a JSON object only (serde's derived reader
/// would also fill it from an array, by position).
struct Object<T>(#[allow(dead_code)] T);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Fields<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_map(Fields(std::marker::PhantomData)).map(Object)
    }
}

/// The JSON Pointer a path-tracking parser (serde_path_to_error) gives for an error: the
/// reference the library's own locator must agree with.
fn tracked_pointer<T: serde::de::DeserializeOwned>(text: &str) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut de = serde_json::Deserializer::from_str(text);
    let err = serde_path_to_error::deserialize::<_, Object<T>>(&mut de).err()?;
    let mut out = String::new();
    for segment in err.path() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", key.replace('~', "~0").replace('/', "~1"))),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    Some(out)
}

/// Whether the locator can be held to the path-tracking parser's answer. Two cases differ by
/// design or cannot be told apart from the text: serde's "duplicate field" (the locator names
/// the repeated field, the tracker its object), and an error stopped between two opening
/// brackets (`[[`), where the text does not say whether the outer container was rejected or the
/// inner one was looked at and rejected.
fn comparable<T: serde::de::DeserializeOwned>(text: &str, message: &str) -> bool {
    if message.starts_with("duplicate field") {
        return false;
    }
    let Err(err) = serde_json::from_str::<Object<T>>(text) else { return false };
    let start: usize = text.split_inclusive('\n').take(err.line() - 1).map(str::len).sum();
    let end = (start + err.column()).min(text.len());
    let before = text[..end].trim_end().ends_with(['[', '{']);
    let after = text[end..].trim_start().starts_with(['[', '{']);
    !(before && after)
}

fn mutate(value: &mut Value, slot: usize, replacement: Value) {
    let mut slots = Vec::new();
    collect_pointers(value, String::new(), &mut slots);
    let target = slots[slot % slots.len()].clone();
    if let Some(place) = value.pointer_mut(&target) {
        *place = replacement;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Errors are located from their position in the text; the pointer must be the one a
    /// path-tracking parser gives (except for serde's own "duplicate field", where the locator
    /// names the repeated field itself rather than its object), on one line or many.
    #[test]
    fn error_paths_agree_with_a_path_tracking_parser(
        (c, a) in catalogue_and_assessment(),
        slot in 0usize..256,
        replacement in arbitrary_json(),
        pretty in any::<bool>(),
    ) {
        let mut assessment = serde_json::to_value(&a).unwrap();
        mutate(&mut assessment, slot, replacement.clone());
        let mut catalogue = serde_json::to_value(&c).unwrap();
        mutate(&mut catalogue, slot, replacement);
        let text = |v: &Value| if pretty { serde_json::to_string_pretty(v).unwrap() } else { v.to_string() };
        let (a_text, c_text) = (text(&assessment), text(&catalogue));
        if let Err(carepath::Error::Schema { path, message }) = Assessment::from_json(&a_text)
            && comparable::<Assessment>(&a_text, &message)
        {
            prop_assert_eq!(Some(path), tracked_pointer::<Assessment>(&a_text), "{}", message);
        }
        if let Err(carepath::Error::Schema { path, message }) = Catalogue::from_json(&c_text)
            && comparable::<Catalogue>(&c_text, &message)
        {
            prop_assert_eq!(Some(path), tracked_pointer::<Catalogue>(&c_text), "{}", message);
        }
    }
}

/// Removes the member or item at one of the value's places (none: the root stays).
fn remove(value: &mut Value, slot: usize) {
    let mut slots = Vec::new();
    collect_pointers(value, String::new(), &mut slots);
    let target = &slots[slot % slots.len()];
    let Some((parent, last)) = target.rsplit_once('/') else { return };
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.shift_remove(&last.replace("~1", "/").replace("~0", "~"));
        }
        Some(Value::Array(items)) => {
            if let Ok(i) = last.parse::<usize>() {
                items.remove(i);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The small reader of catalogue texts already known to be sound (the web package's first
    /// module reads with it) gives the strict reader's catalogue for every text the strict
    /// reader accepts, generated or a bundled edition with one value changed or removed, and
    /// never panics on the others.
    #[test]
    fn the_checked_reader_reads_what_the_strict_one_accepts_the_same(
        (c, _) in catalogue_and_assessment(),
        edition in 0usize..5,
        slot in any::<usize>(),
        replacement in arbitrary_json(),
        change in 0u8..3,
    ) {
        let mut value = match carepath::bundled_catalogues().get(edition) {
            Some(r) => serde_json::from_str(carepath::bundled_json(r.id.as_str(), &r.version).unwrap()).unwrap(),
            None => serde_json::to_value(&c).unwrap(),
        };
        match change {
            0 => mutate(&mut value, slot, replacement),
            1 => remove(&mut value, slot),
            _ => {}
        }
        let text = value.to_string();
        let checked = Catalogue::from_checked_json(&text);
        if let Ok(strict) = Catalogue::from_json(&text) {
            prop_assert_eq!(checked.ok(), Some(strict));
        }
    }
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                collect_pointers(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Arbitrary JSON, biased towards the shapes of our files so the reader gets past the first
/// field often.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![
            Just("1.0.0".to_owned()),
            Just("2016-11-30".to_owned()),
            Just("not_applicable".to_owned()),
            Just("unknown".to_owned()),
            Just("T1.1".to_owned()),
            ".{0,12}"
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("schema_version".to_owned()),
            Just("catalogue".to_owned()),
            Just("id".to_owned()),
            Just("version".to_owned()),
            Just("area".to_owned()),
            Just("name".to_owned()),
            Just("assessed_on".to_owned()),
            Just("ratings".to_owned()),
            Just("rating".to_owned()),
            Just("T1.1".to_owned()),
            "[a-z_]{1,8}"
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}
