//! One writer per run: a process that writes a run holds an exclusive lock on a hidden file beside
//! it (`.NAME.lock`) for as long as it writes, with its process id and program in it, so a second
//! writer (another `play --resume`, another app window on the same results folder) is refused at
//! once with a message that names the first, instead of both saving and one losing the other's
//! answers. The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows): it goes
//! with the process, so a crash never leaves a run locked.
//!
//! A live class station's record (a folder of run files it rewrites as answers arrive) takes the
//! same lock once for the whole folder (`.station.lock`), so a second station started on the same
//! folder is refused at once, naming the first.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Why a run cannot be written by this process.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{run}: this run is being written by another OnTrack ({holder}) — finish or close that one first; a run takes one writer at a time, so that no answer is lost"
    )]
    Held { run: PathBuf, holder: Holder },
    #[error(
        "{dir}: another live class station is keeping its record in this folder ({holder}) — stop that station first, or give this class another folder; a record takes one station at a time, so that no answer is lost"
    )]
    StationHeld { dir: PathBuf, holder: Holder },
    #[error(
        "{path}: cannot lock the run for writing ({error}) — check that its folder can be written"
    )]
    Io {
        path: PathBuf,
        /// The OS error: in the message, and deliberately not a `source`, so an error chain (`{:#}`)
        /// does not print it twice.
        error: io::Error,
    },
}

/// The lock of one run (or of a station's record), held until dropped (which removes the lock
/// file).
#[derive(Debug)]
pub struct RunLock {
    file: File,
    path: PathBuf,
}

/// The lock file of the run file at `run`.
pub fn lock_path(run: &Path) -> PathBuf {
    let name = run
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::files::write::folder_of(run).join(format!(".{name}.lock"))
}

/// The name of a live class station's lock file in the folder of its record.
pub const STATION_LOCK: &str = ".station.lock";

/// Whether a file name is that of a run's lock file (or a station's).
pub fn is_lock_name(name: &str) -> bool {
    name == STATION_LOCK || (name.starts_with('.') && name.ends_with(".ron.lock"))
}

/// What this process is, as a refused writer's message names it: set once by the command that
/// writes runs (`ontrack play`); else this is the app.
static PROGRAM: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Names this process in the lock files it writes (e.g. "`ontrack play`"); the first name set
/// stays.
pub fn set_program(name: &str) {
    let _ = PROGRAM.set(name.to_string());
}

/// What the app is called in a lock file it holds (other writers name their command).
const THE_APP: &str = "the OnTrack app";

/// Who holds the lock: this process's id and what it is.
fn holder() -> String {
    let what = PROGRAM.get().map_or(THE_APP, String::as_str);
    format!("process {}, {what}", std::process::id())
}

/// Who holds a lock, as its lock file says: kept by kind, so that a refusal can name the holder
/// in the chosen language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// A process that has taken the lock but not yet written who it is.
    Starting,
    /// An OnTrack process: its id, and its command (`None` for the app).
    Process { pid: u32, program: Option<String> },
    /// A lock file written by something else: its text as it is.
    Other(String),
}

impl Holder {
    /// Reads what [`holder`] wrote (or anything else, kept as it is).
    fn read(text: &str) -> Holder {
        if text.is_empty() {
            return Holder::Starting;
        }
        let process = text
            .strip_prefix("process ")
            .and_then(|rest| rest.split_once(", "))
            .and_then(|(pid, what)| Some((pid.parse().ok()?, what)));
        match process {
            Some((pid, what)) => Holder::Process {
                pid,
                program: (what != THE_APP).then(|| what.to_string()),
            },
            None => Holder::Other(text.to_string()),
        }
    }
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Holder::Starting => f.write_str("a process that is starting"),
            Holder::Process { pid, program } => {
                let what = program.as_deref().unwrap_or(THE_APP);
                write!(f, "process {pid}, {what}")
            }
            Holder::Other(text) => f.write_str(text),
        }
    }
}

