//! End-to-end tests of the `ledger` binary. Run with `cargo test --offline`.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn journal(text: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let p = std::env::temp_dir().join(format!(
        "ledger-cli-{}-{}.journal",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::write(&p, text).unwrap();
    p
}

fn run(file: &PathBuf, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_ledger"))
        .arg("-f")
        .arg(file)
        .args(args)
        .output()
        .expect("run ledger");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

const SIMPLE: &str = "\
2024-01-01 * Opening
    assets:bank      100.00 EUR
    equity:opening

2024-01-02 Coffee
    expenses:coffee    3.20 EUR
    assets:bank
";

#[test]
fn balance_tree() {
    let f = journal(SIMPLE);
    let o = run(&f, &["balance"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "  96.80 EUR  assets\n  96.80 EUR    bank\n-100.00 EUR  equity\n-100.00 EUR    opening\n   3.20 EUR  expenses\n   3.20 EUR    coffee\n-----------\n          0\n"
    );
}

#[test]
fn register_running_total() {
    let f = journal(SIMPLE);
    let o = run(&f, &["register", "bank"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "2024-01-01\tOpening\tassets:bank\t100.00 EUR\t100.00 EUR\n2024-01-02\tCoffee\tassets:bank\t-3.20 EUR\t96.80 EUR\n"
    );
}

#[test]
fn check_counts() {
    let f = journal(SIMPLE);
    let o = run(&f, &["check"]);
    assert_eq!(o.stdout, "ok: 2 transactions, 4 postings, 3 accounts\n");
}

#[test]
fn unbalanced_is_an_error() {
    let f = journal("2024-01-01 x\n    a  1 EUR\n    b  -2 EUR\n");
    let o = run(&f, &["check"]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stdout, "");
    assert_eq!(
        o.stderr,
        format!("ledger: {}:1: transaction does not balance: off by -1 EUR\n", f.display())
    );
}
