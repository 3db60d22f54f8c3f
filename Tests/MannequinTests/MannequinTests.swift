// Tests for Mannequin.
