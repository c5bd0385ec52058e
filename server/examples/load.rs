//! The sign-up server's load generator (`make bench` runs it through scripts/bench-server.sh):
//! `cargo run --release -p tak-server --example load -- URL MODE CLIENTS SECONDS`
//! MODE is `signups` (each client posts new sign-ups one after another, and 30 % of them a
//! second time, as a phone retrying after a lost answer does), `availability` or `health` (the
//! HTTP stack alone: the anchor the other figures are read against). Prints one line of figures.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

fn signup(n: u64) -> (String, serde_json::Value) {
    let id = format!("{n:08x}-load-4c55-9a7e-{:012x}", n.wrapping_mul(7919));
    let body = json!({
        "action": "signup", "id": id, "department_id": format!("tak-{}", 1 + n % 14),
        "full_name": "زهرا موسوی", "mobile": "09161234567", "age_group": "adults",
        "days": ["SA"], "note": "", "consent": true, "lang": "fa",
        "created_at": "2026-12-01T10:00:00Z", "waiting_list": false
    });
    (id, body)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, mode, clients, seconds] = &args[..] else {
        eprintln!("usage: load URL signups|availability|health CLIENTS SECONDS");
        std::process::exit(2);
    };
    let clients: usize = clients.parse().expect("CLIENTS");
    let seconds: u64 = seconds.parse().expect("SECONDS");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let next = Arc::new(AtomicU64::new(0));
    let stored = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let end = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (http, url, mode) = (http.clone(), url.clone(), mode.clone());
        let (next, stored, errors) = (next.clone(), stored.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < end {
                match mode.as_str() {
                    "signups" => {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        let (id, body) = signup(n);
                        let sends = if n % 10 < 3 { 2 } else { 1 };
                        for attempt in 0..sends {
                            let t = Instant::now();
                            let r = http
                                .post(format!("{url}/signups"))
                                .header("idempotency-key", &id)
                                .json(&body)
                                .send()
                                .await;
                            latencies.push(t.elapsed());
                            match r.map(|r| r.status().as_u16()) {
                                Ok(201) if attempt == 0 => {
                                    stored.fetch_add(1, Ordering::Relaxed);
                                }
                                Ok(201) => {}
                                _ => {
                                    errors.fetch_add(1, Ordering::Relaxed);
                                }
                            }
                        }
                    }
                    path => {
                        let t = Instant::now();
                        let r = http.get(format!("{url}/{path}")).send().await;
                        let ok = match r {
                            Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                            _ => false,
                        };
                        latencies.push(t.elapsed());
                        if !ok {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let stored = stored.load(Ordering::Relaxed);
    println!(
        "{mode:<12} clients={clients:<4} requests/s={:<8.0} stored/s={:<8.0} p50={:.1}ms p99={:.1}ms errors={}",
        all.len() as f64 / elapsed,
        stored as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        errors.load(Ordering::Relaxed)
    );
}
