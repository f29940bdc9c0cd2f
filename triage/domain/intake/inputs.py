"""What a reporter can send the questionnaire: a button press, text, a pin, a contact, media."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Press:
    """An inline button; `version` is the draft version the button was shown for."""

    value: str
    version: int


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Contact:
    """A shared phone number; `own` is true when the contact is the sender's own account."""

    phone_number: str
    own: bool


@dataclass(frozen=True, slots=True)
class Media:
    """A photo or voice note, kept by its Telegram file id only."""

    kind: str
    file_id: str
    caption: str | None = None  # what was typed with it: often the story itself


Input = Press | Text | Location | Contact | Media
