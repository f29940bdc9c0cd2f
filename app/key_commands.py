"""Bodies of `lapor-sosial keys rotate|status`: the data keys of the encrypted columns."""

from __future__ import annotations

from app.bootstrap import migrated
from app.commands import CommandError
from app.settings import Settings
from triage.services.keys.rotate import key_status, rotate_keys
from triage.storage.encryption.cipher import SealedValueError

ACTOR = "cli"


async def rotate(settings: Settings, batch: int) -> int:
    """Re-seal under the first key of DATA_KEYS; a run stopped half way is simply run again."""
    if batch < 1:
        raise CommandError("--batch must be at least 1")
    try:
        async with migrated(settings) as wiring:
            before = await key_status(wiring.deps)
            print(f"Current data key: {before.current}; values to re-encrypt: {before.waiting}")
            moved = await rotate_keys(wiring.deps, ACTOR, batch=batch, progress=_progress)
            after = await key_status(wiring.deps)
    except SealedValueError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Re-encrypted {moved} values (audited); still under an older key: {after.waiting}.")
    if after.waiting == 0:
        print("Older keys may now be removed from DATA_KEYS (keep a backup made before).")
    return 0 if after.waiting == 0 else 1


async def status(settings: Settings) -> int:
    async with migrated(settings) as wiring:
        state = await key_status(wiring.deps)
    print(f"Current data key: {state.current} (keys that can decrypt: {', '.join(state.known)})")
    for column in state.columns:
        print(f"  {column.column}: {column.waiting} under an older key")
    print(f"Values to re-encrypt: {state.waiting}")
    return 0


def _progress(column: str, done: int) -> None:
    print(f"  {column}: {done} re-encrypted", flush=True)
