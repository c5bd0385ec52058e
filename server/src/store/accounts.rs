//! The desk's side of the database: coordinators, their logins, the limit on guessing, and the
//! audit log (migrations `0002_desk.sql`).

use serde::Serialize;
use serde_json::{json, Value};
use sqlx::{Executor, Row};

use super::{Result, Store};

/// What a coordinator may do: a coordinator answers their own departments' volunteers; the
/// office sees every department and may export them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coordinator,
    Office,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Office => "office",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Coordinator, Role::Office]
            .into_iter()
            .find(|r| r.code() == s)
    }
}

/// The departments a coordinator looks after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Departments {
    All,
    Only(Vec<String>),
}

impl Departments {
    /// `all` (or `*`), or ids separated by commas.
    pub fn parse(s: &str) -> Departments {
        let s = s.trim();
        if s == "*" || s.eq_ignore_ascii_case("all") {
            return Departments::All;
        }
        let mut ids: Vec<String> = s
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(String::from)
            .collect();
        ids.sort();
        ids.dedup();
        Departments::Only(ids)
    }

    fn stored(&self) -> String {
        match self {
            Departments::All => "*".into(),
            Departments::Only(ids) => ids.join(","),
        }
    }

    /// Whether `department` is one of them.
    pub fn include(&self, department: &str) -> bool {
        match self {
            Departments::All => true,
            Departments::Only(ids) => ids.iter().any(|id| id == department),
        }
    }
}

/// A coordinator's account, without its password.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coordinator {
    pub user_name: String,
    pub display_name: String,
    pub role: Role,
    pub departments: Departments,
    /// Whether the one-time password is still to be replaced.
    pub must_change: bool,
}

/// A new coordinator, as the `coordinator add` command gives it.
pub struct NewCoordinator<'a> {
    pub user_name: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub departments: &'a Departments,
    pub password_hash: &'a str,
    pub must_change: bool,
}

fn coordinator(r: &sqlx::any::AnyRow) -> Result<Coordinator> {
    let role: String = r.try_get("role")?;
    Ok(Coordinator {
        user_name: r.try_get("user_name")?,
        display_name: r.try_get("display_name")?,
        role: Role::parse(&role).unwrap_or(Role::Coordinator),
        departments: Departments::parse(&r.try_get::<String, _>("departments")?),
        must_change: r.try_get::<i64, _>("must_change")? != 0,
    })
}

const COORDINATOR: &str = "c.user_name, c.display_name, c.role, c.departments, c.must_change";

