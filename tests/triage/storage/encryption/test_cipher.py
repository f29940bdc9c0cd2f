"""The cipher: a value opens only with its key and in its own column; DATA_KEYS is read
strictly and no key ever shows in a message or a repr."""

from __future__ import annotations

import pytest

from triage.storage.encryption.cipher import (
    DataKeyError,
    Keyring,
    SealedValueError,
    key_id_of,
    parse_data_keys,
)

OLD_TEXT = "old-data-key-0123456789-abcdefghijklmnopqrstuvwxyz"
NEW_TEXT = "new-data-key-9876543210-zyxwvutsrqponmlkjihgfedcba"
OLD = Keyring.of("k1", {"k1": OLD_TEXT})
BOTH = Keyring.of("k2", {"k2": NEW_TEXT, "k1": OLD_TEXT})


def test_a_value_opens_as_written_and_never_twice_the_same() -> None:
    first, second = (OLD.seal("Anak dipukul 🙁", "report.description") for _ in range(2))
    assert first != second and first.startswith("v1:k1:") and "Anak" not in first
    assert OLD.open(first, "report.description") == "Anak dipukul 🙁"
    assert OLD.open(OLD.seal("", "report.address"), "report.address") == ""


def test_an_older_key_still_opens_and_the_current_one_seals() -> None:
    sealed = OLD.seal("rahasia", "draft.answers")
    assert BOTH.open(sealed, "draft.answers") == "rahasia"
    assert key_id_of(BOTH.seal("rahasia", "draft.answers")) == "k2"


def test_a_value_moved_to_another_column_or_tampered_with_does_not_open() -> None:
    sealed = OLD.seal("+6281234567890", "report.contact_phone")
    with pytest.raises(SealedValueError, match="moved from another column"):
        OLD.open(sealed, "report.address")
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(SealedValueError):
        OLD.open(tampered, "report.contact_phone")


def test_an_unknown_key_id_names_the_key_but_never_a_secret() -> None:
    sealed = BOTH.seal("x", "case_event.data")
    with pytest.raises(SealedValueError, match="'k2'") as raised:
        OLD.open(sealed, "case_event.data")
    assert NEW_TEXT not in str(raised.value) and OLD_TEXT not in repr(BOTH)
    with pytest.raises(SealedValueError, match=r"case_event\.data is not encrypted"):
        OLD.open("plain words", "case_event.data")


def test_data_keys_are_read_in_order_and_bad_entries_refused() -> None:
    assert list(parse_data_keys(f" k2:{NEW_TEXT} , k1:{OLD_TEXT}")) == ["k2", "k1"]
    for bad in ("", "k1", f"bad id:{OLD_TEXT}", f"k1:{OLD_TEXT},k1:{NEW_TEXT}"):
        with pytest.raises(DataKeyError) as raised:
            parse_data_keys(bad)
        assert OLD_TEXT not in str(raised.value)
