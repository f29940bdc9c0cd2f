"""Describes a failure for the logs without its message: messages of database and HTTP
errors can quote row values, and rows hold what reporters wrote."""

from __future__ import annotations

import os
import traceback

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout


def describe_failure(exc: BaseException) -> str:
    """ "IntegrityError at reporting.py:88": the type and where it was raised, nothing else."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


def failure_frames(exc: BaseException) -> str:
    """One line per frame ("  path:line in function"), outermost first; never the message."""
    frames = traceback.extract_tb(exc.__traceback__)
    return "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)


def storage_busy(exc: BaseException) -> bool:
    """A database failure that passes: SQLite's write lock held past the busy timeout
    ("database is locked"), no free connection in the pool, a connection lost. The same
    work tried again a moment later may well succeed; nothing of it was committed."""
    if isinstance(exc, PoolTimeout | OperationalError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated
