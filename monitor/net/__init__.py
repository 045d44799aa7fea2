"""Network safety shared by feeds and alert channels: the SSRF guard and HTTP time headers."""
