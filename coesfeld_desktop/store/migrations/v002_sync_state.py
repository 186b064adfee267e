"""Version 2: sync bookkeeping, the export last applied and a hash per record (issue #4)."""

SQL = """
CREATE TABLE sync_state (
    id INTEGER NOT NULL,
    directory_id VARCHAR(100) NOT NULL,
    sequence INTEGER NOT NULL,
    archive_sha256 VARCHAR(64) NOT NULL,
    key_id VARCHAR(40) NOT NULL,
    source VARCHAR(2000),
    etag VARCHAR(300),
    last_modified VARCHAR(100),
    applied_at DATETIME NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE sync_record (
    kind VARCHAR(20) NOT NULL,
    id VARCHAR(100) NOT NULL,
    digest VARCHAR(64) NOT NULL,
    PRIMARY KEY (kind, id)
);
"""
