"""Files a person may hand an importer by mistake or as some tool left them: another app's
export, an empty file, a header alone, a byte-order mark, Windows line ends, a spreadsheet's
semicolons, a zip with a member outside itself or one that unpacks to gigabytes, dates in
another country's form. A file that can be read as what it is imports as it would plain; any
other is one line naming the file (and the row and field, where there is one), exit 2,
nothing written."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.apps.conftest import FIXTURES, refused

ANN = "QEVuQwEAc2FtcGxlQW5uMDAwMw=="
# One real-shaped export of each app, and what its import needs besides the file.
EXPORTS: dict[str, tuple[Path, tuple[str, ...]]] = {
    "daylio": (FIXTURES / "daylio" / "staticf0x_test_data.csv", ()),
    "bearable": (FIXTURES / "bearable" / "bearable_rows_from_unit_test.csv", ()),
    "loop": (FIXTURES / "loop", ()),
    "flaredown": (FIXTURES / "flaredown" / "export.csv", ("--user", ANN)),
    "apple-health": (FIXTURES / "apple_health" / "export6s3sample.xml", ()),
    "fitbit": (FIXTURES / "fitbit" / "UserSleeps_2026-10-01.csv", ()),
    "oura": (FIXTURES / "oura" / "oura_trends.csv", ()),
}
PAIRS = [(given, to) for given in EXPORTS for to in EXPORTS if given != to]


def _refused_naming(result, name: str) -> str:  # type: ignore[no-untyped-def]
    refused(result, mentions=name)
    return str(result.err.strip())


@pytest.mark.parametrize(("given", "to"), PAIRS, ids=[f"{given}-to-{to}" for given, to in PAIRS])
def test_another_apps_export_is_refused(cli, db_path, frozen, given: str, to: str) -> None:
    path, _ = EXPORTS[given]
    _refused_naming(cli("import", to, str(path)), path.name)
    assert not db_path.exists()


def _copy(app: str, tmp: Path, change: Callable[[bytes], bytes]) -> Path:
    """The app's export copied into `tmp`, every text file in it changed by `change`."""
    source, _ = EXPORTS[app]
    target = tmp / "changed" / source.name
    if source.is_dir():
        shutil.copytree(source, target)
        files = [path for path in target.rglob("*.csv")]
    else:
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
        files = [target]
    for path in files:
        path.write_bytes(change(path.read_bytes()))
    return target


def _daily_after_import(cli, tmp: Path, app: str, path: Path, name: str) -> str:  # type: ignore[no-untyped-def]
    db = tmp / f"{name}.db"
    result = cli("import", app, str(path), *EXPORTS[app][1], db=db)
    assert result.code == 0, result.err
    return str(cli("export", "csv", db=db).out) if db.exists() else ""


