//! A coordinator's answers to sign-ups: confirm, decline with a reason, offer a waiting-list
//! place, mark withdrawn. Each is one transaction with the place counts it changes, as a
//! volunteer's own sign-up and withdrawal are.

use sqlx::AnyConnection;

use super::{
    change_counts, ensure_places, existing, offer_freed_place, take_place, withdraw_existing,
    Result, State, Store, SIGNUP_COLUMNS,
};
use crate::departments::Department;

/// What a coordinator does to a sign-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Confirm,
    /// With the reason the volunteer will see.
    Decline(String),
    /// A place for someone on the waiting list.
    Offer,
    Withdraw,
}

impl Decision {
    /// The audit log's word for it.
    pub fn code(&self) -> &'static str {
        match self {
            Decision::Confirm => "confirmed",
            Decision::Decline(_) => "declined",
            Decision::Offer => "place_offered",
            Decision::Withdraw => "marked_withdrawn",
        }
    }
}

/// Why an answer could not be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAnswered {
    /// No such sign-up in this department.
    Unknown,
    /// Every place is taken: confirm or offer needs one.
    NoPlaceLeft,
    /// A withdrawn or declined sign-up cannot be answered again.
    Closed,
}

impl Store {
    /// Applies `decision` to sign-up `seq` of `dept`: its new state and reference.
    pub async fn answer(
        &self,
        dept: &Department,
        seq: i64,
        decision: Decision,
        now: i64,
    ) -> Result<std::result::Result<(State, String), NotAnswered>> {
        let dept = dept.clone();
        self.write(move |c| Box::pin(async move { answer_in(c, &dept, seq, &decision, now).await }))
            .await
    }
}

async fn answer_in(
    c: &mut AnyConnection,
    dept: &Department,
    seq: i64,
    decision: &Decision,
    now: i64,
) -> Result<std::result::Result<(State, String), NotAnswered>> {
    let row = sqlx::query(&format!(
        "SELECT {SIGNUP_COLUMNS} FROM signups WHERE seq = $1 AND department_id = $2"
    ))
    .bind(seq)
    .bind(&dept.id)
    .fetch_optional(&mut *c)
    .await?;
    let Some(e) = row.as_ref().map(existing).transpose()? else {
        return Ok(Err(NotAnswered::Unknown));
    };
    if matches!(e.state, State::Withdrawn | State::Declined) {
        return Ok(Err(NotAnswered::Closed));
    }
    ensure_places(c, dept, now).await?;
    let (state, reason, holds) = match decision {
        Decision::Withdraw => {
            withdraw_existing(c, &e, now).await?;
            return Ok(Ok((State::Withdrawn, e.reference)));
        }
        Decision::Decline(reason) => {
            change_counts(
                c,
                &dept.id,
                -i64::from(e.holds_place),
                -i64::from(e.state == State::WaitingList),
                now,
            )
            .await?;
            if e.holds_place {
                offer_freed_place(c, &dept.id, now).await?;
            }
            (State::Declined, reason.as_str(), false)
        }
        Decision::Confirm | Decision::Offer => {
            if !e.holds_place {
                // From the waiting list: a place must be left.
                if !take_place(c, dept, now).await? {
                    return Ok(Err(NotAnswered::NoPlaceLeft));
                }
                change_counts(
                    c,
                    &dept.id,
                    0,
                    -i64::from(e.state == State::WaitingList),
                    now,
                )
                .await?;
            }
            let state = match decision {
                Decision::Offer if e.state == State::WaitingList => State::PlaceOffered,
                // Offering a place to one who holds one already changes nothing.
                Decision::Offer => e.state,
                _ => State::Confirmed,
            };
            (state, "", true)
        }
    };
    sqlx::query(
        "UPDATE signups SET state = $1, reason = $2, holds_place = $3, updated_at = $4
         WHERE seq = $5",
    )
    .bind(state.code())
    .bind(reason)
    .bind(i64::from(holds))
    .bind(now)
    .bind(e.seq)
    .execute(&mut *c)
    .await?;
    Ok(Ok((state, e.reference)))
}
