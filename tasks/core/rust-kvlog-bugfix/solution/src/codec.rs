//! Log record encoding.
//!
//! ```text
//! op        u8       1 = set, 2 = delete
//! key_len   u32 LE   length of the key in bytes
//! val_len   u32 LE   length of the value in bytes (0 for delete)
//! key       key_len bytes, UTF-8
//! value     val_len bytes, UTF-8
//! checksum  u32 LE   FNV-1a (32-bit) of all the bytes above
//! ```

pub const HEADER_LEN: usize = 9;
pub const CHECKSUM_LEN: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Set(String, String),
    Delete(String),
}

/// Outcome of decoding at the start of a buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// A whole record and the number of bytes it used.
    Complete(Record, usize),
    /// The buffer ends before the record does.
    Incomplete,
}

/// The bytes at the start of the buffer are not a valid record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid;

pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

pub fn encode(rec: &Record) -> Vec<u8> {
    let (op, key, value) = match rec {
        Record::Set(k, v) => (1u8, k.as_str(), v.as_str()),
        Record::Delete(k) => (2u8, k.as_str(), ""),
    };
    let mut out = Vec::with_capacity(HEADER_LEN + key.len() + value.len() + CHECKSUM_LEN);
    out.push(op);
    out.extend_from_slice(&(key.len() as u32).to_le_bytes());
    out.extend_from_slice(&(value.len() as u32).to_le_bytes());
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(value.as_bytes());
    let sum = fnv1a(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

fn u32_at(buf: &[u8], at: usize) -> usize {
    u32::from_le_bytes([buf[at], buf[at + 1], buf[at + 2], buf[at + 3]]) as usize
}

pub fn decode(buf: &[u8]) -> Result<Decoded, Invalid> {
    if buf.len() < HEADER_LEN {
        return Ok(Decoded::Incomplete);
    }
    let op = buf[0];
    let key_len = u32_at(buf, 1);
    let val_len = u32_at(buf, 5);
    let body_end = HEADER_LEN + key_len + val_len;
    let total = body_end + CHECKSUM_LEN;
    if buf.len() < total {
        return Ok(Decoded::Incomplete);
    }
    if fnv1a(&buf[..body_end]) as usize != u32_at(buf, body_end) {
        return Err(Invalid);
    }
    let key = std::str::from_utf8(&buf[HEADER_LEN..HEADER_LEN + key_len]).map_err(|_| Invalid)?;
    let value = std::str::from_utf8(&buf[HEADER_LEN + key_len..body_end]).map_err(|_| Invalid)?;
    let rec = match op {
        1 => Record::Set(key.to_string(), value.to_string()),
        2 if val_len == 0 => Record::Delete(key.to_string()),
        _ => return Err(Invalid),
    };
    Ok(Decoded::Complete(rec, total))
}
