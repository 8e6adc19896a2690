//! The one safe way OnTrack writes a file: into a temporary file beside the target (so the rename
//! stays on one file system), synced, renamed over the target, and the folder synced, so a crash at
//! any moment leaves either the old file or the new one. The temporary is removed whenever the
//! writing fails, so a full disk leaves nothing behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A temporary file being written, removed when dropped unless [`Temporary::commit`] gave it its
/// final name.
#[derive(Debug)]
pub struct Temporary {
    path: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// Tells apart the temporaries of one process (two threads may write beside one target).
static NEXT: AtomicU64 = AtomicU64::new(0);

/// The folder a path is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

impl Temporary {
    /// Creates a new, hidden temporary file beside `target` (`.NAME.PID-N.tmp`); it never replaces
    /// an existing file.
    pub fn beside(target: &Path) -> io::Result<(File, Temporary)> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = folder_of(target).join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok((
            file,
            Temporary {
                path,
                target: target.to_path_buf(),
                committed: false,
            },
        ))
    }

    /// Where the temporary file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the (closed, synced) temporary over its target and syncs the folder, so the rename
    /// itself survives a power cut. On failure the temporary is removed.
    pub fn commit(mut self) -> io::Result<()> {
        fs::rename(&self.path, &self.target)?;
        self.committed = true;
        sync_folder(folder_of(&self.target))
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Syncs a folder, so a file created or renamed in it stays after a power cut. (Windows cannot
/// open a folder as a file; NTFS journals its metadata.)
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Writes `bytes` to `path` atomically (see the module); creates the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Writes `path` atomically with `fill`, which writes the content into the temporary file; any
/// error (from `fill`, the sync or the rename) removes the temporary and leaves `path` as it was.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    fs::create_dir_all(folder_of(path))?;
    let (mut file, tmp) = Temporary::beside(path)?;
    fill(&mut file)?;
    file.sync_all()?;
    drop(file);
    tmp.commit()
}

/// Why an output may not be written where it was asked: a wrong name must never cost a run file
/// or an earlier export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetProblem {
    /// The output would land inside the folder that holds the files read (`dir`, as a real path).
    InsideFolder { dir: PathBuf },
    /// A file of that name exists (and replacing was not asked).
    Exists,
    /// The name is a folder, not a file.
    IsFolder,
}

/// Checks that an output may be written to `path`: never inside `dir` (the folder the command
/// reads, or a folder in it), never onto a folder, and not over an existing file unless `replace`.
pub fn check_target(dir: &Path, path: &Path, replace: bool) -> Result<(), TargetProblem> {
    if path.is_dir() {
        return Err(TargetProblem::IsFolder);
    }
    // Compared as real paths, so `./runs/../runs/x.csv` or a link into the folder is caught; a
    // folder that does not exist holds no runs.
    if let (Ok(dir), Ok(parent)) = (dir.canonicalize(), folder_of(path).canonicalize())
        && parent.starts_with(&dir)
    {
        return Err(TargetProblem::InsideFolder { dir });
    }
    if !replace && path.symlink_metadata().is_ok() {
        return Err(TargetProblem::Exists);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("run.ron");
        write_atomic(&path, b"one").expect("write");
        write_atomic(&path, b"two").expect("write");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        assert_eq!(names(dir.path()), ["run.ron"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("run.ron");
        write_atomic(&path, b"old").expect("write");
        // The disk fills half way through.
        let failed = write_atomic_with(&path, |f| {
            f.write_all(b"ne")?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        });
        assert_eq!(
            failed.map_err(|e| e.kind()),
            Err(io::ErrorKind::StorageFull)
        );
        assert_eq!(fs::read(&path).expect("read"), b"old");
        assert_eq!(names(dir.path()), ["run.ron"]);
    }

    #[test]
    fn a_failed_rename_onto_a_folder_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("out.csv");
        fs::create_dir(&folder).expect("folder");
        fs::write(folder.join("inside"), b"x").expect("file");
        assert!(write_atomic(&folder, b"csv").is_err());
        assert_eq!(names(dir.path()), ["out.csv"]);
    }

    #[test]
    fn targets_inside_the_folder_read_over_files_or_onto_folders_are_refused() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let runs = tmp.path().join("runs");
        fs::create_dir_all(runs.join("sub")).expect("folders");
        for inside in [
            runs.join("x.ron"),
            runs.join("sub/x.ron"),
            runs.join("../runs/x.ron"),
        ] {
            assert!(
                matches!(
                    check_target(&runs, &inside, true),
                    Err(TargetProblem::InsideFolder { .. })
                ),
                "{}",
                inside.display()
            );
        }
        let outside = tmp.path().join("out.ron");
        assert_eq!(check_target(&runs, &outside, false), Ok(()));
        fs::write(&outside, "old").expect("write");
        assert_eq!(
            check_target(&runs, &outside, false),
            Err(TargetProblem::Exists)
        );
        assert_eq!(check_target(&runs, &outside, true), Ok(()));
        assert_eq!(
            check_target(&runs, tmp.path(), true),
            Err(TargetProblem::IsFolder)
        );
    }
}
