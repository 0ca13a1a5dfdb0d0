//! `make bench`, native part: writes the shared corpus (page-like text, at least 10 MB)
//! and times the engine's job on it natively. The browser part (e2e/bench.mjs) times the
//! same job as wasm and as a JavaScript baseline on the same file, and checks that all
//! three find the same.
//!
//! Output: target/bench/corpus.txt, target/bench/native.json.

use keyshift::{count, Counts};
use std::fmt::Write as _;
use std::time::Instant;

const TARGET_BYTES: usize = 10 * 1024 * 1024 + 1;
const RUNS: usize = 9;

/// A small deterministic generator (xorshift64*), so every machine gets the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn hex(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b"0123456789abcdef"[self.below(16) as usize])).collect()
    }
    fn token(&mut self) -> String {
        format!("T{}-{}", self.hex(17), self.hex(32))
    }
    fn uuid(&mut self) -> String {
        format!("{}-{}-4{}-8{}-{}", self.hex(8), self.hex(4), self.hex(3), self.hex(3), self.hex(12))
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len() as u64) as usize]
    }
}

// Filler never uses a word the engine reads as context, for or against a key ("api",
// "token", "legacy"; "ticket", "invoice", "device"...): the baseline's regexes know none.
const WORDS: &[&str] = &[
    "replaced",
    "the",
    "fan",
    "on",
    "customer",
    "laptop",
    "bill",
    "paid",
    "warranty",
    "checked",
    "battery",
    "screen",
    "ordered",
    "parts",
    "for",
    "job",
    "backup",
    "completed",
    "without",
    "errors",
    "printer",
    "queue",
    "cleared",
];

fn prose(rng: &mut Rng, words: usize) -> String {
    (0..words).map(|_| rng.pick(WORDS)).collect::<Vec<_>>().join(" ")
}

/// One line of page-like text; every line starts with at least 48 neutral bytes, so a
/// value's context never reaches back into the line before.
fn line(rng: &mut Rng, out: &mut String) {
    let lead = format!("Job {:05} {} ", rng.below(100_000), prose(rng, 7));
    out.push_str(&lead);
    let _ = match rng.below(12) {
        0 => write!(out, "Your new token is {} copy it now", rng.token()),
        1 => write!(out, "API Key: {} (reset)", rng.uuid()),
        2 => write!(out, "GET /api/v1/customers?api_key={}&page=2", rng.uuid()),
        3 => write!(out, "| IT Glue sync | T{}...{} | 03/02/2027 | Clone Delete", rng.hex(6), rng.hex(4)),
        4 => write!(out, "machine {} was reimaged", rng.uuid()),
        5 => write!(out, "photo at /attachments/{}/photo.png", rng.uuid()),
        6 => write!(out, "near misses x{} {} T12... Tabbed...", rng.token(), rng.token().to_uppercase()),
        _ => write!(out, "{}", prose(rng, 12)),
    };
    out.push('\n');
}

/// The benchmark corpus: a realistic page text with tokens, docs and noise.
pub fn corpus() -> String {
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let mut out = String::with_capacity(TARGET_BYTES + 256);
    while out.len() < TARGET_BYTES {
        line(&mut rng, &mut out);
    }
    out
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    let text = corpus();
    std::fs::write(dir.join("corpus.txt"), &text).expect("corpus written");
    let mut found = Counts::default();
    let mut mbps: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            found = std::hint::black_box(count(std::hint::black_box(&text)));
            text.len() as f64 / 1e6 / start.elapsed().as_secs_f64()
        })
        .collect();
    mbps.sort_by(f64::total_cmp);
    let json = format!(
        "{{\"bytes\":{},\"tokens\":{},\"keys\":{},\"runs\":{},\"mbps\":{{\"median\":{:.1},\"min\":{:.1},\"max\":{:.1}}}}}\n",
        text.len(),
        found.tokens,
        found.keys,
        RUNS,
        mbps[RUNS / 2],
        mbps[0],
        mbps[RUNS - 1]
    );
    std::fs::write(dir.join("native.json"), &json).expect("native.json written");
    print!("native: {json}");
}
