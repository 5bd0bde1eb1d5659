"""Service layer: use cases that apply the domain rules and write through the store."""
