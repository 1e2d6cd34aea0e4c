//! Command-line parsing.
//!
//! ledger -f FILE [--strict] COMMAND [OPTIONS] [PATTERN...]

use crate::date::Date;
use crate::error::{Error, Result};
use crate::query::Query;
use crate::report::balance;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandKind {
    Balance,
    Register,
    Accounts,
    Check,
    Print,
}

#[derive(Debug, Clone)]
pub struct Invocation {
    pub file: String,
    pub strict: bool,
    pub command: CommandKind,
    pub query: Query,
    pub balance: balance::Options,
}

fn parse_date_arg(opt: &str, value: Option<String>) -> Result<Date> {
    let v = value.ok_or_else(|| Error::usage(format!("{} needs a value", opt)))?;
    Date::parse(&v).ok_or_else(|| Error::usage(format!("invalid date \"{}\"", v)))
}

pub fn parse_args(args: Vec<String>) -> Result<Invocation> {
    let mut it = args.into_iter();
    let mut file: Option<String> = None;
    let mut strict = false;
    let mut command: Option<CommandKind> = None;
    while command.is_none() {
        let arg = match it.next() {
            Some(a) => a,
            None => return Err(Error::usage("missing command")),
        };
        match arg.as_str() {
            "-f" | "--file" => {
                file = Some(it.next().ok_or_else(|| Error::usage("-f needs a file"))?);
            }
            "--strict" => strict = true,
            "balance" | "bal" => command = Some(CommandKind::Balance),
            "register" | "reg" => command = Some(CommandKind::Register),
            "accounts" => command = Some(CommandKind::Accounts),
            "check" => command = Some(CommandKind::Check),
            "print" => command = Some(CommandKind::Print),
            other if other.starts_with('-') => {
                return Err(Error::usage(format!("unknown option {}", other)))
            }
            other => return Err(Error::usage(format!("unknown command {}", other))),
        }
    }
    let command = command.unwrap();
    let file = file.ok_or_else(|| Error::usage("no journal file (-f FILE)"))?;
    let mut query = Query::default();
    let mut bal = balance::Options::default();
    let dated = matches!(command, CommandKind::Balance | CommandKind::Register | CommandKind::Print);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--begin" | "-b" if dated => query.begin = Some(parse_date_arg(&arg, it.next())?),
            "--end" | "-e" if dated => query.end = Some(parse_date_arg(&arg, it.next())?),
            "--depth" if command == CommandKind::Balance => {
                let v = it.next().ok_or_else(|| Error::usage("--depth needs a value"))?;
                let n: usize = v
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| Error::usage(format!("invalid depth \"{}\"", v)))?;
                bal.depth = Some(n);
            }
            "--flat" if command == CommandKind::Balance => bal.flat = true,
            other if other.starts_with('-') => {
                return Err(Error::usage(format!("unknown option {}", other)))
            }
            _ => {
                if command == CommandKind::Check {
                    return Err(Error::usage("check takes no patterns"));
                }
                query.patterns.push(arg)
            }
        }
    }
    Ok(Invocation { file, strict, command, query, balance: bal })
}
