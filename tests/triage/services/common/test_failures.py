"""Failures are logged by type and place, never by message (it may quote a report)."""

from __future__ import annotations

from triage.services.common.failures import describe_failure, failure_frames


def test_the_message_is_left_out() -> None:
    try:
        raise ValueError("Anak tetangga dipukul, nomor +6281234567890")
    except ValueError as exc:
        described = describe_failure(exc)
    assert described.startswith("ValueError at test_failures.py:")
    assert "6281234567890" not in described and "Anak" not in described


def test_the_stack_names_frames_not_messages() -> None:
    def inner() -> None:
        raise KeyError("Sari, +6281234567890")

    try:
        inner()
    except KeyError as exc:
        described = failure_frames(exc)
    frames = described.splitlines()
    assert [frame.rsplit(" in ", 1)[1] for frame in frames] == [
        "test_the_stack_names_frames_not_messages",
        "inner",
    ]
    assert "6281234567890" not in described and "Sari" not in described
