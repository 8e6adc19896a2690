//! Writing one run file as its answers come: the whole file atomically (when the run starts, when
//! it is resumed, when it finishes, and after a save that failed), and each answer in between as
//! one line appended and synced, so a save costs the answer, not the file (see [`super::file`]).
//! A trainee's [`super::Session`] and a live class station's record write their runs this way.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::file::{RunFile, entry_line};
use crate::files::write::write_atomic;

/// The writer of the run file at one path.
#[derive(Debug)]
pub struct RunWriter {
    path: PathBuf,
    /// The file opened for appending, and its length after the last whole answer; `None` until
    /// the file is written whole.
    append: Option<(File, u64)>,
}

impl RunWriter {
    /// A writer of the run file at `path`; its first save writes the file whole.
    pub fn new(path: PathBuf) -> Self {
        RunWriter { path, append: None }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `file` after an answer was logged: its line appended and synced, or the whole file
    /// written when the run has finished (its end time is in the header) or the file is not open
    /// for appending. When this returns `Ok`, the answer is on disk. On failure the partial line
    /// is cut off (when the disk lets it) and the next save writes the file whole.
    pub fn save_last(&mut self, file: &RunFile) -> io::Result<()> {
        let (Some((mut out, len)), Some(entry), None) =
            (self.append.take(), file.log.last(), file.finished)
        else {
            return self.save_whole(file);
        };
        let line = entry_line(entry);
        match out
            .write_all(line.as_bytes())
            .and_then(|()| out.sync_data())
        {
            Ok(()) => {
                self.append = Some((out, len + line.len() as u64));
                Ok(())
            }
            Err(error) => {
                let _ = out.set_len(len);
                Err(error)
            }
        }
    }

    /// Writes the whole file atomically; an unfinished run is then open for appending.
    pub fn save_whole(&mut self, file: &RunFile) -> io::Result<()> {
        self.append = None;
        let text = file.to_ron();
        write_atomic(&self.path, text.as_bytes())?;
        if file.finished.is_none() {
            let out = OpenOptions::new().append(true).open(&self.path)?;
            self.append = Some((out, text.len() as u64));
        }
        Ok(())
    }

    /// Makes the next save write the file whole: after a save was undone in memory (an answer
    /// appended whose receipt could not be written), the file is then written as memory holds it.
    pub fn rewrite_next(&mut self) {
        self.append = None;
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::MetadataExt;
    use std::sync::Arc;

    use crate::forecast::Benchmarks;
    use crate::run::Session;
    use crate::run::bots::{Bot, play};

    /// A whole write renames a new file into place (a new inode); an append keeps the file.
    #[test]
    fn answers_are_appended_in_place_and_the_last_writes_the_file_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let scenario =
            Arc::new(crate::scenario::resolve("tests/scenarios/minimal.ron").expect("loads"));
        let bench = Benchmarks::new(&scenario);
        let mut s =
            Session::start(dir.path(), Arc::clone(&scenario), 7, "anna", "").expect("starts");
        let path = s.path().to_path_buf();
        let inode = || std::fs::metadata(&path).map(|m| m.ino()).ok();
        let started = inode();
        let mut after_each = Vec::new();
        play(&mut s, &bench, Bot::Typical, 7, &mut |_| {
            after_each.push(inode())
        })
        .expect("plays");
        let Some((last, before)) = after_each.split_last() else {
            panic!("no answer was saved");
        };
        assert!(before.len() > 20 && before.iter().all(|i| *i == started));
        assert_ne!(
            *last, started,
            "the end time is written with the whole file"
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("reads"),
            s.file().to_ron()
        );
    }
}
