"""Version 5: the needs log (issue #16): fixed categories only, time as the calendar week."""

SQL = """
CREATE TABLE need_record (
    id INTEGER NOT NULL,
    week VARCHAR(8) NOT NULL,
    town VARCHAR(40) NOT NULL,
    stage VARCHAR(20) NOT NULL,
    topic VARCHAR(100) NOT NULL,
    language VARCHAR(10) NOT NULL,
    outcome VARCHAR(20) NOT NULL,
    reason VARCHAR(20) NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_need_record_week ON need_record (week);

CREATE TABLE failed_search (
    week VARCHAR(8) NOT NULL,
    town VARCHAR(40) NOT NULL,
    stage VARCHAR(20) NOT NULL,
    topic VARCHAR(100) NOT NULL,
    language VARCHAR(10) NOT NULL,
    words VARCHAR(200) NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (week, town, stage, topic, language, words)
);
"""
