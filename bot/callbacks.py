"""The one codec for Telegram callback data: a builder and a parser for every kind of button the
bot makes, and the patterns its handlers are registered under.

The wire formats stay as they are (outbox rows and buttons already sent must keep working):
  i:<draft version>:<option value>      a questionnaire answer
  s:continue | s:restart                continue or restart the report in progress
  l:<language>                          a language choice
  r:<reference>:<stars 1-5>             a rating of a closed case
  w:<action>:<assignment id>[:<arg>]    a worker's action on an assignment; the argument is a
                                        code, an id (a service, a referral), or a referral's
                                        id and next status (`12.accepted`)
Builders refuse what Telegram would (over 64 bytes); parsers return None for data the bot never
makes. Parsing only checks the shape: whether the presser may act is the database's to say.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from triage.domain.case import DeclineReason, Outcome, Referral
from triage.domain.referrals import ReferralStatus, ServiceType
from triage.i18n import LANGUAGES

MAX_BYTES = 64  # Telegram's limit for callback data
MAX_DIGITS = 18  # ids and versions: at most 18 digits, so they fit a signed 64-bit integer
RATINGS = range(1, 6)

# The prefix of each kind, and the pattern its handler is registered under.
INTAKE, SESSION, LANGUAGE, RATING, WORKER = "i", "s", "l", "r", "w"
INTAKE_PATTERN = f"^{INTAKE}:"
SESSION_PATTERN = f"^{SESSION}:"
LANGUAGE_PATTERN = f"^{LANGUAGE}:"
RATING_PATTERN = f"^{RATING}:"
WORKER_PATTERN = f"^{WORKER}:"


class SessionChoice(StrEnum):
    CONTINUE = "continue"
    RESTART = "restart"


class WorkerAction(StrEnum):
    ACCEPT = "acc"
    DECLINE = "dec"  # asks for a reason
    DECLINE_REASON = "dr"
    CONTACTED = "con"
    VISITED = "vis"
    REFER = "ref"  # asks which type of service
    REFER_TO = "rt"  # buttons of an older version (police, health, …): ask the type too
    REFER_TYPE = "rty"  # a type chosen: asks which service of the directory
    REFER_SERVICE = "rsv"  # a service of the directory chosen (its id)
    REFER_TYPED = "rtx"  # "other, type it": asks for the service's name
    REFERRAL_OPEN = "rfo"  # one of the case's referrals (its id): asks its new status
    REFERRAL_SET = "rfs"  # a referral's new status: `<referral id>.<status>`
    CLOSE = "cls"  # asks for the outcome
    CLOSE_OUTCOME = "co"
    NOTE = "note"
    HELP = "help"
    BACK = "back"
    CANCEL = "x"
    OPEN = "open"


# The argument each action takes, from these codes; actions not named here take none.
WORKER_ARGS: dict[WorkerAction, tuple[str, ...]] = {
    WorkerAction.DECLINE_REASON: tuple(DeclineReason),
    WorkerAction.REFER_TO: tuple(Referral),
    WorkerAction.REFER_TYPE: tuple(ServiceType),
    WorkerAction.CLOSE_OUTCOME: tuple(Outcome),
}
# Actions whose argument is an id; REFERRAL_SET's is an id and a status (referral_set_arg).
WORKER_ID_ARGS = frozenset({WorkerAction.REFER_SERVICE, WorkerAction.REFERRAL_OPEN})
REFERRAL_TARGETS = tuple(s for s in ReferralStatus if s is not ReferralStatus.SENT)


@dataclass(frozen=True, slots=True)
class IntakeAnswer:
    """An option pressed under the questionnaire prompt of draft version `version`."""

    version: int
    value: str


@dataclass(frozen=True, slots=True)
class Rating:
    reference: str
    stars: int


@dataclass(frozen=True, slots=True)
class WorkerCallback:
    action: WorkerAction
    assignment_id: int
    arg: str | None = None


def _checked(data: str) -> str:
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data longer than {MAX_BYTES} bytes")
    return data


def _id_text(number: int) -> str:
    text = str(number)
    if number < 0 or len(text) > MAX_DIGITS:
        raise ValueError(f"not an id or version: {number}")
    return text


def _number(text: str) -> int | None:
    """Plain ASCII digits (no sign, no other scripts), short enough for a 64-bit integer."""
    ok = text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS
    return int(text) if ok else None


def _fields(data: str, prefix: str, maxsplit: int = -1) -> list[str] | None:
    """The `:`-separated fields after `prefix`, or None for data of another kind or too long."""
    head, sep, rest = data.partition(":")
    if head != prefix or not sep or len(data.encode()) > MAX_BYTES:
        return None
    return rest.split(":", maxsplit)


def intake_data(version: int, value: str) -> str:
    return _checked(f"{INTAKE}:{_id_text(version)}:{value}")


def parse_intake(data: str) -> IntakeAnswer | None:
    """The value is the rest of the data; the questionnaire checks it against its options."""
    fields = _fields(data, INTAKE, 1)
    if fields is None or len(fields) != 2:
        return None
    version = _number(fields[0])
    return None if version is None else IntakeAnswer(version, fields[1])


def session_data(choice: SessionChoice) -> str:
    return f"{SESSION}:{choice.value}"


def parse_session(data: str) -> SessionChoice | None:
    fields = _fields(data, SESSION)
    if fields is None or len(fields) != 1:
        return None
    return next((choice for choice in SessionChoice if choice.value == fields[0]), None)


def language_data(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    return f"{LANGUAGE}:{lang}"


def parse_language(data: str) -> str | None:
    fields = _fields(data, LANGUAGE)
    if fields is None or len(fields) != 1 or fields[0] not in LANGUAGES:
        return None
    return fields[0]


def rating_data(reference: str, stars: int) -> str:
    if not reference or ":" in reference or stars not in RATINGS:
        raise ValueError("a rating needs a reference without ':' and 1-5 stars")
    return _checked(f"{RATING}:{reference}:{stars}")


def parse_rating(data: str) -> Rating | None:
    fields = _fields(data, RATING)
    if fields is None or len(fields) != 2 or not fields[0]:
        return None
    stars = _number(fields[1])
    return None if stars is None or stars not in RATINGS else Rating(fields[0], stars)


def worker_data(action: WorkerAction, assignment_id: int, arg: str | None = None) -> str:
    if not _takes(action, arg):
        raise ValueError(f"{action.name} does not take {arg!r}")
    data = f"{WORKER}:{action.value}:{_id_text(assignment_id)}"
    return _checked(data if arg is None else f"{data}:{arg}")


def parse_worker(data: str) -> WorkerCallback | None:
    """Only data the bot itself makes: a known action, a number, an allowed argument."""
    fields = _fields(data, WORKER)
    if fields is None or len(fields) not in (2, 3):
        return None
    action = next((a for a in WorkerAction if a.value == fields[0]), None)
    assignment_id = _number(fields[1])
    if action is None or assignment_id is None:
        return None
    arg = fields[2] if len(fields) == 3 else None
    return WorkerCallback(action, assignment_id, arg) if _takes(action, arg) else None


def referral_set_arg(referral_id: int, status: ReferralStatus) -> str:
    if status not in REFERRAL_TARGETS:
        raise ValueError(f"a referral is not set to {status!r} by a button")
    return f"{_id_text(referral_id)}.{status.value}"


def parse_referral_set(arg: str | None) -> tuple[int, ReferralStatus] | None:
    """(referral id, status) from REFERRAL_SET's argument, or None for another shape."""
    head, dot, tail = (arg or "").partition(".")
    referral_id = _number(head)
    status = next((s for s in REFERRAL_TARGETS if s.value == tail), None)
    return None if not dot or referral_id is None or status is None else (referral_id, status)


def _takes(action: WorkerAction, arg: str | None) -> bool:
    if action in WORKER_ID_ARGS:
        return arg is not None and _number(arg) is not None
    if action is WorkerAction.REFERRAL_SET:
        return parse_referral_set(arg) is not None
    allowed = WORKER_ARGS.get(action)
    return arg is None if allowed is None else arg in allowed
