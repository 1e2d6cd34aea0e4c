// Shared helpers: run the agent's `ledger` binary on a journal written to /tmp.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Writes a journal to /tmp (readable by the agent's uid) and returns its path.
pub fn journal(text: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let p = PathBuf::from("/tmp").join(format!(
        "ledger-judge-{}-{}.journal",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::write(&p, text).unwrap();
    let s = p.to_str().unwrap().to_string();
    s
}

pub fn run_raw(args: &[&str]) -> Out {
    // LEDGER_BIN runs a local build directly (development only); graded runs go through agentrun.
    let mut cmd = match std::env::var("LEDGER_BIN") {
        Ok(bin) => Command::new(bin),
        Err(_) => {
            let mut c = Command::new("agentrun");
            c.arg("/tmp/target/debug/ledger");
            c
        }
    };
    let out = cmd.args(args).output().expect("run ledger");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(text: &str, args: &[&str]) -> (String, Out) {
    let f = journal(text);
    let mut full = vec!["-f", f.as_str()];
    full.extend_from_slice(args);
    let o = run_raw(&full);
    (f, o)
}

/// Runs a command that must succeed and returns its stdout.
pub fn ok(text: &str, args: &[&str]) -> String {
    let (_, o) = run(text, args);
    assert_eq!(o.code, 0, "args {:?}: stderr {:?}\njournal:\n{}", args, o.stderr, text);
    assert_eq!(o.stderr, "", "stderr must be empty on success");
    o.stdout
}

/// Runs a command that must fail with a journal error; returns (line, message).
pub fn journal_error(text: &str, args: &[&str]) -> (usize, String) {
    let (f, o) = run(text, args);
    assert_eq!(o.code, 1, "args {:?}: expected exit 1, stdout {:?} stderr {:?}", args, o.stdout, o.stderr);
    assert_eq!(o.stdout, "", "stdout must be empty on error");
    let prefix = format!("ledger: {}:", f);
    assert!(o.stderr.starts_with(&prefix), "stderr {:?} should start with {:?}", o.stderr, prefix);
    assert!(o.stderr.ends_with('\n') && o.stderr.matches('\n').count() == 1, "one line: {:?}", o.stderr);
    let rest = &o.stderr[prefix.len()..o.stderr.len() - 1];
    let (line, msg) = rest.split_once(": ").expect("LINE: MESSAGE");
    (line.parse().expect("line number"), msg.to_string())
}

pub fn usage_error(text: &str, args: &[&str]) {
    let (_, o) = run(text, args);
    assert_eq!(o.code, 2, "args {:?}: stdout {:?} stderr {:?}", args, o.stdout, o.stderr);
    assert_eq!(o.stdout, "");
    assert!(o.stderr.starts_with("ledger: usage: "), "stderr {:?}", o.stderr);
    assert_eq!(o.stderr.matches('\n').count(), 1, "one line: {:?}", o.stderr);
}
