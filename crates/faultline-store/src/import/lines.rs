//! Line sources for the importers: plain files and `.zip` archives, read as
//! raw bytes so that one bad line (invalid UTF-8) is one rejected row.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::error::{RowError, StoreError};

/// Calls `f(line_number, bytes)` for every line of `path` (for a zip archive:
/// of every member, numbered within the member), without the line ending.
///
/// A zip archive is read as a stream of local entries, not through its
/// central directory, so that a truncated download still yields every line
/// before the cut; the cut itself is returned as a [`RowError`] at the line
/// where reading stopped.
pub fn for_each_line(
    path: &Path,
    mut f: impl FnMut(usize, &[u8]),
) -> Result<Option<RowError>, StoreError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| StoreError::io(&name, e))?;
    let is_zip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if !is_zip {
        let mut r = BufReader::with_capacity(1 << 20, file);
        return Ok(read_lines(&mut r, &name, &mut f));
    }
    let mut raw = BufReader::with_capacity(1 << 20, file);
    let mut members = 0usize;
    loop {
        match zip::read::read_zipfile_from_stream(&mut raw) {
            Ok(Some(mut entry)) => {
                members += 1;
                if entry.is_dir() {
                    continue;
                }
                let member = format!("{name}!{}", entry.name().map(|n| n.into_owned()).unwrap_or_default());
                let mut r = BufReader::with_capacity(1 << 20, &mut entry);
                if let Some(err) = read_lines(&mut r, &member, &mut f) {
                    return Ok(Some(err));
                }
            }
            Ok(None) => {
                if members == 0 {
                    return Err(StoreError::Zip { path: name, message: "no entries".to_owned() });
                }
                return Ok(None);
            }
            Err(e) if members == 0 => return Err(StoreError::Zip { path: name, message: e.to_string() }),
            // Entries after the first failing to parse: the archive was cut
            // short between members.
            Err(e) => {
                return Ok(Some(RowError {
                    file: name,
                    line: 0,
                    message: format!("zip archive truncated or corrupt after member {members}: {e}"),
                }))
            }
        }
    }
}

/// Reads lines until EOF or an I/O error, which is returned as a row error
/// at the line that could not be read (its partial bytes are discarded).
fn read_lines(r: &mut impl BufRead, name: &str, f: &mut impl FnMut(usize, &[u8])) -> Option<RowError> {
    let mut buf = Vec::with_capacity(4096);
    let mut line = 0usize;
    loop {
        buf.clear();
        line += 1;
        match r.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {
                let mut end = buf.len();
                if end > 0 && buf[end - 1] == b'\n' {
                    end -= 1;
                }
                if end > 0 && buf[end - 1] == b'\r' {
                    end -= 1;
                }
                f(line, &buf[..end]);
            }
            Err(e) => {
                return Some(RowError {
                    file: name.to_owned(),
                    line,
                    message: format!("cannot read further (truncated or corrupt data): {e}; the rest of the file is lost"),
                })
            }
        }
    }
}
