//! A tantivy directory for readers that may lack write permission.
//!
//! tantivy's `IndexReader` takes the meta lock (`.tantivy-meta.lock`) while it opens
//! segments, and `MmapDirectory` takes a lock by opening the lock file for writing,
//! which fails with "permission denied" in a data directory the user may only read.
//! `ReaderDirectory` delegates everything to `MmapDirectory` and, only when the lock
//! file cannot be opened for lack of permission, reads without it. The meta lock
//! guards the few milliseconds in which segments are opened against a concurrent
//! writer's garbage collection; a reader that cannot take it may, in that rare race,
//! fail with an index error and succeed when run again.

use std::io;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// `MmapDirectory`, but locks are optional when the folder is read-only.
#[derive(Debug, Clone)]
pub(super) struct ReaderDirectory {
    inner: MmapDirectory,
}

impl ReaderDirectory {
    pub(super) fn new(inner: MmapDirectory) -> Self {
        ReaderDirectory { inner }
    }
}

/// Whether an I/O error means "you may not write here".
pub(crate) fn is_read_only(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for ReaderDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e)) if is_read_only(&e) => {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// The lock a reader holds when it could not take the real one.
struct NoLock;
