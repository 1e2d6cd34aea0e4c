//! `ledger`: reports over a plain-text double-entry journal. See SPEC.md.

#![allow(dead_code)]

mod account;
mod amount;
mod cli;
mod date;
mod error;
mod journal;
mod mixed;
mod parser;
mod query;
mod report;

use std::io::Write;
use std::process::exit;

use cli::CommandKind;
use error::Error;

fn run(args: Vec<String>) -> Result<String, (Error, String)> {
    let inv = cli::parse_args(args).map_err(|e| (e, String::new()))?;
    let text = std::fs::read_to_string(&inv.file).map_err(|e| {
        (Error::Io { path: inv.file.clone(), message: e.to_string() }, inv.file.clone())
    })?;
    let journal = journal::load(&text, inv.strict).map_err(|e| (e, inv.file.clone()))?;
    Ok(match inv.command {
        CommandKind::Balance => report::balance::render(&journal, &inv.query, &inv.balance),
        CommandKind::Register => report::register::render(&journal, &inv.query),
        CommandKind::Accounts => report::accounts::render(&journal, &inv.query),
        CommandKind::Check => report::check::render(&journal),
        CommandKind::Print => report::print::render(&journal, &inv.query),
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args) {
        Ok(out) => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            let _ = lock.write_all(out.as_bytes());
            let _ = lock.flush();
        }
        Err((e, file)) => {
            eprintln!("{}", e.render(&file));
            exit(e.exit_code());
        }
    }
}
