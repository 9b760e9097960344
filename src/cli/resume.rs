//! `fetch --resume FILE`: where an export written by an earlier `fetch` stopped. The events come
//! newest first, so the oldest one in the file is where it stopped: the next run asks for the
//! events up to that second and drops the ones of that second the file already holds. A line cut
//! short by a kill is cut off the file first, so it only ever holds whole events.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::events::EventFormat;

/// What the file says of the export so far.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ResumePoint {
    /// Events in the file.
    pub events: usize,
    /// The oldest `created_at` among them, `None` for an empty (or new) file.
    pub oldest: Option<i64>,
    /// The ids of the events of that second, which the next run asks for again.
    pub boundary_ids: HashSet<String>,
    /// True when the file has no CSV header yet (new or empty).
    pub needs_header: bool,
}

/// Why the file cannot be resumed.
#[derive(Debug)]
pub enum ResumeError {
    /// A JSON array cannot be appended to: resume takes jsonl or csv.
    Format,
    /// The file cannot be read or written.
    Io { path: PathBuf, error: io::Error },
    /// A line is no event this program wrote (`line` is 1-based).
    Line { path: PathBuf, line: usize, problem: LineProblem },
}

/// What is wrong with a line of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineProblem {
    NotJson,
    NoIdOrCreatedAt,
    NoIdColumn,
    NoCreatedAtColumn,
}

/// Reads `path` (which may not exist yet), cuts off a last line left half written, and says
/// where to go on.
pub fn read(path: &Path, format: EventFormat) -> Result<ResumePoint, ResumeError> {
    let io_error = |error| ResumeError::Io { path: path.to_path_buf(), error };
    if format == EventFormat::Json {
        return Err(ResumeError::Format);
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Ok(ResumePoint { needs_header: true, ..ResumePoint::default() })
        }
        Err(error) => return Err(io_error(error)),
    };
    let (point, whole) = match format {
        EventFormat::Csv => read_csv(path, file)?,
        _ => read_jsonl(path, file)?,
    };
    // Whatever follows the last whole event was cut short: it goes, so appending starts clean.
    let length = std::fs::metadata(path).map_err(io_error)?.len();
    if length > whole {
        let file = OpenOptions::new().write(true).open(path).map_err(io_error)?;
        file.set_len(whole).map_err(io_error)?;
    }
    Ok(point)
}

impl ResumePoint {
    /// Counts an event of the file.
    fn add(&mut self, id: String, at: i64) {
        self.events += 1;
        match self.oldest {
            Some(oldest) if at > oldest => {}
            Some(oldest) if at == oldest => {
                self.boundary_ids.insert(id);
            }
            _ => {
                self.oldest = Some(at);
                self.boundary_ids = HashSet::from([id]);
            }
        }
    }
}

/// JSON lines: the point, and the bytes of whole lines.
fn read_jsonl(path: &Path, file: File) -> Result<(ResumePoint, u64), ResumeError> {
    let mut point = ResumePoint::default();
    let mut reader = BufReader::new(file);
    let (mut whole, mut number, mut line) = (0u64, 0, Vec::new());
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|error| ResumeError::Io { path: path.to_path_buf(), error })?;
        if read == 0 || line.last() != Some(&b'\n') {
            break;
        }
        number += 1;
        let bad = |problem| ResumeError::Line { path: path.to_path_buf(), line: number, problem };
        let event: Value = serde_json::from_slice(&line).map_err(|_| bad(LineProblem::NotJson))?;
        let id = event.get("id").map(crate::text::plain);
        let (Some(id), Some(at)) = (id, event.get("created_at").and_then(Value::as_i64)) else {
            return Err(bad(LineProblem::NoIdOrCreatedAt));
        };
        point.add(id, at);
        whole += read as u64;
    }
    Ok((point, whole))
}

