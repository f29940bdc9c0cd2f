"""Updates received by webhook, through the inbox (`triage/services/inbox/queue.py`).

python-telegram-bot's custom-webhook pattern: an Application without an updater, each posted
update read with `Update.de_json` and handed to `Application.process_update`, here through the
Application's update processor so that one chat's updates stay in order while chats run side
by side. Every update is stored before Telegram is answered, then processed and marked; one
that meets a busy database is tried again at once after short pauses (`BUSY_RETRY_SECONDS`),
and one that still fails is tried again at the next start (`MAX_ATTEMPTS` in all). At start, `drain` first
processes what the inbox holds from before, oldest first; only then are updates accepted.
At a stop, new updates are refused (503: Telegram delivers them again), those in flight
finish, and the claims of any cut short are released for the next start. While open, every
RESCUE_SECONDS the receiver frees the rows of processes that died (several processes on one
PostgreSQL) and takes the pending rows nobody holds, so a dead process's updates go on here.

The payload is personal data: logs name an update by its id only.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.application import RETRIED_IF_BUSY, App
from triage.services.common.deps import TriageDeps
from triage.services.common.failures import describe_failure, storage_busy
from triage.services.inbox import queue as inbox
from triage.services.inbox.applied import Processing, WithTheMark, processing
from triage.services.inbox.port import Receipt, UnreadableUpdate

log = logging.getLogger(__name__)
RESCUE_SECONDS = 3.0
MARK_RETRY_SECONDS = (0.5, 1.0, 2.0, 4.0, None)  # pauses between tries of marking a row
# A busy database (SQLite's write lock held past its timeout, no free connection): the same
# update again after these pauses, within its chat's turn, before it counts as failed.
BUSY_RETRY_SECONDS = (0.2, 1.0, 3.0)


class _InFlight:
    """Counts the work under way (a store, a processing) and says when there is none."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def enter(self) -> None:
        self._count += 1
        self._idle.clear()

    def leave(self) -> None:
        self._count -= 1
        if self._count == 0:
            self._idle.set()

    @property
    def is_idle(self) -> bool:
        return self._count == 0

    async def idle(self) -> None:
        await self._idle.wait()


def well_formed(update: Update) -> bool:
    """Whether the parts Telegram always sends are there: a message's chat, id and date; a
    button press's id and sender. python-telegram-bot reads a message without a chat, and
    the handlers' filters would then fail on it; Telegram never sends one."""
    message = update.message or update.edited_message
    messages = [message] if message is not None else []
    query = update.callback_query
    if query is not None:
        if not query.id or query.from_user is None:
            return False
        if isinstance(query.message, Message):
            messages.append(query.message)
    return all(
        m.chat is not None and m.message_id is not None and m.date is not None for m in messages
    )


