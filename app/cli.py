"""The `lapor-sosial` command: run, migrate, create-admin, staff, partners, workers, services,
regions, triage, reporters, backup, retention, keys, stats."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TypeVar

from pydantic import ValidationError

from app import (
    commands,
    key_commands,
    ops_commands,
    partner_commands,
    service_commands,
    stats_command,
    triage_commands,
    worker_commands,
)
from app.key_files import KeyFileError
from app.logs import configure_logging
from app.roles import Role
from app.settings import Settings, load_settings
from triage.domain.model import Urgency
from triage.domain.scoring.evaluation import Gates, parse_fraction, parse_recall_gates
from triage.domain.statistics.dimensions import Dimension, Granularity, Unit

T = TypeVar("T")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lapor-sosial", description="Lapor Sosial: child-protection reports over Telegram."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot, the admin view and the scheduler")
    run.add_argument(
        "--role",
        choices=[r.value for r in Role],
        default=Role.ALL.value,
        help="web: admin and webhook; worker: outbox sender, scheduler, polling; all: both",
    )
    sub.add_parser("migrate", help="bring the database schema up to date")
    admin = sub.add_parser(
        "create-admin", help="create a staff login (password from a prompt or stdin)"
    )
    admin.add_argument("username")
    admin.add_argument("--role", choices=["admin", "supervisor"], default="admin")
    admin.add_argument(
        "--regions", default="", help="region codes for a supervisor, separated by ';'"
    )
    _add_staff(sub)
    _add_partners(sub)
    workers = sub.add_parser("workers", help="manage social workers").add_subparsers(
        dest="action", required=True
    )
    workers.add_parser("import", help="import or update workers from a CSV file").add_argument(
        "file"
    )
    workers.add_parser(
        "invite", help="make a one-time Telegram link that binds a worker"
    ).add_argument("name")
    deactivate = workers.add_parser(
        "deactivate", help="end a worker's access now and route their open cases again"
    )
    deactivate.add_argument("name", help="the worker's name, or their id (12 or #12)")
    deactivate.add_argument("--reason", required=True, help="why; kept on the worker's page")
    workers.add_parser(
        "unbind",
        help="end a worker's Telegram access now; they stay active until invited again",
    ).add_argument("name", help="the worker's name, or their id (12 or #12)")
    services = sub.add_parser(
        "services", help="the directory of services cases are referred to"
    ).add_subparsers(dest="action", required=True)
    services.add_parser(
        "import", help="import or update services from a CSV file (all or nothing)"
    ).add_argument("file")
    regions = sub.add_parser("regions", help="look up region codes").add_subparsers(
        dest="action", required=True
    )
    regions.add_parser("search", help="best matches for a place name").add_argument(
        "text", nargs="+"
    )
    triage = sub.add_parser("triage", help="assess reports offline").add_subparsers(
        dest="action", required=True
    )
    assess = triage.add_parser("assess", help="assess JSON lines (a file or - for stdin)")
    assess.add_argument("input", nargs="?", default="-")
    assess.add_argument("--rules", default=None)
    assess.add_argument("--lang", choices=["id", "en"], default="id")
    compare = triage.add_parser(
        "compare", help="how reports would move under new rules: stored ones, or JSON lines"
    )
    compare.add_argument("input", nargs="?", default=None, help="JSON lines (a file or -)")
    compare.add_argument("--rules", required=True)
    _add_evaluate(triage)
    override = triage.add_parser("override", help="set a case's urgency by hand, with a reason")
    override.add_argument("reference")
    override.add_argument("urgency", choices=[u.value for u in Urgency])
    override.add_argument("--reason", required=True)
    override.add_argument("--by", default="cli", help="who decided (a staff username)")
    reporters = sub.add_parser("reporters", help="abuse control").add_subparsers(
        dest="action", required=True
    )
    reporters.add_parser("block", help="stop a Telegram account from reporting").add_argument(
        "telegram_user_id", type=int
    )
    reporters.add_parser("unblock", help="allow a blocked account again").add_argument(
        "telegram_user_id", type=int
    )
    _add_operations(sub)
    _add_stats(sub)
    return parser


def _add_operations(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser("backup", help="back up or restore the whole database").add_subparsers(
        dest="action", required=True
    )
    backup.add_parser(
        "create", help="write a backup file (SQLite: a copy; PostgreSQL: pg_dump custom format)"
    ).add_argument("file")
    restore = backup.add_parser(
        "restore", help="put a backup's data in the database named by DATABASE_URL"
    )
    restore.add_argument("file")
    restore.add_argument(
        "--replace", action="store_true", help="allowed to replace a database that holds reports"
    )
    retention = sub.add_parser(
        "retention", help="clear personal data of old closed cases, expire old rows"
    ).add_subparsers(dest="action", required=True)
    retention.add_parser("run", help="run retention now (the scheduler runs it daily)")
    retention.add_parser("status", help="the limits, the last run and what is due now")
    keys = sub.add_parser(
        "keys", help="the data keys that encrypt reports at rest (DATA_KEYS)"
    ).add_subparsers(dest="action", required=True)
    rotate = keys.add_parser(
        "rotate", help="re-encrypt every value under the first key of DATA_KEYS (resumable)"
    )
    rotate.add_argument("--batch", type=int, default=500, help="values per transaction")
    keys.add_parser("status", help="the current key and what still waits for it")


def _add_stats(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    stats = sub.add_parser(
        "stats",
        help="reports and children by period and two dimensions, handling times, workload "
        "(small counts hidden)",
    )
    stats.add_argument(
        "--by",
        type=_argument(stats_command.parse_by),
        default=(Dimension.PROVINCE, Dimension.HARM),
        metavar="ROWS,COLUMNS",
        help=f"two of {stats_command.DIMENSIONS} (default province,harm)",
    )
    stats.add_argument("--period", choices=[g.value for g in Granularity], default="year")
    stats.add_argument("--from", dest="first", type=_argument(stats_command.parse_day))
    stats.add_argument("--to", dest="last", type=_argument(stats_command.parse_day))
    stats.add_argument("--unit", choices=[u.value for u in Unit], default="reports")
    stats.add_argument("--format", choices=["csv", "json"], default="csv", dest="output_format")
    stats.add_argument(
        "--minimum",
        type=int,
        choices=range(1, 1001),
        metavar="N",
        help="hide counts from 1 to N-1 (default DASHBOARD_MIN_CASES)",
    )


def _stats(settings: Settings, args: argparse.Namespace) -> int:
    options = stats_command.StatsOptions(
        by=args.by,
        granularity=Granularity(args.period),
        first=args.first,
        last=args.last,
        unit=Unit(args.unit),
        output_format=args.output_format,
        minimum=args.minimum,
    )
    return asyncio.run(stats_command.print_statistics(settings, options))


def _add_staff(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = sub.add_parser("staff", help="manage admin logins").add_subparsers(
        dest="action", required=True
    )
    add = staff.add_parser("add", help="create a login (password from a prompt or stdin)")
    add.add_argument("username")
    add.add_argument("--role", choices=["admin", "supervisor"], default="supervisor")
    add.add_argument(
        "--regions", default="", help="region codes for a supervisor, separated by ';'"
    )
    set_password = staff.add_parser(
        "set-password", help="replace a login's password (prompt or stdin); its sessions end"
    )
    set_password.add_argument("username")
    set_password.add_argument(
        "--forget-2fa",
        action="store_true",
        help="also forget its authenticator app (a lost phone); it can set one up again",
    )
    staff.add_parser(
        "deactivate", help="stop a login from working; its sessions end at once"
    ).add_argument("username")
    staff.add_parser("activate", help="let a deactivated login work again").add_argument("username")
    staff.add_parser("list", help="every login with its role, regions and state")
    staff.add_parser(
        "rekey-2fa",
        help="after a SECRET_KEY change: re-encrypt the authenticator secrets from "
        "OLD_SECRET_KEY (an environment variable) to SECRET_KEY",
    )


def _add_partners(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    partners = sub.add_parser(
        "partners", help="partner systems' API tokens and webhooks"
    ).add_subparsers(dest="action", required=True)
    add = partners.add_parser("add", help="make a partner's bearer token (printed once)")
    add.add_argument("name")
    add.add_argument(
        "--regions", required=True, help="province or kabupaten/kota codes, separated by ','"
    )
    add.add_argument("--scope", required=True, help="stats, cases or cases,pii (or stats,cases)")
    add.add_argument("--expires", default=None, help="lifetime such as 90d, 12h or 2w")
    partners.add_parser("list", help="every partner with its scopes, regions and state")
    partners.add_parser("revoke", help="end a partner's token now").add_argument("name")
    webhook = partners.add_parser(
        "webhook", help="send a partner's case events to URL (prints the signing secret)"
    )
    webhook.add_argument("name")
    webhook.add_argument("url", nargs="?", default=None)
    webhook.add_argument("--remove", action="store_true", help="send no more events")


def _partner_webhook(settings: Settings, args: argparse.Namespace) -> int:
    if (args.url is None) != args.remove:
        raise commands.CommandError("give the URL, or --remove to send no more events")
    return asyncio.run(partner_commands.webhook(settings, args.name, args.url))


def _add_evaluate(triage: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate = triage.add_parser(
        "evaluate", help="measure triage against a labelled corpus, or the overridden cases"
    )
    evaluate.add_argument("inputs", nargs="*", help="corpus JSON lines (files, or - for stdin)")
    evaluate.add_argument("--from-overrides", action="store_true")
    evaluate.add_argument("--rules", default=None, help="candidate rules (default: current)")
    evaluate.add_argument("--lang", choices=["id", "en"], default="id")
    evaluate.add_argument("--json", action="store_true", dest="as_json")
    evaluate.add_argument(
        "--fail-under-recall",
        action="append",
        default=[],
        type=_argument(parse_recall_gates),
        metavar="LEVEL=FRACTION",
        help="exit 1 if a level's recall is lower, e.g. DARURAT=1.0 (repeat or use commas)",
    )
    evaluate.add_argument(
        "--max-under-triage",
        type=_argument(parse_fraction),
        default=None,
        metavar="FRACTION",
        help="exit 1 if more reports than this get a less urgent level, e.g. 0.03",
    )


def _argument(parse: Callable[[str], T]) -> Callable[[str], T]:
    """`parse` for argparse: its ValueError's message becomes the usage error."""

    def checked(text: str) -> T:
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return checked


