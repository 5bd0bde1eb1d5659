"""Domain layer: the rules of the training, as pure functions over events. No Textual, no SQLite."""
