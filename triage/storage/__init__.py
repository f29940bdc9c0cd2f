"""The database: tables/ (the schema), uow (one transaction per use case), db (engines), claims
(rows two processes never both take), filters (region_filter, the one SQL copy of region
coverage), migrations/ (Alembic), region_source and rules_source (package data).
"""
