use kvlog::{Error, Store};
use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "kvlog-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn log(&self) -> PathBuf {
        self.0.join("data.log")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Size of one encoded set record.
fn set_len(k: &str, v: &str) -> u64 {
    (9 + k.len() + v.len() + 4) as u64
}

fn del_len(k: &str) -> u64 {
    (9 + k.len() + 4) as u64
}

/// A record written by hand, per the documented format.
fn raw_record(op: u8, k: &str, v: &str) -> Vec<u8> {
    let mut out = vec![op];
    out.extend_from_slice(&(k.len() as u32).to_le_bytes());
    out.extend_from_slice(&(v.len() as u32).to_le_bytes());
    out.extend_from_slice(k.as_bytes());
    out.extend_from_slice(v.as_bytes());
    let mut h: u32 = 0x811c_9dc5;
    for b in &out {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    out.extend_from_slice(&h.to_le_bytes());
    out
}

#[test]
fn open_creates_empty_log() {
    let d = TempDir::new();
    let s = Store::open(d.log()).unwrap();
    assert!(s.is_empty());
    assert_eq!(s.len(), 0);
    assert!(d.log().exists());
    assert_eq!(s.log_size().unwrap(), 0);
}

#[test]
fn set_get_and_reopen() {
    let d = TempDir::new();
    {
        let mut s = Store::open(d.log()).unwrap();
        s.set("a", "1").unwrap();
        s.set("b", "2").unwrap();
        s.set("a", "3").unwrap();
        assert_eq!(s.get("a"), Some("3"));
        assert_eq!(s.get("zz"), None);
    }
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.get("a"), Some("3"));
    assert_eq!(s.get("b"), Some("2"));
    assert_eq!(s.keys(), vec!["a", "b"]);
}

#[test]
fn writes_are_on_disk_before_returning() {
    let d = TempDir::new();
    let mut s = Store::open(d.log()).unwrap();
    s.set("k", "v").unwrap();
    assert_eq!(fs::metadata(d.log()).unwrap().len(), set_len("k", "v"));
    let other = Store::open(d.log()).unwrap();
    assert_eq!(other.get("k"), Some("v"));
}

#[test]
fn reads_log_written_to_the_documented_format() {
    let d = TempDir::new();
    let mut bytes = raw_record(1, "x", "1");
    bytes.extend(raw_record(1, "héllo", "wörld"));
    bytes.extend(raw_record(2, "x", ""));
    fs::write(d.log(), &bytes).unwrap();
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.keys(), vec!["héllo"]);
    assert_eq!(s.get("héllo"), Some("wörld"));
}

#[test]
fn writes_the_documented_format() {
    let d = TempDir::new();
    let mut s = Store::open(d.log()).unwrap();
    s.set("café", "東京").unwrap();
    s.delete("café").unwrap();
    let mut expected = raw_record(1, "café", "東京");
    expected.extend(raw_record(2, "café", ""));
    assert_eq!(fs::read(d.log()).unwrap(), expected);
}

#[test]
fn unicode_survives_reopen() {
    let d = TempDir::new();
    {
        let mut s = Store::open(d.log()).unwrap();
        s.set("café", "crème brûlée").unwrap();
        s.set("東京", "🗼").unwrap();
        s.set("plain", "ascii").unwrap();
    }
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.get("café"), Some("crème brûlée"));
    assert_eq!(s.get("東京"), Some("🗼"));
    assert_eq!(s.get("plain"), Some("ascii"));
    assert_eq!(s.len(), 3);
}

#[test]
fn empty_key_and_value_and_large_value() {
    let d = TempDir::new();
    let big = "x".repeat(200_000) + "é";
    {
        let mut s = Store::open(d.log()).unwrap();
        s.set("", "empty key").unwrap();
        s.set("empty value", "").unwrap();
        s.set("big", &big).unwrap();
    }
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.get(""), Some("empty key"));
    assert_eq!(s.get("empty value"), Some(""));
    assert_eq!(s.get("big"), Some(big.as_str()));
}

