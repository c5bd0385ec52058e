//! The outbox: sign-ups wait on the phone until the endpoint has them. The browser edge does the
//! HTTP; this module decides what each answer means and when to try again, so that every sign-up
//! reaches the coordinator exactly once (the endpoint de-duplicates on the `Idempotency-Key`).

use serde::{Deserialize, Serialize};

use crate::signup::Signup;

/// What the volunteer sees next to each sign-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    /// Saved on this phone, waiting for a connection (or for the next try).
    Saved,
    /// The endpoint accepted it (202): received, not yet confirmed by the coordinator.
    Sent,
    /// The endpoint recorded it (200/201 with `"status": "confirmed"`).
    Confirmed,
    /// The endpoint refused it, with its reason; it is not retried.
    Rejected {
        reason: String,
    },
    /// Sent by SMS or copied by hand: the app cannot know more.
    SentBySms,
    /// A withdrawal waits to be sent.
    WithdrawPending,
    Withdrawn,
    /// The department is full: the server put the sign-up on its waiting list
    /// ([`Entry::position`] says where).
    WaitingList,
    /// A place came free and is offered to this volunteer.
    PlaceOffered,
}

impl Delivery {
    /// The delivery a server's state word stands for (`GET /signups/{id}` and the answers to a
    /// sign-up, docs/signup-api.md); `None` for a word this app does not know.
    /// A coordinator's "declined" is a refusal; an empty reason is shown as "declined by the
    /// coordinator" (the edge's own refusals always carry a reason, at least `HTTP 4xx`).
    /// Unit variants only: each struct variant of this serde-tagged enum cost the first-load
    /// wasm some 0.5 KiB (BENCHMARKS.md, issue 19).
    pub fn from_server(state: &str, reason: &str) -> Option<Delivery> {
        Some(match state {
            "received" => Delivery::Sent,
            "confirmed" => Delivery::Confirmed,
            "waiting_list" => Delivery::WaitingList,
            "place_offered" => Delivery::PlaceOffered,
            "declined" => Delivery::Rejected {
                reason: shown_reason(reason),
            },
            "withdrawn" => Delivery::Withdrawn,
            _ => return None,
        })
    }

    /// Whether the endpoint has the sign-up, so the phone no longer needs the volunteer's
    /// details to deliver it.
    pub fn is_with_server(&self) -> bool {
        matches!(
            self,
            Delivery::Sent
                | Delivery::Confirmed
                | Delivery::WaitingList
                | Delivery::PlaceOffered
                | Delivery::Withdrawn
        )
    }
}

/// A server's text as it may be shown: one line, no control or bidi characters, 200 at most.
fn shown_reason(text: &str) -> String {
    crate::text::clean_line(text).chars().take(200).collect()
}

/// How the HTTP exchange ended, as the browser edge saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Status {
        code: u16,
        body: String,
    },
    /// No answer: offline, DNS, connection refused, CORS.
    NetworkError,
    Timeout,
}

/// What to do after an attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Done(Delivery),
    Retry,
}

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    status: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    error: String,
    #[serde(default)]
    position: Option<u32>,
}

