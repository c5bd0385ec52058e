//! The database: sign-ups, places, idempotency keys and unread SMS, on SQLite or PostgreSQL
//! through sqlx's Any driver (one set of queries; `$1` placeholders in order read the same on
//! both). Every decision another instance would need is made inside one transaction on the
//! database, so any number of instances can share one PostgreSQL.
//!
//! Places are decided by one conditional update of the department's `places` row
//! (`taken < capacity`): on PostgreSQL the row lock makes a second racer re-read the row after
//! the first commits; on SQLite writers take turns. The loser of a race for the last place is put
//! on the waiting list by the same transaction.

use serde::Serialize;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Executor, Row};
use tokio::sync::{mpsc, oneshot};

pub mod accounts;
pub mod answers;

use crate::writer::{BoxFuture, Job, WriteFn};

use tak_core::signup::ValidForm;

use crate::departments::{Department, Departments};

pub type Result<T> = std::result::Result<T, sqlx::Error>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A sign-up's state, as the volunteer's phone shows it (`GET /signups/{id}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Received,
    Confirmed,
    Declined,
    WaitingList,
    PlaceOffered,
    Withdrawn,
}

impl State {
    pub fn code(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Confirmed => "confirmed",
            State::Declined => "declined",
            State::WaitingList => "waiting_list",
            State::PlaceOffered => "place_offered",
            State::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<State> {
        [
            State::Received,
            State::Confirmed,
            State::Declined,
            State::WaitingList,
            State::PlaceOffered,
            State::Withdrawn,
        ]
        .into_iter()
        .find(|st| st.code() == s)
    }
}

/// How a sign-up reached the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Network,
    Sms,
}

/// A checked sign-up, ready to store.
#[derive(Clone, Debug)]
pub struct NewSignup {
    /// The phone's id; `None` for an SMS, which carries only the reference.
    pub id: Option<String>,
    pub department_id: String,
    pub reference: String,
    pub lang: String,
    /// The fields, as `tak_core::signup::validate` checked and normalised them.
    pub form: ValidForm,
    pub waiting_list: bool,
    pub created_at: String,
    pub via: Via,
}

/// An HTTP answer as it is kept for a repeated key.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

/// The state of one sign-up, without personal data.
#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    pub id: String,
    pub reference: String,
    pub department_id: String,
    pub state: State,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// On the waiting list: how many are ahead, plus one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// Unix ms of the last change.
    pub updated_at: i64,
}

/// One department's places as counted.
#[derive(Clone, Debug)]
pub struct Places {
    pub department_id: String,
    pub taken: i64,
    pub waiting: i64,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    pub backend: Backend,
    /// SQLite's group-commit writer (`crate::writer`); `None` on PostgreSQL.
    writer: Option<mpsc::Sender<Job>>,
}

const SIGNUP_COLUMNS: &str = "seq, id, department_id, reference, state, reason, holds_place";

struct Existing {
    seq: i64,
    id: Option<String>,
    department_id: String,
    reference: String,
    state: State,
    holds_place: bool,
}

fn existing(row: &AnyRow) -> Result<Existing> {
    Ok(Existing {
        seq: row.try_get("seq")?,
        id: row.try_get("id")?,
        department_id: row.try_get("department_id")?,
        reference: row.try_get("reference")?,
        state: State::parse(row.try_get::<String, _>("state")?.as_str()).unwrap_or(State::Received),
        holds_place: row.try_get::<i64, _>("holds_place")? != 0,
    })
}

impl Store {
    /// Connects, and creates or migrates the schema. `url` is `sqlite://…` or `postgres://…`.
    pub async fn open(url: &str, max_connections: u32) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let options = AnyPoolOptions::new().max_connections(max_connections);
        let options = if backend == Backend::Sqlite {
            // WAL lets readers (availability, status) run beside the writer; FULL makes an
            // answered sign-up survive a power cut, not only a crash of this process.
            options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options.connect(url).await?;
        let writer = (backend == Backend::Sqlite).then(|| crate::writer::start(pool.clone()));
        let store = Store {
            pool,
            backend,
            writer,
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("migrations/postgres"),
        };
        migrator.run(&self.pool).await.map_err(Into::into)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Runs `job` in a transaction: on SQLite through the group-commit writer
    /// (`crate::writer`), on PostgreSQL in a transaction of its own. Its result comes back only
    /// once it is committed.
    async fn write<T: Send + 'static>(
        &self,
        job: impl for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, Result<T>> + Send + 'static,
    ) -> Result<T> {
        match &self.writer {
            Some(writer) => {
                let slot = Arc::new(Mutex::new(None));
                let put = slot.clone();
                let (done, committed) = oneshot::channel();
                let run: WriteFn = Box::new(move |c| {
                    Box::pin(async move {
                        let t = job(c).await?;
                        *put.lock().unwrap_or_else(|e| e.into_inner()) = Some(t);
                        Ok(())
                    })
                });
                writer
                    .send(Job { run, done })
                    .await
                    .map_err(|_| sqlx::Error::PoolClosed)?;
                committed.await.map_err(|_| sqlx::Error::PoolClosed)??;
                let t = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                t.ok_or(sqlx::Error::PoolClosed)
            }
            None => {
                let mut tx = self.pool.begin().await?;
                let t = job(&mut tx).await?;
                tx.commit().await?;
                Ok(t)
            }
        }
    }

    /// Records a sign-up sent over the network under its Idempotency-Key.
    pub async fn signup(
        &self,
        key: &str,
        fingerprint: &str,
        new: &NewSignup,
        dept: &Department,
        now: i64,
    ) -> Result<std::result::Result<Answer, Replay>> {
        let (key, fingerprint, new, dept) = (
            key.to_string(),
            fingerprint.to_string(),
            new.clone(),
            dept.clone(),
        );
        self.write(move |c| {
            Box::pin(async move {
                if let Some(replay) = claim_key(c, &key, &fingerprint, now).await? {
                    return Ok(Err(replay));
                }
                let answer = record_signup(c, &new, &dept, now).await?;
                keep_answer(c, &key, &answer).await?;
                Ok(Ok(answer))
            })
        })
        .await
    }

    /// Records a withdrawal sent over the network under its Idempotency-Key.
    pub async fn withdraw(
        &self,
        key: &str,
        fingerprint: &str,
        id: &str,
        department_id: &str,
        now: i64,
    ) -> Result<std::result::Result<Answer, Replay>> {
        let (key, fingerprint, id, department_id) = (
            key.to_string(),
            fingerprint.to_string(),
            id.to_string(),
            department_id.to_string(),
        );
        self.write(move |c| {
            Box::pin(async move {
                if let Some(replay) = claim_key(c, &key, &fingerprint, now).await? {
                    return Ok(Err(replay));
                }
                let reference = tak_core::signup::reference(&id);
                if let Some(e) = find(c, Some(&id), &department_id, &reference).await? {
                    withdraw_existing(c, &e, now).await?;
                }
                let answer = Answer {
                    status: 200,
                    body: json!({"status": "withdrawn", "id": id, "reference": reference}),
                };
                keep_answer(c, &key, &answer).await?;
                Ok(Ok(answer))
            })
        })
        .await
    }

    /// Records a sign-up that came by SMS; a repeat of the same reference is the same sign-up.
    pub async fn sms_signup(&self, new: &NewSignup, dept: &Department, now: i64) -> Result<Answer> {
        let (new, dept) = (new.clone(), dept.clone());
        self.write(move |c| Box::pin(async move { record_signup(c, &new, &dept, now).await }))
            .await
    }

    /// Withdraws the sign-up an SMS names by its reference.
    pub async fn sms_withdraw(
        &self,
        department_id: &str,
        reference: &str,
        now: i64,
    ) -> Result<bool> {
        let (department_id, reference) = (department_id.to_string(), reference.to_string());
        self.write(move |c| {
            Box::pin(async move {
                let found = find(c, None, &department_id, &reference).await?;
                if let Some(e) = &found {
                    withdraw_existing(c, e, now).await?;
                }
                Ok(found.is_some())
            })
        })
        .await
    }

    /// Keeps an SMS the parser could not read, for a coordinator.
    pub async fn keep_unread_sms(
        &self,
        sender: &str,
        text: &str,
        problem: &str,
        sent_at: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sms_unread (sender, text, problem, sent_at, received_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(sender)
        .bind(text)
        .bind(problem)
        .bind(sent_at)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A sign-up's state by the phone's id; an SMS sign-up is found by the id's reference in
    /// `department_id`.
    pub async fn status(
        &self,
        id: &str,
        department_id: Option<&str>,
    ) -> Result<Option<StatusView>> {
        let row = match sqlx::query(
            "SELECT seq, id, department_id, reference, state, reason, updated_at
             FROM signups WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        {
            Some(row) => Some(row),
            None => match department_id {
                Some(d) => {
                    sqlx::query(
                        "SELECT seq, id, department_id, reference, state, reason, updated_at
                         FROM signups WHERE department_id = $1 AND reference = $2",
                    )
                    .bind(d)
                    .bind(tak_core::signup::reference(id))
                    .fetch_optional(&self.pool)
                    .await?
                }
                None => None,
            },
        };
        let Some(row) = row else { return Ok(None) };
        let state =
            State::parse(row.try_get::<String, _>("state")?.as_str()).unwrap_or(State::Received);
        let department_id: String = row.try_get("department_id")?;
        let seq: i64 = row.try_get("seq")?;
        let position = if state == State::WaitingList {
            Some(place_in_line(&self.pool, &department_id, seq).await?)
        } else {
            None
        };
        Ok(Some(StatusView {
            id: id.to_string(),
            reference: row.try_get("reference")?,
            department_id,
            state,
            reason: row.try_get("reason")?,
            position,
            updated_at: row.try_get("updated_at")?,
        }))
    }

    /// Every department's counted places.
    pub async fn places(&self) -> Result<Vec<Places>> {
        let rows = sqlx::query("SELECT department_id, taken, waiting FROM places")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Places {
                    department_id: r.try_get("department_id")?,
                    taken: r.try_get("taken")?,
                    waiting: r.try_get("waiting")?,
                })
            })
            .collect()
    }

    /// Deletes personal data `retention_days` after each department's last session (after the
    /// sign-up's last change for a department no longer in the catalog), and idempotency keys
    /// and unread SMS older than that. Returns how many sign-ups were cleared.
    pub async fn purge(&self, deps: &Departments, retention_days: i64, now: i64) -> Result<u64> {
        let retention_ms = retention_days * 86_400_000;
        let rows = sqlx::query(
            "SELECT seq, department_id, updated_at FROM signups
             WHERE purged_at IS NULL AND state <> 'withdrawn'",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut cleared = 0;
        for r in rows {
            let dept: String = r.try_get("department_id")?;
            let updated: i64 = r.try_get("updated_at")?;
            let ends = match deps.get(&dept) {
                Some(d) if d.last_session.is_empty() => continue,
                Some(d) => match crate::clock::end_of_day_ms(&d.last_session) {
                    Some(ms) => ms,
                    None => continue,
                },
                None => updated,
            };
            if ends + retention_ms <= now {
                let seq: i64 = r.try_get("seq")?;
                cleared += sqlx::query(&format!(
                    "UPDATE signups SET {CLEAR_PERSONAL}, purged_at = $1 WHERE seq = $2"
                ))
                .bind(now)
                .bind(seq)
                .execute(&self.pool)
                .await?
                .rows_affected();
            }
        }
        let before = now - retention_ms.max(86_400_000);
        sqlx::query("DELETE FROM idempotency WHERE created_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM sms_unread WHERE received_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(cleared)
    }

    /// Every sign-up, for the coordinators (JSON objects, oldest first).
    pub async fn export(&self) -> Result<Vec<Value>> {
        let rows = sqlx::query(
            "SELECT seq, id, department_id, reference, state, reason, via, lang, full_name,
                    mobile, national_id, age_group, days, note, waiting_list, created_at,
                    received_at, updated_at
             FROM signups ORDER BY seq",
        )
        .fetch_all(&self.pool)
        .await?;
        let text = |r: &AnyRow, c: &str| r.try_get::<Option<String>, _>(c).ok().flatten();
        rows.iter()
            .map(|r| {
                Ok(json!({
                    "reference": text(r, "reference"),
                    "id": text(r, "id"),
                    "department_id": text(r, "department_id"),
                    "state": text(r, "state"),
                    "reason": text(r, "reason"),
                    "via": text(r, "via"),
                    "lang": text(r, "lang"),
                    "full_name": text(r, "full_name"),
                    "mobile": text(r, "mobile"),
                    "national_id": text(r, "national_id"),
                    "age_group": text(r, "age_group"),
                    "days": text(r, "days"),
                    "note": text(r, "note"),
                    "waiting_list": r.try_get::<i64, _>("waiting_list")? != 0,
                    "created_at": text(r, "created_at"),
                    "received_at": r.try_get::<i64, _>("received_at")?,
                    "updated_at": r.try_get::<i64, _>("updated_at")?,
                }))
            })
            .collect()
    }

    /// The SMS kept unread, for the coordinators.
    pub async fn unread_sms(&self) -> Result<Vec<Value>> {
        let rows = sqlx::query(
            "SELECT sender, text, problem, sent_at, received_at FROM sms_unread ORDER BY seq",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(json!({
                    "sender": r.try_get::<Option<String>, _>("sender")?,
                    "text": r.try_get::<Option<String>, _>("text")?,
                    "problem": r.try_get::<String, _>("problem")?,
                    "sent_at": r.try_get::<String, _>("sent_at")?,
                    "received_at": r.try_get::<i64, _>("received_at")?,
                }))
            })
            .collect()
    }
}

/// What a repeated key gets instead of a new answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Replay {
    Answer(Answer),
    KeyReused,
}