#[test]
fn delete_existing_and_missing() {
    let d = TempDir::new();
    let mut s = Store::open(d.log()).unwrap();
    s.set("a", "1").unwrap();
    let size = s.log_size().unwrap();
    assert!(!s.delete("nope").unwrap());
    assert_eq!(s.log_size().unwrap(), size, "deleting a missing key must not write");
    assert!(s.delete("a").unwrap());
    assert_eq!(s.log_size().unwrap(), size + del_len("a"));
    assert!(!s.delete("a").unwrap());
    assert_eq!(s.log_size().unwrap(), size + del_len("a"));
    drop(s);
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.get("a"), None);
    assert!(s.is_empty());
}

#[test]
fn compact_shrinks_log_and_keeps_data() {
    let d = TempDir::new();
    let mut s = Store::open(d.log()).unwrap();
    for i in 0..50 {
        s.set("k", &i.to_string()).unwrap();
        s.set(&format!("tmp{}", i), "x").unwrap();
        s.delete(&format!("tmp{}", i)).unwrap();
    }
    s.set("another", "é").unwrap();
    s.compact().unwrap();
    assert_eq!(s.log_size().unwrap(), set_len("another", "é") + set_len("k", "49"));
    assert_eq!(s.get("k"), Some("49"));
    drop(s);
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.keys(), vec!["another", "k"]);
    assert_eq!(s.get("k"), Some("49"));
}

#[test]
fn compact_writes_records_in_key_order() {
    let d = TempDir::new();
    let mut s = Store::open(d.log()).unwrap();
    s.set("b", "2").unwrap();
    s.set("a", "1").unwrap();
    s.compact().unwrap();
    let mut expected = raw_record(1, "a", "1");
    expected.extend(raw_record(1, "b", "2"));
    assert_eq!(fs::read(d.log()).unwrap(), expected);
}

#[test]
fn writes_after_compact_persist() {
    let d = TempDir::new();
    {
        let mut s = Store::open(d.log()).unwrap();
        s.set("a", "1").unwrap();
        s.set("b", "2").unwrap();
        s.compact().unwrap();
        s.set("c", "3").unwrap();
        s.set("a", "10").unwrap();
        assert!(s.delete("b").unwrap());
        assert_eq!(
            s.log_size().unwrap(),
            set_len("a", "1") + set_len("b", "2") + set_len("c", "3") + set_len("a", "10") + del_len("b")
        );
    }
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.get("a"), Some("10"));
    assert_eq!(s.get("b"), None);
    assert_eq!(s.get("c"), Some("3"));
}

#[test]
fn compact_twice_and_on_empty_store() {
    let d = TempDir::new();
    {
        let mut s = Store::open(d.log()).unwrap();
        s.compact().unwrap();
        assert_eq!(s.log_size().unwrap(), 0);
        s.set("x", "1").unwrap();
        s.compact().unwrap();
        s.set("y", "2").unwrap();
        s.compact().unwrap();
        s.set("z", "3").unwrap();
    }
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.keys(), vec!["x", "y", "z"]);
}

#[test]
fn compact_leaves_no_stray_files() {
    let d = TempDir::new();
    let mut s = Store::open(d.log()).unwrap();
    s.set("x", "1").unwrap();
    s.compact().unwrap();
    let names: Vec<String> = fs::read_dir(&d.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["data.log"]);
}

fn write_three(d: &TempDir) -> u64 {
    let mut s = Store::open(d.log()).unwrap();
    s.set("one", "1").unwrap();
    s.set("two", "2").unwrap();
    s.set("three", "trois").unwrap();
    set_len("one", "1") + set_len("two", "2")
}

#[test]
fn torn_tail_is_discarded_at_every_cut() {
    let last = set_len("three", "trois");
    for cut in 1..last {
        let d = TempDir::new();
        let good = write_three(&d);
        let full = good + last;
        let f = fs::OpenOptions::new().write(true).open(d.log()).unwrap();
        f.set_len(full - cut).unwrap();
        drop(f);
        let s = Store::open(d.log()).unwrap_or_else(|e| panic!("cut {}: {}", cut, e));
        assert_eq!(s.keys(), vec!["one", "two"], "cut {}", cut);
        assert_eq!(s.get("three"), None);
        assert_eq!(fs::metadata(d.log()).unwrap().len(), good, "cut {}: file not truncated", cut);
    }
}

