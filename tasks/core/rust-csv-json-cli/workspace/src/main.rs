//! tabconv: convert CSV to JSON.
//!
//! First version: reads CSV from standard input and prints one JSON object per line. See the
//! task description for what it must become.

mod csv;
mod json;

use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("read stdin");
    let records = csv::parse(&text);
    let mut rows = records.into_iter();
    let header = match rows.next() {
        Some(h) => h,
        None => return,
    };
    for row in rows {
        let pairs: Vec<(&str, &str)> =
            header.iter().map(|h| h.as_str()).zip(row.iter().map(|f| f.as_str())).collect();
        println!("{}", json::object(&pairs));
    }
}