class InboxReceiver:
    """Implements `triage.services.inbox.port.UpdateReceiver` over the Application."""

    def __init__(self, deps: TriageDeps, application: App) -> None:
        self.deps = deps
        self.application = application
        self.owner = deps.coordination.owner
        self._open = False
        self._busy = _InFlight()
        self._tasks: set[asyncio.Task[None]] = set()
        self._unfinished: set[int] = set()  # rows this process holds and has not marked
        self._errors: dict[int, BaseException] = {}
        self._rescuing: asyncio.Task[None] | None = None
        application.add_error_handler(self._record_error)

    @property
    def accepting(self) -> bool:
        return self._open

    def open(self) -> None:
        """Take updates from now on (after `drain`), and rescue those of dead processes."""
        self._open = True
        self._rescuing = asyncio.create_task(self._rescue_loop(), name="inbox-rescue")

    async def _rescue_loop(self) -> None:
        while self._open:
            await asyncio.sleep(RESCUE_SECONDS)
            try:
                await self.rescue()
            except Exception as exc:  # the database: the next round tries again
                log.error("inbox: rescue failed: %s", describe_failure(exc))

    async def rescue(self) -> int:
        """Free the rows of processes that died, then process the pending rows nobody holds
        (a dead process's, or a stopped one's); how many."""
        freed = await inbox.release_orphans(
            self.deps, self.deps.clock(), self.deps.coordination.alive
        )
        if freed:
            log.warning("inbox: %s updates of a process that died taken over", freed)
        return await self.drain(statuses=("pending",))

    async def receive(self, payload: dict[str, Any]) -> Receipt:
        update = self._read(payload)
        if update is None:
            raise UnreadableUpdate
        self._busy.enter()
        try:
            stored = await inbox.store(
                self.deps, update.update_id, payload, self.owner, self.deps.clock()
            )
            if stored is None:
                stored = await self._taken_back(update.update_id)
            if stored is None:
                return Receipt.DUPLICATE
            self._unfinished.add(stored.id)
            log.debug("inbox: update %s stored", update.update_id)
            self._spawn(stored.id, update)
        finally:
            self._busy.leave()
        return Receipt.STORED

    async def _taken_back(self, update_id: int) -> inbox.StoredUpdate | None:
        """A redelivered update stored before but never processed: its store committed as the
        connection broke, so Telegram was told 500. Taken back unless under way here."""
        if not self._open:
            return None
        stored = await inbox.take_back(self.deps, update_id, self.owner, self.deps.clock())
        if stored is None or stored.id in self._unfinished:
            return None
        log.info("inbox: update %s was stored before but not processed; processing it", update_id)
        return stored

    async def drain(self, statuses: tuple[str, ...] = inbox.WAITING) -> int:
        """Process what the inbox holds from before (a stop, a crash, a failure), oldest
        first, each once; return how many. Cancelled by a stop, the update under way still
        finishes (`close` waits for it) and the rest are released."""
        done, last = 0, -1
        while batch := await inbox.claim_waiting(
            self.deps, self.owner, self.deps.clock(), after=last, statuses=statuses
        ):
            self._unfinished.update(stored.id for stored in batch)
            for stored in batch:
                last = stored.update_id
                update = self._read(stored.payload)
                if update is None:
                    await self._abandon(stored.id, stored.update_id)
                else:
                    await asyncio.shield(self._spawn(stored.id, update))
                done += 1
        if done:
            log.info("inbox: %s updates left from before processed", done)
        return done

    async def close(self, within: float) -> bool:
        """Refuse new updates, let those in flight finish for up to `within` seconds, cancel
        the rest and release their claims. True when nothing was cut short."""
        self._open = False
        if self._rescuing is not None:
            self._rescuing.cancel()
            await asyncio.gather(self._rescuing, return_exceptions=True)
        try:
            if not self._busy.is_idle:
                await asyncio.wait_for(self._busy.idle(), within)
            finished = True
        except TimeoutError:
            finished = False
            for task in self._tasks:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        left = await inbox.release(self.deps, self._unfinished)
        if left:
            log.warning("inbox: %s updates not processed at the stop; the next start will", left)
        return finished

    def _spawn(self, row_id: int, update: Update) -> asyncio.Task[None]:
        self._busy.enter()
        task = asyncio.create_task(self._process(row_id, update), name="inbox-update")
        self._tasks.add(task)

        def done(finished: asyncio.Task[None]) -> None:
            self._tasks.discard(finished)
            self._busy.leave()

        task.add_done_callback(done)
        return task

    def _read(self, payload: dict[str, Any]) -> Update | None:
        try:
            update = Update.de_json(payload, self.application.bot)
        except Exception:  # a payload no update is made of: its message may quote it
            return None
        return update if well_formed(update) else None

    async def _process(self, row_id: int, update: Update) -> None:
        """The handlers, then the row's mark, both in the chat's turn: the mark carries what
        the handlers left to it (`with_the_mark`), which the chat's next update reads."""
        marked = False

        async def handle_and_mark(state: Processing) -> None:
            nonlocal marked
            await self._handle(update)
            marked = True
            error = self._errors.pop(update.update_id, None)
            await self._mark(row_id, update.update_id, error, state.with_the_mark)

        try:
            with processing(row_id, update.update_id) as state:  # applied once (inbox.applied)
                await self.application.update_processor.process_update(
                    update, handle_and_mark(state)
                )
        except Exception as exc:
            if not marked:
                await self._mark(row_id, update.update_id, exc, state.with_the_mark)

    async def _handle(self, update: Update) -> None:
        """The handlers, and again after a pause while they fail on a busy database (what
        failed was rolled back; the chat's next update waits its turn meanwhile)."""
        retried: set[int] = self.application.bot_data.setdefault(RETRIED_IF_BUSY, set())
        retried.add(update.update_id)
        try:
            for pause in BUSY_RETRY_SECONDS:
                await self.application.process_update(update)
                error = self._errors.get(update.update_id)
                if error is None or not storage_busy(error):
                    return
                del self._errors[update.update_id]
                await asyncio.sleep(pause)
            retried.discard(update.update_id)  # the last try: a failure now is told
            await self.application.process_update(update)
        finally:
            retried.discard(update.update_id)

    async def _mark(
        self, row_id: int, update_id: int, error: BaseException | None, also: WithTheMark
    ) -> None:
        """Mark the row; the database gone for a moment, try again a few times (a row left
        unmarked is taken up at the next start, shown again rather than applied twice)."""
        try:
            for pause in MARK_RETRY_SECONDS:
                try:
                    await self._mark_once(row_id, update_id, error, also)
                    return
                except Exception as exc:
                    log.error("inbox: update %s not marked: %s", update_id, describe_failure(exc))
                    if pause is None:
                        return
                    await asyncio.sleep(pause)
        finally:
            self._unfinished.discard(row_id)

    async def _mark_once(
        self, row_id: int, update_id: int, error: BaseException | None, also: WithTheMark
    ) -> None:
        now = self.deps.clock()
        if error is None:
            await inbox.mark_processed(self.deps, row_id, now, also)
            log.debug("inbox: update %s processed", update_id)
            return
        status = await inbox.mark_failed(self.deps, row_id, describe_failure(error), now, also)
        then = "abandoned" if status == "abandoned" else "tried again at the next start"
        log.warning("inbox: update %s failed (%s); %s", update_id, describe_failure(error), then)

    async def _abandon(self, row_id: int, update_id: int) -> None:
        await inbox.abandon(self.deps, row_id, "UnreadableUpdate", self.deps.clock())
        self._unfinished.discard(row_id)
        log.warning("inbox: update %s cannot be read; abandoned", update_id)

    async def _record_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An error handler: remembers which update failed, so it is marked failed."""
        if isinstance(update, Update) and context.error is not None:
            self._errors[update.update_id] = context.error
