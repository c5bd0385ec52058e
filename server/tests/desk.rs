//! The desk's accounts (issue 21.1) against the real server and database: an account made by the
//! `coordinator add` command, its one-time password, logins, the limit on guessing, forged and
//! expired tokens, and the audit log.

mod support;

use std::process::Command;

use serde_json::{json, Value};
use support::*;

/// Runs `tak-server coordinator …` on `database_url`; its standard output.
fn coordinator(database_url: &str, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("coordinator")
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("LOG", "warn")
        .output()
        .expect("the command runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `password: …` line of a command's output.
fn password_in(out: &str) -> String {
    out.lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("a password line")
        .to_string()
}

async fn login(c: &reqwest::Client, server: &str, user: &str, password: &str) -> (u16, Value) {
    let r = c
        .post(format!("{server}/desk/login"))
        .header("accept-language", "fa")
        .json(&json!({"user": user, "password": password}))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn me(c: &reqwest::Client, server: &str, token: &str) -> (u16, Value) {
    get_as(c, &format!("{server}/desk/me"), token).await
}

#[tokio::test]
async fn a_new_coordinator_logs_in_with_the_one_time_password_and_must_change_it() {
    let (_dir, s) = Server::sample("desk_first");
    let out = coordinator(
        &s.database_url,
        &[
            "add",
            "Maryam.K",
            "--name",
            "مریم کاظمی",
            "--departments",
            "tak-1, tak-2",
        ],
    );
    assert!(out.contains("user: maryam.k"), "{out}");
    let one_time = password_in(&out);
    assert_eq!(one_time.len(), 12);
    let c = client();

    let (status, wrong) = login(&c, &s.url, "maryam.k", "not it").await;
    assert_eq!(status, 401);
    assert_eq!(wrong["error"], "login_failed");
    assert_eq!(wrong["message"], "نام کاربری یا گذرواژه درست نیست.");
    // An unknown name is refused in the same words.
    let (status, unknown) = login(&c, &s.url, "nobody", "not it").await;
    assert_eq!((status, &unknown["message"]), (401, &wrong["message"]));

    let (status, first) = login(&c, &s.url, "MARYAM.K", &one_time).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["must_change_password"], true);
    assert_eq!(first["name"], "مریم کاظمی");
    assert_eq!(first["role"], "coordinator");
    assert_eq!(first["departments"], json!({"only": ["tak-1", "tak-2"]}));
    let token = first["token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 64);

    // Until the password is changed, the desk lets them do nothing but change it.
    let r = c
        .post(format!("{}/desk/password", s.url))
        .bearer_auth(&token)
        .header("accept-language", "en")
        .json(&json!({"old": one_time, "new": "short"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 422);
    let short: Value = r.json().await.unwrap();
    assert_eq!(
        short["message"],
        "The password needs at least 10 characters."
    );
    let r = c
        .post(format!("{}/desk/password", s.url))
        .bearer_auth(&token)
        .json(&json!({"old": "a wrong old one", "new": "کتابخانه ۱۴۰۵ اهواز"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    let r = c
        .post(format!("{}/desk/password", s.url))
        .bearer_auth(&token)
        .json(&json!({"old": one_time, "new": "کتابخانه ۱۴۰۵ اهواز"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let (status, now) = me(&c, &s.url, &token).await;
    assert_eq!((status, &now["must_change_password"]), (200, &json!(false)));

    // The one-time password is spent; the new one works.
    assert_eq!(login(&c, &s.url, "maryam.k", &one_time).await.0, 401);
    let (status, again) = login(&c, &s.url, "maryam.k", "کتابخانه ۱۴۰۵ اهواز").await;
    assert_eq!(
        (status, &again["must_change_password"]),
        (200, &json!(false))
    );

    // Logging out ends that token only.
    let second = again["token"].as_str().unwrap();
    let r = c
        .post(format!("{}/desk/logout", s.url))
        .bearer_auth(second)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    assert_eq!(me(&c, &s.url, second).await.0, 401);
    assert_eq!(me(&c, &s.url, &token).await.0, 200);

    // The audit log says who did what and when, and nothing a volunteer typed.
    let audit = export(&s.database_url, &["--audit"]);
    let actions: Vec<(&str, &str)> = audit
        .iter()
        .map(|a| (a["user"].as_str().unwrap(), a["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        [
            ("maryam.k", "account_created"),
            ("maryam.k", "login_failed"),
            ("nobody", "login_failed"),
            ("maryam.k", "logged_in"),
            ("maryam.k", "password_changed"),
            ("maryam.k", "login_failed"),
            ("maryam.k", "logged_in"),
            ("maryam.k", "logged_out"),
        ]
    );
    assert!(audit
        .iter()
        .all(|a| a["at"].as_str().unwrap().starts_with("20")));
    let text = serde_json::to_string(&audit).unwrap();
    assert!(
        !text.contains(&one_time) && !text.contains("کتابخانه"),
        "{text}"
    );
}

#[tokio::test]
async fn guessing_is_stopped_and_forged_or_expired_tokens_let_no_one_in() {
    let dir = Scratch::new("desk_guess");
    let database_url = database(&dir.0, "guess");
    let catalog = catalog_with(&dir.0, |_, _| {});
    let s = Server::start(&database_url, &catalog, &[("DESK_SESSION_SECONDS", "2")]);
    let out = coordinator(
        &s.database_url,
        &[
            "add",
            "office",
            "--name",
            "Office",
            "--departments",
            "all",
            "--role",
            "office",
        ],
    );
    let password = password_in(&out);
    let c = client();
    for _ in 0..5 {
        assert_eq!(login(&c, &s.url, "office", "guess").await.0, 401);
    }
    // The sixth try is refused before the password is even looked at: the right one too.
    let r = c
        .post(format!("{}/desk/login", s.url))
        .header("accept-language", "ar")
        .json(&json!({"user": "office", "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    let wait: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((800..=900).contains(&wait), "{wait}");
    let refused: Value = r.json().await.unwrap();
    assert_eq!(refused["error"], "too_many_guesses");
    assert!(refused["message"].as_str().unwrap().contains("خمس عشرة"));

    // A new account name is not held back by another's guesses.
    let out = coordinator(
        &s.database_url,
        &["add", "reza", "--name", "Reza", "--departments", "tak-3"],
    );
    let (status, reza) = login(&c, &s.url, "reza", &password_in(&out)).await;
    assert_eq!(status, 200);
    let token = reza["token"].as_str().unwrap();
    assert_eq!(me(&c, &s.url, token).await.0, 200);

    // Forged: a token of the right shape that no login gave, or none at all.
    let forged = "0".repeat(64);
    assert_eq!(me(&c, &s.url, &forged).await.0, 401);
    let r = c.get(format!("{}/desk/me", s.url)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let not_in: Value = r.json().await.unwrap();
    assert_eq!(not_in["error"], "not_logged_in");
    // Expired: this server's logins last two seconds.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(me(&c, &s.url, token).await.0, 401);

    // Resetting gives a new one-time password; removing ends every login.
    let out = coordinator(&s.database_url, &["reset", "reza"]);
    let (status, reset) = login(&c, &s.url, "reza", &password_in(&out)).await;
    assert_eq!(
        (status, &reset["must_change_password"]),
        (200, &json!(true))
    );
    coordinator(&s.database_url, &["remove", "reza"]);
    assert_eq!(
        me(&c, &s.url, reset["token"].as_str().unwrap()).await.0,
        401
    );
}

#[tokio::test]
async fn the_demo_account_needs_no_change_and_bad_accounts_are_refused() {
    let (_dir, s) = Server::sample("desk_demo");
    let out = coordinator(
        &s.database_url,
        &[
            "add",
            "demo",
            "--name",
            "Demo",
            "--departments",
            "all",
            "--demo-password",
            "demo-desk-1405",
        ],
    );
    assert_eq!(password_in(&out), "demo-desk-1405");
    let c = client();
    let (status, demo) = login(&c, &s.url, "demo", "demo-desk-1405").await;
    assert_eq!(
        (status, &demo["must_change_password"]),
        (200, &json!(false))
    );
    assert_eq!(demo["departments"], json!("all"));
    for bad in [
        vec!["add", "two words", "--name", "x", "--departments", "all"],
        vec!["add", "x", "--name", "x", "--departments", " , "],
        vec![
            "add",
            "x",
            "--name",
            "x",
            "--departments",
            "all",
            "--role",
            "boss",
        ],
        vec!["reset", "nobody"],
    ] {
        let out = Command::new(BIN)
            .arg("coordinator")
            .args(&bad)
            .env("DATABASE_URL", &s.database_url)
            .env("LOG", "warn")
            .output()
            .unwrap();
        assert!(!out.status.success(), "{bad:?}");
    }
}

async fn get_as(c: &reqwest::Client, url: &str, token: &str) -> (u16, Value) {
    let r = c
        .get(url)
        .bearer_auth(token)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_coordinator_sees_the_signups_of_their_own_departments_only() {
    let (_dir, s) = Server::sample("desk_own");
    let c = client();
    let (status, _) = post(&c, &s.url, &uuid(7), &signup(&uuid(7), "tak-1", "fa")).await;
    assert_eq!(status, 201);
    let (status, _) = post(&c, &s.url, &uuid(8), &signup(&uuid(8), "tak-2", "ar")).await;
    assert_eq!(status, 201);
    for (user, departments) in [("reza", "tak-1"), ("office", "all")] {
        coordinator(
            &s.database_url,
            &[
                "add",
                user,
                "--name",
                user,
                "--departments",
                departments,
                "--demo-password",
                "ten letters!",
            ],
        );
    }
    let token = |v: &Value| v["token"].as_str().unwrap().to_string();
    let reza = token(&login(&c, &s.url, "reza", "ten letters!").await.1);
    let office = token(&login(&c, &s.url, "office", "ten letters!").await.1);

    let (status, mine) = get_as(&c, &format!("{}/desk/departments", s.url), &reza).await;
    assert_eq!(status, 200);
    let mine = mine["departments"].as_array().unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["id"], "tak-1");
    let (_, all) = get_as(&c, &format!("{}/desk/departments", s.url), &office).await;
    let all = all["departments"].as_array().unwrap();
    assert!(all.len() > 1);
    // The desk's count is the server's: the sign-up above took one of tak-1's places.
    let tak1 = all.iter().find(|d| d["id"] == "tak-1").unwrap();
    assert_eq!(tak1, &mine[0]);
    if let Some(left) = tak1["left"].as_i64() {
        assert_eq!(
            left,
            tak1["capacity"].as_i64().unwrap() - tak1["taken"].as_i64().unwrap()
        );
    }

    let (status, list) = get_as(
        &c,
        &format!("{}/desk/departments/tak-1/signups", s.url),
        &reza,
    )
    .await;
    assert_eq!(status, 200);
    let signups = list["signups"].as_array().unwrap();
    assert_eq!(signups.len(), 1);
    assert_eq!(signups[0]["full_name"], "زهرا موسوی");
    assert_eq!(signups[0]["mobile"], "+989161234567");
    assert_eq!(signups[0]["via"], "web");
    assert_eq!(signups[0]["days"], json!(["SA", "MO"]));
    assert!(
        signups[0].get("id").is_none(),
        "the phone's own id stays with the phone"
    );

    // Another's department, in the API as on the desk.
    let (status, refused) = get_as(
        &c,
        &format!("{}/desk/departments/tak-2/signups", s.url),
        &reza,
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(refused["error"], "not_your_department");
    let (status, _) = get_as(
        &c,
        &format!("{}/desk/departments/tak-2/signups", s.url),
        &office,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = get_as(
        &c,
        &format!("{}/desk/departments/tak-1/signups", s.url),
        "forged",
    )
    .await;
    assert_eq!(status, 401);

    let audit = export(&s.database_url, &["--audit"]);
    assert!(audit
        .iter()
        .any(|a| a["user"] == "reza" && a["action"] == "viewed_signups" && a["target"] == "tak-1"));
    let text = serde_json::to_string(&audit).unwrap();
    assert!(!text.contains("زهرا") && !text.contains("+98916"), "{text}");
}

async fn answer(
    c: &reqwest::Client,
    server: &str,
    token: &str,
    department: &str,
    seq: &Value,
    body: Value,
) -> (u16, Value) {
    let r = c
        .post(format!(
            "{server}/desk/departments/{department}/signups/{seq}"
        ))
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn answers_change_what_the_volunteer_sees_and_the_places_left() {
    let dir = Scratch::new("desk_answers");
    // One place in tak-1, so that the second volunteer waits.
    let catalog = catalog_with(&dir.0, |id, d| {
        if id == "tak-1" {
            d["capacity"] = json!(1);
            d["places_available"] = json!(1);
        }
    });
    let s = Server::start(&database(&dir.0, "answers"), &catalog, &[]);
    let c = client();
    let (first, second) = (uuid(21), uuid(22));
    assert_eq!(
        post(&c, &s.url, &first, &signup(&first, "tak-1", "fa"))
            .await
            .0,
        201
    );
    let (_, waits) = post(&c, &s.url, &second, &signup(&second, "tak-1", "en")).await;
    assert_eq!(waits["status"], "waiting_list");
    coordinator(
        &s.database_url,
        &[
            "add",
            "reza",
            "--name",
            "Reza",
            "--departments",
            "tak-1",
            "--demo-password",
            "ten letters!",
        ],
    );
    let (_, logged) = login(&c, &s.url, "reza", "ten letters!").await;
    let token = logged["token"].as_str().unwrap().to_string();
    let list = |token: String| {
        let (c, url) = (c.clone(), s.url.clone());
        async move {
            get_as(&c, &format!("{url}/desk/departments/tak-1/signups"), &token)
                .await
                .1["signups"]
                .as_array()
                .unwrap()
                .clone()
        }
    };
    let act = |seq: &Value, body: Value| {
        let (c, url, token, seq) = (c.clone(), s.url.clone(), token.clone(), seq.clone());
        async move { answer(&c, &url, &token, "tak-1", &seq, body).await }
    };
    let signups = list(token.clone()).await;
    // Newest first: the one waiting, then the one holding the place.
    let (waiting_seq, first_seq) = (signups[0]["seq"].clone(), signups[1]["seq"].clone());
    assert_eq!(signups[0]["state"], "waiting_list");
    let status = |id: String| {
        let (c, url) = (c.clone(), s.url.clone());
        async move { get_json(&c, &format!("{url}/signups/{id}?department=tak-1")).await }
    };

    // Confirm: the volunteer's phone reads "confirmed".
    let (code, done) = act(&first_seq, json!({"action": "confirm"})).await;
    assert_eq!((code, &done["state"]), (200, &json!("confirmed")));
    assert_eq!(status(first.clone()).await["state"], "confirmed");
    // No place for the second: offering one is refused, in the desk's language.
    let (code, full) = act(&waiting_seq, json!({"action": "offer"})).await;
    assert_eq!((code, &full["message"]), (409, &json!("No place is left.")));
    // A decline needs its reason; the reason reaches the volunteer, and the place is freed and
    // offered to the one waiting.
    let (code, _) = act(&first_seq, json!({"action": "decline", "reason": "  "})).await;
    assert_eq!(code, 422);
    let reason = "این دوره برای نوجوانان است";
    let (code, _) = act(&first_seq, json!({"action": "decline", "reason": reason})).await;
    assert_eq!(code, 200);
    let declined = status(first.clone()).await;
    assert_eq!(
        (&declined["state"], &declined["reason"]),
        (&json!("declined"), &json!(reason))
    );
    assert_eq!(status(second.clone()).await["state"], "place_offered");
    // Answered once, a declined sign-up is closed; an unknown one is not found.
    let (code, _) = act(&first_seq, json!({"action": "confirm"})).await;
    assert_eq!(code, 409);
    let (code, _) = act(&json!(99999), json!({"action": "confirm"})).await;
    assert_eq!(code, 404);
    let (code, _) = act(&waiting_seq, json!({"action": "shout"})).await;
    assert_eq!(code, 400);
    // Places left everywhere: the one place is held by the offer.
    let places = get_json(&c, &format!("{}/availability", s.url)).await;
    let text = places.to_string();
    assert!(text.contains("tak-1"), "{text}");
    let (_, deps) = get_as(&c, &format!("{}/desk/departments", s.url), &token).await;
    assert_eq!(deps["departments"][0]["left"], 0);
    assert_eq!(deps["departments"][0]["waiting"], 0);
    // Marked withdrawn: the place is free again, and the personal data has gone.
    let (code, _) = act(&waiting_seq, json!({"action": "withdraw"})).await;
    assert_eq!(code, 200);
    assert_eq!(status(second.clone()).await["state"], "withdrawn");
    let (_, deps) = get_as(&c, &format!("{}/desk/departments", s.url), &token).await;
    assert_eq!(deps["departments"][0]["left"], 1);
    let signups = list(token.clone()).await;
    assert_eq!(signups[0]["full_name"], "");
    let audit = export(&s.database_url, &["--audit"]);
    let answered: Vec<&str> = audit
        .iter()
        .filter(|a| a["target"].as_str().unwrap().starts_with("tak-1#"))
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(answered, ["confirmed", "declined", "marked_withdrawn"]);
}

#[tokio::test]
async fn the_office_deals_with_the_sms_the_server_could_not_read() {
    let (_dir, s) = Server::sample("desk_sms");
    let c = client();
    let r = c
        .post(format!("{}/sms/inbound", s.url))
        .bearer_auth(SECRET)
        .json(&json!({"from": "+989121111111", "text": "سلام، برای ثبت‌نام چه کنم؟"}))
        .send()
        .await
        .unwrap();
    let kept: Value = r.json().await.unwrap();
    assert_eq!(kept["status"], "kept_for_coordinator");
    for (user, role) in [("office", "office"), ("reza", "coordinator")] {
        coordinator(
            &s.database_url,
            &[
                "add",
                user,
                "--name",
                user,
                "--departments",
                "all",
                "--role",
                role,
                "--demo-password",
                "ten letters!",
            ],
        );
    }
    let token = |v: Value| v["token"].as_str().unwrap().to_string();
    let office = token(login(&c, &s.url, "office", "ten letters!").await.1);
    let reza = token(login(&c, &s.url, "reza", "ten letters!").await.1);
    let (status, refused) = get_as(&c, &format!("{}/desk/sms", s.url), &reza).await;
    assert_eq!((status, &refused["error"]), (403, &json!("office_only")));
    let (status, list) = get_as(&c, &format!("{}/desk/sms", s.url), &office).await;
    assert_eq!(status, 200);
    let sms = list["sms"].as_array().unwrap();
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0]["sender"], "+989121111111");
    assert_eq!(sms[0]["text"], "سلام، برای ثبت‌نام چه کنم؟");
    let done = |token: String, seq: Value| {
        let (c, url) = (c.clone(), s.url.clone());
        async move {
            c.post(format!("{url}/desk/sms/{seq}/done"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(done(reza.clone(), sms[0]["seq"].clone()).await, 403);
    assert_eq!(done(office.clone(), sms[0]["seq"].clone()).await, 204);
    assert_eq!(done(office.clone(), sms[0]["seq"].clone()).await, 404);
    let (_, list) = get_as(&c, &format!("{}/desk/sms", s.url), &office).await;
    assert_eq!(list["sms"], json!([]));
    let audit = export(&s.database_url, &["--audit"]);
    assert!(audit
        .iter()
        .any(|a| a["action"] == "sms_dealt_with" && a["user"] == "office"));
    assert!(!serde_json::to_string(&audit).unwrap().contains("+98912"));
}