/// Reads the endpoint's answer (see `docs/signup-api.md`).
pub fn classify(outcome: &Outcome, withdrawing: bool) -> Verdict {
    let Outcome::Status { code, body } = outcome else {
        return Verdict::Retry;
    };
    let answer: Option<Answer> = serde_json::from_str(body).ok();
    let reason = || {
        let a = answer.as_ref();
        let text = a
            .map(|a| {
                if a.message.is_empty() {
                    a.error.clone()
                } else {
                    a.message.clone()
                }
            })
            .unwrap_or_default();
        let text = shown_reason(&text);
        if text.is_empty() {
            format!("HTTP {code}")
        } else {
            text
        }
    };
    match code {
        200 | 201 if withdrawing => Verdict::Done(Delivery::Withdrawn),
        202 if withdrawing => Verdict::Done(Delivery::Withdrawn),
        200 | 201 => Verdict::Done(
            answer
                .as_ref()
                .and_then(|a| Delivery::from_server(&a.status, &a.message))
                .filter(|d| *d != Delivery::Withdrawn)
                .unwrap_or(Delivery::Confirmed),
        ),
        202 => Verdict::Done(Delivery::Sent),
        // The same key came before with another body: trying again cannot change that.
        409 if answer
            .as_ref()
            .is_some_and(|a| a.error == "idempotency_key_reused") =>
        {
            Verdict::Done(Delivery::Rejected { reason: reason() })
        }
        // Timeouts, rate limits and server trouble are worth another try; so is a 409 that
        // says the same key is still being processed.
        408 | 409 | 425 | 429 => Verdict::Retry,
        400..=499 => Verdict::Done(Delivery::Rejected { reason: reason() }),
        _ => Verdict::Retry,
    }
}

/// Waiting time before try number `attempt` (1-based): 2 s, 4 s, 8 s … capped at 5 minutes.
pub fn backoff_ms(attempt: u32) -> f64 {
    let exp = attempt.saturating_sub(1).min(16);
    (2_000.0 * f64::from(1u32 << exp)).min(300_000.0)
}

/// One sign-up in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub signup: Signup,
    pub delivery: Delivery,
    #[serde(default)]
    pub attempts: u32,
    /// Unix ms before which no new try is made.
    #[serde(default)]
    pub not_before: u64,
    /// The department's name when it was sent, for the list even if the catalog changes.
    #[serde(default)]
    pub department_name: String,
    /// False once personal data was forgotten; the entry then keeps only its reference.
    #[serde(default = "yes")]
    pub keeps_personal_data: bool,
    /// The volunteer asked to keep their details on the phone after confirmation.
    #[serde(default)]
    pub keep_details: bool,
    /// Where an SMS about this sign-up goes: the department's coordinator, else the programme's
    /// number (fixed when it was made, so a withdrawal reaches the same person).
    #[serde(default)]
    pub sms_to: String,
    /// The volunteer opened the messaging app with this sign-up's text. It may have been closed
    /// without sending, so this never stops delivery over the network.
    #[serde(default)]
    pub sms_opened: bool,
    /// On the waiting list: the place in line the server gave (1 is next; 0 when it did not say).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub position: u32,
    /// A coordinator's answer (confirmed, declined, a place offered…) came since the volunteer
    /// last looked at "My sign-ups": the app says so on whatever page it opens at.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answer_unseen: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The `position` in an answer's body, 0 without one.
fn position_in(body: &str) -> u32 {
    serde_json::from_str::<Answer>(body)
        .ok()
        .and_then(|a| a.position)
        .unwrap_or(0)
}

fn yes() -> bool {
    true
}

impl Entry {
    pub fn new(signup: Signup, department_name: String) -> Entry {
        Entry {
            signup,
            delivery: Delivery::Saved,
            attempts: 0,
            not_before: 0,
            department_name,
            keeps_personal_data: true,
            keep_details: false,
            sms_to: String::new(),
            sms_opened: false,
            position: 0,
            answer_unseen: false,
        }
    }

    /// The volunteer tapped "send by SMS": the messaging app opened with the text.
    pub fn open_sms(&mut self) {
        self.sms_opened = true;
    }

    /// The volunteer says the SMS went. Without an endpoint that SMS is the delivery, and the
    /// details leave the phone (unless they asked to keep them). With an endpoint the network
    /// copy still goes: the coordinator's server makes the two one sign-up by their reference.
    pub fn sms_sent(&mut self, has_endpoint: bool) {
        self.sms_opened = true;
        if !has_endpoint && self.delivery == Delivery::Saved {
            self.delivery = Delivery::SentBySms;
            if !self.keep_details {
                self.forget_personal_data();
            }
        }
    }

