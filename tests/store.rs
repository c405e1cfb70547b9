//! Store, import/export and search, through the binary.
