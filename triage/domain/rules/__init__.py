"""The rules that drive scoring, routing and SLA timers: model (plain data), loading (parsing the
TOML text, errors with file and line), toml_reader (typed key access). Reading the files:
triage.storage.rules_source.
"""
