"""Which claim owners are processes of this machine that no longer run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from app.crashed_processes import gone_from_this_machine

HOST = socket.gethostname()


def test_a_process_that_ended_is_gone() -> None:
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert gone_from_this_machine(f"{HOST}:{int(ended.stdout)}")


def test_this_process_a_running_one_and_other_machines_are_not() -> None:
    assert not gone_from_this_machine(f"{HOST}:{os.getpid()}")
    assert not gone_from_this_machine(f"{HOST}:{os.getppid()}")
    assert not gone_from_this_machine(f"elsewhere-{HOST}:999999")
    assert not gone_from_this_machine(f"{HOST}:not-a-pid")
