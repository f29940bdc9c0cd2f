"""What every use case shares: deps (TriageDeps, the one dependencies object), events (timeline
events and audit rows), failures (log-safe failure descriptions), updates (first_time_seen: a
redelivered Telegram update is handled once).
"""
