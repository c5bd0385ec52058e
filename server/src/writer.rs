//! Group commit for SQLite. SQLite has one writer at a time, and with `synchronous = FULL` each
//! commit waits for the disk; sign-ups that each took their own transaction waited on the
//! database lock and on one flush each (BENCHMARKS.md, the sign-up server). Here one task writes: it takes every write waiting, runs each in a
//! savepoint of one transaction (a failing one is rolled back alone), commits once, and only
//! then answers each caller. An answered sign-up is still on disk before its answer leaves.
//! PostgreSQL, which commits in groups itself, does not use this.

use std::future::Future;
use std::pin::Pin;

use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use tokio::sync::{mpsc, oneshot};

pub type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// A write's statements, run on the writer's connection inside the batch's transaction.
pub type WriteFn =
    Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, sqlx::Result<()>> + Send>;

/// One write, and where the writer tells whether the batch committed with it in.
pub struct Job {
    pub run: WriteFn,
    pub done: oneshot::Sender<sqlx::Result<()>>,
}

/// The most writes one commit carries.
const BATCH: usize = 256;

pub fn start(pool: AnyPool) -> mpsc::Sender<Job> {
    let (sender, mut jobs) = mpsc::channel::<Job>(4096);
    tokio::spawn(async move {
        let mut batch = Vec::with_capacity(BATCH);
        while jobs.recv_many(&mut batch, BATCH).await > 0 {
            let outcome = run_batch(&pool, &mut batch).await;
            for (job_result, done) in outcome {
                let _ = done.send(job_result);
            }
        }
    });
    sender
}

type Results = Vec<(sqlx::Result<()>, oneshot::Sender<sqlx::Result<()>>)>;

async fn run_batch(pool: &AnyPool, batch: &mut Vec<Job>) -> Results {
    let jobs: Vec<Job> = std::mem::take(batch);
    let mut conn = match pool.acquire().await {
        Ok(c) => c,
        Err(e) => return fail_all(jobs, &e),
    };
    let c: &mut AnyConnection = &mut conn;
    if let Err(e) = c.execute("BEGIN IMMEDIATE").await {
        return fail_all(jobs, &e);
    }
    let mut results = Vec::with_capacity(jobs.len());
    for job in jobs {
        let ran = match c.execute("SAVEPOINT job").await {
            Ok(_) => (job.run)(c).await,
            Err(e) => Err(e),
        };
        let closed = match &ran {
            Ok(()) => c.execute("RELEASE job").await.map(|_| ()),
            Err(_) => c
                .execute("ROLLBACK TO job")
                .await
                .and(c.execute("RELEASE job").await)
                .map(|_| ()),
        };
        results.push((ran.and(closed), job.done));
    }
    if let Err(e) = c.execute("COMMIT").await {
        let _ = c.execute("ROLLBACK").await;
        let kept: Vec<_> = results.into_iter().map(|(_, done)| done).collect();
        return kept.into_iter().map(|done| (Err(copy(&e)), done)).collect();
    }
    // A connection left in a bad state is not given back to the pool.
    if c.ping().await.is_err() {
        let _ = conn.detach().close().await;
    }
    results
}

fn fail_all(jobs: Vec<Job>, e: &sqlx::Error) -> Results {
    jobs.into_iter().map(|j| (Err(copy(e)), j.done)).collect()
}

/// sqlx errors are not `Clone`: each caller gets the same words.
fn copy(e: &sqlx::Error) -> sqlx::Error {
    sqlx::Error::Protocol(e.to_string())
}
