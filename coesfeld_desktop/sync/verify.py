"""Check an export completely before the database is touched.

Order matters: member names and sizes first (cheap, and they guard everything after), then
the signature over the manifest bytes, then the manifest itself, the sequence number against
the local one, and finally every record line: its SHA-256 rolled into the file hash, its JSON,
its schema, and through :func:`coesfeld_desktop.store.loader.collect_rows` its values and its
references. Only a :class:`VerifiedExport` may be applied.

Offers are checked record by record with the schema, the date parsers and the reference
and id checks of ``collect_rows`` (whose rows are built only once, while applying); the
small tables go through ``collect_rows`` itself. An offer whose line is byte-identical to
the one applied last time only has its references checked. Memory: what is kept is one
digest per record, the small tables and the titles of new or changed offers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import orjson

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.store.loader import (
    FORMAT_NAME,
    DirectoryFormatError,
    collect_rows,
    collect_tuples,
    directory_info_row,
    parse_date,
    parse_datetime,
)
from coesfeld_desktop.sync.archive import SafeArchive, file_sha256
from coesfeld_desktop.sync.errors import ExportRejected, RestoreNeeded
from coesfeld_desktop.sync.export_format import (
    DEFAULT_LIMITS,
    DEFAULT_TUNING,
    EXPORT_FORMAT,
    MANIFEST_NAME,
    RECORD_FILES,
    SIGNATURE_NAME,
    SUPPORTED_FORMAT_VERSIONS,
    Limits,
    SyncTuning,
    bulk_work,
)
from coesfeld_desktop.sync.schema import manifest_errors, record_checkers
from coesfeld_desktop.sync.signing import PublicKey, verify_manifest
from coesfeld_desktop.sync.state import LocalState

_Rows = TypeVar("_Rows")

BATCH = 5000
_SCHEMA_OF = {"topics": "topic", "organizations": "organization", "locations": "location",
              "offers": "offer"}
# child tables whose ids must be unique across the whole export, not just one batch
_CHILD_TABLES = ("contact", "phone", "schedule", "cost_option", "accessibility")


@dataclass
class VerifiedExport:
    """An export that passed every check; what :mod:`apply` needs to write it."""

    path: Path
    archive_sha256: str
    key_id: str
    manifest: dict[str, Any]
    header: dict[str, Any]  # a directory document header (format, directory_id, ...)
    small: dict[str, list[dict[str, Any]]]  # topics, organizations, locations (parsed)
    digests: dict[str, dict[str, str]]  # kind -> id -> SHA-256 of the record's line
    titles: dict[str, str] = field(default_factory=dict)  # new/changed offers
    # id -> line of every offer that was parsed, in file order; None once over
    # tuning.keep_lines_bytes (the apply then streams the archive again)
    lines: dict[str, bytes] | None = field(default_factory=dict)
    restoring: bool = False
    base: LocalState | None = None  # the local state it was checked against (with hashes)
    limits: Limits = DEFAULT_LIMITS  # what it was read with (and is read again with)
    tuning: SyncTuning = DEFAULT_TUNING

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])

    @property
    def directory_id(self) -> str:
        return str(self.manifest["directory_id"])


def _reject(reason: str, template: str, **params: Any) -> ExportRejected:
    return ExportRejected(reason, template, **params)


def known_ids(small: Mapping[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
    """The topic, organization and location ids of an export, by table name: what offers'
    references are checked against, while verifying and in ``collect_rows``."""
    return {table: {record["id"] for record in small.get(kind, ())}
            for table, kind in (("topic", "topics"), ("organization", "organizations"),
                                ("location", "locations"))}


def load_line(line: bytes, name: str) -> Any:
    """One record line parsed with ``orjson``: about 3x faster than ``json``, and stricter.

    Why stricter is right here: what ``json`` accepts beyond RFC 8259 is refused as invalid
    JSON: NaN and Infinity (they reached the store as NULL), numbers beyond the float range,
    lone surrogate escapes (SQLite cannot store them: the apply crashed), a byte order mark,
    UTF-16/32 lines, nesting deeper than 1,024 (``json`` raised RecursionError). An integer
    beyond 64 bits is read as the nearest float, which is what the ``Float`` columns stored
    for it before; the schema's integers (ages) are bounded, so it is refused there either way.
    """
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as error:
        raise _reject("invalid_json", N_("{name} enthält kein gültiges JSON."),
                      name=name) from error


def check_record(record: Any, name: str, kind: str) -> dict[str, Any]:
    problem = record_checkers()[_SCHEMA_OF[kind]](record)
    if problem is not None:
        record_id = record.get("id", "?") if isinstance(record, dict) else "?"
        raise _reject("schema", N_("Ein Eintrag in {name} entspricht nicht dem Schema: "
                                   "{problem}"), name=name, problem=f"{record_id}{problem}"[:300])
    checked: dict[str, Any] = record  # the checker accepted it: an object, so a dict
    return checked


def parse_line(line: bytes, name: str, kind: str) -> dict[str, Any]:
    return check_record(load_line(line, name), name, kind)


def iter_records(archive: SafeArchive, kind: str,
                 digest: Any = None) -> Iterator[tuple[bytes, dict[str, Any]]]:
    name = RECORD_FILES[kind]
    for line in archive.lines(name, digest):
        yield line, parse_line(line, name, kind)


def check_header(manifest_bytes: bytes, limits: Limits) -> dict[str, Any]:
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as error:
        raise _reject("invalid_json", N_("Das Manifest ist kein gültiges JSON.")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != EXPORT_FORMAT:
        raise _reject("format", N_("Die Datei ist kein Angebotslotse-Export."))
    if manifest.get("format_version") not in SUPPORTED_FORMAT_VERSIONS:
        raise _reject("format_version", N_("Die Exportversion {version} wird von diesem "
                                           "Programm nicht unterstützt; bitte aktualisieren."),
                      version=str(manifest.get("format_version"))[:20])
    errors = manifest_errors(manifest)
    if errors:
        raise _reject("schema", N_("Das Manifest ist fehlerhaft: {problem}"),
                      problem=errors[0][:300])
    try:
        parse_datetime(manifest["published_at"])
        parse_datetime(manifest["generated_at"])
    except DirectoryFormatError as error:
        raise _reject("schema", N_("Das Manifest ist fehlerhaft: {problem}"),
                      problem=str(error)) from error
    for kind in RECORD_FILES:
        if manifest["counts"][kind] > limits.records:
            raise _reject("too_large", N_("Der Export enthält zu viele Einträge."))
    return manifest


def check_sequence(manifest: Mapping[str, Any], local: LocalState, allow_restore: bool) -> bool:
    """True if this is a restore the user confirmed; raises if one is needed but not allowed."""
    if local.directory_id is None or local.is_demo:
        return False
    if manifest["directory_id"] != local.directory_id:
        if allow_restore:
            return True
        raise RestoreNeeded("other_directory", N_(
            "Der Export gehört zu einem anderen Verzeichnis ({theirs}) als dem geladenen "
            "({ours})."), theirs=manifest["directory_id"], ours=local.directory_id)
    if manifest["sequence"] < local.sequence:
        if allow_restore:
            return True
        raise RestoreNeeded("downgrade", N_(
            "Der Export (Stand {theirs}) ist älter als die lokalen Daten (Stand {ours}). "
            "Ein älterer Stand wird nur nach Bestätigung wiederhergestellt."),
            theirs=manifest["sequence"], ours=local.sequence)
    return False


def _collect(document: Mapping[str, Any], known: Mapping[str, set[str]] | None = None
             ) -> dict[str, list[dict[str, Any]]]:
    return _content_checked(collect_rows, document, known)


def collect_checked_tuples(document: Mapping[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """:func:`collect_tuples` of records whose ids and references were checked already,
    with what is still wrong in them refused as :func:`_collect` refuses it."""
    return _content_checked(collect_tuples, document)


def _content_checked(collect: Callable[..., _Rows], *args: Any) -> _Rows:
    try:
        return collect(*args)
    except DirectoryFormatError as error:
        raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: {problem}"),
                      problem=str(error)[:300]) from error
    except (TypeError, AttributeError, ValueError) as error:
        raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: {problem}"),
                      problem=str(error)[:300]) from error


class _ChildIds:
    """Ids that must be unique across the whole export, not just within one batch."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {table: set() for table in _CHILD_TABLES}

    def _take(self, table: str, child_id: Any) -> None:
        seen = self.seen[table]
        if child_id in seen:
            raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: {problem}"),
                          problem=f"duplicate {table} id {child_id}")
        seen.add(child_id)

    def add(self, rows: Mapping[str, list[dict[str, Any]]]) -> None:
        for table in _CHILD_TABLES:
            for row in rows.get(table, ()):
                self._take(table, row["id"])

    def add_offer(self, offer: Mapping[str, Any]) -> None:
        """The child ids of an unchanged offer, read from the record without collecting it."""
        for contact in offer.get("contacts") or ():
            self._take("contact", contact["id"])
            for phone in contact.get("phones") or ():
                self._take("phone", phone["id"])
        for table, key in (("phone", "phones"), ("schedule", "schedules"),
                           ("cost_option", "cost_options")):
            for child in offer.get(key) or ():
                self._take(table, child["id"])


