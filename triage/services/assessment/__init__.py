"""Offline triage for `lapor-sosial triage assess|compare|evaluate`: batch (run_assess,
run_compare over JSON lines), input (one JSON object to ReportFacts), replay (stored_facts:
stored reports as facts), evaluate (a labelled corpus), overrides (the re-graded cases),
evaluation_report (what evaluate prints).
"""
