"""Partner systems: their tokens made, listed and revoked (`manage.py`), each API call
authenticated, rate-limited and audited (`calls.py`), the cases feed (`cases.py`), the
aggregate statistics (`stats.py`: one function, `statistics_table`), and case events queued
for their webhooks in the outbox (`webhooks.py`)."""