ChildOwners = Callable[[str, Sequence[str]], Iterable[tuple[str, str | None]]]
"""(table, child ids) -> (child id, id of the offer that owns it in the local store)."""


def _check_children_against_store(children: _ChildIds, skipped: set[str],
                                  child_owners: ChildOwners) -> None:
    """New child ids must not belong to an offer that is kept unchanged (and not parsed)."""
    for table in ("contact", "phone", "schedule", "cost_option"):
        ids = sorted(children.seen[table])
        for start in range(0, len(ids), 500):
            for child_id, owner in child_owners(table, ids[start:start + 500]):
                if owner in skipped:
                    raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: "
                                                "{problem}"),
                                  problem=f"duplicate {table} id {child_id}")


def _check_offer_values(offer: Mapping[str, Any]) -> None:
    """What the schema cannot say: dates that parse (as ``collect_rows`` will parse them)."""
    try:
        parse_date(offer.get("assured_date"))
        parse_datetime(offer.get("last_modified"))
    except DirectoryFormatError as error:
        raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: {problem}"),
                      problem=f"offer {offer['id']}: {error}"[:300]) from error


def _check_offer_references(offer: Mapping[str, Any], known: Mapping[str, set[str]]
                            ) -> None:
    """References of an offer (the same checks as ``collect_rows``, without building rows:
    the rows are built once, while applying)."""
    problem = None
    if offer["organization_id"] not in known["organization"]:
        problem = f"offer {offer['id']} refers to an unknown organization"
    elif not known["location"].issuperset(offer.get("location_ids") or ()):
        problem = f"offer {offer['id']} refers to an unknown location"
    elif not known["topic"].issuperset(offer.get("topics") or ()):
        problem = f"offer {offer['id']} refers to an unknown topic"
    if problem:
        raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: {problem}"),
                      problem=problem)


