"""The partner API under `/api/v1/`: JSON only, read-only, for partner systems with a bearer
token (`Access.PARTNER`). `guard.py` checks, counts and audits each call; `errors.py` the JSON
errors; `stats.py` and `cases.py` the two endpoints. Documented in `docs/api/openapi.yaml`."""
