"""Partner systems' access: scopes and token lifetimes (`access.py`), the per-token rate limit
(`rate.py`), the cases feed's cursor (`cursor.py`), the webhooks' signature (`signing.py`)."""
