"""The admin's service form: the same fields and checks as a line of the services CSV, each
problem kept beside its field. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from triage.domain.regions.directory import RegionDirectory
from triage.services.referrals.csv_rows import COLUMNS, ServiceRow, parse_line
from triage.services.referrals.directory import ServiceInfo
from triage.services.workers.problems import Problem


@dataclass(frozen=True, slots=True)
class ServiceForm:
    """What the form shows: the typed values by CSV column, and a problem per bad field."""

    values: Mapping[str, str] = field(default_factory=dict)
    errors: Mapping[str, Problem] = field(default_factory=dict)


def read_form(
    fields: Mapping[str, str], regions: RegionDirectory, today: date
) -> tuple[ServiceRow | None, ServiceForm]:
    """The checked service, or None with the problems by field."""
    values = {column: fields.get(column, "") for column in COLUMNS}
    record = [values[column] for column in COLUMNS]
    columns = {column: index for index, column in enumerate(COLUMNS)}
    row, problems = parse_line(0, record, columns, regions, today)
    return row, ServiceForm(values, problems)


def form_of(service: ServiceInfo) -> ServiceForm:
    """A stored service as the form's values."""
    values = {
        "name": service.name,
        "type": service.type,
        "region_codes": ";".join(service.region_codes),
        "address": service.address or "",
        "phone": service.phone or "",
        "whatsapp": service.whatsapp or "",
        "hours": service.hours or "",
        "services": service.offers or "",
        "last_verified": service.last_verified.isoformat() if service.last_verified else "",
    }
    return ServiceForm(values)
