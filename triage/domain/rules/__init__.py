"""The rules that drive scoring, routing and SLA timers: model, text_model and codes (plain
data), loading, text_loading, combo_loading and rule_parts (parsing the TOML text, errors
with file and line), toml_reader (typed key access). Reading the files:
triage.storage.rules_source.
"""