/// Claims `key` for this request: `Some` when it was answered before (its first answer, or
/// "reused" when the body differs). On PostgreSQL a concurrent first use of the key waits here
/// until the other transaction ends, and then sees its answer.
async fn claim_key(
    c: &mut AnyConnection,
    key: &str,
    fingerprint: &str,
    now: i64,
) -> Result<Option<Replay>> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency (key, fingerprint, status, answer, created_at)
         VALUES ($1, $2, 0, '', $3) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(fingerprint)
    .bind(now)
    .execute(&mut *c)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(None);
    }
    let row = sqlx::query("SELECT fingerprint, status, answer FROM idempotency WHERE key = $1")
        .bind(key)
        .fetch_one(&mut *c)
        .await?;
    let theirs: String = row.try_get("fingerprint")?;
    if theirs != fingerprint {
        return Ok(Some(Replay::KeyReused));
    }
    let status: i64 = row.try_get("status")?;
    let answer: String = row.try_get("answer")?;
    Ok(Some(Replay::Answer(Answer {
        status: status as u16,
        body: serde_json::from_str(&answer).unwrap_or(Value::Null),
    })))
}

async fn keep_answer(c: &mut AnyConnection, key: &str, answer: &Answer) -> Result<()> {
    sqlx::query("UPDATE idempotency SET status = $1, answer = $2 WHERE key = $3")
        .bind(i64::from(answer.status))
        .bind(answer.body.to_string())
        .bind(key)
        .execute(&mut *c)
        .await?;
    Ok(())
}

