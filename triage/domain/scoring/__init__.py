"""Explainable urgency: assess (facts + rules -> Assessment with reasons; compare_rules),
story (what the description adds), combos (combination rules), text_signals (reading a
description: negation, nearness), lexicon and words (terms, tokens, stems, aliases),
nearness, reasons (plain-word texts of reason codes).
"""
