//! The input normalisers: digits, search text, mobile numbers, national IDs, times and dates.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tak_core::schedule::{parse_date, parse_hm};
use tak_core::signup::{check_national_id, normalize_mobile};
use tak_core::text::{clean_line, normalize, to_ascii_digits, Query};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let n = normalize(s);
    assert_eq!(normalize(&n), n, "normalize is idempotent");
    assert!(!to_ascii_digits(s)
        .chars()
        .any(|c| ('\u{06F0}'..='\u{06F9}').contains(&c) || ('\u{0660}'..='\u{0669}').contains(&c)));
    let _ = Query::new(s).matches(&n);
    let _ = clean_line(s);
    if let Ok(m) = normalize_mobile(s) {
        assert!(
            m.starts_with("+989") && m.len() == 13 && m[1..].bytes().all(|b| b.is_ascii_digit())
        );
    }
    if let Ok(id) = check_national_id(s) {
        assert_eq!(id.len(), 10);
    }
    if let Some(m) = parse_hm(s) {
        assert!(m <= 1440);
    }
    let _ = parse_date(s);
});
