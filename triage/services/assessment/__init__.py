"""Offline triage for `lapor-sosial triage assess|compare`: batch (run_assess, run_compare over
JSON lines), input (one JSON object to ReportFacts), replay (stored_facts: stored reports as
facts).
"""
