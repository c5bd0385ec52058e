//! The sign-up contract (docs/signup-api.md) against the real server and database.

mod support;

use serde_json::{json, Value};
use support::*;

#[tokio::test]
async fn a_signup_is_kept_once_and_a_repeat_gets_the_first_answer() {
    let (_dir, s) = Server::sample("once");
    let c = client();
    let id = uuid(1);
    let body = signup(&id, "tak-1", "fa");
    let (status, first) = post(&c, &s.url, &id, &body).await;
    assert_eq!(status, 201);
    assert_eq!(first["status"], "received");
    assert_eq!(first["reference"], "00000001");
    // Twenty copies at once (retries, two tabs): one sign-up, and each gets the first answer.
    let copies = (0..20).map(|_| {
        let (c, url, id, body) = (c.clone(), s.url.clone(), id.clone(), body.clone());
        async move { post(&c, &url, &id, &body).await }
    });
    for (status, again) in futures_join(copies).await {
        assert_eq!((status, &again), (201, &first));
    }
    // The same key with another body is refused, not merged.
    let mut other = body.clone();
    other["full_name"] = json!("مریم");
    let (status, refused) = post(&c, &s.url, &id, &other).await;
    assert_eq!(status, 409);
    assert_eq!(refused["error"], "idempotency_key_reused");
    let rows = s.export();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["full_name"], "زهرا موسوی");
    assert_eq!(rows[0]["mobile"], "+989161234567");
}

async fn futures_join<F: std::future::Future<Output = (u16, Value)> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<(u16, Value)> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn every_field_is_checked_by_the_apps_rules_and_refused_in_the_volunteers_language() {
    let (_dir, s) = Server::sample("rules");
    let c = client();
    for (lang, words) in [
        ("fa", "شماره"),
        ("ar", "رقم"),
        ("en", "mobile number like 0916 123 4567"),
    ] {
        let id = uuid(10 + lang.len() as u32 + lang.as_bytes()[0] as u32);
        let mut body = signup(&id, "tak-1", lang);
        body["mobile"] = json!("0616 123 4567");
        let (status, answer) = post(&c, &s.url, &id, &body).await;
        assert_eq!(status, 422, "{lang}");
        assert_eq!(answer["fields"][0]["field"], "signup-mobile");
        let message = answer["message"].as_str().unwrap();
        assert!(message.contains(words), "{lang}: {message}");
    }
    // Any digit script, spaces and a trunk zero: accepted as on the phone.
    let id = uuid(20);
    let mut body = signup(&id, "tak-1", "ar");
    body["mobile"] = json!("+٩٨ (٠) ٩١٦ ١٢٣ ٤٥٦٧");
    body["national_id"] = json!("۰۴۹۹۳۷۰۸۹۹");
    assert_eq!(post(&c, &s.url, &id, &body).await.0, 201);
    let row = &s.export()[0];
    assert_eq!(
        (row["mobile"].as_str(), row["national_id"].as_str()),
        (Some("+989161234567"), Some("0499370899"))
    );

    let id = uuid(21);
    let (status, answer) = post(&c, &s.url, &id, &signup(&id, "tak-999", "en")).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (422, Some("unknown_department"))
    );
    // A withdrawal goes through even when the catalog no longer lists the department.
    let gone = json!({"action": "withdraw", "id": id, "department_id": "tak-999", "lang": "en"});
    assert_eq!(
        post(&c, &s.url, &format!("{id}-withdraw"), &gone).await.0,
        200
    );
    // Broken JSON, a missing key, a key that is not the id: 400 with a message, never a panic.
    for (key, raw) in [
        (uuid(22), "{\"action\": \"signup\", \"id\": ".to_string()),
        (String::new(), signup(&uuid(23), "tak-1", "en").to_string()),
        (uuid(99), signup(&uuid(24), "tak-1", "en").to_string()),
        (uuid(25), json!([1, 2]).to_string()),
    ] {
        let r = c
            .post(format!("{}/signups", s.url))
            .header("idempotency-key", key)
            .header("accept-language", "en")
            .body(raw)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 400);
        let answer: Value = r.json().await.unwrap();
        assert!(answer["message"]
            .as_str()
            .unwrap()
            .contains("could not be read"));
    }
    // Too large: 413, in the browser's language.
    let id = uuid(26);
    let mut big = signup(&id, "tak-1", "en");
    big["note"] = json!("x".repeat(20_000));
    let r = c
        .post(format!("{}/signups", s.url))
        .header("idempotency-key", &id)
        .header("accept-language", "ar")
        .json(&big)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    assert_eq!(s.export().len(), 1);
}

