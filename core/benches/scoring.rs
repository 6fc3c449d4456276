//! Benchmarks: score one assessment of the bundled catalogue; parse, check and score 10,000
//! generated assessments, in MB/s of JSON, and each step alone (the strict parse into an
//! `Assessment`, the check against the catalogue, the scoring, the theme and overall figures
//! alone as a table of many assessments takes them); and, in the same run, two
//! yardsticks of the parse limit on the same bytes: a bare `serde_json::Value` parse and a SIMD
//! parser's (`sonic_rs::Value`), which check nothing (no unknown fields, no repeated keys).
//!
//! Run with `cargo bench -p carepath --bench scoring`.

use std::hint::black_box;

use carepath::{Assessment, Catalogue};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sonic_rs::JsonContainerTrait;

const EXAMPLE: &str = include_str!("../../standards/examples/northbrook-2024.json");
const COUNT: usize = 10_000;

/// Deterministic pseudo-random numbers (xorshift), so every run scores the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// `COUNT` assessments of the catalogue as JSON text: most standards scored, some not
/// applicable, unknown or unrated, evidence and actions on many, of realistic length.
fn generate(catalogue: &Catalogue) -> Vec<String> {
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let ids: Vec<String> = catalogue.standards().map(|(_, s)| s.id.to_string()).collect();
    (0..COUNT)
        .map(|i| {
            let mut ratings = serde_json::Map::new();
            for id in &ids {
                let roll = rng.next() % 100;
                let rating = match roll {
                    0..=5 => continue,
                    6..=9 => serde_json::json!("not_applicable"),
                    10..=13 => serde_json::json!("unknown"),
                    _ => serde_json::json!(rng.next() % 6),
                };
                let mut entry = serde_json::json!({ "rating": rating });
                if !roll.is_multiple_of(3) {
                    entry["evidence"] = serde_json::json!(
                        "Pathway reviewed at the partnership board; referral data for the last two quarters and feedback from the maternity voices group support this rating."
                    );
                }
                if roll.is_multiple_of(4) {
                    entry["actions"] = serde_json::json!("Commissioner to bring a costed proposal to the March board.");
                    entry["confidence"] = serde_json::json!("medium");
                }
                ratings.insert(id.clone(), entry);
            }
            serde_json::json!({
                "schema_version": "1.0.0",
                "catalogue": { "id": catalogue.id.as_str(), "version": catalogue.version.to_string() },
                "area": { "name": format!("Area {i}"), "code": format!("E99{i:06}"), "kind": "locality" },
                "assessed_on": "2024-11-13",
                "participants": [ { "role": "Commissioner", "organisation": "CCG" }, { "role": "Specialist midwife" } ],
                "ratings": ratings
            })
            .to_string()
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let catalogue = Catalogue::bundled("perinatal-mental-health", Some("2.0.0")).unwrap();
    let example = Assessment::from_json(EXAMPLE).unwrap();

    c.bench_function("score one assessment (bundled catalogue)", |b| {
        b.iter(|| black_box(&catalogue).score(black_box(&example)).unwrap())
    });
    c.bench_function("load and check the bundled catalogue", |b| {
        b.iter(|| Catalogue::bundled(black_box("perinatal-mental-health"), Some("2.0.0")).unwrap())
    });

    let texts = generate(&catalogue);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group(format!("{COUNT} assessments"));
    group.sample_size(10).throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(BenchmarkId::new("parse + check + score", "carepath"), |b| {
        b.iter(|| {
            let mut rated = 0;
            for text in &texts {
                let assessment = Assessment::from_json(black_box(text)).unwrap();
                rated += catalogue.score(&assessment).unwrap().overall.rated;
            }
            rated
        })
    });
    let parsed: Vec<Assessment> = texts.iter().map(|t| Assessment::from_json(t).unwrap()).collect();
    group.bench_function(BenchmarkId::new("strict parse alone", "Assessment::from_json"), |b| {
        b.iter(|| texts.iter().map(|t| Assessment::from_json(black_box(t)).unwrap().ratings.len()).sum::<usize>())
    });
    group.bench_function(BenchmarkId::new("check alone", "Catalogue::check"), |b| {
        b.iter(|| parsed.iter().filter(|a| catalogue.check(black_box(a)).is_ok()).count())
    });
    group.bench_function(BenchmarkId::new("check + score alone", "Catalogue::score"), |b| {
        b.iter(|| parsed.iter().map(|a| catalogue.score(black_box(a)).unwrap().overall.rated).sum::<usize>())
    });
    group.bench_function(
        BenchmarkId::new("check + theme and overall figures alone", "Catalogue::score_summary"),
        |b| {
            b.iter(|| {
                parsed.iter().map(|a| catalogue.score_summary(black_box(a)).unwrap().overall.rated).sum::<usize>()
            })
        },
    );
    group.bench_function(BenchmarkId::new("bare parse (yardstick)", "sonic_rs::Value"), |b| {
        b.iter(|| {
            let mut keys = 0;
            for text in &texts {
                let value: sonic_rs::Value = sonic_rs::from_str(black_box(text)).unwrap();
                keys += value.as_object().map_or(0, |o| o.len());
            }
            keys
        })
    });
    group.bench_function(BenchmarkId::new("bare parse (yardstick)", "serde_json::Value"), |b| {
        b.iter(|| {
            let mut keys = 0;
            for text in &texts {
                let value: serde_json::Value = serde_json::from_str(black_box(text)).unwrap();
                keys += value.as_object().map_or(0, serde_json::Map::len);
            }
            keys
        })
    });
    group.finish();
}

criterion_group!(scoring, benches);
criterion_main!(scoring);