const CLEAR_PERSONAL: &str = "full_name = NULL, mobile = NULL, national_id = NULL, \
     age_group = NULL, days = NULL, note = NULL";

/// The stored sign-up `id` names, or the one an SMS with `reference` made (an SMS, which has no
/// id, joins any sign-up with its reference).
async fn find(
    c: &mut AnyConnection,
    id: Option<&str>,
    department_id: &str,
    reference: &str,
) -> Result<Option<Existing>> {
    let row = sqlx::query(&format!(
        "SELECT {SIGNUP_COLUMNS} FROM signups
         WHERE id = $1 OR (department_id = $2 AND reference = $3 AND (id IS NULL OR $1 = ''))
         ORDER BY seq LIMIT 1"
    ))
    .bind(id.unwrap_or(""))
    .bind(department_id)
    .bind(reference)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(existing).transpose()
}

/// Where sign-up `seq` stands on its department's waiting list: 1 is next.
async fn place_in_line<'c, E>(e: E, department_id: &str, seq: i64) -> Result<i64>
where
    E: Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "SELECT COUNT(*) AS n FROM signups
         WHERE department_id = $1 AND state = 'waiting_list' AND seq <= $2",
    )
    .bind(department_id)
    .bind(seq)
    .fetch_one(e)
    .await?
    .try_get("n")
}

