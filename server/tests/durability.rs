//! What holds when more than one thing happens at once: two instances on one database, and a
//! server killed (SIGKILL) in the middle of a burst.

mod support;

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::Value;
use support::*;

const SIGNUPS: u32 = 150;

#[tokio::test]
async fn two_instances_sent_the_same_signups_at_once_store_each_once() {
    let dir = Scratch::new("two");
    let db = database(&dir.0, "two");
    let catalog = catalog_with(&dir.0, |_, _| {});
    let a = Server::start(&db, &catalog, &[]);
    let b = Server::start(&db, &catalog, &[]);
    let c = client();
    let mut tasks = Vec::new();
    for n in 0..SIGNUPS {
        for url in [a.url.clone(), b.url.clone()] {
            let c = c.clone();
            tasks.push(tokio::spawn(async move {
                let id = uuid(1000 + n);
                let dept = format!("tak-{}", 1 + n % 14);
                post(&c, &url, &id, &signup(&id, &dept, "fa")).await
            }));
        }
    }
    let mut answers: HashMap<String, Vec<Value>> = HashMap::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert!(status == 201, "{status} {body}");
        answers
            .entry(body["id"].as_str().unwrap().to_string())
            .or_default()
            .push(body);
    }
    for (id, both) in &answers {
        assert_eq!(
            both[0], both[1],
            "{id}: both instances give the same answer"
        );
    }
    let rows = a.export();
    let ids: BTreeSet<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        (rows.len(), ids.len()),
        (SIGNUPS as usize, SIGNUPS as usize)
    );
}

#[tokio::test]
async fn every_answered_signup_survives_a_kill_and_retries_complete_the_rest_once() {
    let dir = Scratch::new("kill");
    let db = database(&dir.0, "kill");
    let catalog = catalog_with(&dir.0, |_, _| {});
    let mut s = Server::start(&db, &catalog, &[]);
    let c = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .unwrap();
    // Ten phones, each sending its fifteen sign-ups one after another; the server is killed once
    // a third of them have been answered, with the rest in flight or still to come.
    let answered_so_far = Arc::new(AtomicUsize::new(0));
    let mut phones = Vec::new();
    for phone in 0..10 {
        let (c, url, count) = (c.clone(), s.url.clone(), answered_so_far.clone());
        phones.push(tokio::spawn(async move {
            let mut answered = Vec::new();
            for n in (phone..SIGNUPS).step_by(10) {
                let id = uuid(5000 + n);
                let dept = format!("tak-{}", 1 + n % 14);
                let body = signup(&id, &dept, "fa");
                let r = c
                    .post(format!("{url}/signups"))
                    .header("idempotency-key", &id)
                    .json(&body)
                    .send()
                    .await;
                match r.map(|r| r.status().as_u16()) {
                    Ok(status) if (200..300).contains(&status) => {
                        answered.push(id);
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
            answered
        }));
    }
    while answered_so_far.load(Ordering::SeqCst) < SIGNUPS as usize / 3 {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    s.kill();
    let mut answered = Vec::new();
    for p in phones {
        answered.extend(p.await.unwrap());
    }
    assert!(
        answered.len() < SIGNUPS as usize,
        "the kill came before the end of the burst"
    );
    let s = Server::start(&db, &catalog, &[]);
    let stored: BTreeSet<String> = s
        .export()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    for id in &answered {
        assert!(
            stored.contains(id),
            "{id} was answered 2xx before the kill but is not stored"
        );
    }
    // The phones retry everything they have not seen answered (and some they have): all land once.
    for n in 0..SIGNUPS {
        let id = uuid(5000 + n);
        let dept = format!("tak-{}", 1 + n % 14);
        let (status, _) = post(&c, &s.url, &id, &signup(&id, &dept, "fa")).await;
        assert_eq!(status, 201);
    }
    let rows = s.export();
    let ids: BTreeSet<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        (rows.len(), ids.len()),
        (SIGNUPS as usize, SIGNUPS as usize)
    );
    eprintln!(
        "{} of {SIGNUPS} were answered before the kill",
        answered.len()
    );
}
