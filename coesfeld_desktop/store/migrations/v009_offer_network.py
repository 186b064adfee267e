"""Version 9: offers that accompany a family in person, and offers that name others as
follow-up ("danach") or partner ("gemeinsam mit") offers (issue #17 points 5 and 6).

The export applied last is marked stale (``applied_at`` no longer matches the Datenstand):
its lines may already carry these fields, which the older program ignored, and an
incremental sync would keep those offers as they are. The next sync is a full one.
"""

SQL = """
ALTER TABLE offer ADD COLUMN accompanies BOOLEAN DEFAULT 0 NOT NULL;

CREATE TABLE offer_relation (
    offer_id VARCHAR(100) NOT NULL,
    kind VARCHAR(20) NOT NULL,
    related_id VARCHAR(100) NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (offer_id, kind, related_id),
    FOREIGN KEY(offer_id) REFERENCES offer (id) ON DELETE CASCADE
);

UPDATE sync_state SET applied_at = '1970-01-01 00:00:00.000000';
"""