/// Makes sure the department's places row exists, counting what the catalog says was taken.
async fn ensure_places(c: &mut AnyConnection, dept: &Department, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO places (department_id, taken, waiting, updated_at) VALUES ($1, $2, 0, $3)
         ON CONFLICT (department_id) DO NOTHING",
    )
    .bind(&dept.id)
    .bind(dept.taken_before())
    .bind(now)
    .execute(&mut *c)
    .await?;
    Ok(())
}

/// Takes a place if one is left (always, when the catalog gives no capacity).
async fn take_place(c: &mut AnyConnection, dept: &Department, now: i64) -> Result<bool> {
    let limit = if dept.capacity > 0 {
        dept.capacity
    } else {
        i64::MAX
    };
    let taken = sqlx::query(
        "UPDATE places SET taken = taken + 1, updated_at = $1
         WHERE department_id = $2 AND taken < $3 RETURNING taken",
    )
    .bind(now)
    .bind(&dept.id)
    .bind(limit)
    .fetch_optional(&mut *c)
    .await?;
    Ok(taken.is_some())
}

async fn change_counts(
    c: &mut AnyConnection,
    department_id: &str,
    taken: i64,
    waiting: i64,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE places SET taken = taken + $1, waiting = waiting + $2, updated_at = $3
         WHERE department_id = $4",
    )
    .bind(taken)
    .bind(waiting)
    .bind(now)
    .bind(department_id)
    .execute(&mut *c)
    .await?;
    Ok(())
}

fn answer_for(e: &Existing, id: Option<&str>) -> Answer {
    let state = e.state;
    Answer {
        status: 201,
        body: json!({
            "status": state.code(),
            "id": id.or(e.id.as_deref()).unwrap_or(""),
            "reference": e.reference,
        }),
    }
}

