//! Heap figures for reading a catalog natively: how many bytes the text, the parsed catalog and
//! the search index hold, and the peak while reading. The wasm heap follows the same allocations
//! (and never shrinks), so this is where the browser's memory figure comes from.
//!
//! `cargo run --release -p tak-core --example memory -- target/bench/catalog-10k.json [whole|pieces]`
//! (`whole`: the whole text in memory, then read for a Persian reader; `pieces`: as the app reads
//! a download for a Persian reader, 64 KiB at a time, with `CatalogStream`)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static CALLS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        CALLS.fetch_add(1, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
}

fn report(step: &str) {
    println!(
        "{step:<34} live {:>10}   peak {:>10}   allocations {:>9}",
        mib(NOW.load(Relaxed)),
        mib(PEAK.load(Relaxed)),
        CALLS.load(Relaxed)
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: memory <catalog.json> [whole|pieces]");
    let loaded = if args.next().as_deref() == Some("pieces") {
        // As the app reads a download: 64 KiB at a time, never the whole text at once.
        use std::io::Read;
        let mut file = std::fs::File::open(&path).expect("readable catalog");
        let mut piece = vec![0; 64 << 10];
        // For a Persian reader, as the app reads: every language's names, the rest in Persian.
        let mut stream = tak_core::catalog::CatalogStream::for_reader(tak_core::Lang::Fa);
        loop {
            let n = file.read(&mut piece).expect("readable catalog");
            if n == 0 {
                break;
            }
            stream.push(&piece[..n]);
        }
        report("read in pieces");
        let loaded = stream
            .finish(&tak_core::catalog::KHUZESTAN_BOUNDS, None)
            .expect("a valid catalog");
        report("validated");
        loaded
    } else {
        let text = std::fs::read_to_string(&path).expect("readable catalog");
        report("text read");
        let loaded =
            tak_core::catalog::load_for(&text, tak_core::Lang::Fa).expect("a valid catalog");
        report("parsed + validated");
        drop(text);
        report("text dropped");
        loaded
    };
    let index = tak_core::query::Index::build(&loaded.catalog);
    report("index built");
    std::hint::black_box((&loaded, &index));
}
