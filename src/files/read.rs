//! Bounded reading: each kind of file OnTrack reads has a size limit, checked before reading from
//! the file's metadata and again while reading (a device, or a file that grows, may say it is
//! empty), and only regular files are read, so `/dev/zero`, a FIFO or a huge file is refused at
//! once, in bounded time and memory, with a message that names the limit.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// A kind of file OnTrack reads, with the most it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A scenario file: its briefing and notes are text a person wrote; 64 MiB is hundreds of books.
    Scenario,
    /// A run file: it embeds its scenario, so its limit is the scenario's and 64 MiB for the case
    /// records and answers (a run of 1 000 cases takes a few MiB).
    Run,
    /// A CSV of forecasts and outcomes (`score --forecasts`): about 25 million rows.
    ForecastCsv,
    /// A live class's receipt (beside the station's copy of a run): a time per answer, so 16 MiB
    /// is about half a million answers, far more than any run holds.
    Receipt,
}

impl Kind {
    /// The most bytes a file of this kind may hold.
    pub const fn limit(self) -> u64 {
        match self {
            Kind::Scenario => 64 << 20,
            Kind::Run => 128 << 20,
            Kind::ForecastCsv => 256 << 20,
            Kind::Receipt => 16 << 20,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Scenario => "a scenario file",
            Kind::Run => "a run file",
            Kind::ForecastCsv => "a forecasts file",
            Kind::Receipt => "a live class's receipt",
        }
    }
}

/// What a path names when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFile {
    Folder,
    Fifo,
    Device,
    Socket,
    /// Anything else that is not a regular file.
    Other,
}

impl NotAFile {
    /// Its Fluent key, for the trainer's words in the chosen language.
    pub fn key(self) -> &'static str {
        match self {
            NotAFile::Folder => "entry-folder",
            NotAFile::Fifo => "entry-fifo",
            NotAFile::Device => "entry-device",
            NotAFile::Socket => "entry-socket",
            NotAFile::Other => "entry-not-regular",
        }
    }
}

impl std::fmt::Display for NotAFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotAFile::Folder => "a folder",
            NotAFile::Fifo => "a FIFO (named pipe)",
            NotAFile::Device => "a device",
            NotAFile::Socket => "a socket",
            NotAFile::Other => "not a regular file",
        })
    }
}

/// What a path names when it is not a regular file.
pub fn not_a_file(meta: &std::fs::Metadata) -> Option<NotAFile> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some(NotAFile::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(NotAFile::Fifo);
        }
        if t.is_char_device() || t.is_block_device() {
            return Some(NotAFile::Device);
        }
        if t.is_socket() {
            return Some(NotAFile::Socket);
        }
    }
    Some(NotAFile::Other)
}

/// Reads the whole file at `path` if it is a regular file of at most `kind`'s limit. The error is
/// an `io::Error` whose text says what is wrong and what to do, for the reader's own "cannot read"
/// message.
pub fn read_bounded(path: &Path, kind: Kind) -> io::Result<Vec<u8>> {
    let limit = kind.limit();
    let too_large = || {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "it is larger than {} MiB, the most {} may hold — this is not a file OnTrack wrote, or it is damaged",
                limit >> 20,
                kind.name()
            ),
        )
    };
    // The type is checked before opening: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(path)?;
    if let Some(what) = not_a_file(&meta) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {what}, not a file — name a file, or save what it gives to one first"),
        ));
    }
    if meta.len() > limit {
        return Err(too_large());
    }
    let file = open_without_waiting(path)?;
    // The guard: a file swapped for a device after the check, or one that grows, stops here.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads like [`read_bounded`], as UTF-8 text with a leading byte order mark dropped (some Windows
/// editors write one).
pub fn read_text_bounded(path: &Path, kind: Kind) -> io::Result<String> {
    let bytes = read_bounded(path, kind)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Opens for reading without blocking on a FIFO that was put in the file's place after its type
/// was checked (its reads then end at once instead of waiting for a writer).
fn open_without_waiting(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn the_limits_leave_room_for_a_run_that_embeds_the_largest_scenario() {
        assert!(Kind::Run.limit() >= Kind::Scenario.limit() + (32 << 20));
    }

    #[test]
    fn a_device_a_folder_and_a_large_file_are_refused_before_reading() {
        let start = Instant::now();
        #[cfg(unix)]
        {
            let err = read_bounded(Path::new("/dev/zero"), Kind::Run).expect_err("a device");
            assert!(err.to_string().contains("a device"), "{err}");
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let err = read_bounded(dir.path(), Kind::Scenario).expect_err("a folder");
        assert!(err.to_string().contains("a folder"), "{err}");
        let big = dir.path().join("big.ron");
        let f = File::create(&big).expect("create");
        f.set_len(Kind::Scenario.limit() + 1).expect("sparse file");
        let err = read_bounded(&big, Kind::Scenario).expect_err("too large");
        assert!(err.to_string().contains("64 MiB"), "{err}");
        f.set_len(Kind::Scenario.limit()).expect("sparse file");
        assert_eq!(
            read_bounded(&big, Kind::Scenario)
                .map(|b| b.len() as u64)
                .ok(),
            Some(Kind::Scenario.limit()),
            "a file at the limit is read"
        );
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bom.ron");
        std::fs::write(&path, "\u{feff}(a: 1)").expect("write");
        assert_eq!(
            read_text_bounded(&path, Kind::Run).expect("reads"),
            "(a: 1)"
        );
    }
}