def _evaluate(settings: Settings, args: argparse.Namespace) -> int:
    recall: dict[Urgency, Fraction] = {}
    for gates in args.fail_under_recall:
        recall.update(gates)
    options = triage_commands.EvaluateOptions(
        sources=args.inputs,
        rules_file=args.rules,
        lang=args.lang,
        as_json=args.as_json,
        gates=Gates(recall, args.max_under_triage),
        from_overrides=args.from_overrides,
    )
    return triage_commands.evaluate(settings, options)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ValidationError as exc:
        print(f"lapor-sosial: the settings are not valid:\n{_explain(exc)}", file=sys.stderr)
        return 2
    # Only the long-running service logs at the configured level; commands stay quiet.
    configure_logging(
        settings.log_level if args.command == "run" else "WARNING",
        secrets=[
            *(
                secret.get_secret_value()
                for secret in (settings.telegram_bot_token, settings.webhook_secret)
                if secret is not None
            ),
            *(settings.data_key_texts or {}).values(),
        ],
        log_format=settings.log_format,
    )
    handler = _HANDLERS[(args.command, getattr(args, "action", None))]
    try:
        return handler(settings, args)
    except commands.CommandError as exc:
        print(f"lapor-sosial: {exc}", file=sys.stderr)
        return exc.status
    except KeyFileError as exc:  # a key file in var/ that cannot be read or made
        print(f"lapor-sosial: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (`… | head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _explain(exc: ValidationError) -> str:
    lines = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]).upper() or "settings"
        lines.append(f"  {where}: {error['msg'].removeprefix('Value error, ')}")
    return "\n".join(lines)


