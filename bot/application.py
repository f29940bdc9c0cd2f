"""Builds the python-telegram-bot Application: transport, handlers, error handling."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import callbacks, texts
from bot.flood import FloodGate, FloodHandler, FloodLimit
from bot.lenient_bot import LenientBot
from bot.reporter.gate import ReporterGate
from bot.reporter.handlers import ReporterHandlers
from bot.request import AiohttpRequest
from bot.update_processor import ChatLocks, PerChatUpdateProcessor
from bot.worker.access import WorkerGate
from bot.worker.commands import WorkerCommands
from bot.worker.handlers import WorkerHandlers
from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure, storage_busy
from triage.services.common.metrics import UPDATE_KINDS
from triage.services.common.updates import first_time_seen
from triage.services.intake import conversation as intake_service

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
App = Application[Any, Any, Any, Any, Any, Any]
Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]
PRIVATE = filters.ChatType.PRIVATE
# bot_data key: ids of updates whose failure on a busy database is tried again (bot/webhook.py),
# so the reporter is not told "something went wrong" before the answer comes.
RETRIED_IF_BUSY = "retried_if_busy"
# The update kinds the handlers below read; Telegram sends no other (getUpdates, setWebhook).
ALLOWED_UPDATES = ["message", "callback_query"]


def build_application(
    token: str,
    base_url: str,
    base_file_url: str,
    requests: tuple[AiohttpRequest, AiohttpRequest],
    *,
    polling: bool = True,
    chat_locks: ChatLocks | None = None,
    messages_per_second: float = 30.0,
) -> App:
    """An Application on our aiohttp transport (calls, long polls), talking to `base_url`;
    without an updater when updates come by webhook (`polling=False`). `chat_locks`
    serialises a chat's updates across processes too (PostgreSQL). Calls to a chat are paced
    to `messages_per_second` in all (Telegram's limit; 0: unpaced, as against the stand-in),
    and a 429 is waited out and tried again."""
    calls, polls = requests
    bot = LenientBot(
        token,
        base_url=base_url,
        base_file_url=base_file_url,
        request=calls,
        get_updates_request=polls,
        rate_limiter=AIORateLimiter(overall_max_rate=messages_per_second, max_retries=3),
    )
    builder = (
        Application.builder()
        .bot(bot)
        .concurrent_updates(PerChatUpdateProcessor(chat_locks=chat_locks))
        .post_init(_set_commands)
    )
    if not polling:
        builder = builder.updater(None)
    return builder.build()


def build_sender_bot(token: str, base_url: str, base_file_url: str, request: AiohttpRequest) -> Bot:
    """The outbox sender's Bot, on its own transport and without the Application's rate
    limiter, which would sleep on a 429 inside the sender's claim and retry on its own."""
    return Bot(
        token,
        base_url=base_url,
        base_file_url=base_file_url,
        request=request,
        get_updates_request=request,  # never polls; saves a second HTTP session
    )


def install_handlers(
    application: App,
    deps: TriageDeps,
    kick_outbox: Callable[[], None],
    flood: FloodGate | None = None,
    *,
    dedupe: bool = True,
) -> None:
    """Every handler, in order. Group -3 limits floods per chat (`bot.flood`), -2 drops an
    update seen before (`dedupe=False` when updates come through the inbox, which takes each
    update_id once already and must be free to process a stored update again after a stop),
    -1 answers groups and takes a worker's awaited text; then exactly one handler of group 0
    runs. Worker buttons and commands pass `WorkerGate` first (access ended), reporter ones
    `ReporterGate` (blocked)."""
    worker = WorkerHandlers(deps, kick_outbox)
    staff = WorkerCommands(deps)
    reporter = ReporterHandlers(deps, kick_outbox, staff=staff)
    gate = FloodGate(FloodLimit()) if flood is None else flood
    limiter = FloodHandler(gate, deps.translator, deps.metrics)
    application.add_handler(TypeHandler(Update, limiter), group=-3)
    first = _dedupe(deps) if dedupe else _count(deps)
    application.add_handler(TypeHandler(Update, first), group=-2)
    application.add_handler(MessageHandler(~PRIVATE, _group_notice(deps)), group=-1)
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & PRIVATE, worker.text), group=-1
    )
    application.add_handler(
        CommandHandler("start", staff.start_invite, filters=PRIVATE & filters.Regex(r"^/start w-"))
    )
    worker_gate, reporter_gate = WorkerGate(deps), ReporterGate(deps)
    _install_worker_commands(application, staff, worker_gate)
    _install_reporter(application, reporter, reporter_gate)
    application.add_handler(
        CallbackQueryHandler(
            worker_gate.guard(worker.button, "button"), pattern=callbacks.WORKER_PATTERN
        )
    )
    application.add_handler(CallbackQueryHandler(_stale_button(deps)))
    _install_reporter_messages(application, reporter, reporter_gate)
    application.add_error_handler(_on_error(deps))


def _install_worker_commands(application: App, staff: WorkerCommands, gate: WorkerGate) -> None:
    commands = (
        ("tugas", staff.tasks),
        ("kasus", staff.case),
        ("bertugas", staff.on_duty),
        ("libur", staff.off_duty),
        ("wilayah", staff.region),
    )
    for name, handler in commands:
        application.add_handler(CommandHandler(name, gate.guard(handler, name), filters=PRIVATE))


