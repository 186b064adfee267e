"""Version 6: HSDS schedule rules and service fields stored on the desk (issues #20.18, #18.3).

The export has carried them since the HSDS import kept them; the desks dropped them. Dated
courses ("8 Termine ab 3. März") need the rule fields (``freq``, ``dtstart``, ``until``,
``count`` as ``rule_count`` ...); the counsellor needs what to bring
(``required_documents``), who may come (``eligibility_description``), the service area,
interpreting, an alert and the wait time.
``required_documents`` and ``service_areas`` are JSON lists of texts. ``rule_byday`` is
HSDS ``byday`` of a monthly or yearly rule ("2TU"); ``byday`` stays weekdays only, as the
weekday filter reads it.
"""

SQL = """
ALTER TABLE offer ADD COLUMN eligibility_description TEXT;
ALTER TABLE offer ADD COLUMN required_documents TEXT;
ALTER TABLE offer ADD COLUMN service_areas TEXT;
ALTER TABLE offer ADD COLUMN interpretation_services TEXT;
ALTER TABLE offer ADD COLUMN alert TEXT;
ALTER TABLE offer ADD COLUMN wait_time TEXT;
ALTER TABLE schedule ADD COLUMN freq VARCHAR(10);
ALTER TABLE schedule ADD COLUMN interval INTEGER;
ALTER TABLE schedule ADD COLUMN rule_count INTEGER;
ALTER TABLE schedule ADD COLUMN valid_from DATE;
ALTER TABLE schedule ADD COLUMN valid_to DATE;
ALTER TABLE schedule ADD COLUMN dtstart DATE;
ALTER TABLE schedule ADD COLUMN until DATE;
ALTER TABLE schedule ADD COLUMN rule_byday VARCHAR(200);
ALTER TABLE schedule ADD COLUMN byweekno VARCHAR(200);
ALTER TABLE schedule ADD COLUMN bymonthday VARCHAR(200);
ALTER TABLE schedule ADD COLUMN byyearday VARCHAR(200);
ALTER TABLE schedule ADD COLUMN schedule_link VARCHAR(500);
ALTER TABLE schedule ADD COLUMN attending_type TEXT;
ALTER TABLE schedule ADD COLUMN notes TEXT;
"""
