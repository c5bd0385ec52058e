//! Writes a deterministic catalog.
//!
//! - `catalog-gen --sample` writes the bundled sample to `public/catalog.json`.
//! - `catalog-gen --services 10000 --departments 500 --seed 7 --out target/big.json` writes a
//!   synthetic catalog over all 30 counties for the benchmarks.
//! - `--check` compares with the file instead of writing it (CI uses it to catch a stale sample).

use tak_core::geo::CountyShapes;
use tak_core::synth::{generate, Spec};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sample = args.iter().any(|a| a == "--sample");
    let check = args.iter().any(|a| a == "--check");
    let number = |name: &str, default: u64| {
        arg(&args, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let geojson =
        arg(&args, "--geojson").unwrap_or_else(|| "data/khuzestan-counties.geojson".into());
    let out = arg(&args, "--out").unwrap_or_else(|| {
        if sample {
            "public/catalog.json".into()
        } else {
            "target/catalog-big.json".into()
        }
    });
    let spec = if sample {
        Spec {
            seed: 1405,
            services: 44,
            departments: 14,
            pilot_only: true,
            sample: true,
        }
    } else {
        Spec {
            seed: number("--seed", 7),
            services: number("--services", 10_000) as usize,
            departments: number("--departments", 500) as usize,
            pilot_only: false,
            sample: false,
        }
    };
    let shapes = match std::fs::read_to_string(&geojson)
        .map_err(|e| e.to_string())
        .and_then(|t| CountyShapes::from_geojson(&t))
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("catalog-gen: {geojson}: {e}");
            std::process::exit(2);
        }
    };
    let catalog = generate(&spec, &shapes);
    let text = if sample {
        serde_json::to_string_pretty(&catalog)
    } else {
        serde_json::to_string(&catalog)
    }
    .expect("a generated catalog serialises")
        + "\n";
    if check {
        if std::fs::read_to_string(&out).ok().as_deref() != Some(text.as_str()) {
            eprintln!("catalog-gen: {out} is stale; run `cargo run -p tak-core --bin catalog-gen -- --sample`");
            std::process::exit(1);
        }
        println!("catalog-gen: {out} is up to date");
        return;
    }
    if let Err(e) = std::fs::write(&out, &text) {
        eprintln!("catalog-gen: {out}: {e}");
        std::process::exit(2);
    }
    println!(
        "catalog-gen: wrote {out}: {} services, {} places, {} departments, {} bytes",
        catalog.services.len(),
        catalog.service_at_locations.len(),
        catalog.x_tak_departments.len(),
        text.len()
    );
}