    /// Whether "send again" applies: waiting, or refused (the volunteer may have fixed the cause).
    pub fn can_resend(&self) -> bool {
        matches!(self.delivery, Delivery::Saved | Delivery::Rejected { .. })
    }

    /// "Send again": a refused sign-up goes back in the queue; a waiting one skips its back-off.
    pub fn resend(&mut self) {
        if matches!(self.delivery, Delivery::Rejected { .. }) {
            self.delivery = Delivery::Saved;
            self.attempts = 0;
        }
        self.retry_now();
    }

    pub fn can_withdraw(&self) -> bool {
        matches!(
            self.delivery,
            Delivery::Saved
                | Delivery::Sent
                | Delivery::Confirmed
                | Delivery::SentBySms
                | Delivery::WaitingList
                | Delivery::PlaceOffered
        )
    }

    /// Whether the endpoint can tell more about this sign-up (`GET {signup_url}/{id}`): it has
    /// it, or may have it by SMS, and nothing final has happened yet.
    pub fn follows_status(&self) -> bool {
        matches!(
            self.delivery,
            Delivery::Sent
                | Delivery::Confirmed
                | Delivery::SentBySms
                | Delivery::WaitingList
                | Delivery::PlaceOffered
        )
    }

    /// Takes in the endpoint's answer to `GET {signup_url}/{id}`; returns whether anything
    /// changed. A 404 (an SMS not read yet, an endpoint without the route) changes nothing.
    pub fn apply_status(&mut self, code: u16, body: &str) -> bool {
        #[derive(Deserialize)]
        struct Status {
            state: String,
            #[serde(default)]
            reason: String,
            #[serde(default)]
            position: Option<u32>,
        }
        if code != 200 || !self.follows_status() {
            return false;
        }
        let Some((next, position)) = serde_json::from_str::<Status>(body).ok().and_then(|s| {
            Delivery::from_server(&s.state, &s.reason).map(|d| (d, s.position.unwrap_or(0)))
        }) else {
            return false;
        };
        if next == self.delivery && position == self.position {
            return false;
        }
        // "Received" is the server repeating what the phone knew; anything else is an answer.
        self.answer_unseen |= next != Delivery::Sent;
        self.delivery = next;
        self.position = position;
        self.forget_once_with_server();
        true
    }

    /// The volunteer has seen the answer ("My sign-ups" is on screen).
    pub fn answer_seen(&mut self) {
        self.answer_unseen = false;
    }

    fn forget_once_with_server(&mut self) {
        if self.delivery.is_with_server() && !self.keep_details && self.keeps_personal_data {
            self.forget_personal_data();
        }
    }

    /// Whether a withdrawal can go over the network: the endpoint may have this sign-up. One
    /// that went only by SMS is withdrawn by SMS too.
    pub fn withdraws_over_network(&self, has_endpoint: bool) -> bool {
        has_endpoint && self.delivery != Delivery::SentBySms
    }

    /// Queues a withdrawal, sent at once.
    pub fn withdraw(&mut self) {
        if self.can_withdraw() {
            self.delivery = Delivery::WithdrawPending;
            self.not_before = 0;
        }
    }

    /// Whether the edge should send (or withdraw) now.
    pub fn is_due(&self, now_ms: u64) -> bool {
        matches!(self.delivery, Delivery::Saved | Delivery::WithdrawPending)
            && now_ms >= self.not_before
    }

    pub fn withdrawing(&self) -> bool {
        self.delivery == Delivery::WithdrawPending
    }

    /// Records one attempt's outcome.
    pub fn record(&mut self, outcome: &Outcome, now_ms: u64) {
        self.attempts += 1;
        match classify(outcome, self.withdrawing()) {
            Verdict::Done(d) => {
                self.delivery = d;
                self.not_before = 0;
                if let Outcome::Status { body, .. } = outcome {
                    self.position = position_in(body);
                }
                // Once the coordinators' server has it, the phone need not hold the details.
                self.forget_once_with_server();
            }
            Verdict::Retry => self.not_before = now_ms + backoff_ms(self.attempts) as u64,
        }
    }