def verify_export(path: Path, trusted: Mapping[str, PublicKey], local: LocalState,
                  allow_restore: bool = False, limits: Limits = DEFAULT_LIMITS,
                  progress: Progress = NO_PROGRESS,
                  child_owners: ChildOwners | None = None,
                  tuning: SyncTuning = DEFAULT_TUNING) -> VerifiedExport:
    """Run every check on the export at ``path``; raises :class:`ExportRejected`.

    With ``child_owners`` (a read-only look-up in the local store, see
    :func:`coesfeld_desktop.sync.apply.child_owners`), offers whose line is byte-identical to
    the one applied last time are not even parsed, as long as no topic, organization or
    location was removed: their checks passed then and their references still resolve. The
    one check that spans them, unique child ids, is done against the store instead.
    """
    archive_sha256 = file_sha256(path)
    with SafeArchive(path, limits) as archive:
        manifest_bytes = archive.read_small(MANIFEST_NAME, limits.manifest_bytes)
        if not archive.has(SIGNATURE_NAME):
            raise _reject("signature", N_("Der Export ist nicht signiert."))
        signature = archive.read_small(SIGNATURE_NAME, 4096)
        key = verify_manifest(manifest_bytes, signature, trusted)
        manifest = check_header(manifest_bytes, limits)
        restoring = check_sequence(manifest, local, allow_restore)
        header = {
            "format": FORMAT_NAME, "format_version": 1,
            **{k: manifest.get(k) for k in ("directory_id", "title", "published_at",
                                            "sequence", "is_demo", "source_language")},
        }
        try:
            directory_info_row(header)
        except DirectoryFormatError as error:
            raise _reject("schema", N_("Das Manifest ist fehlerhaft: {problem}"),
                          problem=str(error)) from error
        verified = VerifiedExport(path=Path(path), archive_sha256=archive_sha256,
                                  key_id=key.key_id, manifest=manifest, header=header,
                                  small={}, digests={}, restoring=restoring, base=local,
                                  limits=limits, tuning=tuning)
        with bulk_work():
            _verify_records(archive, verified, local, limits, progress, child_owners)
    return verified


def _file_digest_check(name: str, entry: Mapping[str, Any], digest: Any, count: int,
                       expected_count: int) -> None:
    if digest.hexdigest() != entry["sha256"]:
        raise _reject("hash", N_("Die Datei {name} stimmt nicht mit dem Manifest überein "
                                 "(Prüfsumme)."), name=name)
    if count != entry["records"] or count != expected_count:
        raise _reject("hash", N_("Die Datei {name} enthält {count} Einträge, das Manifest "
                                 "nennt {expected}."), name=name, count=count,
                      expected=expected_count)


def _verify_records(archive: SafeArchive, verified: VerifiedExport, local: LocalState,
                    limits: Limits, progress: Progress,
                    child_owners: ChildOwners | None) -> None:
    manifest = verified.manifest
    total = sum(manifest["counts"].values()) or 1
    done = 0
    children = _ChildIds()
    for kind in ("topics", "organizations", "locations"):
        name = RECORD_FILES[kind]
        digest = hashlib.sha256()
        records: list[dict[str, Any]] = []
        digests: dict[str, str] = {}
        for line, record in iter_records(archive, kind, digest):
            if len(records) >= limits.records:
                raise _reject("too_large", N_("Der Export enthält zu viele Einträge."))
            digests[record["id"]] = hashlib.sha256(line).hexdigest()
            records.append(record)
        _file_digest_check(name, manifest["files"][name], digest, len(records),
                           manifest["counts"][kind])
        verified.small[kind] = records
        verified.digests[kind] = digests
        done += len(records)
        progress.step(done, total, N_("Export wird geprüft"))
    rows = _collect(verified.small)  # checks small-table references and duplicates
    children.add(rows)
    del rows
    references = known_ids(verified.small)
    same = local.incremental and local.directory_id == verified.directory_id
    if not same:  # a full apply: its rows are built from the archive (sync/full_rows.py)
        verified.lines = None
    old = local.hashes.get("offers", {}) if same else {}
    small_removed = same and any(
        record_id not in verified.digests[kind]
        for kind in ("topics", "organizations", "locations")
        for record_id in local.hashes.get(kind, {}))
    skip = {d: i for i, d in old.items()} if child_owners and not small_removed else {}
    name = RECORD_FILES["offers"]
    digest = hashlib.sha256()
    digests = {}
    skipped: set[str] = set()
    kept = 0
    for line in archive.lines(name, digest):
        line_digest = hashlib.sha256(line).hexdigest()
        known = skip.get(line_digest)
        if known is not None:  # the very line applied last time: same id, same content
            if known in digests:
                raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: "
                                            "{problem}"), problem=f"duplicate offer id {known}")
            digests[known] = line_digest
            skipped.add(known)
            continue
        record = load_line(line, name)
        found = record.get("id") if isinstance(record, dict) else None
        if not (isinstance(found, str) and old.get(found) == line_digest):
            # (a record applied before was checked then; an identical line needs no repeat)
            record = check_record(record, name, "offers")
            _check_offer_values(record)
            verified.titles[record["id"]] = record["title"]
        offer_id: str = record["id"]
        if offer_id in digests:
            raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: {problem}"),
                          problem=f"duplicate offer id {offer_id}")
        digests[offer_id] = line_digest
        if verified.lines is not None:
            kept += len(line)
            verified.lines[offer_id] = line
            if kept > verified.tuning.keep_lines_bytes:
                verified.lines = None
        if len(digests) > limits.records:
            raise _reject("too_large", N_("Der Export enthält zu viele Einträge."))
        _check_offer_references(record, references)
        children.add_offer(record)
        if len(digests) % BATCH == 0:
            progress.step(done + len(digests), total, N_("Export wird geprüft"))
    done += len(digests)
    if skipped and child_owners is not None:
        _check_children_against_store(children, skipped, child_owners)
    _file_digest_check(name, manifest["files"][name], digest, len(digests),
                       manifest["counts"]["offers"])
    verified.digests["offers"] = digests
    progress.step(done, total, N_("Export wird geprüft"))