def _read_password() -> str:
    """From a prompt (asked twice) at a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        password = getpass.getpass("Password (at least 10 characters): ")
        if getpass.getpass("Again: ") != password:
            raise commands.CommandError("the two passwords differ")
        return password
    return sys.stdin.readline().rstrip("\n")


def _create_admin(settings: Settings, args: argparse.Namespace) -> int:
    password = _read_password()
    regions = tuple(code.strip() for code in args.regions.split(";") if code.strip())
    return asyncio.run(commands.create_admin(settings, args.username, password, args.role, regions))


def _set_password(settings: Settings, args: argparse.Namespace) -> int:
    password = _read_password()
    return asyncio.run(
        commands.set_staff_password(settings, args.username, password, args.forget_2fa)
    )


_HANDLERS: dict[tuple[str, str | None], Callable[[Settings, argparse.Namespace], int]] = {
    ("run", None): lambda s, a: commands.run(s, Role(a.role)),
    ("migrate", None): lambda s, _a: commands.migrate(s),
    ("create-admin", None): _create_admin,
    ("staff", "add"): _create_admin,
    ("staff", "set-password"): _set_password,
    ("staff", "deactivate"): lambda s, a: asyncio.run(
        commands.set_staff_active(s, a.username, False)
    ),
    ("staff", "activate"): lambda s, a: asyncio.run(commands.set_staff_active(s, a.username, True)),
    ("staff", "list"): lambda s, _a: asyncio.run(commands.list_staff(s)),
    ("staff", "rekey-2fa"): lambda s, _a: asyncio.run(ops_commands.rekey_2fa(s)),
    ("workers", "import"): lambda s, a: commands.import_workers(s, a.file),
    ("workers", "invite"): lambda s, a: asyncio.run(commands.invite_worker(s, a.name)),
    ("workers", "deactivate"): lambda s, a: asyncio.run(
        worker_commands.deactivate(s, a.name, a.reason)
    ),
    ("workers", "unbind"): lambda s, a: asyncio.run(worker_commands.unbind(s, a.name)),
    ("services", "import"): lambda s, a: service_commands.import_services(s, a.file),
    ("regions", "search"): lambda _s, a: commands.search_regions(" ".join(a.text)),
    ("triage", "assess"): lambda s, a: triage_commands.assess(s, a.input, a.rules, a.lang),
    ("triage", "compare"): lambda s, a: triage_commands.compare(s, a.rules, a.input),
    ("triage", "evaluate"): _evaluate,
    ("triage", "override"): lambda s, a: asyncio.run(
        triage_commands.override(s, a.reference, a.urgency, a.reason, a.by)
    ),
    ("reporters", "block"): lambda s, a: asyncio.run(commands.block(s, a.telegram_user_id, True)),
    ("reporters", "unblock"): lambda s, a: asyncio.run(
        commands.block(s, a.telegram_user_id, False)
    ),
    ("backup", "create"): lambda s, a: ops_commands.create_backup(s, a.file),
    ("backup", "restore"): lambda s, a: ops_commands.restore_backup(s, a.file, a.replace),
    ("retention", "run"): lambda s, _a: asyncio.run(ops_commands.run_retention_now(s)),
    ("retention", "status"): lambda s, _a: asyncio.run(ops_commands.retention_status(s)),
    ("partners", "add"): lambda s, a: asyncio.run(
        partner_commands.add(s, a.name, a.regions, a.scope, a.expires)
    ),
    ("partners", "list"): lambda s, _a: asyncio.run(partner_commands.list_all(s)),
    ("partners", "revoke"): lambda s, a: asyncio.run(partner_commands.revoke(s, a.name)),
    ("partners", "webhook"): _partner_webhook,
    ("keys", "rotate"): lambda s, a: asyncio.run(key_commands.rotate(s, a.batch)),
    ("keys", "status"): lambda s, _a: asyncio.run(key_commands.status(s)),
    ("stats", None): _stats,
}

if __name__ == "__main__":
    raise SystemExit(main())
