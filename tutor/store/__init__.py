"""Store layer: the SQLite records (through sqlite-utils), schema versioned."""
