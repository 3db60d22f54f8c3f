// Tests for Form.
