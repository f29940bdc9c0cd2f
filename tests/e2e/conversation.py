"""Pressing buttons as a person would: wait until the button is on screen, then press it."""

from __future__ import annotations

from tests.support.stub_users import ChatActor


async def tap(user: ChatActor, label: str, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    """Press the inline button `label` on the newest keyboard, waiting for it to appear."""
    shown = [m for m in user.messages if m.inline_buttons and not m.deleted]
    if not (shown and label in shown[-1].button_texts()):
        await user.wait_for(lambda m: label in m.button_texts(), timeout=timeout)
    await user.press(label)


async def tap_keyboard(
    user: ChatActor,
    label: str,
    timeout: float = 10.0,  # noqa: ASYNC109
    **kwargs: object,
) -> None:
    """Press a reply-keyboard button (location, contact, or a plain option)."""
    if not (user.messages and user.messages[-1].reply_keyboard):
        await user.wait_for(lambda m: bool(m.reply_keyboard), timeout=timeout)
    await user.reply_keyboard_press(label, **kwargs)  # type: ignore[arg-type]
