"""Version 7: the needs log as counts per combination of categories and calendar week (#16).

Why: a row per need made the analysis view read a million rows at district scale, and the
row id kept the order of needs within a week - finer than the week the log promises. Now an
Anliegen adds one to the count of its (week, town, stage, topic, language, outcome, reason),
as ``failed_search`` already counts. Every report counts the same categories, so the
conversion loses nothing any report shows. The key starts with the columns the analysis
groups by (week, town, stage, outcome, reason) and the table is clustered on it
(``WITHOUT ROWID``), so the view's one ``GROUP BY`` streams in key order without sorting;
the week first serves the retention purge and the periods.
"""

SQL = """
CREATE TABLE need_count (
    week VARCHAR(8) NOT NULL,
    town VARCHAR(40) NOT NULL,
    stage VARCHAR(20) NOT NULL,
    topic VARCHAR(100) NOT NULL,
    language VARCHAR(10) NOT NULL,
    outcome VARCHAR(20) NOT NULL,
    reason VARCHAR(20) NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (week, town, stage, outcome, reason, topic, language)
) WITHOUT ROWID;

INSERT INTO need_count (week, town, stage, topic, language, outcome, reason, count)
SELECT week, town, stage, topic, language, outcome, reason, count(*)
FROM need_record
GROUP BY week, town, stage, outcome, reason, topic, language;

DROP TABLE need_record;
"""
