"""Read aloud with the operating system's own offline voices (no Qt, nothing recorded)."""