def _install_reporter(application: App, reporter: ReporterHandlers, gate: ReporterGate) -> None:
    """The reporter's commands and buttons, each behind the blocked-account check."""
    commands = (
        ("start", reporter.start),
        (["batal", "cancel"], reporter.cancel),
        (["help", "bantuan"], reporter.help),
        (["bahasa", "language"], reporter.extras.bahasa),
        ("status", reporter.extras.status),
    )
    for names, handler in commands:
        application.add_handler(CommandHandler(names, gate.guard(handler), filters=PRIVATE))
    application.add_handler(
        MessageHandler(filters.COMMAND & PRIVATE, gate.guard(reporter.unknown_command))
    )
    buttons = (
        (gate.checked_inside(reporter.button), callbacks.INTAKE_PATTERN),
        (gate.guard(reporter.session_choice), callbacks.SESSION_PATTERN),
        (gate.guard(reporter.extras.language_chosen), callbacks.LANGUAGE_PATTERN),
        (gate.guard(reporter.extras.rating), callbacks.RATING_PATTERN),
    )
    for pressed, pattern in buttons:
        application.add_handler(CallbackQueryHandler(pressed, pattern=pattern))


def _install_reporter_messages(
    application: App, reporter: ReporterHandlers, gate: ReporterGate
) -> None:
    """After every command and button: the reporter's text, pins, contacts and files (the
    questionnaire's inputs check the account inside their own transaction)."""
    messages = (
        (filters.TEXT & PRIVATE, gate.checked_inside(reporter.text)),
        (filters.LOCATION & PRIVATE, gate.checked_inside(reporter.location)),
        (filters.CONTACT & PRIVATE, gate.checked_inside(reporter.contact)),
        ((filters.PHOTO | filters.VOICE) & PRIVATE, gate.checked_inside(reporter.media)),
        (PRIVATE, gate.guard(reporter.unsupported)),
    )
    for accepted, handler in messages:
        application.add_handler(MessageHandler(accepted, handler))


def _dedupe(deps: TriageDeps) -> Callback:
    async def check(update: Update, _context: Context) -> None:
        if not await first_time_seen(deps, update.update_id, datetime.now(UTC)):
            log.info("update %s seen before; ignored", update.update_id)
            raise ApplicationHandlerStop
        deps.metrics.update_processed(update_kind(update))

    return check


def _count(deps: TriageDeps) -> Callback:
    """The metrics' count where the inbox has deduplicated already (webhook mode)."""

    async def count(update: Update, _context: Context) -> None:
        deps.metrics.update_processed(update_kind(update))

    return count


def update_kind(update: Update) -> str:
    """The kind of update for the metrics: one of metrics.UPDATE_KINDS."""
    return next((kind for kind in UPDATE_KINDS if getattr(update, kind, None)), "other")


def _group_notice(deps: TriageDeps) -> Callback:
    """In groups, answer commands with a pointer to a private chat; store nothing."""

    async def notice(update: Update, context: Context) -> None:
        message = update.effective_message
        if message is not None and message.text and message.text.startswith("/"):
            lang = deps.translator.language(
                update.effective_user.language_code if update.effective_user else None
            )
            link = f"https://t.me/{context.bot.username}"
            button = InlineKeyboardButton(
                deps.translator.text(lang, texts.OPEN_PRIVATE_CHAT), url=link
            )
            await message.reply_text(
                deps.translator.text(lang, texts.GROUP_ONLY_PRIVATE),
                reply_markup=InlineKeyboardMarkup([[button]]),
            )
        raise ApplicationHandlerStop

    return notice


def _stale_button(deps: TriageDeps) -> Callback:
    async def answer(update: Update, _context: Context) -> None:
        if update.callback_query is not None:
            await update.callback_query.answer(deps.translator.text("id", texts.BUTTON_EXPIRED))

    return answer


def _on_error(deps: TriageDeps) -> Callable[[object, Context], Coroutine[Any, Any, None]]:
    async def handle(update: object, context: Context) -> None:
        error = context.error
        if error is not None and _tried_again(update, context):
            log.warning("handler met a busy database: %s; trying again", describe_failure(error))
            return
        log.error("handler failed: %s", describe_failure(error) if error else "unknown")
        if (
            isinstance(update, Update)
            and update.effective_chat is not None
            and update.effective_chat.type == "private"
        ):
            lang = await _chosen_language(deps, update)
            try:
                await context.bot.send_message(
                    chat_id=update.effective_chat.id,
                    text=deps.translator.text(lang, texts.SOMETHING_WENT_WRONG),
                )
            except Exception:
                log.warning("could not tell the user about the failure")

    return handle


async def _chosen_language(deps: TriageDeps, update: Update) -> str:
    """The language the person chose in the bot; the phone's when the database cannot say
    (it may be what just failed)."""
    assert update.effective_chat is not None
    hint = update.effective_user.language_code if update.effective_user else None
    try:
        return (await intake_service.current(deps, update.effective_chat.id, hint)).language
    except Exception:
        return deps.translator.language(hint)


async def _set_commands(application: App) -> None:
    commands = [
        BotCommand("start", "Buat laporan baru / New report"),
        BotCommand("status", "Laporan saya / My reports"),
        BotCommand("batal", "Batalkan / Cancel"),
        BotCommand("bahasa", "Bahasa / Language"),
        BotCommand("help", "Bantuan / Help"),
    ]
    await application.bot.set_my_commands(commands)


def _tried_again(update: object, context: Context) -> bool:
    retried: set[int] = context.bot_data.get(RETRIED_IF_BUSY, set())
    return (
        isinstance(update, Update)
        and update.update_id in retried
        and context.error is not None
        and storage_busy(context.error)
    )