    /// "Resend" and "try now" skip the back-off.
    pub fn retry_now(&mut self) {
        if matches!(self.delivery, Delivery::Saved | Delivery::WithdrawPending) {
            self.not_before = 0;
        }
    }

    /// Removes the personal data and keeps the reference, department and state.
    pub fn forget_personal_data(&mut self) {
        let s = &mut self.signup;
        s.full_name.clear();
        s.mobile.clear();
        s.national_id = None;
        s.note.clear();
        self.keeps_personal_data = false;
    }
}

/// Whether this phone already holds a live sign-up of the same mobile for the same department
/// (the form warns, and lets the volunteer go on).
pub fn signed_up_before(entries: &[Entry], department_id: &str, mobile: &str) -> bool {
    entries.iter().any(|e| {
        e.signup.department_id == department_id
            && e.signup.mobile == mobile
            && !matches!(
                e.delivery,
                Delivery::Withdrawn | Delivery::WithdrawPending | Delivery::Rejected { .. }
            )
    })
}

/// What the device keeps of the outbox: everything, or at a desk (a shared computer) only what
/// still has to go out, so nothing personal stays behind once it is sent.
pub fn kept_on_device(entries: &[Entry], desk_mode: bool) -> Vec<Entry> {
    entries
        .iter()
        .filter(|e| !desk_mode || matches!(e.delivery, Delivery::Saved | Delivery::WithdrawPending))
        .cloned()
        .collect()
}

/// Two JSON lists as one (`[a,b]` and `[c]` give `[a,b,c]`), without reading their entries: the
/// app keeps a sign-up made before it has read the device's outbox (whose reader is fetched on
/// demand) by writing the outbox as it found it followed by the new entries. `None` when either
/// text is not a list.
pub fn join_json_lists(first: &str, second: &str) -> Option<String> {
    let inner = |text: &str| {
        let t = text.trim();
        (t.starts_with('[') && t.ends_with(']') && t.len() >= 2)
            .then(|| t[1..t.len() - 1].trim().to_string())
    };
    let (a, b) = (inner(first)?, inner(second)?);
    Some(match (a.is_empty(), b.is_empty()) {
        (true, _) => format!("[{b}]"),
        (_, true) => format!("[{a}]"),
        _ => format!("[{a},{b}]"),
    })
}

/// The device's outbox just read back (`stored`), with what this tab holds already (`mine`: made
/// or adopted while it was being read) taking the place of the same sign-up, and its new ones
/// after.
pub fn read_back(stored: Vec<Entry>, mine: Vec<Entry>) -> Vec<Entry> {
    let mut all = stored;
    for entry in mine {
        match all.iter_mut().find(|e| e.signup.id == entry.signup.id) {
            Some(e) => *e = entry,
            None => all.push(entry),
        }
    }
    all
}

