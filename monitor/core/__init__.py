"""Plain data every layer speaks: enums, date windows, commitments, settings."""
