"""Version 8: the desk's reports of wrong offer facts ("Stimmt etwas nicht?", issue #18).

A user table: kept across syncs and carried over by a recovery, so that "gemeldet am …"
stays on the offer until the district's export covers it (see ``corrections.service``).
"""

SQL = """
CREATE TABLE correction_report (
    id INTEGER NOT NULL,
    offer_id VARCHAR(100) NOT NULL,
    offer_title VARCHAR(300) NOT NULL,
    provider VARCHAR(300) NOT NULL,
    kind VARCHAR(20) NOT NULL,
    text VARCHAR(200) NOT NULL,
    reported_on DATE NOT NULL,
    message VARCHAR(200) NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_correction_report_offer_id ON correction_report (offer_id);
"""