impl Store {
    /// Creates the account, or replaces the one of that user name (its logins end).
    pub async fn put_coordinator(&self, new: &NewCoordinator<'_>, now: i64) -> Result<()> {
        let (user, name, role, deps, hash, must) = (
            new.user_name.to_string(),
            new.display_name.to_string(),
            new.role.code(),
            new.departments.stored(),
            new.password_hash.to_string(),
            i64::from(new.must_change),
        );
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    sqlx::query("DELETE FROM desk_sessions WHERE user_name = $1").bind(&user),
                )
                .await?;
                c.execute(sqlx::query("DELETE FROM coordinators WHERE user_name = $1").bind(&user))
                    .await?;
                c.execute(
                    sqlx::query(
                        "INSERT INTO coordinators (user_name, display_name, role, departments,
                         password_hash, must_change, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                    )
                    .bind(&user)
                    .bind(&name)
                    .bind(role)
                    .bind(&deps)
                    .bind(&hash)
                    .bind(must)
                    .bind(now),
                )
                .await?;
                audit_in(c, now, &user, "account_created", "").await
            })
        })
        .await
    }

    /// Removes the account and ends its logins; whether there was one.
    pub async fn remove_coordinator(&self, user: &str, now: i64) -> Result<bool> {
        let user = user.to_string();
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    sqlx::query("DELETE FROM desk_sessions WHERE user_name = $1").bind(&user),
                )
                .await?;
                let gone = c
                    .execute(
                        sqlx::query("DELETE FROM coordinators WHERE user_name = $1").bind(&user),
                    )
                    .await?
                    .rows_affected();
                if gone > 0 {
                    audit_in(c, now, &user, "account_removed", "").await?;
                }
                Ok(gone > 0)
            })
        })
        .await
    }

    /// The account and its password hash, for a login.
    pub async fn coordinator_for_login(&self, user: &str) -> Result<Option<(Coordinator, String)>> {
        let row = sqlx::query(&format!(
            "SELECT {COORDINATOR}, c.password_hash FROM coordinators c WHERE c.user_name = $1"
        ))
        .bind(user)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((coordinator(&r)?, r.try_get("password_hash")?)))
            .transpose()
    }

    /// Sets a new password, which the coordinator chose (`must_change` is then off).
    pub async fn set_password(&self, user: &str, hash: &str, now: i64) -> Result<()> {
        let (user, hash) = (user.to_string(), hash.to_string());
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    sqlx::query(
                        "UPDATE coordinators SET password_hash = $1, must_change = 0,
                         updated_at = $2 WHERE user_name = $3",
                    )
                    .bind(&hash)
                    .bind(now)
                    .bind(&user),
                )
                .await?;
                audit_in(c, now, &user, "password_changed", "").await
            })
        })
        .await
    }

    /// Starts a login that lasts until `expires_at`.
    pub async fn start_session(
        &self,
        token_hash: &str,
        user: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<()> {
        let (token_hash, user) = (token_hash.to_string(), user.to_string());
        self.write(move |c| {
            Box::pin(async move {
                // Ended logins go as new ones start: the table holds only live ones.
                c.execute(
                    sqlx::query("DELETE FROM desk_sessions WHERE expires_at <= $1").bind(now),
                )
                .await?;
                c.execute(
                    sqlx::query(
                        "INSERT INTO desk_sessions (token_hash, user_name, expires_at, created_at)
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&token_hash)
                    .bind(&user)
                    .bind(expires_at)
                    .bind(now),
                )
                .await?;
                c.execute(
                    sqlx::query("DELETE FROM login_failures WHERE user_name = $1").bind(&user),
                )
                .await?;
                audit_in(c, now, &user, "logged_in", "").await
            })
        })
        .await
    }

    /// The coordinator a token belongs to, while its login lasts, with when it ends.
    pub async fn session(&self, token_hash: &str, now: i64) -> Result<Option<(Coordinator, i64)>> {
        let row = sqlx::query(&format!(
            "SELECT {COORDINATOR}, s.expires_at FROM desk_sessions s
             JOIN coordinators c ON c.user_name = s.user_name
             WHERE s.token_hash = $1 AND s.expires_at > $2"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((coordinator(&r)?, r.try_get("expires_at")?)))
            .transpose()
    }

    /// Ends the login of `token_hash`.
    pub async fn end_session(&self, token_hash: &str, user: &str, now: i64) -> Result<()> {
        let (token_hash, user) = (token_hash.to_string(), user.to_string());
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    sqlx::query("DELETE FROM desk_sessions WHERE token_hash = $1")
                        .bind(&token_hash),
                )
                .await?;
                audit_in(c, now, &user, "logged_out", "").await
            })
        })
        .await
    }

    /// Notes a failed login of `user` (as typed) from `client`. Failures older than `window_ms`
    /// go at the same time: the addresses are kept no longer than the limit needs them.
    pub async fn login_failed(
        &self,
        user: &str,
        client: &str,
        now: i64,
        window_ms: i64,
    ) -> Result<()> {
        let (user, client) = (user.to_string(), client.to_string());
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    sqlx::query("DELETE FROM login_failures WHERE at <= $1").bind(now - window_ms),
                )
                .await?;
                c.execute(
                    sqlx::query(
                        "INSERT INTO login_failures (user_name, client, at) VALUES ($1, $2, $3)",
                    )
                    .bind(&user)
                    .bind(&client)
                    .bind(now),
                )
                .await?;
                audit_in(c, now, &user, "login_failed", "").await
            })
        })
        .await
    }

    /// Failed logins since `since`: of the name `user`, and from `client`; and the first of
    /// them, from which the wait is counted.
    pub async fn failures_since(
        &self,
        user: &str,
        client: &str,
        since: i64,
    ) -> Result<(i64, i64, Option<i64>)> {
        let row = sqlx::query(
            "SELECT
               (SELECT COUNT(*) FROM login_failures WHERE user_name = $1 AND at > $3) AS by_user,
               (SELECT COUNT(*) FROM login_failures WHERE client = $2 AND at > $3) AS by_client,
               (SELECT MIN(at) FROM login_failures
                WHERE (user_name = $1 OR client = $2) AND at > $3) AS first",
        )
        .bind(user)
        .bind(client)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok((
            row.try_get("by_user")?,
            row.try_get("by_client")?,
            row.try_get("first")?,
        ))
    }

    /// One department's sign-ups for its coordinator, newest first: what the desk shows (no
    /// national ID, which the desk does not need, and not the phone's own id).
    pub async fn desk_signups(&self, department_id: &str) -> Result<Vec<Value>> {
        let rows = sqlx::query(
            "SELECT seq, reference, state, reason, via, lang, full_name, mobile, age_group, days,
                    note, waiting_list, received_at, updated_at
             FROM signups WHERE department_id = $1 ORDER BY seq DESC",
        )
        .bind(department_id)
        .fetch_all(&self.pool)
        .await?;
        let text = |r: &sqlx::any::AnyRow, c: &str| {
            r.try_get::<Option<String>, _>(c)
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        rows.iter()
            .map(|r| {
                let days = text(r, "days");
                Ok(json!({
                    "seq": r.try_get::<i64, _>("seq")?,
                    "reference": text(r, "reference"),
                    "state": text(r, "state"),
                    "reason": text(r, "reason"),
                    // `both`: the same sign-up came over the network and by SMS.
                    "via": match text(r, "via").as_str() {
                        "network" => "web".to_string(),
                        other => other.to_string(),
                    },
                    "lang": text(r, "lang"),
                    "full_name": text(r, "full_name"),
                    "mobile": text(r, "mobile"),
                    "age_group": text(r, "age_group"),
                    "days": days.split(',').filter(|d| !d.is_empty()).collect::<Vec<_>>(),
                    "note": text(r, "note"),
                    "waiting_list": r.try_get::<i64, _>("waiting_list")? != 0,
                    "received_at": crate::clock::iso(r.try_get::<i64, _>("received_at")?),
                    "updated_at": crate::clock::iso(r.try_get::<i64, _>("updated_at")?),
                }))
            })
            .collect()
    }

    /// The SMS the server could not read, oldest first, for the office to deal with by hand.
    pub async fn desk_unread_sms(&self) -> Result<Vec<Value>> {
        let rows = sqlx::query(
            "SELECT seq, sender, text, problem, sent_at, received_at FROM sms_unread ORDER BY seq",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(json!({
                    "seq": r.try_get::<i64, _>("seq")?,
                    "sender": r.try_get::<Option<String>, _>("sender")?.unwrap_or_default(),
                    "text": r.try_get::<Option<String>, _>("text")?.unwrap_or_default(),
                    "problem": r.try_get::<String, _>("problem")?,
                    "sent_at": r.try_get::<String, _>("sent_at")?,
                    "received_at": crate::clock::iso(r.try_get::<i64, _>("received_at")?),
                }))
            })
            .collect()
    }

    /// Deletes an unread SMS the office has dealt with, audited; whether there was one.
    pub async fn sms_dealt_with(&self, seq: i64, user: &str, now: i64) -> Result<bool> {
        let user = user.to_string();
        self.write(move |c| {
            Box::pin(async move {
                let gone = c
                    .execute(sqlx::query("DELETE FROM sms_unread WHERE seq = $1").bind(seq))
                    .await?
                    .rows_affected();
                if gone > 0 {
                    audit_in(c, now, &user, "sms_dealt_with", &format!("sms#{seq}")).await?;
                }
                Ok(gone > 0)
            })
        })
        .await
    }

    /// Writes a desk action to the audit log.
    pub async fn audit(&self, user: &str, action: &str, target: &str, now: i64) -> Result<()> {
        let (user, action, target) = (user.to_string(), action.to_string(), target.to_string());
        self.write(move |c| {
            Box::pin(async move { audit_in(c, now, &user, &action, &target).await })
        })
        .await
    }

    /// The audit log, oldest first, for `tak-server export --audit`.
    pub async fn audit_log(&self) -> Result<Vec<Value>> {
        let rows = sqlx::query("SELECT at, user_name, action, target FROM audit ORDER BY seq")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(json!({
                    "at": crate::clock::iso(r.try_get::<i64, _>("at")?),
                    "user": r.try_get::<String, _>("user_name")?,
                    "action": r.try_get::<String, _>("action")?,
                    "target": r.try_get::<String, _>("target")?,
                }))
            })
            .collect()
    }
}

async fn audit_in(
    c: &mut sqlx::AnyConnection,
    now: i64,
    user: &str,
    action: &str,
    target: &str,
) -> Result<()> {
    c.execute(
        sqlx::query("INSERT INTO audit (at, user_name, action, target) VALUES ($1, $2, $3, $4)")
            .bind(now)
            .bind(user)
            .bind(action)
            .bind(target),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departments_are_all_or_a_list() {
        assert_eq!(Departments::parse("all"), Departments::All);
        assert_eq!(Departments::parse(" * "), Departments::All);
        let some = Departments::parse("tak-2, tak-1,,tak-2");
        assert_eq!(
            some,
            Departments::Only(vec!["tak-1".into(), "tak-2".into()])
        );
        assert!(some.include("tak-1") && !some.include("tak-3"));
        assert_eq!(Departments::parse(&some.stored()), some);
        assert!(Departments::All.include("anything"));
    }
}
