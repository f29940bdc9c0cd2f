"""Explainable urgency: assess (facts + rules -> Assessment with reasons; compare_rules),
text_signals (Indonesian words and stems, negation, nearness), reasons (plain-word texts of
reason codes).
"""
