"""Version 10: the needs per week and place over all topics and languages, kept by triggers.

Why: the analysis view opens on all topics and all languages. At district scale the needs
log holds close to a million combinations (a million needs spread over every category), and
grouping them cost 0.35 s CPU of the view's second; this table holds the same counts without
topic and language (at most weeks × towns × stages × outcomes and reasons, ~70,000 rows at
two years), so the first view reads it in a few hundredths of a second. It is derived data:
triggers on ``need_count`` keep it equal to ``need_count`` grouped by these columns, whoever
writes (the desk, the command line, a recovery), and it is filled from ``need_count`` here.
"""

SQL = """
CREATE TABLE need_place_week (
    week VARCHAR(8) NOT NULL,
    town VARCHAR(40) NOT NULL,
    stage VARCHAR(20) NOT NULL,
    outcome VARCHAR(20) NOT NULL,
    reason VARCHAR(20) NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (week, town, stage, outcome, reason)
) WITHOUT ROWID;

INSERT INTO need_place_week (week, town, stage, outcome, reason, count)
SELECT week, town, stage, outcome, reason, sum(count)
FROM need_count
GROUP BY week, town, stage, outcome, reason;

CREATE TRIGGER need_count_added AFTER INSERT ON need_count
BEGIN
    INSERT INTO need_place_week (week, town, stage, outcome, reason, count)
    VALUES (NEW.week, NEW.town, NEW.stage, NEW.outcome, NEW.reason, NEW.count)
    ON CONFLICT (week, town, stage, outcome, reason)
    DO UPDATE SET count = need_place_week.count + excluded.count;
END;

CREATE TRIGGER need_count_removed AFTER DELETE ON need_count
BEGIN
    UPDATE need_place_week SET count = count - OLD.count
    WHERE week = OLD.week AND town = OLD.town AND stage = OLD.stage
        AND outcome = OLD.outcome AND reason = OLD.reason;
    DELETE FROM need_place_week
    WHERE week = OLD.week AND town = OLD.town AND stage = OLD.stage
        AND outcome = OLD.outcome AND reason = OLD.reason AND count <= 0;
END;

CREATE TRIGGER need_count_changed AFTER UPDATE ON need_count
BEGIN
    UPDATE need_place_week SET count = count - OLD.count
    WHERE week = OLD.week AND town = OLD.town AND stage = OLD.stage
        AND outcome = OLD.outcome AND reason = OLD.reason;
    DELETE FROM need_place_week
    WHERE week = OLD.week AND town = OLD.town AND stage = OLD.stage
        AND outcome = OLD.outcome AND reason = OLD.reason AND count <= 0;
    INSERT INTO need_place_week (week, town, stage, outcome, reason, count)
    VALUES (NEW.week, NEW.town, NEW.stage, NEW.outcome, NEW.reason, NEW.count)
    ON CONFLICT (week, town, stage, outcome, reason)
    DO UPDATE SET count = need_place_week.count + excluded.count;
END;
"""
