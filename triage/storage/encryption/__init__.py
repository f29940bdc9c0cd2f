"""Sensitive columns encrypted at rest: the cipher and keyring (`cipher.py`), the column types
that seal on write and open on read (`columns.py`), and re-sealing rows in batches for the
migration and key rotation (`reseal.py`)."""