@pytest.mark.parametrize("app", list(EXPORTS))
@pytest.mark.parametrize(
    "change",
    [lambda text: b"\xef\xbb\xbf" + text, lambda text: text.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")],
    ids=["bom", "crlf"],
)
def test_a_byte_order_mark_or_windows_line_ends_import_as_the_plain_file(cli, tmp_path, frozen, app, change) -> None:
    plain = _daily_after_import(cli, tmp_path, app, EXPORTS[app][0], "plain")
    assert _daily_after_import(cli, tmp_path, app, _copy(app, tmp_path, change), "changed") == plain


@pytest.mark.parametrize("app", list(EXPORTS))
def test_an_empty_file_is_refused(cli, db_path, tmp_path, frozen, app: str) -> None:
    empty = tmp_path / {"loop": "Loop Habits CSV.zip", "apple-health": "export.xml"}.get(app, "export.csv")
    empty.write_bytes(b"")
    _refused_naming(cli("import", app, str(empty), *EXPORTS[app][1]), empty.name)
    assert not db_path.exists()


@pytest.mark.parametrize("app", [app for app in EXPORTS if app not in ("loop", "apple-health")])
def test_a_header_alone_is_refused(cli, db_path, tmp_path, frozen, app: str) -> None:
    header = _copy(app, tmp_path, lambda text: text.splitlines(keepends=True)[0])
    line = _refused_naming(cli("import", app, str(header), *EXPORTS[app][1]), header.name)
    assert "no rows" in line
    assert not db_path.exists()


def test_a_loop_export_without_habits_and_a_health_export_without_records_are_refused(
    cli, db_path, tmp_path, frozen
) -> None:  # fmt: skip
    loop = _copy("loop", tmp_path, lambda text: text.splitlines(keepends=True)[0])
    _refused_naming(cli("import", "loop", str(loop)), "loop")
    health = tmp_path / "export.xml"
    health.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_GB">\n</HealthData>\n')
    _refused_naming(cli("import", "apple-health", str(health)), "export.xml")
    assert not db_path.exists()


@pytest.mark.parametrize("app", ["daylio", "bearable", "flaredown", "oura", "fitbit"])
def test_a_file_a_spreadsheet_saved_with_semicolons_is_refused(cli, db_path, tmp_path, frozen, app) -> None:
    semicolons = _copy(app, tmp_path, lambda text: text.replace(b",", b";"))
    line = _refused_naming(cli("import", app, str(semicolons), *EXPORTS[app][1]), semicolons.name)
    assert "';'" in line
    assert not db_path.exists()


def _zipped(tmp: Path, members: dict[str, bytes | Path]) -> Path:
    target = tmp / "export.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content.read_bytes() if isinstance(content, Path) else content)
    return target


def _loop_members(prefix: str = "") -> dict[str, bytes | Path]:
    return {prefix + path.relative_to(FIXTURES / "loop").as_posix(): path
            for path in sorted((FIXTURES / "loop").rglob("*.csv"))}  # fmt: skip


@pytest.mark.parametrize(
    ("app", "members"),
    [
        ("loop", lambda: _loop_members("../../")),
        ("loop", lambda: _loop_members("/etc/")),
        ("apple-health", lambda: {"../apple_health_export/export.xml": EXPORTS["apple-health"][0]}),
    ],
    ids=["loop-parent", "loop-absolute", "apple-health-parent"],
)
def test_a_zip_with_a_member_outside_itself_is_refused(cli, db_path, tmp_path, frozen, app, members) -> None:
    line = _refused_naming(cli("import", app, str(_zipped(tmp_path, members()))), "export.zip")
    assert "inside" in line
    assert not db_path.exists()


GIGABYTE = 1024**3


def _bomb(tmp: Path, name: str, header: bytes) -> Path:
    """A zip whose one member unpacks to over a quarter of a gigabyte (a few hundred KB on disk)."""
    target = tmp / "export.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as member:
        member.write(header)
        chunk = b" " * (16 * 1024 * 1024)
        for _ in range(GIGABYTE // 4 // len(chunk) + 1):
            member.write(chunk)
    return target


@pytest.mark.parametrize(
    ("app", "name", "header"),
    [
        ("loop", "Habits.csv", b"Position,Name\n001,Run\n"),
        ("apple-health", "apple_health_export/export.xml", b'<?xml version="1.0"?>\n<HealthData>'),
    ],
    ids=["loop", "apple-health"],
)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(cli, db_path, tmp_path, frozen, app, name, header) -> None:
    line = _refused_naming(cli("import", app, str(_bomb(tmp_path, name, header))), "export.zip")
    assert "unpacks" in line
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("app", "old", "new", "mentions"),
    [
        ("daylio", b"2020-05-30", b"30.05.2020", "line 2: full_date"),
        ("bearable", b"5th Jan 2022", b"5 janv. 2022", "line 2: date"),
        ("flaredown", b"2019-03-14", b"14/03/2019", "checkin_date"),
        ("oura", b"2020-03-02,", b"02.03.2020,", "line 2: date"),
        ("fitbit", b"2026-10-05 04:30:00+0000", b"05/10/2026 04:30", "line 2: sleep_end"),
    ],
    ids=["daylio", "bearable", "flaredown", "oura", "fitbit"],
)
def test_dates_in_another_countrys_form_are_refused_naming_row_and_field(
    cli, db_path, tmp_path, frozen, app, old: bytes, new: bytes, mentions: str
) -> None:  # fmt: skip
    changed = _copy(app, tmp_path, lambda text: text.replace(old, new, 1))
    line = _refused_naming(cli("import", app, str(changed), *EXPORTS[app][1]), changed.name)
    assert mentions in line
    assert not db_path.exists()


def test_loop_and_apple_health_dates_in_another_form_are_refused(cli, db_path, tmp_path, frozen) -> None:
    loop = _copy("loop", tmp_path, lambda text: text.replace(b"2023-06-10", b"10/06/2023"))
    _refused_naming(cli("import", "loop", str(loop)), "line 2: Date")
    health = tmp_path / "export.xml"
    health.write_text(
        '<?xml version="1.0"?>\n<HealthData locale="de_DE">\n<Record type="HKQuantityTypeIdentifierDietaryCaffeine" '
        'sourceName="Phone" unit="mg" value="80" startDate="01.03.2024 09:00" endDate="01.03.2024 09:00"/>\n'
        "</HealthData>\n"
    )
    _refused_naming(cli("import", "apple-health", str(health)), "record 1: startDate")
    assert not db_path.exists()


@pytest.mark.parametrize("app", ["daylio", "bearable", "flaredown", "oura", "fitbit"])
def test_a_csv_of_gigabytes_is_refused_before_it_is_read(cli, db_path, tmp_path, frozen, app: str) -> None:
    huge = _copy(app, tmp_path, lambda text: text)
    with huge.open("r+b") as handle:
        handle.truncate(GIGABYTE)  # sparse: no disk is used for it
    line = _refused_naming(cli("import", app, str(huge), *EXPORTS[app][1]), huge.name)
    assert "MB" in line
    assert not db_path.exists()


@pytest.mark.parametrize("app", ["daylio", "bearable", "flaredown", "oura", "fitbit", "loop", "apple-health"])
def test_a_file_saved_in_another_encoding_is_refused(cli, db_path, tmp_path, frozen, app: str) -> None:
    # Windows-1252, as a spreadsheet on Windows saves "CSV": é is one byte, no UTF-8 character.
    def latin(text: bytes) -> bytes:
        lines = text.splitlines(keepends=True)  # the first row's last cell gets the word
        return b"".join(lines[:1] + [line.replace(b"\n", b"caf\xe9\n", 1) for line in lines[1:2]] + lines[2:])

    changed = _copy(app, tmp_path, latin)
    if app == "apple-health":
        changed.write_bytes(changed.read_bytes().replace(b"<HealthData", b"<!-- caf\xe9 --><HealthData", 1))
    _refused_naming(cli("import", app, str(changed), *EXPORTS[app][1]), changed.name)
    assert not db_path.exists()


def test_a_big_file_beside_the_health_export_is_no_reason_to_refuse_it(cli, daily, tmp_path, frozen) -> None:
    # An export.zip holds more than export.xml (ECGs, workout routes); only export.xml is read.
    xml = (
        EXPORTS["apple-health"][0]
        .read_bytes()
        .replace(
            b"</HealthData>",
            b'<Record type="HKQuantityTypeIdentifierDietaryCaffeine" sourceName="Phone" unit="mg" value="80" '
            b'startDate="2016-06-01 09:00:00 +0100" endDate="2016-06-01 09:00:00 +0100"/>\n</HealthData>',
        )
    )
    target = tmp_path / "export.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", xml)
        archive.writestr("apple_health_export/electrocardiograms/ecg_2016-06-01.csv", b"0\n" * (2 * 2**20))
    result = cli("import", "apple-health", str(target))
    assert result.code == 0, result.err
    assert daily("2016-06-01", "2016-06-01")["2016-06-01"]["caffeine_mg"] == "80"
