//! Time every stage on every shape at size n and 4n and print the ratio (thread CPU time, the
//! fastest of `reps` runs). Linear work gives ~4, quadratic ~16.
//!
//! `cargo run --release -p newsdesk-core --example scaling -- [N] [REPS] [STAGE,...] [SHAPE,...]`

#[path = "../tests/common/shapes.rs"]
mod shapes;
#[path = "../tests/common/stages.rs"]
mod stages;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100);
    let reps: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2);
    let want_stage = |s: &str| args.get(2).is_none_or(|a| a == "all" || a.split(',').any(|x| x == s));
    let want_shape = |s: &str| args.get(3).is_none_or(|a| a == "all" || a.split(',').any(|x| x == s));
    println!(
        "{:<16} {:<20} {:>10} {:>10} {:>10} {:>7}",
        "stage", "shape", "4n bytes", "t(n) ms", "t(4n) ms", "ratio"
    );
    for st in stages::STAGES.iter().filter(|s| want_stage(s.name)) {
        for sh in shapes::SHAPES.iter().filter(|s| want_shape(s.name)) {
            if st.html_only && !sh.html {
                continue;
            }
            let (t1, t4, bytes) = stages::ratio(st, sh, n, reps);
            println!(
                "{:<16} {:<20} {:>10} {:>10.2} {:>10.2} {:>7.2}",
                st.name,
                sh.name,
                bytes,
                t1 * 1e3,
                t4 * 1e3,
                t4 / t1.max(1e-6)
            );
        }
    }
}
