fn main() {
    let docs = [
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{"A.1":{"rating":2.5}}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{"A.1":{"rating":2,"evidnce":"x"}}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{"A.1":{"rating":2},"A.1":{"rating":3}}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-02-30","ratings":{}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"ratings":{}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{"A.1":{"rating":true}}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{"A.1":{"evidence":"x"}}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","participants":[{"role":"a"},{"rol":"b"}],"ratings":{}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","participants":[{"role":"a"},3],"ratings":{}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x y","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{"A 1":{"rating":1}}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{"A.1":{"rating":1,"confidence":"lots"}}}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{"A.1":{"rating":1,"evidence":{"a":[1,2]}}}}"#,
        r#"[1,2]"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":[]}"#,
        r#"{"schema_version":"1.0.0","catalogue":{"id":"x","version":"1.0.0"},"area":{"name":"A"},"assessed_on":"2020-01-01","ratings":{},"notes":"a","notes":"b"}"#,
    ];
    for d in docs {
        let r = serde_json::from_str::<carepath::Assessment>(d);
        let e = r.unwrap_err();
        let mut de = serde_json::Deserializer::from_str(d);
        let pe = serde_path_to_error::deserialize::<_, carepath::Assessment>(&mut de).unwrap_err();
        let col = e.column();
        let at = &d[..col.min(d.len())];
        println!(
            "path={:<28} col={col:<4} before=...{}  | {}",
            pe.path().to_string(),
            &at[at.len().saturating_sub(25)..],
            e
        );
    }
}