/// CSV as `fetch --format csv` writes it (cells may hold line breaks, inside quotes): the point,
/// and the bytes of whole records. A record cut short has fewer cells than the header, or is not
/// ended by a line break.
fn read_csv(path: &Path, file: File) -> Result<(ResumePoint, u64), ResumeError> {
    let length = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(BufReader::new(file));
    let mut point = ResumePoint { needs_header: true, ..ResumePoint::default() };
    let mut record = csv::StringRecord::new();
    let (mut whole, mut columns) = (0u64, None);
    loop {
        let line = reader.position().line() as usize;
        let bad = |problem| ResumeError::Line { path: path.to_path_buf(), line, problem };
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) if error.is_io_error() => {
                return Err(ResumeError::Io {
                    path: path.to_path_buf(),
                    error: io::Error::other(error.to_string()),
                })
            }
            Err(_) => break,
        }
        let end = reader.position().byte();
        let ended = end < length || (end == length && ends_with_newline(path, length));
        let Some((id, at, width)) = columns else {
            let find = |name: &str| record.iter().position(|field| field == name);
            if !ended {
                break;
            }
            columns = Some((
                find("id").ok_or_else(|| bad(LineProblem::NoIdColumn))?,
                find("created_at").ok_or_else(|| bad(LineProblem::NoCreatedAtColumn))?,
                record.len(),
            ));
            point.needs_header = false;
            whole = end;
            continue;
        };
        if !ended || record.len() != width {
            break;
        }
        let at = record.get(at).and_then(|at| at.parse::<i64>().ok());
        let (Some(id), Some(at)) = (record.get(id), at) else {
            return Err(bad(LineProblem::NoIdOrCreatedAt));
        };
        point.add(id.to_owned(), at);
        whole = end;
    }
    Ok((point, whole))
}

/// True when the file's byte before `length` is a line break.
fn ends_with_newline(path: &Path, length: u64) -> bool {
    let Ok(mut file) = File::open(path) else { return false };
    let mut last = [0u8; 1];
    length > 0
        && file.seek(SeekFrom::Start(length - 1)).is_ok()
        && std::io::Read::read_exact(&mut file, &mut last).is_ok()
        && last[0] == b'\n'
}

/// Opens `path` to append whole events to.
pub fn append(path: &Path) -> io::Result<File> {
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    file.seek(SeekFrom::End(0))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("kommo-resume-{name}-{}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn the_oldest_second_and_its_ids_are_where_to_go_on_and_a_torn_line_goes() {
        let text = "{\"id\":\"a\",\"created_at\":30}\n{\"id\":\"b\",\"created_at\":20}\n{\"id\":\"c\",\"created_at\":20}\n{\"id\":\"d\",\"crea";
        let path = file("jsonl", text);
        let point = read(&path, EventFormat::Jsonl).unwrap();
        assert_eq!(point.events, 3);
        assert_eq!(point.oldest, Some(20));
        assert_eq!(point.boundary_ids, HashSet::from(["b".to_string(), "c".to_string()]));
        assert!(
            std::fs::read_to_string(&path).unwrap().ends_with("\"created_at\":20}\n"),
            "the torn line is cut off"
        );
    }

    #[test]
    fn csv_is_read_by_its_header_and_a_new_file_needs_one() {
        let path = file(
            "csv",
            "id,created_at,type\nx,50,lead_added\n\"y,1\",40,\"two\nlines \"\"quoted\"\"\"\nz,30,\"torn\nhal",
        );
        let point = read(&path, EventFormat::Csv).unwrap();
        assert_eq!((point.events, point.oldest, point.needs_header), (2, Some(40), false));
        assert!(point.boundary_ids.contains("y,1"));
        assert!(
            std::fs::read_to_string(&path).unwrap().ends_with("quoted\"\"\"\n"),
            "the torn record is cut off"
        );
        let missing = std::env::temp_dir().join("kommo-resume-none-such-file");
        let point = read(&missing, EventFormat::Csv).unwrap();
        assert!(point.needs_header && point.oldest.is_none());
    }

    #[test]
    fn a_json_array_or_a_foreign_line_is_refused_with_its_place() {
        assert!(matches!(read(Path::new("x.json"), EventFormat::Json), Err(ResumeError::Format)));
        let path = file("foreign", "{\"id\":\"a\",\"created_at\":1}\nhello\n");
        match read(&path, EventFormat::Jsonl) {
            Err(ResumeError::Line { line: 2, .. }) => {}
            other => panic!("expected line 2 refused, got {other:?}"),
        }
    }
}