/// Takes the lock of the run file at `run` (which need not exist yet), or says who holds it.
pub fn lock(run: &Path) -> Result<RunLock, LockError> {
    take(&lock_path(run)).map_err(|taken| match taken {
        Taken::Held(holder) => LockError::Held {
            run: run.to_path_buf(),
            holder,
        },
        Taken::Io(path, error) => LockError::Io { path, error },
    })
}

/// Takes the lock of a live class station's record in `dir` (which must exist), or says which
/// station holds it.
pub fn lock_station(dir: &Path) -> Result<RunLock, LockError> {
    take(&dir.join(STATION_LOCK)).map_err(|taken| match taken {
        Taken::Held(holder) => LockError::StationHeld {
            dir: dir.to_path_buf(),
            holder,
        },
        Taken::Io(path, error) => LockError::Io { path, error },
    })
}

/// Why a lock file could not be taken: someone holds it (as its file says), or the system failed.
enum Taken {
    Held(Holder),
    Io(PathBuf, io::Error),
}

/// Takes the exclusive lock on the lock file at `path`, creating it, and writes this process
/// into it.
fn take(path: &Path) -> Result<RunLock, Taken> {
    let io_error = |error| Taken::Io(path.to_path_buf(), error);
    // A few tries: a holder that is just letting go removes the file we opened, which we then
    // notice and open again.
    for _ in 0..8 {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io_error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = (&file).take(512).read_to_string(&mut text);
                let holder = crate::files::text::terminal(text.trim()).into_owned();
                return Err(Taken::Held(Holder::read(&holder)));
            }
            Err(fs::TryLockError::Error(error)) => return Err(io_error(error)),
        }
        if !still_named(&file, path) {
            continue;
        }
        // Held from here: a failure to write who holds it (a full disk) lets go and removes it.
        let mut held = RunLock {
            file,
            path: path.to_path_buf(),
        };
        held.write_holder().map_err(io_error)?;
        return Ok(held);
    }
    Err(io_error(io::Error::other(
        "the lock file keeps being replaced",
    )))
}

/// Whether `file` is still the file at `path` (a holder letting go removes its lock file, so a lock
/// taken on the removed file would lock nothing).
fn still_named(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

impl RunLock {
    fn write_holder(&mut self) -> io::Result<()> {
        self.file.set_len(0)?;
        self.file.rewind()?;
        self.file.write_all(holder().as_bytes())?;
        self.file.flush()
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Removed while still held (on Unix), so no one takes a lock on it that locks nothing; the
        // operating system releases the lock when the file is closed.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_with_the_first_named_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let run = dir.path().join("anna.ron");
        let first = lock(&run).expect("the first writer");
        let second = lock(&run).expect_err("a second writer");
        let message = second.to_string();
        assert!(
            message.contains(&format!("process {}", std::process::id())),
            "{message}"
        );
        assert!(matches!(second, LockError::Held { .. }));
        drop(first);
        assert!(
            !lock_path(&run).exists(),
            "the lock file goes with its holder"
        );
        let third = lock(&run).expect("free again");
        drop(third);
    }

    #[test]
    fn a_holder_is_read_back_by_kind() {
        assert_eq!(Holder::read(""), Holder::Starting);
        assert_eq!(
            Holder::read("process 12, the OnTrack app"),
            Holder::Process {
                pid: 12,
                program: None
            }
        );
        let play = "process 7, `ontrack play`";
        assert_eq!(
            Holder::read(play),
            Holder::Process {
                pid: 7,
                program: Some("`ontrack play`".into())
            }
        );
        assert_eq!(Holder::read(play).to_string(), play);
        assert_eq!(Holder::read("vi"), Holder::Other("vi".into()));
    }

    #[test]
    fn a_lock_file_left_by_a_crash_does_not_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        let run = dir.path().join("anna.ron");
        fs::write(lock_path(&run), "process 1, `ontrack play`").expect("stale lock file");
        assert!(lock(&run).is_ok());
        assert!(is_lock_name(
            &lock_path(&run).file_name().expect("name").to_string_lossy()
        ));
    }
}