#[tokio::test]
async fn a_client_over_its_rate_is_told_when_to_come_back_and_headers_are_strict() {
    let dir = Scratch::new("rate");
    let s = Server::start(
        &database(&dir.0, "rate"),
        &catalog_with(&dir.0, |_, _| {}),
        &[("RATE_PER_MINUTE", "15")],
    );
    let c = client();
    let mut limited = None;
    for n in 0..30 {
        let id = uuid(100 + n);
        let r = c
            .post(format!("{}/signups", s.url))
            .header("idempotency-key", &id)
            .json(&signup(&id, "tak-2", "en"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert!(r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'"));
        if r.status().as_u16() == 429 {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("a 429 within 30 quick sign-ups at 15 a minute");
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "too_many_requests");
    // Reading is not limited.
    assert_eq!(
        c.get(format!("{}/availability", s.url))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test]
async fn cors_answers_only_the_configured_origins() {
    let (_dir, s) = Server::sample("cors");
    let c = client();
    let preflight = |origin: &'static str| {
        c.request(reqwest::Method::OPTIONS, format!("{}/signups", s.url))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type, idempotency-key",
            )
            .send()
    };
    let ok = preflight(ORIGIN).await.unwrap();
    assert_eq!(ok.headers()["access-control-allow-origin"], ORIGIN);
    assert!(ok.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("idempotency-key"));
    let other = preflight("http://elsewhere.test").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_last_place_goes_to_one_racer_and_the_other_is_told_they_wait() {
    let dir = Scratch::new("race");
    let catalog = catalog_with(&dir.0, |id, d| {
        if id == "tak-1" {
            d["capacity"] = json!(10);
            d["places_available"] = json!(1);
        }
    });
    let s = Server::start(&database(&dir.0, "race"), &catalog, &[]);
    let c = client();
    let places = |c: reqwest::Client, url: String| async move {
        let a: Value = get_json(&c, &format!("{url}/availability")).await;
        (
            a["departments"]["tak-1"]["places_left"].as_i64(),
            a["departments"]["tak-1"]["waiting"].as_i64(),
        )
    };
    assert_eq!(
        places(c.clone(), s.url.clone()).await,
        (Some(1), Some(0)),
        "the catalog's figure first"
    );
    let (a, b) = (uuid(200), uuid(201));
    let (body_a, body_b) = (signup(&a, "tak-1", "fa"), signup(&b, "tak-1", "en"));
    let (ra, rb) = tokio::join!(post(&c, &s.url, &a, &body_a), post(&c, &s.url, &b, &body_b));
    let mut states = [
        ra.1["status"].as_str().unwrap(),
        rb.1["status"].as_str().unwrap(),
    ];
    states.sort();
    assert_eq!(states, ["received", "waiting_list"]);
    let (winner, waiter, waiting_answer) = if ra.1["status"] == "received" {
        (a, b, rb.1)
    } else {
        (b, a, ra.1)
    };
    assert_eq!(waiting_answer["position"], 1);
    assert_eq!(places(c.clone(), s.url.clone()).await, (Some(0), Some(1)));

    let status = |id: String| {
        let c = c.clone();
        let url = s.url.clone();
        async move { get_json(&c, &format!("{url}/signups/{id}")).await }
    };
    let w = status(waiter.clone()).await;
    assert_eq!(
        (w["state"].as_str(), w["position"].as_i64()),
        (Some("waiting_list"), Some(1))
    );
    assert!(
        w.get("full_name").is_none() && w.get("mobile").is_none(),
        "no personal data: {w}"
    );

    // The winner withdraws: their details go at once, and their place is offered to the waiter.
    let key = format!("{winner}-withdraw");
    let withdrawal =
        json!({"action": "withdraw", "id": winner, "department_id": "tak-1", "lang": "fa"});
    assert_eq!(post(&c, &s.url, &key, &withdrawal).await.0, 200);
    assert_eq!(status(winner.clone()).await["state"], "withdrawn");
    assert_eq!(status(waiter.clone()).await["state"], "place_offered");
    assert_eq!(places(c.clone(), s.url.clone()).await, (Some(0), Some(0)));
    let rows = s.export();
    let gone = rows.iter().find(|r| r["id"] == winner.as_str()).unwrap();
    assert_eq!(
        (gone["full_name"].clone(), gone["mobile"].clone()),
        (Value::Null, Value::Null)
    );
    assert_eq!(
        c.get(format!("{}/signups/{}", s.url, uuid(999)))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn availability_is_small_cacheable_and_follows_a_new_catalog() {
    let dir = Scratch::new("avail");
    let catalog = catalog_with(&dir.0, |_, _| {});
    let s = Server::start(&database(&dir.0, "avail"), &catalog, &[]);
    let c = client();
    let r = c
        .get(format!("{}/availability", s.url))
        .send()
        .await
        .unwrap();
    assert!(r.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let first: Value = r.json().await.unwrap();
    assert_eq!(first["departments"]["tak-1"]["places_left"], 10);
    let again = c
        .get(format!("{}/availability", s.url))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);
    let id = uuid(400);
    post(&c, &s.url, &id, &signup(&id, "tak-1", "fa")).await;
    let after: Value = get_json(&c, &format!("{}/availability", s.url)).await;
    assert_eq!(
        after["departments"]["tak-1"]["places_left"], 9,
        "a sign-up drops this instance's figure at once"
    );
    // The office publishes a catalog with more places: the server reads it within seconds.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    catalog_with(&dir.0, |id, d| {
        if id == "tak-1" {
            d["capacity"] = json!(40);
        }
    });
    let mut seen = None;
    for _ in 0..60 {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        let a: Value = get_json(&c, &format!("{}/availability", s.url)).await;
        seen = a["departments"]["tak-1"]["places_left"].as_i64();
        if seen == Some(19) {
            break;
        }
    }
    assert_eq!(
        seen,
        Some(19),
        "40 places, 20 taken before the server and 1 since"
    );
}

#[tokio::test]
async fn personal_data_is_purged_after_the_last_session_and_kept_while_a_department_runs() {
    let dir = Scratch::new("purge");
    let catalog = catalog_with(&dir.0, |id, d| {
        if id == "tak-3" {
            for s in d["schedules"].as_array_mut().unwrap() {
                s["valid_from"] = json!("2025-01-01");
                s["valid_to"] = json!("2025-06-30");
            }
        }
    });
    let db = database(&dir.0, "purge");
    let s = Server::start(&db, &catalog, &[]);
    if on_postgres() {
        assert!(
            db.starts_with("postgres://"),
            "the PostgreSQL tier runs on PostgreSQL"
        );
    }
    let c = client();
    let (ended, running) = (uuid(500), uuid(501));
    post(&c, &s.url, &ended, &signup(&ended, "tak-3", "fa")).await;
    post(&c, &s.url, &running, &signup(&running, "tak-1", "fa")).await;
    let out = std::process::Command::new(BIN)
        .arg("purge")
        .env("DATABASE_URL", &db)
        .env("CATALOG", &catalog)
        .env("RETENTION_DAYS", "30")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = s.export();
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(
        row(&ended)["full_name"],
        Value::Null,
        "ended in June 2025: past 30 days"
    );
    assert_eq!(row(&ended)["mobile"], Value::Null);
    assert_eq!(
        row(&ended)["state"],
        "received",
        "the sign-up itself stays, for the counts"
    );
    assert_eq!(row(&running)["full_name"], "زهرا موسوی");
}
