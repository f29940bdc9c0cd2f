"""Pure rules of child-protection triage: no I/O, no clock reads; stdlib and small pure
libraries only (tests/test_import_rules.py enforces it).

model (Urgency, Category, ReportFacts, Assessment) · case (CaseStatus and its lifecycle) ·
age (the child's age as given) · intake/ (the questionnaire) · scoring/ (assess) · rules/ (the
rules file as data) · roster and routing (who gets a report) · sla and deadline_keys (timers) ·
duplicates · references · regions/ (codes, names, pins) · timezones (WIB/WITA/WIT, duty hours).
"""
