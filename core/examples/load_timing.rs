//! Times `catalog::load` on a file, leaving the results alive (freeing is not part of loading):
//! `cargo run --release -p tak-core --example load_timing -- catalog.json`
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).expect("a catalog file")).unwrap();
    let mut keep = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let loaded = tak_core::catalog::load(&text).unwrap();
        println!("load {:?}", t.elapsed());
        keep.push(loaded);
    }
    std::mem::forget(keep);
}
