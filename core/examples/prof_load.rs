fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let l = tak_core::catalog::parse(&text).unwrap();
        let a = t.elapsed();
        std::mem::forget(l);
        let t = std::time::Instant::now();
        let l = tak_core::catalog::load(&text).unwrap();
        let b = t.elapsed();
        std::mem::forget(l);
        println!("parse {:?} load {:?}", a, b);
    }
}
