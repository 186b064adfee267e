"""Version 3: the handout history, which offers, which language, when (issue #3)."""

SQL = """
CREATE TABLE handout_history (
    id INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    language VARCHAR(20) NOT NULL,
    layout VARCHAR(20) NOT NULL,
    large_print BOOLEAN NOT NULL,
    offer_ids TEXT NOT NULL,
    titles TEXT NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_handout_history_created_at ON handout_history (created_at);
"""
