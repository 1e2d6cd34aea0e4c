use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: &str) -> Out {
    // The agent's program, built by the grading command as the agent, run as the agent (agentrun).
    let mut child = Command::new("agentrun")
        .arg("/tmp/target/debug/tabconv")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tabconv");
    {
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(args: &[&str], stdin: &str) -> String {
    let o = run(args, stdin);
    assert_eq!(o.code, 0, "args {:?}: stderr {:?}", args, o.stderr);
    o.stdout
}

fn jsonl(stdin: &str) -> String {
    ok(&["--format", "jsonl"], stdin)
}

fn err(args: &[&str], stdin: &str, code: i32, prefix: &str) {
    let o = run(args, stdin);
    assert_eq!(o.code, code, "args {:?} stdin {:?}: stderr {:?}", args, stdin, o.stderr);
    assert!(o.stdout.is_empty(), "stdout must be empty on error, got {:?}", o.stdout);
    assert!(o.stderr.starts_with(prefix), "stderr {:?} should start with {:?}", o.stderr, prefix);
}

fn temp_file(content: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    // In /tmp, not the judge's $TMPDIR: the agent's program must be able to read it.
    let p = PathBuf::from("/tmp").join(format!(
        "tabconv-test-{}-{}.csv",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn default_json_array_format() {
    assert_eq!(
        ok(&[], "a,b\n1,x\n2,y\n"),
        "[\n  {\"a\":\"1\",\"b\":\"x\"},\n  {\"a\":\"2\",\"b\":\"y\"}\n]\n"
    );
}

#[test]
fn single_record_json() {
    assert_eq!(ok(&[], "a\n1\n"), "[\n  {\"a\":\"1\"}\n]\n");
}

#[test]
fn empty_input_and_header_only() {
    assert_eq!(ok(&[], ""), "[]\n");
    assert_eq!(ok(&[], "a,b\n"), "[]\n");
    assert_eq!(jsonl(""), "");
    assert_eq!(jsonl("a,b\n"), "");
}

#[test]
fn jsonl_format() {
    assert_eq!(jsonl("a,b\n1,2\n3,4\n"), "{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"3\",\"b\":\"4\"}\n");
}

#[test]
fn last_line_without_newline_and_crlf() {
    assert_eq!(jsonl("a,b\r\n1,2\r\n3,4"), "{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"3\",\"b\":\"4\"}\n");
}

#[test]
fn empty_lines_skipped() {
    assert_eq!(jsonl("\na\n\n1\n\n\n2\n"), "{\"a\":\"1\"}\n{\"a\":\"2\"}\n");
}

#[test]
fn empty_fields_are_empty_strings() {
    assert_eq!(jsonl("a,b,c\n,,\n"), "{\"a\":\"\",\"b\":\"\",\"c\":\"\"}\n");
}

#[test]
fn quoted_fields() {
    assert_eq!(
        jsonl("name,quote\n\"Smith, J\",\"He said \"\"hi\"\"\"\n"),
        "{\"name\":\"Smith, J\",\"quote\":\"He said \\\"hi\\\"\"}\n"
    );
}

#[test]
fn quoted_field_with_newlines() {
    assert_eq!(jsonl("a,b\n\"line1\nline2\",x\n"), "{\"a\":\"line1\\nline2\",\"b\":\"x\"}\n");
    assert_eq!(jsonl("a\n\"x\r\ny\"\n"), "{\"a\":\"x\\r\\ny\"}\n");
}

#[test]
fn quoted_empty_and_quoted_header() {
    assert_eq!(jsonl("\"a,1\",b\n\"\",\"\"\"\"\n"), "{\"a,1\":\"\",\"b\":\"\\\"\"}\n");
}

#[test]
fn quote_inside_unquoted_field_is_literal() {
    assert_eq!(jsonl("a\nx\"y\"\n"), "{\"a\":\"x\\\"y\\\"\"}\n");
}

#[test]
fn no_trimming() {
    assert_eq!(jsonl(" a , b\n 1 ,2 \n"), "{\" a \":\" 1 \",\" b\":\"2 \"}\n");
}

#[test]
fn json_escapes() {
    assert_eq!(
        jsonl("a\n\"back\\slash\ttab\u{8}\u{c}\u{1}\u{1f}\"\n"),
        "{\"a\":\"back\\\\slash\\ttab\\b\\f\\u0001\\u001f\"}\n"
    );
}

#[test]
fn unicode_passes_through() {
    assert_eq!(jsonl("ville,😀\nZürich,日本\n"), "{\"ville\":\"Zürich\",\"😀\":\"日本\"}\n");
}

#[test]
fn bom_is_ignored() {
    assert_eq!(jsonl("\u{feff}a\n1\n"), "{\"a\":\"1\"}\n");
}

#[test]
fn custom_delimiters() {
    assert_eq!(ok(&["--delimiter", ";", "--format", "jsonl"], "a;b\n1,5;x\n"), "{\"a\":\"1,5\",\"b\":\"x\"}\n");
    assert_eq!(ok(&["--delimiter", "tab", "--format", "jsonl"], "a\tb\n1\t2\n"), "{\"a\":\"1\",\"b\":\"2\"}\n");
    assert_eq!(ok(&["--delimiter", "|", "--format", "jsonl"], "a|b\n\"x|y\"|2\n"), "{\"a\":\"x|y\",\"b\":\"2\"}\n");
}

#[test]
fn no_header_names_columns() {
    assert_eq!(
        ok(&["--no-header", "--format", "jsonl"], "1,2,3\n4,5,6\n"),
        "{\"col1\":\"1\",\"col2\":\"2\",\"col3\":\"3\"}\n{\"col1\":\"4\",\"col2\":\"5\",\"col3\":\"6\"}\n"
    );
}

#[test]
fn types() {
    let out = ok(
        &["--types", "--format", "jsonl"],
        "i,n,d,t,f,e,s\n42,-7,3.25,true,false,,hello\n0,-0,-0.5,True,FALSE,\"\",\"12\"\n",
    );
    assert_eq!(
        out,
        "{\"i\":42,\"n\":-7,\"d\":3.25,\"t\":true,\"f\":false,\"e\":null,\"s\":\"hello\"}\n\
         {\"i\":0,\"n\":-0,\"d\":-0.5,\"t\":\"True\",\"f\":\"FALSE\",\"e\":null,\"s\":12}\n"
    );
}

#[test]
fn types_keep_non_canonical_numbers_as_strings() {
    let out = ok(&["--types", "--format", "jsonl", "--no-header"], "007,1e5,+1,1.,.5,1.2.3,-,0x10, 1,12345678901234567890\n");
    assert_eq!(
        out,
        "{\"col1\":\"007\",\"col2\":\"1e5\",\"col3\":\"+1\",\"col4\":\"1.\",\"col5\":\".5\",\"col6\":\"1.2.3\",\"col7\":\"-\",\"col8\":\"0x10\",\"col9\":\" 1\",\"col10\":12345678901234567890}\n"
    );
}

#[test]
fn without_types_everything_is_a_string() {
    assert_eq!(jsonl("a,b,c\n1,true,\n"), "{\"a\":\"1\",\"b\":\"true\",\"c\":\"\"}\n");
}

#[test]
fn select_orders_columns() {
    assert_eq!(
        ok(&["--select", "c,a", "--format", "jsonl"], "a,b,c\n1,2,3\n"),
        "{\"c\":\"3\",\"a\":\"1\"}\n"
    );
    assert_eq!(
        ok(&["--no-header", "--select", "col2", "--format", "jsonl"], "1,2\n"),
        "{\"col2\":\"2\"}\n"
    );
}

#[test]
fn select_with_types_and_json() {
    assert_eq!(
        ok(&["--types", "--select", "n"], "s,n\nx,5\ny,6\n"),
        "[\n  {\"n\":5},\n  {\"n\":6}\n]\n"
    );
}

#[test]
fn reads_file_argument_and_options_after_it() {
    let p = temp_file("a,b\n1,2\n");
    let path = p.to_str().unwrap();
    assert_eq!(ok(&[path, "--format", "jsonl"], "ignored\n"), "{\"a\":\"1\",\"b\":\"2\"}\n");
    assert_eq!(ok(&["--format", "jsonl", path], ""), "{\"a\":\"1\",\"b\":\"2\"}\n");
    let _ = std::fs::remove_file(p);
}

#[test]
fn dash_means_stdin() {
    assert_eq!(ok(&["-", "--format", "jsonl"], "a\n1\n"), "{\"a\":\"1\"}\n");
}

#[test]
fn help() {
    let o = run(&["--help"], "");
    assert_eq!(o.code, 0);
    assert!(o.stdout.contains("usage"), "{:?}", o.stdout);
}

#[test]
fn usage_errors() {
    err(&["--bogus"], "a\n1\n", 1, "tabconv: ");
    err(&["--format", "xml"], "a\n1\n", 1, "tabconv: ");
    err(&["--format"], "a\n1\n", 1, "tabconv: ");
    err(&["--delimiter", ";;"], "a\n1\n", 1, "tabconv: ");
    err(&["--delimiter", "\""], "a\n1\n", 1, "tabconv: ");
    err(&["--delimiter"], "a\n1\n", 1, "tabconv: ");
    err(&["a.csv", "b.csv"], "", 1, "tabconv: ");
}

#[test]
fn missing_file() {
    err(&["/nonexistent/dir/x.csv"], "", 1, "tabconv: cannot read /nonexistent/dir/x.csv");
}

#[test]
fn wrong_field_count() {
    err(&[], "a,b\n1,2\n3\n", 2, "tabconv: line 3: expected 2 fields, found 1");
    err(&[], "a,b\n1,2,3\n", 2, "tabconv: line 2: expected 2 fields, found 3");
    err(&["--no-header"], "1,2\n3,4\n5,6,7\n", 2, "tabconv: line 3: expected 2 fields, found 3");
}

#[test]
fn line_numbers_count_physical_lines() {
    // the quoted field spans lines 2-3, blank line 4 is skipped: the bad record is on line 5
    err(&[], "a,b\n\"x\ny\",1\n\n9\n", 2, "tabconv: line 5: expected 2 fields, found 1");
}

#[test]
fn unterminated_quote() {
    err(&[], "a,b\n1,\"open\n2,3\n", 2, "tabconv: line 2: unterminated quoted field");
    err(&["--format", "jsonl"], "a\n\"", 2, "tabconv: line 2: unterminated quoted field");
}

#[test]
fn garbage_after_closing_quote() {
    err(&[], "a,b\n\"x\"y,1\n", 2, "tabconv: line 2: ");
}

#[test]
fn duplicate_columns() {
    err(&[], "a,b,a\n1,2,3\n", 2, "tabconv: duplicate column 'a'");
}

#[test]
fn unknown_selected_column() {
    err(&["--select", "a,zz"], "a,b\n1,2\n", 2, "tabconv: unknown column 'zz'");
}

#[test]
fn no_partial_output_on_late_error() {
    err(&["--format", "jsonl"], "a\n1\n2\n3\n4,5\n", 2, "tabconv: line 5: expected 1 fields, found 2");
}

#[test]
fn error_precedence() {
    // CSV syntax before duplicate columns and field counts
    err(&[], "a,a\n1\n\"x", 2, "tabconv: line 3: unterminated quoted field");
    // duplicate column before unknown --select column
    err(&["--select", "zz"], "a,a\n1,2\n", 2, "tabconv: duplicate column 'a'");
    // unknown --select column before field counts
    err(&["--select", "zz"], "a,b\n1\n", 2, "tabconv: unknown column 'zz'");
}

#[test]
fn many_records() {
    let mut input = String::from("id,v\n");
    let mut expected = String::new();
    for i in 0..2000 {
        input.push_str(&format!("{},\"v,{}\"\n", i, i));
        expected.push_str(&format!("{{\"id\":{},\"v\":\"v,{}\"}}\n", i, i));
    }
    assert_eq!(ok(&["--types", "--format", "jsonl"], &input), expected);
}
