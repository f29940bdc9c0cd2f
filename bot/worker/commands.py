"""Workers' commands: the invite link, /help, /tugas, /kasus, /bertugas, /libur, /wilayah.

`WorkerCommands.greet` is the reporter side's StaffFront: registered workers get their own
help on /start and /help.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.worker import texts as t
from bot.worker.access import person_language
from bot.worker.render import LANG, card_keyboard, line_text, open_keyboard
from bot.worker.screen import CardScreen
from triage.domain.model import Urgency
from triage.services.cases.overview import RegionOverview, region_overview
from triage.services.cases.worker_views import CaseCard, card_for_reference, my_cases
from triage.services.common.deps import TriageDeps
from triage.services.workers.manage import (
    RedeemOutcome,
    WorkerInfo,
    invite_code_from_start,
    redeem_invite,
    set_on_duty,
    worker_by_telegram,
)

Context = ContextTypes.DEFAULT_TYPE
_INVITE_ANSWERS = {
    RedeemOutcome.INVALID: t.INVITE_INVALID,
    RedeemOutcome.EXPIRED: t.INVITE_EXPIRED,
    RedeemOutcome.ACCOUNT_TAKEN: t.INVITE_TAKEN,
}


class WorkerCommands:
    def __init__(self, deps: TriageDeps) -> None:
        self.deps = deps
        self.tr = deps.translator
        self.screen = CardScreen(deps)

    async def _say(
        self, update: Update, text: str, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        message = update.effective_message
        assert message is not None
        await message.reply_text(text, reply_markup=markup)

    @staticmethod
    def _user_id(update: Update) -> int:
        assert update.effective_user is not None
        return update.effective_user.id

    def _regions(self, info: WorkerInfo) -> str:
        return ", ".join(self.deps.regions.name(code) or code for code in info.region_codes)

    def _role(self, info: WorkerInfo) -> str:
        return self.tr.text(LANG, t.ROLE_SUPERVISOR if info.role == "supervisor" else t.ROLE_WORKER)

    def _commands(self, info: WorkerInfo) -> str:
        commands = self.tr.text(LANG, t.COMMANDS)
        if info.role == "supervisor":
            commands = f"{self.tr.text(LANG, t.SUPERVISOR_COMMAND)}\n{commands}"
        return commands

    async def greet(self, update: Update, _context: Context) -> bool:
        """/start or /help from a registered worker: their help. False for anyone else."""
        info = await worker_by_telegram(self.deps, self._user_id(update))
        if info is None:
            return False
        duty = self.tr.text(LANG, t.DUTY_ON if info.on_duty else t.DUTY_OFF)
        hello = self.tr.text(
            LANG,
            t.WORKER_HELP,
            name=info.name,
            role=self._role(info),
            regions=self._regions(info),
            duty=duty,
        )
        await self._say(update, f"{hello}\n\n{self._commands(info)}")
        return True

    async def start_invite(self, update: Update, context: Context) -> None:
        """/start w-<code> from an invite link: bind this account to the invited worker. An
        unknown, used or expired link is answered in the person's language; nothing changes."""
        user = update.effective_user
        assert user is not None
        code = invite_code_from_start(context.args[0]) if context.args else None
        if code is None:
            await self._invite_refused(update, RedeemOutcome.INVALID)
            return
        now = self.deps.clock()
        result = await redeem_invite(self.deps, code, user.id, now, username=user.username)
        info = result.worker
        if info is None:
            await self._invite_refused(update, result.outcome)
        elif result.outcome is RedeemOutcome.BOUND:
            welcome = self.tr.text(
                LANG,
                t.INVITE_BOUND,
                name=info.name,
                role=self._role(info),
                regions=self._regions(info),
                commands=self._commands(info),
            )
            await self._say(update, welcome)
        else:
            already = self.tr.text(LANG, t.INVITE_ALREADY, name=info.name)
            await self._say(update, f"{already}\n\n{self._commands(info)}")

    async def _invite_refused(self, update: Update, outcome: RedeemOutcome) -> None:
        lang = await person_language(self.deps, update)
        await self._say(update, self.tr.text(lang, _INVITE_ANSWERS[outcome]))

    async def tasks(self, update: Update, _context: Context) -> None:
        """/tugas: my open cases, most urgent first, each with a button to open it."""
        lines = await my_cases(self.deps, self._user_id(update))
        if lines is None:
            await self._say(update, self.tr.text(LANG, t.NOT_A_WORKER))
            return
        if not lines:
            await self._say(update, self.tr.text(LANG, t.TASKS_NONE))
            return
        now = self.deps.clock()
        body = "\n\n".join(line_text(self.tr, line, now) for line in lines)
        head = self.tr.text(LANG, t.TASKS_HEAD, count=len(lines))
        hint = self.tr.text(LANG, t.OPEN_HINT)
        await self._say(update, f"{head}\n\n{body}\n\n{hint}", open_keyboard(lines))

    async def case(self, update: Update, context: Context) -> None:
        """/kasus REF: one case's card with its buttons."""
        if not context.args:
            await self._say(update, self.tr.text(LANG, t.CASE_USAGE))
            return
        card = await card_for_reference(self.deps, self._user_id(update), " ".join(context.args))
        if not isinstance(card, CaseCard):
            await self._say(update, self.tr.text(LANG, t.CASE_NOT_FOUND))
            return
        await self._say(update, self.screen.text(card), card_keyboard(self.tr, card))

    async def on_duty(self, update: Update, _context: Context) -> None:
        await self._duty(update, True)

    async def off_duty(self, update: Update, _context: Context) -> None:
        await self._duty(update, False)

    async def _duty(self, update: Update, on: bool) -> None:
        info = await set_on_duty(self.deps, self._user_id(update), on, self.deps.clock())
        if info is None:
            await self._say(update, self.tr.text(LANG, t.NOT_A_WORKER))
            return
        await self._say(update, self.tr.text(LANG, t.NOW_ON_DUTY if on else t.NOW_OFF_DUTY))

    async def region(self, update: Update, _context: Context) -> None:
        """/wilayah (supervisors): open cases by urgency, and the overdue ones."""
        user_id = self._user_id(update)
        overview = await region_overview(self.deps, user_id)
        if overview is None:
            known = await worker_by_telegram(self.deps, user_id) is not None
            await self._say(
                update, self.tr.text(LANG, t.NOT_A_SUPERVISOR if known else t.NOT_A_WORKER)
            )
            return
        await self._say(update, self._overview_text(overview), open_keyboard(overview.overdue))

    def _overview_text(self, overview: RegionOverview) -> str:
        total = sum(overview.open_by_urgency.values())
        regions = ", ".join(overview.regions)
        parts = [self.tr.text(LANG, t.OVERVIEW_HEAD, regions=regions, total=total)]
        counts = [f"{u}: {n}" for u in Urgency if (n := overview.open_by_urgency.get(u))]
        parts += [" · ".join(counts)] if counts else []
        if overview.unassigned:
            parts.append(self.tr.text(LANG, t.OVERVIEW_UNASSIGNED, count=overview.unassigned))
        if not overview.overdue:
            return "\n".join([*parts, "", self.tr.text(LANG, t.OVERVIEW_NO_OVERDUE)])
        now = self.deps.clock()
        parts += ["", self.tr.text(LANG, t.OVERVIEW_OVERDUE, count=overview.overdue_total)]
        parts += [line_text(self.tr, line, now) for line in overview.overdue]
        return "\n".join(parts)
