//! Starts the real `tak-server` binary on a free port against a real database: a fresh SQLite
//! file, or, when `TAK_TEST_POSTGRES` holds an admin URL (the PostgreSQL tier of `make test`
//! sets it), a fresh database in that cluster.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const BIN: &str = env!("CARGO_BIN_EXE_tak-server");
pub const ORIGIN: &str = "http://app.test";
pub const SECRET: &str = "gateway-secret";

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A scratch folder under target/, removed at the end.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The sample catalog, with `edit` applied to its departments (by id).
pub fn catalog_with(dir: &Path, edit: impl Fn(&str, &mut Value)) -> PathBuf {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/catalog.json");
    let mut c: Value = serde_json::from_str(&std::fs::read_to_string(sample).unwrap()).unwrap();
    for d in c["x_tak_departments"].as_array_mut().unwrap() {
        let id = d["id"].as_str().unwrap().to_string();
        edit(&id, d);
    }
    let path = dir.join("catalog.json");
    std::fs::write(&path, c.to_string()).unwrap();
    path
}

/// A database for one test.
pub fn database(dir: &Path, name: &str) -> String {
    match std::env::var("TAK_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            let n = COUNTER.fetch_add(1, Ordering::SeqCst);
            let db = format!("t_{}_{}_{n}", name, std::process::id());
            let status = Command::new("psql")
                .args([&admin, "-q", "-c", &format!("CREATE DATABASE {db}")])
                .status()
                .expect("psql");
            assert!(status.success(), "create database {db}");
            let base = admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(b, _)| b)
                .to_string();
            format!("{base}/{db}")
        }
        _ => format!(
            "sqlite://{}?mode=rwc",
            dir.join(format!("{name}.db")).display()
        ),
    }
}

pub fn on_postgres() -> bool {
    std::env::var("TAK_TEST_POSTGRES").is_ok_and(|v| !v.is_empty())
}

pub struct Server {
    pub child: Child,
    pub url: String,
    pub database_url: String,
    pub catalog: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    pub fn start(database_url: &str, catalog: &Path, env: &[(&str, &str)]) -> Server {
        let port = free_port();
        let mut cmd = Command::new(BIN);
        cmd.env("DATABASE_URL", database_url)
            .env("CATALOG", catalog)
            .env("LISTEN", format!("127.0.0.1:{port}"))
            .env("ALLOWED_ORIGINS", ORIGIN)
            .env("SMS_SECRET", SECRET)
            .env("RATE_PER_MINUTE", "100000")
            .env("CATALOG_POLL_SECONDS", "1")
            .env("LOG", "warn")
            .stdout(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("tak-server starts");
        let server = Server {
            child,
            url: format!("http://127.0.0.1:{port}"),
            database_url: database_url.to_string(),
            catalog: catalog.to_path_buf(),
        };
        server.wait_ready();
        server
    }

    /// A server on a fresh database and the sample catalog, in a scratch folder of its own.
    pub fn sample(name: &str) -> (Scratch, Server) {
        let dir = Scratch::new(name);
        let server = Server::start(
            &database(&dir.0, name),
            &catalog_with(&dir.0, |_, _| {}),
            &[],
        );
        (dir, server)
    }

    fn wait_ready(&self) {
        let end = Instant::now() + Duration::from_secs(30);
        while Instant::now() < end {
            if std::net::TcpStream::connect(self.url.trim_start_matches("http://")).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("tak-server did not start at {}", self.url);
    }

    /// SIGKILL: no shutdown, no flush.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Every stored sign-up, as `tak-server export` prints them.
    pub fn export(&self) -> Vec<Value> {
        export(&self.database_url, &[])
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn export(database_url: &str, args: &[&str]) -> Vec<Value> {
    let out = Command::new(BIN)
        .arg("export")
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("LOG", "warn")
        .output()
        .expect("export runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A sign-up as the app sends it.
pub fn signup(id: &str, department: &str, lang: &str) -> Value {
    json!({
        "action": "signup",
        "id": id,
        "department_id": department,
        "full_name": "زهرا موسوی",
        "mobile": "+989161234567",
        "age_group": "adults",
        "days": ["SA", "MO"],
        "note": "",
        "consent": true,
        "lang": lang,
        "created_at": "2026-11-29T08:30:00.000Z",
        "waiting_list": false
    })
}

pub fn uuid(n: u32) -> String {
    format!("{n:08x}-7d0b-4c55-9a7e-{:012x}", u64::from(n) * 7919)
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// POSTs `body` to `/signups` under `key`; returns the status and the JSON answer.
pub async fn post(c: &reqwest::Client, server: &str, key: &str, body: &Value) -> (u16, Value) {
    let r = c
        .post(format!("{server}/signups"))
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .expect("an answer");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// GETs `url` and reads its JSON answer.
pub async fn get_json(c: &reqwest::Client, url: &str) -> Value {
    c.get(url).send().await.unwrap().json().await.unwrap()
}
