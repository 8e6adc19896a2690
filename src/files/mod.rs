//! How OnTrack reads and writes files, in one place: every file it writes goes through
//! [`write`] (a temporary beside the target, synced, renamed; the temporary removed on any
//! failure), and every file it reads from a user goes through [`read`] (a size limit per kind of
//! file, checked before reading, and only regular files), so a full disk, a device or an endless
//! input never leaves a partial file behind or exhausts memory.

pub mod read;
pub mod text;
pub mod write;
