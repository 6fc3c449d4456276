//! A benchmark built one assessment at a time ([`BenchmarkBuilder`]) gives exactly what
//! [`benchmark`] gives for the same assessments, refuses what it refuses, and finds an area
//! given twice by code or name as [`Area::same_as`] says.

use carepath::{Assessment, BenchmarkBuilder, Catalogue, ErrorCode, benchmark};

fn examples_2024() -> Vec<Assessment> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../standards/examples");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-2024.json"))
        .collect();
    names.sort();
    names.iter().map(|p| Assessment::from_json(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
}

fn edition() -> Catalogue {
    Catalogue::bundled("perinatal-mental-health", Some("2.0.0")).unwrap()
}

#[test]
fn built_one_at_a_time_it_equals_the_benchmark_of_the_set() {
    let (c, all) = (edition(), examples_2024());
    assert!(all.len() >= 8);
    for min_group in [1, 3, 5, 20] {
        let mut builder = BenchmarkBuilder::new(&c, min_group);
        for a in &all {
            builder.add(a).unwrap();
        }
        assert_eq!(builder.len(), all.len());
        assert_eq!(builder.finish().unwrap(), benchmark(&all, &c, min_group).unwrap(), "min_group {min_group}");
    }
}

#[test]
fn many_areas_give_the_same_figures_either_way() {
    // 600 areas: each example again under new names and codes, its ratings shifted.
    let (c, base) = (edition(), examples_2024());
    let mut all = Vec::new();
    for i in 0..600 {
        let mut a = base[i % base.len()].clone();
        a.area.name = format!("Area {i}");
        a.area.code = Some(format!("E{i:08}"));
        for (k, entry) in a.ratings.values_mut().enumerate() {
            if let Some(s) = entry.rating.score() {
                entry.rating = carepath::Rating::Score((s + i32::try_from(i + k).unwrap()) % 6);
            }
        }
        all.push(a);
    }
    let mut builder = BenchmarkBuilder::new(&c, 5);
    for a in &all {
        builder.add(a).unwrap();
    }
    let b = builder.finish().unwrap();
    assert_eq!(b, benchmark(&all, &c, 5).unwrap());
    assert_eq!(b.positions.len(), 600);
    // Every quarter is used, and tied areas share one.
    let quarters: std::collections::BTreeSet<u8> = b.positions.iter().filter_map(|p| p.overall.quarter).collect();
    assert_eq!(quarters.into_iter().collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[test]
fn it_refuses_what_the_benchmark_refuses_and_goes_on() {
    let (c, all) = (edition(), examples_2024());
    let mut builder = BenchmarkBuilder::new(&c, 5);
    assert_eq!(BenchmarkBuilder::new(&c, 5).finish().unwrap_err().code(), ErrorCode::NoAssessments);
    builder.add(&all[0]).unwrap();
    // The same area again (same code, another spelling of the name).
    let mut again = all[1].clone();
    again.area = all[0].area.clone();
    again.area.name = format!("  {} ", all[0].area.name.to_uppercase());
    let e = builder.add(&again).unwrap_err();
    assert_eq!(e.code(), ErrorCode::RepeatedArea);
    assert!(e.to_string().contains("assessments 1 and 2"), "{e}");
    assert_eq!(
        benchmark(&[all[0].clone(), again.clone()], &c, 5).unwrap_err().to_string(),
        e.to_string(),
        "the same words either way"
    );
    // Another edition.
    let older = Assessment::from_json(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../standards/examples/northbrook-2016.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(builder.add(&older).unwrap_err().code(), ErrorCode::MixedEditions);
    // A rating the edition lacks: located under the assessment's place.
    let mut bad = all[1].clone();
    let entry = bad.ratings.values().next().unwrap().clone();
    bad.ratings.insert("T9.9".parse().unwrap(), entry);
    let e = builder.add(&bad).unwrap_err();
    assert!(e.problems().iter().any(|p| p.path.starts_with("/1/ratings/T9.9")), "{e:?}");
    // None of these was added; the next good one is.
    assert_eq!(builder.len(), 1);
    builder.add(&all[1]).unwrap();
    assert_eq!(builder.finish().unwrap(), benchmark(&all[..2], &c, 5).unwrap());
}

#[test]
fn an_area_is_the_same_by_code_where_both_have_one_else_by_name() {
    let (c, all) = (edition(), examples_2024());
    let with = |name: &str, code: Option<&str>, i: usize| {
        let mut a = all[i].clone();
        a.area.name = name.to_owned();
        a.area.code = code.map(str::to_owned);
        a
    };
    // Same name, different codes: two areas.
    let mut b = BenchmarkBuilder::new(&c, 5);
    b.add(&with("Riverside", Some("E1"), 0)).unwrap();
    b.add(&with("Riverside", Some("E2"), 1)).unwrap();
    // A name without a code matches an area of that name with one, and the other way round.
    assert_eq!(b.add(&with("riverside", None, 2)).unwrap_err().code(), ErrorCode::RepeatedArea);
    let mut b = BenchmarkBuilder::new(&c, 5);
    b.add(&with("Hillside", None, 0)).unwrap();
    assert_eq!(b.add(&with("HILLSIDE", Some("E3"), 1)).unwrap_err().code(), ErrorCode::RepeatedArea);
    b.add(&with("Dale", Some("e3"), 1)).unwrap();
    assert_eq!(b.add(&with("Vale", Some(" E3 "), 2)).unwrap_err().code(), ErrorCode::RepeatedArea);
}
