//! SMS from a gateway land with the network's sign-ups: read by tak-core's parser, the same
//! sign-up once whichever way it came first, and what cannot be read kept for a coordinator.

mod support;

use serde_json::{json, Value};
use support::*;
use tak_core::signup::{sms_body, withdrawal_sms_body, Signup};

fn phone_signup(id: &str) -> Signup {
    serde_json::from_value(signup(id, "tak-1", "fa")).unwrap()
}

async fn forward(c: &reqwest::Client, url: &str, secret: &str, text: &str) -> (u16, Value) {
    let r = c
        .post(format!("{url}/sms/inbound"))
        .bearer_auth(secret)
        .json(&json!({"from": "+989161234567", "text": text, "sent_at": "2026-12-01T10:00:00Z"}))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

const NAME_FA: &str = "دپارتمان کتاب‌خوانی و نقد ادبی (پاداد شهر)";

#[tokio::test]
async fn an_sms_and_a_later_network_copy_are_one_signup() {
    let (_dir, s) = Server::sample("sms");
    let c = client();
    let id = uuid(300);
    let text = sms_body(&phone_signup(&id), NAME_FA);
    // Retyped in Persian digits by a gateway that does that: still read.
    let persian = text.replace("+989161234567", "۰۹۱۶۱۲۳۴۵۶۷");
    assert_eq!(forward(&c, &s.url, "wrong", &persian).await.0, 401);
    let (status, body) = forward(&c, &s.url, SECRET, &persian).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("received")));
    // The gateway posts it twice, then the phone's network copy arrives.
    forward(&c, &s.url, SECRET, &persian).await;
    let (status, answer) = post(&c, &s.url, &id, &signup(&id, "tak-1", "fa")).await;
    assert_eq!((status, answer["status"].as_str()), (201, Some("received")));
    let rows = s.export();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["via"], "both");
    assert_eq!(rows[0]["id"], id.as_str());
    assert_eq!(rows[0]["mobile"], "+989161234567");
    // The phone can now follow it by id, and withdraw it by SMS.
    let w = withdrawal_sms_body(&phone_signup(&id), NAME_FA);
    assert_eq!(
        forward(&c, &s.url, SECRET, &w).await.1["status"],
        "withdrawn"
    );
    let st: Value = get_json(&c, &format!("{}/signups/{id}", s.url)).await;
    assert_eq!(st["state"], "withdrawn");
}

#[tokio::test]
async fn a_network_signup_then_its_sms_in_english_is_one_and_unreadable_sms_are_kept() {
    let (_dir, s) = Server::sample("sms2");
    let c = client();
    let id = uuid(301);
    post(&c, &s.url, &id, &signup(&id, "tak-1", "en")).await;
    let text = sms_body(
        &phone_signup(&id),
        "Reading and literary criticism (Padadshahr)",
    );
    assert_eq!(
        forward(&c, &s.url, SECRET, &text).await.1["status"],
        "received"
    );
    assert_eq!(s.export().len(), 1);
    // A form-encoded gateway, an SMS that is not a sign-up, one for a department that is not listed.
    let r = c
        .post(format!("{}/sms/inbound", s.url))
        .header("x-sms-secret", SECRET)
        .form(&[
            ("from", "+989121111111"),
            ("message", "سلام، برای ثبت‌نام چه کنم؟"),
        ])
        .send()
        .await
        .unwrap();
    let kept: Value = r.json().await.unwrap();
    assert_eq!(kept["status"], "kept_for_coordinator");
    let other = sms_body(&phone_signup(&uuid(302)), "دپارتمانی که نیست");
    assert_eq!(
        forward(&c, &s.url, SECRET, &other).await.1["problem"],
        "unknown_department"
    );
    let unread = export(&s.database_url, &["--unread-sms"]);
    assert_eq!(unread.len(), 2);
    assert_eq!(unread[0]["text"], "سلام، برای ثبت‌نام چه کنم؟");
    assert_eq!(unread[0]["sender"], "+989121111111");
    assert_eq!(s.export().len(), 1);
}
