//! `catalog-check` as the office runs it: report lines, languages and exit codes.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_catalog-check"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("catalog-check runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn broken_file() -> std::path::PathBuf {
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../../public/catalog.json")).unwrap();
    doc["services"][0]["url"] = "javascript:alert(1)".into();
    doc["locations"][1]["latitude"] = 35.7.into();
    let path = std::env::temp_dir().join(format!("catalog-check-{}.json", std::process::id()));
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

#[test]
fn the_sample_passes() {
    let (code, out) = run(&["public/catalog.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn errors_are_listed_with_paths_and_exit_1() {
    let path = broken_file();
    let (code, out) = run(&[path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error\t$.services[0].url\tlink \"javascript:alert(1)\" is not allowed"),
        "{out}"
    );
    assert!(
        out.contains("error\t$.locations[1]\tcoordinates 35.7"),
        "{out}"
    );
    let (code, fa) = run(&["--lang", "fa", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(fa.contains("خطا\t$.locations[1]\tمختصات 35.7"), "{fa}");
    assert!(
        fa.contains("۳ خطا"),
        "the place left out also drops what stood on it: {fa}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn unreadable_input_exits_2() {
    let (code, out) = run(&["does/not/exist.json"]);
    assert_eq!(code, 2, "{out}");
    let (code, out) = run(&["README.md"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not valid JSON"), "{out}");
}
