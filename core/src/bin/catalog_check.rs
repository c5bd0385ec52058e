//! `catalog-check`: tells the office what is wrong with a catalog before residents see it.
//!
//! ```text
//! catalog-check [--lang en|fa|ar] [--geojson data/khuzestan-counties.geojson] [--quiet] FILE|URL
//! ```
//! Prints one line per problem (severity, JSON path, message) and a summary. Exits 0 when there are
//! no errors (warnings allowed), 1 when there are errors, 2 when the catalog cannot be read at all.

use tak_core::catalog::{load_with, Severity, KHUZESTAN_BOUNDS};
use tak_core::geo::CountyShapes;
use tak_core::Lang;

fn fetch(source: &str) -> Result<String, String> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let response = ureq::get(source)
            .timeout(std::time::Duration::from_secs(20))
            .call()
            .map_err(|e| e.to_string())?;
        response.into_string().map_err(|e| e.to_string())
    } else {
        std::fs::read_to_string(source).map_err(|e| format!("{source}: {e}"))
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut lang = Lang::En;
    let mut geojson = Some("data/khuzestan-counties.geojson".to_string());
    let mut quiet = false;
    let mut source = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => lang = it.next().and_then(|l| Lang::parse(l)).unwrap_or(Lang::En),
            "--geojson" => geojson = it.next().cloned(),
            "--no-geojson" => geojson = None,
            "--quiet" => quiet = true,
            "-h" | "--help" => {
                println!("usage: catalog-check [--lang en|fa|ar] [--geojson FILE | --no-geojson] [--quiet] FILE|URL");
                return;
            }
            other => source = Some(other.to_string()),
        }
    }
    let Some(source) = source else {
        eprintln!("usage: catalog-check [--lang en|fa|ar] [--geojson FILE | --no-geojson] [--quiet] FILE|URL");
        std::process::exit(2);
    };
    let text = match fetch(&source) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("catalog-check: cannot read {source}: {e}");
            std::process::exit(2);
        }
    };
    // The county check is optional: without the shapes only the province's bounds are checked.
    let shapes = geojson
        .and_then(|g| std::fs::read_to_string(g).ok())
        .and_then(|t| CountyShapes::from_geojson(&t).ok());
    let check = shapes.as_ref().map(|s| {
        move |county: &str, lat: f64, lon: f64| s.get(county).map(|c| c.contains(lat, lon))
    });
    let loaded = match load_with(&text, &KHUZESTAN_BOUNDS, check.as_ref().map(|c| c as _)) {
        Ok(l) => l,
        Err(e) => {
            let msg = match lang {
                Lang::Fa => format!("فهرست خوانده نشد: {e}"),
                Lang::Ar => format!("تعذّرت قراءة الدليل: {e}"),
                Lang::En => format!("cannot read the catalog: {e}"),
            };
            eprintln!("catalog-check: {msg}");
            std::process::exit(2);
        }
    };
    let errors = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = loaded.problems.len() - errors;
    for p in &loaded.problems {
        if quiet && p.severity == Severity::Warning {
            continue;
        }
        let sev = match (p.severity, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Fa) => "خطا",
            (Severity::Warning, Lang::Fa) => "هشدار",
            (Severity::Error, Lang::Ar) => "خطأ",
            (Severity::Warning, Lang::Ar) => "تحذير",
        };
        println!("{sev}\t{}\t{}", p.path, p.message(lang));
    }
    let c = &loaded.catalog;
    let summary = match lang {
        Lang::En => format!(
            "{source}: {errors} errors, {warnings} warnings, {} entries left out; shows {} services, {} places, {} departments",
            loaded.skipped, c.services.len(), c.service_at_locations.len(), c.x_tak_departments.len()
        ),
        Lang::Fa => format!(
            "{source}: {} خطا، {} هشدار، {} مورد کنار گذاشته شد؛ {} خدمت، {} محل، {} دپارتمان نمایش داده می‌شود",
            lang.number(errors), lang.number(warnings), lang.number(loaded.skipped),
            lang.number(c.services.len()), lang.number(c.service_at_locations.len()), lang.number(c.x_tak_departments.len())
        ),
        Lang::Ar => format!(
            "{source}: {} أخطاء، {} تحذيرات، {} عناصر مستبعدة؛ تُعرض {} خدمة و{} موقعًا و{} قسمًا",
            lang.number(errors), lang.number(warnings), lang.number(loaded.skipped),
            lang.number(c.services.len()), lang.number(c.service_at_locations.len()), lang.number(c.x_tak_departments.len())
        ),
    };
    println!("{summary}");
    std::process::exit(if errors > 0 { 1 } else { 0 });
}
