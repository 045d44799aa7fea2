"""The way out: the outbox, grouping and digests, rendering, channels, delivery."""
