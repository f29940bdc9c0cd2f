"""The services CSV without a database: good lines, and every bad line with its number."""

from __future__ import annotations

from datetime import date

from triage.domain.referrals import ServiceType
from triage.domain.regions.directory import RegionDirectory
from triage.services.referrals.csv_rows import HEADER, parse_service_csv

TODAY = date(2026, 12, 1)


def test_a_full_line_and_a_line_with_only_the_required_columns(
    regions: RegionDirectory,
) -> None:
    text = (
        f"{HEADER}\n"
        'UPTD PPA Kota Jakarta Selatan,uptd_ppa,3174,"Jl. Contoh 1",(021) 555-0101,'
        "0812 3456 7890,Senin-Jumat 08.00-16.00,Pendampingan; psikolog,2026-11-02\n"
        "LBH Jakarta,LBH,31;32.73,,,,,,\n"
    )

    rows, errors = parse_service_csv(text, regions, TODAY)

    assert errors == []
    first, second = rows
    assert (first.line, first.type, first.region_codes) == (2, ServiceType.UPTD_PPA, ("31.74",))
    assert (first.phone, first.whatsapp) == ("+62215550101", "+6281234567890")
    assert first.last_verified == date(2026, 11, 2) and first.offers == "Pendampingan; psikolog"
    assert (second.type, second.region_codes, second.phone) == (
        ServiceType.LBH,
        ("31", "32.73"),
        None,
    )


def test_the_optional_columns_may_be_left_out(regions: RegionDirectory) -> None:
    rows, errors = parse_service_csv(
        "name,type,region_codes\nPuskesmas A,puskesmas,31.74\n", regions, TODAY
    )
    assert errors == [] and rows[0].address is None and rows[0].last_verified is None


def test_every_bad_line_is_reported_with_its_number(regions: RegionDirectory) -> None:
    text = (
        f"{HEADER}\n"
        "UPTD PPA A,uptd_ppa,31.74,,,,,,\n"  # 2: good
        "Unit PPA,unit_ppa_polres,99.99,,,,,,\n"  # 3: a bad code
        "uptd ppa  a,UPTD_PPA,31.71,,,,,,\n"  # 4: the same service as line 2
        "Puskesmas B,puskesmas,31.74,,12345,,,,\n"  # 5: not a phone number
        ",lksa,31.74,,,,,,\n"  # 6: no name
        "Balai X,panti,31.74,,,,,,2027-01-01\n"  # 7: an unknown type, a future date
    )

    rows, errors = parse_service_csv(text, regions, TODAY)

    assert [e.line for e in errors] == [3, 4, 5, 6, 7, 7]
    messages = [e.message for e in errors]
    assert "99.99" in messages[0]
    assert "line 2" in messages[1]
    assert "phone" in messages[2]
    assert "name" in messages[3]
    assert "panti" in messages[4] and "2027-01-01" in messages[5]
    assert len(rows) == 2  # the good line and the duplicate's own fields were fine


def test_a_header_without_the_required_columns_is_refused(regions: RegionDirectory) -> None:
    rows, errors = parse_service_csv("name,phone,fax\nA,,\n", regions, TODAY)

    assert rows == []
    assert [e.line for e in errors] == [1, 1]
    assert "type, region_codes" in errors[0].message and "fax" in errors[1].message
