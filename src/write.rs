//! Atomic file writes: a temporary file in the same directory, then a rename over the target.
//! A reader (or a crash) sees the old file or the new one, never half of one.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whose file is written, which decides how links and permissions are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The user's own file (the README): a symlink the user made is written through to its
    /// target; a read-only file is refused (its mode says not to change it); a file with other
    /// hard links is rewritten in place, so that every link sees the new text.
    User,
    /// A file pmchart generates (the chart images): never written through a symlink. A link at
    /// that path is replaced by the image, so nothing outside the README's folder is touched.
    Generated,
}

/// Writes `bytes` to `path` atomically (a temporary file renamed over it), keeping an existing
/// file's permissions; links and modes are treated as `owner` says. `durable`: also flush to
/// disk before the rename (for the user's own files; generated images can be regenerated, and
/// syncing thousands would slow a batch).
pub fn write_atomic(path: &Path, bytes: &[u8], durable: bool, owner: Owner) -> io::Result<()> {
    let target = match owner {
        Owner::User => resolve_symlink(path)?,
        Owner::Generated => path.to_path_buf(),
    };
    let existing = match std::fs::symlink_metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let is_link = existing
        .as_ref()
        .is_some_and(|m| m.file_type().is_symlink());
    if owner == Owner::User {
        if let Some(meta) = &existing {
            if meta.permissions().readonly() {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "the file is read-only; make it writable (chmod u+w) for pmchart to embed the chart",
                ));
            }
            if hard_links(meta) > 1 {
                return write_in_place(&target, bytes, durable);
            }
        }
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".pmchart-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    let permissions = match &existing {
        Some(meta) if !is_link => Some(meta.permissions()),
        _ => default_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    // A rename replaces the directory entry: a symlink there is replaced, its target untouched.
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Rewrites a file through its own inode (for a file with several hard links).
fn write_in_place(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)?;
    f.write_all(bytes)?;
    if durable {
        f.sync_all()?;
    }
    Ok(())
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn hard_links(_: &std::fs::Metadata) -> u64 {
    1
}

fn resolve_symlink(path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// A new file is readable by all, like one an editor creates (a temporary file is private).
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("README.md");
        std::fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"new", true, Owner::User).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("README.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new", false, Owner::User).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should go: the rename fails, even for root.
        let p = dir.path().join("timeline.svg");
        std::fs::create_dir(&p).unwrap();
        std::fs::write(p.join("keep"), "x").unwrap();
        assert!(write_atomic(&p, b"new", false, Owner::Generated).is_err());
        assert!(p.is_dir());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

#[cfg(all(test, unix))]
mod link_tests {
    use super::*;

    #[test]
    fn a_generated_file_never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "precious").unwrap();
        let link = dir.path().join("timeline.svg");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        write_atomic(&link, b"<svg/>", false, Owner::Generated).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&link).unwrap(), b"<svg/>");
    }

    #[test]
    fn the_users_file_follows_its_symlink_keeps_hard_links_and_respects_read_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("README.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new", true, Owner::User).unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        // A hard link sees the new text.
        let hard = dir.path().join("hard.md");
        std::fs::hard_link(&real, &hard).unwrap();
        write_atomic(&real, b"newer", true, Owner::User).unwrap();
        assert_eq!(std::fs::read_to_string(&hard).unwrap(), "newer");
        // A read-only README is refused and left as it was.
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomic(&real, b"x", true, Owner::User).unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "newer");
    }
}
