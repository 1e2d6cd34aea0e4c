use crate::codec::{self, Decoded, Record};
use std::collections::HashMap;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    /// The log holds an invalid record starting at this byte offset.
    Corrupt { offset: u64 },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {}", e),
            Error::Corrupt { offset } => write!(f, "corrupt log at byte {}", offset),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// A key-value store backed by an append-only log file.
pub struct Store {
    path: PathBuf,
    file: File,
    map: HashMap<String, String>,
}

impl Store {
    /// Opens the store at `path`, creating an empty log if there is none, and replays it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, Error> {
        let path = path.as_ref().to_path_buf();
        let data = match fs::read(&path) {
            Ok(d) => d,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        let mut map = HashMap::new();
        let mut pos = 0;
        while pos < data.len() {
            match codec::decode(&data[pos..]) {
                Ok(Decoded::Complete(rec, used)) => {
                    match rec {
                        Record::Set(k, v) => {
                            map.insert(k, v);
                        }
                        Record::Delete(k) => {
                            map.remove(&k);
                        }
                    }
                    pos += used;
                }
                Ok(Decoded::Incomplete) | Err(_) => return Err(Error::Corrupt { offset: pos as u64 }),
            }
        }
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        Ok(Store { path, file, map })
    }

    fn append(&mut self, rec: &Record) -> Result<(), Error> {
        self.file.write_all(&codec::encode(rec))?;
        self.file.flush()?;
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(|v| v.as_str())
    }

    pub fn set(&mut self, key: &str, value: &str) -> Result<(), Error> {
        self.append(&Record::Set(key.to_string(), value.to_string()))?;
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    /// Removes `key`; returns whether it was present.
    pub fn delete(&mut self, key: &str) -> Result<bool, Error> {
        self.append(&Record::Delete(key.to_string()))?;
        self.map.remove(key);
        Ok(true)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// All keys, sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.map.keys().cloned().collect();
        keys.sort();
        keys
    }

    /// Size of the log file in bytes.
    pub fn log_size(&self) -> Result<u64, Error> {
        Ok(fs::metadata(&self.path)?.len())
    }

    /// Rewrites the log so that it holds one `set` record per live key (in key order).
    pub fn compact(&mut self) -> Result<(), Error> {
        let tmp = self.path.with_extension("compact");
        let mut out = File::create(&tmp)?;
        for key in self.keys() {
            let rec = Record::Set(key.clone(), self.map[&key].clone());
            out.write_all(&codec::encode(&rec))?;
        }
        out.sync_all()?;
        fs::rename(&tmp, &self.path)?;
        Ok(())
    }
}
