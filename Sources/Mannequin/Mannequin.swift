// The Mannequin module. See ../shared/docs/architecture.md for what it owns.
