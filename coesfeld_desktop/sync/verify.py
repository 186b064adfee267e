"""Check an export completely before the database is touched.

Order matters: member names and sizes first (cheap, and they guard everything after), then
the signature over the manifest bytes, then the manifest itself, its expiry, the sequence
number against the local one (:func:`authenticate_export`; the sync's plan, full or
incremental, is decided there once). Then each record file is hashed whole and compared with
the signed manifest *before* any line of it is parsed, and only then every record line: its
JSON, its schema, and through :func:`coesfeld_desktop.store.loader.collect_rows` its values
and its references (:func:`verify_records`). Only a :class:`VerifiedExport` may be applied.

Offers are checked record by record with the schema, the date parsers and the reference
and id checks of ``collect_rows`` (whose rows are built only once, while applying); the
small tables go through ``collect_rows`` itself. An offer whose line is byte-identical to
the one applied last time only has its references checked. Memory: what is kept is one
digest per record, the small tables and the titles of new or changed offers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import orjson

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.store.id_lists import id_chunks
from coesfeld_desktop.store.loader import (
    FORMAT_NAME,
    DirectoryFormatError,
    collect_rows,
    collect_tuples,
    directory_info_row,
    parse_date,
    parse_datetime,
)
from coesfeld_desktop.store.rows import Tables, column
from coesfeld_desktop.sync.archive import SafeArchive, file_sha256
from coesfeld_desktop.sync.errors import ExportExpired, ExportRejected, RestoreNeeded
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
from coesfeld_desktop.sync.signing import (
    PublicKey,
    TrustState,
    announced_trust,
    verify_manifest,
)
from coesfeld_desktop.sync.state import LocalState

_Rows = TypeVar("_Rows")

BATCH = 5000
_SCHEMA_OF = {"topics": "topic", "organizations": "organization", "locations": "location",
              "offers": "offer"}
# child tables whose ids must be unique across the whole export, not just one batch
_CHILD_TABLES = ("contact", "phone", "schedule", "cost_option", "accessibility")
_STORE_CHECKED = ("contact", "phone", "schedule", "cost_option")  # of offers in the store


@dataclass(frozen=True)
class SyncPlan:
    """How a verified export will be written, decided once against the local state.

    ``full``: every directory table is emptied and refilled (first sync, demo data, another
    directory, stale hashes); otherwise only new, changed and removed records are written.
    The apply refuses (``concurrent``) if the store no longer holds ``base``'s export.
    """

    full: bool
    base: LocalState  # the local state it was decided against (with hashes if incremental)


def plan_for(local: LocalState, directory_id: str) -> SyncPlan:
    return SyncPlan(not (local.incremental and local.directory_id == directory_id), local)


@dataclass
class AuthenticExport:
    """An export whose signature, manifest, expiry and sequence were checked; its record
    files are not read yet."""

    path: Path
    archive_sha256: str
    key_id: str
    manifest: dict[str, Any]
    manifest_sha256: str
    header: dict[str, Any]  # a directory document header (format, directory_id, ...)
    plan: SyncPlan
    restoring: bool = False
    trust: TrustState | None = None  # a newer key announcement to store with the apply
    limits: Limits = DEFAULT_LIMITS  # what it was read with (and is read again with)
    tuning: SyncTuning = DEFAULT_TUNING

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])

    @property
    def directory_id(self) -> str:
        return str(self.manifest["directory_id"])

    @property
    def expires_at(self) -> dt.datetime | None:
        text = self.manifest.get("expires_at")
        return parse_datetime(text) if text else None


@dataclass
class VerifiedExport(AuthenticExport):
    """An export that passed every check; what :mod:`apply` needs to write it."""

    small: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # parsed
    digests: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> id -> line hash
    titles: dict[str, str] = field(default_factory=dict)  # new/changed offers
    # id -> line of every offer that was parsed, in file order; None once over
    # tuning.keep_lines_bytes or for a full apply (the apply then streams the archive again)
    lines: dict[str, bytes] | None = field(default_factory=dict)


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


def check_expiry(manifest: Mapping[str, Any], now: dt.datetime) -> None:
    """An export past its signed ``expires_at`` is refused: a frozen mirror or a replay."""
    text = manifest.get("expires_at")
    try:
        expires = parse_datetime(text) if text else None
    except DirectoryFormatError as error:
        raise _reject("schema", N_("Das Manifest ist fehlerhaft: {problem}"),
                      problem=str(error)) from error
    if expires is not None and expires < now:
        raise ExportExpired("expired", N_("Der Export ist abgelaufen (gültig bis {date}); "
                                          "bitte beim Kreis einen aktuellen Export anfordern."),
                            date=str(text)[:10])


def check_sequence(manifest: Mapping[str, Any], manifest_sha256: str, local: LocalState,
                   allow_restore: bool) -> bool:
    """True if this is a restore the user confirmed; raises if one is needed but not allowed.

    Only bundled demo data that no sync has replaced may be replaced by anything: an
    ``is_demo`` flag inside a signed export does not switch the check off afterwards.
    """
    if local.directory_id is None or (local.is_demo and not local.synced):
        return False
    if (manifest["directory_id"] == local.directory_id and local.incremental
            and manifest["sequence"] == local.sequence
            and manifest_sha256 != local.manifest_sha256):
        # the archive differs (else the sync ended as "unchanged"): same number, other content
        raise ExportRejected("sequence_reused", N_(
            "Der Export trägt dieselbe Nummer ({sequence}) wie der geladene, aber einen "
            "anderen Inhalt."), sequence=manifest["sequence"])
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


def collect_checked_rows(document: Mapping[str, Any],
                         known: Mapping[str, set[str]] | None = None) -> Tables:
    """:func:`collect_rows` (ids and references checked), with what is wrong
    refused as an :class:`ExportRejected`."""
    return _content_checked(collect_rows, document, known)


def collect_checked_tuples(document: Mapping[str, Any]) -> Tables:
    """:func:`collect_tuples` of records whose ids and references were checked already,
    with what is still wrong in them refused as :func:`collect_checked_rows` refuses it."""
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
    """Ids that must be unique across the whole export, not just within one batch.

    Collected as one UTF-8 text per table, an id a line (the schema allows no control
    character in an id), and checked once at the end (:meth:`check`). Why not a set of
    strings: a full sync at 100,000 offers has about 600,000 child ids; as sets they held
    about 45 MB of the sync process from verifying into the apply (what they freed was
    interleaved with what stays: kept as holes by the allocator), as texts about 12 MB, and
    the strings made by the check all go together.
    """

    def __init__(self) -> None:
        self._texts: dict[str, bytearray] = {table: bytearray() for table in _CHILD_TABLES}

    def add(self, rows: Tables) -> None:
        for table in _CHILD_TABLES:
            text = self._texts[table]
            for child_id in map(column(table, "id"), rows.get(table, ())):
                text += f"{child_id}\n".encode()

    def add_offer(self, offer: Mapping[str, Any]) -> None:
        """The child ids of an offer, read from the record without collecting it."""
        texts = self._texts
        for contact in offer.get("contacts") or ():
            texts["contact"] += f"{contact['id']}\n".encode()
            for phone in contact.get("phones") or ():
                texts["phone"] += f"{phone['id']}\n".encode()
        for table, key in (("phone", "phones"), ("schedule", "schedules"),
                           ("cost_option", "cost_options")):
            text = texts[table]
            for child in offer.get(key) or ():
                text += f"{child['id']}\n".encode()

    def check(self, keep: bool = False) -> dict[str, set[str]]:
        """Refuse a child id taken twice, and drop the texts; with ``keep``, return the ids
        of the tables the store is asked about (:func:`_check_children_against_store`)."""
        found: dict[str, set[str]] = {}
        for table in _CHILD_TABLES:
            lines = bytes(self._texts.pop(table)).split(b"\n")
            lines.pop()  # after the last newline
            ids = set(lines)
            if len(ids) != len(lines):
                seen: set[bytes] = set()
                for line in lines:
                    if line in seen:
                        raise _reject("content", N_("Der Export ist inhaltlich fehlerhaft: "
                                                    "{problem}"),
                                      problem=f"duplicate {table} id {line.decode()}")
                    seen.add(line)
            del lines
            if keep and table in _STORE_CHECKED:
                found[table] = {line.decode() for line in ids}
        return found


ChildOwners = Callable[[str, Sequence[str]], Iterable[tuple[str, str | None]]]
"""(table, child ids) -> (child id, id of the offer that owns it in the local store)."""


def _check_children_against_store(children: Mapping[str, set[str]], skipped: set[str],
                                  child_owners: ChildOwners) -> None:
    """New child ids must not belong to an offer that is kept unchanged (and not parsed)."""
    for table in _STORE_CHECKED:
        for chunk in id_chunks(sorted(children[table])):
            for child_id, owner in child_owners(table, chunk):
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


def authenticate_export(path: Path, trusted: Mapping[str, PublicKey], local: LocalState,
                        allow_restore: bool = False, limits: Limits = DEFAULT_LIMITS,
                        now: dt.datetime | None = None,
                        tuning: SyncTuning = DEFAULT_TUNING) -> AuthenticExport:
    """Check what the export claims to be before reading any record: member names and
    sizes, the manifest's signature (by ``trusted`` as the local key announcements leave
    it), the manifest, its expiry and its sequence; and decide the plan.

    ``allow_restore`` (the user confirmed an older state, or a recovery) also accepts an
    expired export: old data is better than none when the store must be rebuilt.
    """
    archive_sha256 = file_sha256(path)
    with SafeArchive(path, limits) as archive:
        manifest_bytes = archive.read_small(MANIFEST_NAME, limits.manifest_bytes)
        if not archive.has(SIGNATURE_NAME):
            raise _reject("signature", N_("Der Export ist nicht signiert."))
        signature = archive.read_small(SIGNATURE_NAME, 4096)
    key = verify_manifest(manifest_bytes, signature, local.trust.apply_to(trusted))
    manifest = check_header(manifest_bytes, limits)
    if not allow_restore:
        check_expiry(manifest, now or dt.datetime.now(dt.UTC).replace(tzinfo=None))
    manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    restoring = check_sequence(manifest, manifest_sha256, local, allow_restore)
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
    return AuthenticExport(path=Path(path), archive_sha256=archive_sha256, key_id=key.key_id,
                           manifest=manifest, manifest_sha256=manifest_sha256, header=header,
                           plan=plan_for(local, str(manifest["directory_id"])),
                           restoring=restoring, trust=announced_trust(manifest, local.trust),
                           limits=limits, tuning=tuning)


def verify_records(authentic: AuthenticExport, progress: Progress = NO_PROGRESS,
                   child_owners: ChildOwners | None = None) -> VerifiedExport:
    """Check every record of an authenticated export; raises :class:`ExportRejected`.

    With ``child_owners`` (a read-only look-up in the local store, see
    :func:`coesfeld_desktop.sync.apply.child_owners`), offers whose line is byte-identical to
    the one applied last time are not even parsed, as long as no topic, organization or
    location was removed: their checks passed then and their references still resolve. The
    one check that spans them, unique child ids, is done against the store instead.
    """
    verified = VerifiedExport(**{f: getattr(authentic, f)
                                 for f in AuthenticExport.__dataclass_fields__})
    with SafeArchive(verified.path, verified.limits) as archive, bulk_work():
        _verify_records(archive, verified, verified.plan.base, verified.limits, progress,
                        child_owners)
    return verified


def verify_export(path: Path, trusted: Mapping[str, PublicKey], local: LocalState,
                  allow_restore: bool = False, limits: Limits = DEFAULT_LIMITS,
                  progress: Progress = NO_PROGRESS,
                  child_owners: ChildOwners | None = None,
                  tuning: SyncTuning = DEFAULT_TUNING) -> VerifiedExport:
    """:func:`authenticate_export`, then :func:`verify_records`: every check at once."""
    return verify_records(authenticate_export(path, trusted, local, allow_restore, limits,
                                              tuning=tuning), progress, child_owners)


def _count_check(name: str, entry: Mapping[str, Any], count: int,
                 expected_count: int) -> None:
    if count != entry["records"] or count != expected_count:
        raise _reject("hash", N_("Die Datei {name} enthält {count} Einträge, das Manifest "
                                 "nennt {expected}."), name=name, count=count,
                      expected=expected_count)


def _offer_lines(archive: SafeArchive, name: str, entry: Mapping[str, Any],
                 skip: Mapping[str, str], digests: dict[str, str], keep_bytes: int,
                 limits: Limits) -> Iterable[tuple[str, bytes]]:
    """The lines of the offers file to parse, with their SHA-256, in file order, each only
    once the whole file matched its signed hash. A line whose hash is in ``skip`` (applied
    last time) is not handed on: its id goes into ``digests`` with its hash.

    Why two ways: an everyday sync changes a few lines of 100,000. Then the file is read
    once, hashed whole while its lines are hashed, and the lines to parse are kept until
    the end (at most ``keep_bytes``, the budget for keeping them for the apply anyway);
    reading it twice cost a fifth of verifying. A full sync, or one with more to parse,
    hashes the whole file first and parses while reading it a second time."""
    if skip:
        found: dict[str, str] = {}
        lines = _read_once(archive, name, entry, skip, found, keep_bytes, limits)
        if lines is not None:
            digests.update(found)
            return lines
    archive.check_digest(name, entry["sha256"], entry["bytes"])  # refuses a mismatch
    if skip:
        return _read_again(archive, name, skip, digests)
    sha256 = hashlib.sha256  # a full sync: every line is parsed
    return ((sha256(line).hexdigest(), line) for line in archive.lines(name))


def _read_once(archive: SafeArchive, name: str, entry: Mapping[str, Any],
               skip: Mapping[str, str], digests: dict[str, str], keep_bytes: int,
               limits: Limits) -> list[tuple[str, bytes]] | None:
    """:func:`_offer_lines` in one pass, or None: over the budget, or something to refuse
    (then the file is read the other way, which says why: a hash before a duplicate)."""
    info = archive.infos.get(name)
    if info is None or info.file_size != entry["bytes"]:
        return None
    whole = hashlib.sha256()
    sha256 = hashlib.sha256
    lines: list[tuple[str, bytes]] = []
    kept = count = 0
    # a batch of lines (one inflated chunk) at a time, each step over all of them in C
    # (map, comprehensions): a loop of Python statements per line cost ≈ 0.1 s at 100,000
    for batch in archive.line_batches(name, whole, crc=False):  # whole: see below
        count += len(batch)
        if count > limits.records:
            return None  # refused while reading it again
        line_digests = [sha256(line).hexdigest() for line in batch]
        ids = list(map(skip.get, line_digests))
        known = [(i, d) for i, d in zip(ids, line_digests, strict=True) if i is not None]
        before = len(digests)
        digests.update(known)
        if len(digests) != before + len(known):
            return None  # an offer twice: refused after the file's hash was checked
        if len(known) < len(batch):
            new = [(d, line) for i, d, line in zip(ids, line_digests, batch, strict=True)
                   if i is None]
            kept += sum(len(line) for _digest, line in new)
            if kept > keep_bytes:
                return None
            lines += new
    # (a corrupt member fails this too, without ZIP's CRC: line_batches(crc=False))
    if whole.hexdigest() != entry["sha256"]:
        return None
    return lines


def _read_again(archive: SafeArchive, name: str, skip: Mapping[str, str],
                digests: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    for line in archive.lines(name):
        line_digest = hashlib.sha256(line).hexdigest()
        known = skip.get(line_digest)
        if known is None:
            yield line_digest, line
        elif known in digests:
            raise _duplicate_offer(known)
        else:
            digests[known] = line_digest


def _duplicate_offer(offer_id: str) -> ExportRejected:
    return _reject("content", N_("Der Export ist inhaltlich fehlerhaft: {problem}"),
                   problem=f"duplicate offer id {offer_id}")


def _verify_records(archive: SafeArchive, verified: VerifiedExport, local: LocalState,
                    limits: Limits, progress: Progress,
                    child_owners: ChildOwners | None) -> None:
    manifest = verified.manifest
    total = sum(manifest["counts"].values()) or 1
    done = 0
    children = _ChildIds()
    same = not verified.plan.full
    for kind in ("topics", "organizations", "locations"):
        name = RECORD_FILES[kind]
        entry = manifest["files"][name]
        archive.check_digest(name, entry["sha256"], entry["bytes"])
        records: list[dict[str, Any]] = []
        digests: dict[str, str] = {}
        applied = local.hashes.get(kind, {}) if same else {}
        for line in archive.lines(name):
            if len(records) >= limits.records:
                raise _reject("too_large", N_("Der Export enthält zu viele Einträge."))
            line_digest = hashlib.sha256(line).hexdigest()
            record = load_line(line, name)
            found = record.get("id") if isinstance(record, dict) else None
            if not (isinstance(found, str) and applied.get(found) == line_digest):
                record = check_record(record, name, kind)  # (a line applied before was)
            digests[record["id"]] = line_digest
            records.append(record)
        _count_check(name, entry, len(records), manifest["counts"][kind])
        verified.small[kind] = records
        verified.digests[kind] = digests
        done += len(records)
        progress.step(done, total, N_("Export wird geprüft"))
    rows = collect_checked_rows(verified.small)  # checks small-table references and duplicates
    children.add(rows)
    del rows
    references = known_ids(verified.small)
    if not same:  # a full apply: its rows are built from the archive (sync/full_rows.py)
        verified.lines = None
    old = local.hashes.get("offers", {}) if same else {}
    small_removed = same and any(
        record_id not in verified.digests[kind]
        for kind in ("topics", "organizations", "locations")
        for record_id in local.hashes.get(kind, {}))
    skip = {d: i for i, d in old.items()} if child_owners and not small_removed else {}
    name = RECORD_FILES["offers"]
    entry = manifest["files"][name]
    digests = {}  # the skipped lines' ids go in as they are read
    parsed: set[str] = set()  # when lines are skipped
    kept = 0
    for line_digest, line in _offer_lines(archive, name, entry, skip, digests,
                                          verified.tuning.keep_lines_bytes, limits):
        record = load_line(line, name)
        found = record.get("id") if isinstance(record, dict) else None
        if not (isinstance(found, str) and old.get(found) == line_digest):
            # (a record applied before was checked then; an identical line needs no repeat)
            record = check_record(record, name, "offers")
            _check_offer_values(record)
            verified.titles[record["id"]] = record["title"]
        offer_id: str = record["id"]
        if offer_id in digests:
            raise _duplicate_offer(offer_id)
        digests[offer_id] = line_digest
        if skip:
            parsed.add(offer_id)
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
    if skip and child_owners is not None and len(parsed) < len(digests):
        _check_children_against_store(children.check(keep=True), digests.keys() - parsed,
                                      child_owners)
    else:
        children.check()
    _count_check(name, entry, len(digests), manifest["counts"]["offers"])
    verified.digests["offers"] = digests
    progress.step(done, total, N_("Export wird geprüft"))