#[test]
fn store_works_after_torn_tail() {
    let d = TempDir::new();
    let good = write_three(&d);
    let f = fs::OpenOptions::new().write(true).open(d.log()).unwrap();
    f.set_len(good + 5).unwrap();
    drop(f);
    {
        let mut s = Store::open(d.log()).unwrap();
        s.set("four", "4").unwrap();
        assert!(s.delete("one").unwrap());
    }
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.keys(), vec!["four", "two"]);
    assert_eq!(s.get("four"), Some("4"));
}

#[test]
fn torn_header_only() {
    let d = TempDir::new();
    let mut bytes = raw_record(1, "a", "1");
    bytes.extend_from_slice(&[1, 200, 0]);
    fs::write(d.log(), &bytes).unwrap();
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.get("a"), Some("1"));
    assert_eq!(s.log_size().unwrap(), set_len("a", "1"));
}

#[test]
fn bad_checksum_is_corrupt_with_offset() {
    let d = TempDir::new();
    let mut bytes = raw_record(1, "a", "1");
    let mut second = raw_record(1, "bb", "22");
    second[10] ^= 0x20; // inside the key
    bytes.extend(second);
    bytes.extend(raw_record(1, "c", "3"));
    fs::write(d.log(), &bytes).unwrap();
    match Store::open(d.log()) {
        Err(Error::Corrupt { offset }) => assert_eq!(offset, set_len("a", "1")),
        Err(e) => panic!("unexpected error {}", e),
        Ok(_) => panic!("corruption not detected"),
    }
}

#[test]
fn corrupt_first_record_and_last_record() {
    let d = TempDir::new();
    let mut first = raw_record(1, "a", "1");
    first[9] = b'b';
    fs::write(d.log(), &first).unwrap();
    assert!(matches!(Store::open(d.log()), Err(Error::Corrupt { offset: 0 })));

    // a complete final record with a bad checksum is corruption, not a torn write
    let mut bytes = raw_record(1, "a", "1");
    let mut last = raw_record(1, "b", "2");
    let n = last.len();
    last[n - 1] ^= 1;
    bytes.extend(last);
    fs::write(d.log(), &bytes).unwrap();
    match Store::open(d.log()) {
        Err(Error::Corrupt { offset }) => assert_eq!(offset, set_len("a", "1")),
        Err(e) => panic!("unexpected error {}", e),
        Ok(_) => panic!("corruption not detected"),
    }
}

#[test]
fn unknown_op_and_bad_utf8_are_corrupt() {
    let d = TempDir::new();
    fs::write(d.log(), raw_record(7, "a", "1")).unwrap();
    assert!(matches!(Store::open(d.log()), Err(Error::Corrupt { offset: 0 })));
    let mut rec = vec![1u8];
    rec.extend_from_slice(&1u32.to_le_bytes());
    rec.extend_from_slice(&0u32.to_le_bytes());
    rec.push(0xff);
    let mut h: u32 = 0x811c_9dc5;
    for b in &rec {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    rec.extend_from_slice(&h.to_le_bytes());
    let mut bytes = raw_record(1, "ok", "1");
    bytes.extend(rec);
    fs::write(d.log(), &bytes).unwrap();
    match Store::open(d.log()) {
        Err(Error::Corrupt { offset }) => assert_eq!(offset, set_len("ok", "1")),
        Err(e) => panic!("unexpected error {}", e),
        Ok(_) => panic!("corruption not detected"),
    }
}

#[test]
fn many_operations_round_trip() {
    let d = TempDir::new();
    let mut model = std::collections::BTreeMap::new();
    {
        let mut s = Store::open(d.log()).unwrap();
        for i in 0..600u32 {
            let k = format!("clé{}", i % 37);
            if i % 5 == 0 {
                assert_eq!(s.delete(&k).unwrap(), model.remove(&k).is_some());
            } else {
                let v = format!("välue-{}", i);
                s.set(&k, &v).unwrap();
                model.insert(k, v);
            }
            if i == 300 {
                s.compact().unwrap();
            }
        }
    }
    let s = Store::open(d.log()).unwrap();
    assert_eq!(s.keys(), model.keys().cloned().collect::<Vec<_>>());
    for (k, v) in &model {
        assert_eq!(s.get(k), Some(v.as_str()));
    }
}