/// Adopts another tab's progress (`stored`, the device's copy) before this tab sends: an entry
/// this tab still holds as waiting takes the other tab's newer state, and entries only the other
/// tab has are added. Returns whether anything changed.
pub fn merge_from_device(mine: &mut Vec<Entry>, stored: Vec<Entry>) -> bool {
    let mut changed = false;
    for theirs in stored {
        match mine.iter_mut().find(|e| e.signup.id == theirs.signup.id) {
            Some(e) if e.delivery == Delivery::Saved && theirs.delivery != Delivery::Saved => {
                *e = theirs;
                changed = true;
            }
            Some(_) => {}
            None => {
                mine.push(theirs);
                changed = true;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_this_tab_holds_wins_over_the_outbox_read_back() {
        let old = Entry::new(signup(), "d".into());
        let mut mine_sent = old.clone();
        mine_sent.delivery = Delivery::Sent;
        let new = Entry {
            signup: Signup {
                id: "k2".into(),
                ..signup()
            },
            ..Entry::new(signup(), "d".into())
        };
        let all = read_back(vec![old], vec![new, mine_sent]);
        assert_eq!(
            all.iter().map(|e| e.signup.id.as_str()).collect::<Vec<_>>(),
            ["k1", "k2"]
        );
        assert_eq!(all[0].delivery, Delivery::Sent);
    }

    #[test]
    fn two_lists_join_without_being_read() {
        assert_eq!(join_json_lists("[1,2]", "[3]").as_deref(), Some("[1,2,3]"));
        assert_eq!(join_json_lists(" [ ] ", "[3]").as_deref(), Some("[3]"));
        assert_eq!(join_json_lists("[1]", "[]").as_deref(), Some("[1]"));
        assert_eq!(join_json_lists("{}", "[3]"), None);
        assert_eq!(join_json_lists("[1", "[3]"), None);
        // What the app writes this way reads back as every entry.
        let old = serde_json::to_string(&[Entry::new(signup(), "d".into())]).unwrap();
        let new = serde_json::to_string(&[Entry {
            signup: Signup {
                id: "k2".into(),
                ..signup()
            },
            ..Entry::new(signup(), "d".into())
        }])
        .unwrap();
        let both: Vec<Entry> = serde_json::from_str(&join_json_lists(&old, &new).unwrap()).unwrap();
        assert_eq!(
            both.iter()
                .map(|e| e.signup.id.as_str())
                .collect::<Vec<_>>(),
            ["k1", "k2"]
        );
    }

    #[test]
    fn a_desk_keeps_only_what_has_to_go_out() {
        let mut sent = Entry::new(signup(), "d".into());
        sent.delivery = Delivery::Sent;
        let waiting = Entry {
            signup: Signup {
                id: "k2".into(),
                ..signup()
            },
            ..Entry::new(signup(), "d".into())
        };
        let all = [sent, waiting];
        assert_eq!(kept_on_device(&all, false).len(), 2);
        let kept = kept_on_device(&all, true);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].signup.id, "k2");
    }

    #[test]
    fn another_tabs_progress_is_adopted() {
        let mine_waiting = Entry::new(signup(), "d".into());
        let mut theirs_sent = mine_waiting.clone();
        theirs_sent.delivery = Delivery::Sent;
        let theirs_new = Entry {
            signup: Signup {
                id: "k9".into(),
                ..signup()
            },
            ..Entry::new(signup(), "d".into())
        };
        let mut mine = vec![mine_waiting];
        assert!(merge_from_device(
            &mut mine,
            vec![theirs_sent.clone(), theirs_new]
        ));
        assert_eq!(mine.len(), 2);
        assert_eq!(mine[0].delivery, Delivery::Sent);
        // This tab's own progress is not undone by an older copy.
        let mut older = theirs_sent;
        older.delivery = Delivery::Saved;
        assert!(!merge_from_device(&mut mine, vec![older]));
        assert_eq!(mine[0].delivery, Delivery::Sent);
    }

    fn signup() -> Signup {
        Signup {
            id: "k1".into(),
            department_id: "d".into(),
            full_name: "n".into(),
            mobile: "+989121234567".into(),
            national_id: Some("0499370899".into()),
            age_group: "adults".into(),
            days: vec![],
            note: "hi".into(),
            consent: true,
            lang: "fa".into(),
            created_at: "2026-11-29T00:00:00Z".into(),
            waiting_list: false,
        }
    }

    fn status(code: u16, body: &str) -> Outcome {
        Outcome::Status {
            code,
            body: body.into(),
        }
    }

    #[test]
    fn answers_are_read_as_the_contract_says() {
        assert_eq!(
            classify(&status(201, r#"{"status":"confirmed"}"#), false),
            Verdict::Done(Delivery::Confirmed)
        );
        assert_eq!(
            classify(&status(200, r#"{"status":"received"}"#), false),
            Verdict::Done(Delivery::Sent)
        );
        assert_eq!(
            classify(&status(202, ""), false),
            Verdict::Done(Delivery::Sent)
        );
        assert_eq!(
            classify(
                &status(
                    422,
                    r#"{"error":"full","message":"This department is full"}"#
                ),
                false
            ),
            Verdict::Done(Delivery::Rejected {
                reason: "This department is full".into()
            })
        );
        assert_eq!(
            classify(&status(400, "<html>"), false),
            Verdict::Done(Delivery::Rejected {
                reason: "HTTP 400".into()
            })
        );
        for retry in [
            status(500, ""),
            status(503, ""),
            status(429, ""),
            status(409, ""),
            Outcome::Timeout,
            Outcome::NetworkError,
        ] {
            assert_eq!(classify(&retry, false), Verdict::Retry, "{retry:?}");
        }
        assert_eq!(
            classify(&status(200, "{}"), true),
            Verdict::Done(Delivery::Withdrawn)
        );
    }

    #[test]
    fn retries_back_off_then_cap() {
        assert_eq!(backoff_ms(1), 2_000.0);
        assert_eq!(backoff_ms(2), 4_000.0);
        assert_eq!(backoff_ms(30), 300_000.0);
        let mut e = Entry::new(signup(), "dep".into());
        assert!(e.is_due(0));
        e.record(&Outcome::Timeout, 1_000);
        assert_eq!(e.delivery, Delivery::Saved);
        assert!(!e.is_due(2_999));
        assert!(e.is_due(3_000));
        e.record(&status(201, "{}"), 3_000);
        assert_eq!(e.delivery, Delivery::Confirmed);
        assert!(!e.is_due(10_000), "a confirmed sign-up is never sent again");
        assert!(
            e.signup.mobile.is_empty() && !e.keeps_personal_data,
            "details leave the phone once confirmed"
        );
    }

    #[test]
    fn details_stay_when_the_volunteer_asked() {
        let mut e = Entry::new(signup(), "dep".into());
        e.keep_details = true;
        e.record(&status(201, "{}"), 0);
        assert_eq!(e.signup.mobile, "+989121234567");
    }

    #[test]
    fn forgetting_keeps_only_the_reference() {
        let mut e = Entry::new(signup(), "dep".into());
        e.forget_personal_data();
        assert!(
            e.signup.full_name.is_empty()
                && e.signup.mobile.is_empty()
                && e.signup.national_id.is_none()
        );
        assert_eq!(e.signup.id, "k1");
        let json = serde_json::to_string(&e).unwrap();
        assert!(!json.contains("0499370899") && !json.contains("+98912"));
    }

    #[test]
    fn opening_the_messaging_app_keeps_network_delivery() {
        let mut e = Entry::new(signup(), "dep".into());
        e.open_sms();
        assert!(
            e.is_due(0),
            "the messaging app may have been closed without sending"
        );
        e.sms_sent(true);
        assert_eq!(e.delivery, Delivery::Saved);
        assert!(e.is_due(0) && e.keeps_personal_data);
    }

    #[test]
    fn without_an_endpoint_the_sms_is_the_delivery_and_details_go() {
        let mut e = Entry::new(signup(), "dep".into());
        e.sms_sent(false);
        assert_eq!(e.delivery, Delivery::SentBySms);
        assert!(!e.keeps_personal_data && e.signup.full_name.is_empty());
        assert!(e.signup.national_id.is_none() && e.signup.note.is_empty());
        let mut kept = Entry::new(signup(), "dep".into());
        kept.keep_details = true;
        kept.sms_sent(false);
        assert_eq!(kept.signup.mobile, "+989121234567");
        assert!(
            !kept.withdraws_over_network(true),
            "an SMS sign-up is withdrawn by SMS"
        );
    }

    #[test]
    fn resend_and_withdraw() {
        let mut e = Entry::new(signup(), "dep".into());
        e.record(&status(422, r#"{"message":"full"}"#), 0);
        assert!(e.can_resend() && !e.can_withdraw());
        e.resend();
        assert_eq!(e.delivery, Delivery::Saved);
        assert!(e.is_due(0));
        e.record(&status(202, ""), 0);
        assert!(!e.can_resend() && e.can_withdraw());
        e.withdraw();
        assert!(e.withdrawing() && e.is_due(0));
        e.record(&status(200, "{}"), 0);
        assert_eq!(e.delivery, Delivery::Withdrawn);
        assert!(!e.can_withdraw());
    }

    #[test]
    fn the_same_mobile_twice_for_one_department() {
        let e = Entry::new(signup(), "dep".into());
        let mut entries = vec![e];
        assert!(signed_up_before(&entries, "d", "+989121234567"));
        assert!(!signed_up_before(&entries, "other", "+989121234567"));
        assert!(!signed_up_before(&entries, "d", "+989121234568"));
        entries[0].delivery = Delivery::Withdrawn;
        assert!(!signed_up_before(&entries, "d", "+989121234567"));
    }

    #[test]
    fn the_servers_states_are_followed() {
        let mut e = Entry::new(signup(), "d".into());
        e.record(&status(201, r#"{"status":"waiting_list","position":3}"#), 0);
        assert_eq!((&e.delivery, e.position), (&Delivery::WaitingList, 3));
        assert!(!e.keeps_personal_data, "the server has it");
        assert!(e.follows_status() && e.can_withdraw());
        assert!(e.apply_status(200, r#"{"state":"place_offered","id":"x"}"#));
        assert_eq!(e.delivery, Delivery::PlaceOffered);
        assert!(
            !e.apply_status(200, r#"{"state":"place_offered"}"#),
            "no change"
        );
        assert!(!e.apply_status(404, r#"{"error":"not_found"}"#));
        assert!(!e.apply_status(200, "<html>"));
        assert!(!e.apply_status(200, r#"{"state":"teleported"}"#));
        assert!(e.apply_status(
            200,
            r#"{"state":"declined","reason":"\u202eGroup is full\n"}"#
        ));
        assert_eq!(
            e.delivery,
            Delivery::Rejected {
                reason: "Group is full".into()
            }
        );
        assert!(!e.follows_status() && !e.can_withdraw());
        // A sign-up sent by SMS is found by its reference once the server read the SMS.
        let mut sms = Entry::new(signup(), "d".into());
        sms.delivery = Delivery::SentBySms;
        assert!(sms.apply_status(200, r#"{"state":"received"}"#));
        assert_eq!(sms.delivery, Delivery::Sent);
        assert!(!sms.answer_unseen, "received is no answer");
    }

    #[test]
    fn an_answer_is_news_until_the_volunteer_has_seen_it() {
        let mut e = Entry::new(signup(), "d".into());
        e.record(&status(202, r#"{"status":"received"}"#), 0);
        assert!(!e.answer_unseen);
        assert!(e.apply_status(200, r#"{"state":"confirmed"}"#));
        assert!(e.answer_unseen);
        // Kept on the device until seen, and only then written without it.
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains("\"answer_unseen\":true"));
        e.answer_seen();
        assert!(!serde_json::to_string(&e).unwrap().contains("answer_unseen"));
        assert!(
            !e.apply_status(200, r#"{"state":"confirmed"}"#),
            "no change, no news"
        );
        assert!(!e.answer_unseen);
    }

    #[test]
    fn a_key_reused_with_another_body_is_final_but_a_busy_key_is_retried() {
        let reused = status(
            409,
            r#"{"error":"idempotency_key_reused","message":"Already used"}"#,
        );
        assert_eq!(
            classify(&reused, false),
            Verdict::Done(Delivery::Rejected {
                reason: "Already used".into()
            })
        );
        assert_eq!(classify(&status(409, ""), false), Verdict::Retry);
    }
}
