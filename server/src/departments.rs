//! What the server needs from the catalog: each TAK department's places and the names an SMS may
//! call it by. The catalog is the office's file or URL, read with `tak-core`'s own reader and
//! read again whenever it changes (see [`watch`]).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use tak_core::catalog::{self, TrValue};
use tak_core::text::normalize;

/// One department, as the server counts its places.
#[derive(Clone, Debug, PartialEq)]
pub struct Department {
    pub id: String,
    /// All places; 0 when the catalog gives no figure, and then nobody is put on a waiting list.
    pub capacity: i64,
    /// The places the catalog said were left when it was published.
    pub places_available: i64,
    /// The last day a session is scheduled (ISO date), empty when the schedule has no end.
    pub last_session: String,
}

impl Department {
    /// The places already taken when the server first counts this department (by sign-ups made
    /// before it, on paper or by phone), so that the first live figure is the catalog's own.
    pub fn taken_before(&self) -> i64 {
        (self.capacity - self.places_available).max(0)
    }
}

/// The departments of one catalog, by id and by every spelling of their names.
#[derive(Debug, Default)]
pub struct Departments {
    by_id: HashMap<String, Department>,
    /// `normalize`d name (in any language) → id.
    by_name: HashMap<String, String>,
    /// The catalog's `updated`, for the logs and `/availability`.
    pub updated: String,
}

impl Departments {
    pub fn from_catalog(c: &catalog::Catalog) -> Departments {
        let mut out = Departments {
            updated: c.updated.clone(),
            ..Default::default()
        };
        for d in &c.x_tak_departments {
            let last_session = d
                .schedules
                .iter()
                .map(|s| s.valid_to.as_str())
                .max()
                .filter(|_| d.schedules.iter().all(|s| !s.valid_to.is_empty()))
                .unwrap_or("")
                .to_string();
            out.by_id.insert(
                d.id.to_string(),
                Department {
                    id: d.id.to_string(),
                    capacity: d.capacity.max(0),
                    places_available: d.places_available.clamp(0, d.capacity.max(0)),
                    last_session,
                },
            );
            let names = std::iter::once(d.name.as_str())
                .chain(d.x_translations.all_of("name").filter_map(|v| match v {
                    TrValue::One(t) => Some(t.as_str()),
                    TrValue::Many(_) => None,
                }))
                .chain(std::iter::once(d.id.as_str()));
            for name in names {
                out.by_name
                    .entry(normalize(name))
                    .or_insert_with(|| d.id.to_string());
            }
        }
        out
    }

    pub fn get(&self, id: &str) -> Option<&Department> {
        self.by_id.get(id)
    }

    /// The department an SMS names, in whatever language and spelling the phone wrote it.
    pub fn named(&self, name: &str) -> Option<&Department> {
        self.by_name
            .get(&normalize(name))
            .and_then(|id| self.by_id.get(id))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Department> {
        self.by_id.values()
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// Where the catalog comes from.
#[derive(Clone, Debug)]
pub enum Source {
    File(PathBuf),
    Url(String),
}

impl Source {
    pub fn parse(s: &str) -> Source {
        if s.starts_with("http://") || s.starts_with("https://") {
            Source::Url(s.to_string())
        } else {
            Source::File(PathBuf::from(s))
        }
    }

    /// A token that changes when the catalog does: the file's modification time and size, or
    /// the URL's ETag / Last-Modified.
    fn version(&self) -> Option<String> {
        match self {
            Source::File(p) => {
                let m = std::fs::metadata(p).ok()?;
                let t = m
                    .modified()
                    .ok()?
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .ok()?;
                Some(format!("{}:{}", t.as_nanos(), m.len()))
            }
            Source::Url(u) => {
                let r = ureq::head(u).timeout(Duration::from_secs(10)).call().ok()?;
                r.header("etag")
                    .or_else(|| r.header("last-modified"))
                    .map(str::to_string)
            }
        }
    }

    fn read(&self) -> Result<String, String> {
        match self {
            Source::File(p) => {
                std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
            }
            Source::Url(u) => ureq::get(u)
                .timeout(Duration::from_secs(30))
                .call()
                .map_err(|e| format!("{u}: {e}"))?
                .into_string()
                .map_err(|e| format!("{u}: {e}")),
        }
    }

    /// Reads and parses the catalog.
    pub fn load(&self) -> Result<Departments, String> {
        let text = self.read()?;
        let loaded = catalog::load(&text).map_err(|e| format!("{e:?}"))?;
        Ok(Departments::from_catalog(&loaded.catalog))
    }
}

pub type Shared = Arc<RwLock<Arc<Departments>>>;

/// Reads the catalog again whenever its version changes, every `every`. A catalog that cannot be
/// read keeps the last good one (and says so in the log).
pub fn watch(source: Source, shared: Shared, every: Duration) {
    std::thread::spawn(move || {
        let mut seen = source.version();
        loop {
            std::thread::sleep(every);
            let now = source.version();
            if now.is_none() || now == seen {
                continue;
            }
            match source.load() {
                Ok(d) => {
                    tracing::info!(departments = d.len(), updated = %d.updated, "catalog reloaded");
                    *shared.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(d);
                    seen = now;
                }
                Err(e) => tracing::warn!("catalog not reloaded, keeping the last one: {e}"),
            }
        }
    });
}
