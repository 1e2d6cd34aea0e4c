//! tabconv: convert CSV to JSON. See `tabconv --help`.

mod csv;
mod json;

use json::Value;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: tabconv [--delimiter C] [--no-header] [--format json|jsonl] [--types] [--select COLS] [INPUT]";

struct Options {
    delimiter: char,
    header: bool,
    jsonl: bool,
    types: bool,
    select: Option<Vec<String>>,
    input: Option<String>,
}

enum Failure {
    Usage(String),
    Io(String),
    Data(String),
}

fn parse_args(args: &[String]) -> Result<Options, Failure> {
    let mut o = Options { delimiter: ',', header: true, jsonl: false, types: false, select: None, input: None };
    let mut i = 0;
    let value = |i: usize, name: &str| -> Result<String, Failure> {
        args.get(i + 1).cloned().ok_or_else(|| Failure::Usage(format!("option {} needs a value", name)))
    };
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--delimiter" => {
                let v = value(i, a)?;
                o.delimiter = if v == "tab" {
                    '\t'
                } else {
                    let mut cs = v.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) if c != '"' && c != '\n' && c != '\r' => c,
                        _ => return Err(Failure::Usage(format!("invalid delimiter '{}'", v))),
                    }
                };
                i += 1;
            }
            "--no-header" => o.header = false,
            "--types" => o.types = true,
            "--format" => {
                let v = value(i, a)?;
                o.jsonl = match v.as_str() {
                    "json" => false,
                    "jsonl" => true,
                    _ => return Err(Failure::Usage(format!("invalid format '{}'", v))),
                };
                i += 1;
            }
            "--select" => {
                let v = value(i, a)?;
                o.select = Some(v.split(',').map(|s| s.to_string()).collect());
                i += 1;
            }
            "-" => {
                if o.input.is_some() {
                    return Err(Failure::Usage("more than one input".to_string()));
                }
                o.input = Some("-".to_string());
            }
            _ if a.starts_with('-') => return Err(Failure::Usage(format!("unknown option '{}'", a))),
            _ => {
                if o.input.is_some() {
                    return Err(Failure::Usage("more than one input".to_string()));
                }
                o.input = Some(a.to_string());
            }
        }
        i += 1;
    }
    Ok(o)
}

fn is_int(s: &str) -> bool {
    let d = s.strip_prefix('-').unwrap_or(s);
    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) && (d == "0" || !d.starts_with('0'))
}

fn is_decimal(s: &str) -> bool {
    match s.split_once('.') {
        Some((i, f)) => is_int(i) && !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

fn typed(s: &str, types: bool) -> Value {
    if !types {
        Value::Str(s.to_string())
    } else if s.is_empty() {
        Value::Null
    } else if s == "true" || s == "false" {
        Value::Bool(s == "true")
    } else if is_int(s) || is_decimal(s) {
        Value::Number(s.to_string())
    } else {
        Value::Str(s.to_string())
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    let o = parse_args(args)?;
    let mut text = String::new();
    match o.input.as_deref() {
        None | Some("-") => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Failure::Io(format!("cannot read standard input: {}", e)))?;
        }
        Some(path) => {
            text = std::fs::read_to_string(path)
                .map_err(|e| Failure::Io(format!("cannot read {}: {}", path, e)))?;
        }
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut records = csv::parse(text, o.delimiter)
        .map_err(|e| Failure::Data(format!("line {}: {}", e.line, e.message)))?
        .into_iter();
    let names: Vec<String> = if o.header {
        match records.next() {
            Some((_, h)) => h,
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let rows: Vec<(usize, Vec<String>)> = records.collect();
    let names = if o.header {
        for (i, n) in names.iter().enumerate() {
            if names[..i].contains(n) {
                return Err(Failure::Data(format!("duplicate column '{}'", n)));
            }
        }
        names
    } else {
        let width = rows.first().map_or(0, |r| r.1.len());
        (1..=width).map(|i| format!("col{}", i)).collect()
    };
    let columns: Vec<usize> = match &o.select {
        None => (0..names.len()).collect(),
        Some(sel) => sel
            .iter()
            .map(|s| {
                names
                    .iter()
                    .position(|n| n == s)
                    .ok_or_else(|| Failure::Data(format!("unknown column '{}'", s)))
            })
            .collect::<Result<_, _>>()?,
    };
    let mut objects = Vec::new();
    for (line, fields) in &rows {
        if fields.len() != names.len() {
            return Err(Failure::Data(format!(
                "line {}: expected {} fields, found {}",
                line,
                names.len(),
                fields.len()
            )));
        }
        let pairs: Vec<(&str, Value)> =
            columns.iter().map(|&c| (names[c].as_str(), typed(&fields[c], o.types))).collect();
        let mut obj = String::new();
        json::write_object(&mut obj, &pairs);
        objects.push(obj);
    }
    let mut out = String::new();
    if o.jsonl {
        for obj in objects {
            out.push_str(&obj);
            out.push('\n');
        }
    } else if objects.is_empty() {
        out.push_str("[]\n");
    } else {
        out.push_str("[\n");
        for (i, obj) in objects.iter().enumerate() {
            out.push_str("  ");
            out.push_str(obj);
            out.push_str(if i + 1 < objects.len() { ",\n" } else { "\n" });
        }
        out.push_str("]\n");
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", USAGE);
        return ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(out) => {
            let _ = std::io::stdout().write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(m)) => {
            eprintln!("tabconv: {}\n{}", m, USAGE);
            ExitCode::from(1)
        }
        Err(Failure::Io(m)) => {
            eprintln!("tabconv: {}", m);
            ExitCode::from(1)
        }
        Err(Failure::Data(m)) => {
            eprintln!("tabconv: {}", m);
            ExitCode::from(2)
        }
    }
}