/// Stores a new sign-up (or finds the one already stored under its id or reference), taking a
/// place or a spot on the waiting list, all inside `tx`.
async fn record_signup(
    c: &mut AnyConnection,
    new: &NewSignup,
    dept: &Department,
    now: i64,
) -> Result<Answer> {
    if let Some(e) = find(c, new.id.as_deref(), &new.department_id, &new.reference).await? {
        // The same sign-up again: by SMS after the network (or the other way round), or after
        // its idempotency key expired. It is one sign-up; the network copy lends it its id.
        let via_other = matches!(
            (new.via, e.id.is_some()),
            (Via::Network, false) | (Via::Sms, true)
        );
        if via_other {
            sqlx::query(
                "UPDATE signups SET id = COALESCE(id, $1), via = 'both', updated_at = $2 WHERE seq = $3",
            )
            .bind(new.id.as_deref())
            .bind(now)
            .bind(e.seq)
            .execute(&mut *c)
            .await?;
        }
        return Ok(answer_for(&e, new.id.as_deref()));
    }
    ensure_places(c, dept, now).await?;
    let holds = take_place(c, dept, now).await?;
    if !holds {
        change_counts(c, &dept.id, 0, 1, now).await?;
    }
    let state = if holds {
        State::Received
    } else {
        State::WaitingList
    };
    let seq: i64 = sqlx::query(
        "INSERT INTO signups (id, department_id, reference, state, holds_place, via, lang,
             full_name, mobile, national_id, age_group, days, note, waiting_list, created_at,
             received_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
         RETURNING seq",
    )
    .bind(new.id.as_deref())
    .bind(&new.department_id)
    .bind(&new.reference)
    .bind(state.code())
    .bind(i64::from(holds))
    .bind(match new.via {
        Via::Network => "network",
        Via::Sms => "sms",
    })
    .bind(&new.lang)
    .bind(&new.form.full_name)
    .bind(&new.form.mobile)
    .bind(new.form.national_id.as_deref())
    .bind(&new.form.age_group)
    .bind(new.form.days.join(","))
    .bind(&new.form.note)
    .bind(i64::from(new.waiting_list))
    .bind(&new.created_at)
    .bind(now)
    .fetch_one(&mut *c)
    .await?
    .try_get("seq")?;
    let mut body = json!({
        "status": state.code(),
        "id": new.id.as_deref().unwrap_or(""),
        "reference": new.reference,
    });
    if state == State::WaitingList {
        body["position"] = json!(place_in_line(&mut *c, &new.department_id, seq).await?);
    }
    Ok(Answer { status: 201, body })
}

/// Withdraws a stored sign-up: its personal data goes at once, its place (if it held one) goes
/// to the first on the waiting list.
async fn withdraw_existing(c: &mut AnyConnection, e: &Existing, now: i64) -> Result<()> {
    if e.state == State::Withdrawn {
        return Ok(());
    }
    // The counts first: the row lock they take orders concurrent withdrawals, so two of them
    // never offer the same place twice.
    let was_waiting = e.state == State::WaitingList;
    change_counts(
        c,
        &e.department_id,
        -i64::from(e.holds_place),
        -i64::from(was_waiting),
        now,
    )
    .await?;
    sqlx::query(&format!(
        "UPDATE signups SET state = 'withdrawn', holds_place = 0, {CLEAR_PERSONAL},
             purged_at = $1, updated_at = $1 WHERE seq = $2"
    ))
    .bind(now)
    .bind(e.seq)
    .execute(&mut *c)
    .await?;
    if e.holds_place {
        offer_freed_place(c, &e.department_id, now).await?;
    }
    Ok(())
}

/// A place was freed (its count already lowered): it goes to the first on the waiting list.
async fn offer_freed_place(c: &mut AnyConnection, department_id: &str, now: i64) -> Result<()> {
    let next = sqlx::query(
        "SELECT seq FROM signups WHERE department_id = $1 AND state = 'waiting_list'
         ORDER BY seq LIMIT 1",
    )
    .bind(department_id)
    .fetch_optional(&mut *c)
    .await?;
    if let Some(next) = next {
        let seq: i64 = next.try_get("seq")?;
        sqlx::query(
            "UPDATE signups SET state = 'place_offered', holds_place = 1, updated_at = $1
             WHERE seq = $2",
        )
        .bind(now)
        .bind(seq)
        .execute(&mut *c)
        .await?;
        change_counts(c, department_id, 1, -1, now).await?;
    }
    Ok(())
}
