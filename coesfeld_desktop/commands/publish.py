"""``angebotslotse-publish``: the district office's tool to create keys and signed exports.

    angebotslotse-publish keygen --out keys/kreis-2027
    angebotslotse-publish build SOURCE --key keys/kreis-2027.key --out export.zip
    angebotslotse-publish import-hsds HSDS --key keys/kreis-2027.key --out export.zip

``SOURCE`` is a directory document (``docs/directory-format.md``) or a folder holding
``directory.json``; ``HSDS`` is an HSDS 3.0 JSON file or CSV package folder.

Beside ``NAME.key`` the tool keeps ``NAME.published.json`` (directory id, last sequence, key
announcements): the next publication gets the next sequence, a sequence is never reused and
never goes backwards, and ``import-hsds`` needs ``--directory-id`` only the first time.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coesfeld_desktop.commands import publish_corrections, publish_needs
from coesfeld_desktop.commands.arguments import SQLITE_MAX_INTEGER, bounded_int
from coesfeld_desktop.sync.errors import SyncError
from coesfeld_desktop.sync.hsds_import import import_hsds
from coesfeld_desktop.sync.publisher import PublishState, build_export, read_source
from coesfeld_desktop.sync.signing import generate_key_pair, load_private_key

_sequence = bounded_int(0, SQLITE_MAX_INTEGER, "sequence")
_valid_days = bounded_int(1, 3650, "valid days")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="angebotslotse-publish",
        description="Create signing keys and signed directory exports for Angebotslotse.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    keygen = commands.add_parser("keygen", help="create a new Ed25519 key pair",
                                 description="Write NAME.key (private, keep it secret) and "
                                             "NAME.pub (give it to the desks).")
    keygen.add_argument("--out", required=True, type=Path,
                        help="path without suffix, e.g. keys/kreis-coesfeld-2027")
    keygen.add_argument("--comment", default="", help="a note stored in the public key file")
    keygen.set_defaults(run=_keygen)

    def export_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--key", required=True, type=Path, help="private key file (.key)")
        sub.add_argument("--out", required=True, type=Path, help="export file to write (.zip)")
        sub.add_argument("--sequence", type=_sequence,
                         help="publication number (default: one more than the last "
                              "publication with this key; never reused)")
        sub.add_argument("--published-at", help="Datenstand, ISO 8601 (default: now)")
        sub.add_argument("--no-prebuilt", dest="prebuilt", action="store_false",
                         help="do not write the prebuilt directory database beside the "
                              "export (desks then build every row from the records)")
        sub.add_argument("--valid-days", type=_valid_days, default=60,
                         help="days the export stays valid; desks then show that their data "
                              "is old (default: 60)")
        sub.add_argument("--announce-key", type=Path, action="append", default=[],
                         metavar="PUB", help="a new public key (.pub) the desks shall trust "
                                             "from this export on (key rotation)")
        sub.add_argument("--revoke-key", action="append", default=[], metavar="KEY_ID",
                         help="a key id the desks shall never trust again")

    build = commands.add_parser("build", help="build a signed export from a directory document",
                                description="Build and sign an export from our own format.")
    build.add_argument("source", type=Path, help="directory.json or a folder holding it")
    export_options(build)
    build.set_defaults(run=_build)

    publish_needs.register(commands)
    publish_corrections.register(commands)

    table = commands.add_parser(
        "import-table", help="build a signed export from an Excel or CSV list of offers",
        description="Read an .xlsx or .csv list with a column-mapping file (TOML, see "
                    "docs/table-import.md). Every unusable row is reported with its line "
                    "and reason; then nothing is published (never half a list).")
    table.add_argument("source", type=Path, help="the list: .xlsx or .csv")
    table.add_argument("--mapping", required=True, type=Path,
                       help="column-mapping file (.toml)")
    export_options(table)
    table.add_argument("--document-out", type=Path,
                       help="also write the directory document (for review)")
    table.set_defaults(run=_import_table)

    stale = commands.add_parser(
        "stale", help="list offers not checked for too long, per provider (.xlsx, .csv)",
        description="The planner's list of offers whose assured_date (zuletzt geprüft) is "
                    "older than --months, or missing, grouped by provider.")
    stale.add_argument("source", type=Path, help="directory.json or a folder holding it")
    stale.add_argument("--months", type=bounded_int(1, 60, "months"), default=12,
                       help="older than this many months is stale (default 12)")
    stale.add_argument("--out", required=True, type=Path, action="append",
                       help="list to write: .xlsx or .csv (repeat for both)")
    stale.add_argument("--today", type=dt.date.fromisoformat, default=None,
                       help="the day to count from (default: today), YYYY-MM-DD")
    stale.set_defaults(run=_stale)

    hsds = commands.add_parser("import-hsds", help="build a signed export from HSDS 3.0 data",
                               description="Convert an Open Referral HSDS 3.0 JSON file or CSV "
                                           "package folder and build a signed export.")
    hsds.add_argument("source", type=Path, help="HSDS JSON file or CSV package folder")
    export_options(hsds)
    hsds.add_argument("--directory-id",
                      help="directory id (needed once; then remembered with the key)")
    hsds.add_argument("--title", default="HSDS-Import", help="directory title")
    hsds.add_argument("--document-out", type=Path,
                      help="also write the converted directory document (for review)")
    hsds.add_argument("--strict", action="store_true",
                      help="refuse the whole import if any record cannot be kept (default: "
                           "skip it, publish the rest, list it in the import report)")
    hsds.set_defaults(run=_import_hsds)
    return parser


def _keygen(args: argparse.Namespace) -> int:
    private = args.out.with_name(args.out.name + ".key")
    public = args.out.with_name(args.out.name + ".pub")
    key_id = generate_key_pair(private, public, args.comment)
    print(f"key id {key_id}\nprivate key (keep secret): {private}\npublic key: {public}")
    return 0


def _publish(document: dict[str, Any], args: argparse.Namespace) -> int:
    private = load_private_key(args.key)
    state = PublishState.read(args.key)
    directory_id = str(document.get("directory_id") or "")
    sequence = state.next_sequence(directory_id, args.sequence,
                                   int(document.get("sequence") or 0))
    announced = [path.read_text(encoding="utf-8-sig") for path in args.announce_key]
    keys = state.announcing(announced, args.revoke_key)
    manifest = build_export(document, private, args.out, sequence=sequence,
                            published_at=args.published_at, valid_days=args.valid_days,
                            keys=keys, prebuilt=args.prebuilt)
    PublishState(directory_id, sequence, keys).write(args.key)
    counts = ", ".join(f"{n} {k}" for k, n in manifest["counts"].items())
    print(f"wrote {args.out}: {manifest['directory_id']} sequence {manifest['sequence']} "
          f"({counts})")
    for entry in manifest.get("prebuilt") or ():
        print(f"wrote {args.out.with_name(entry['name'])}: the prebuilt directory for "
              f"{entry['layout']} ({entry['bytes']:,} bytes) - publish it beside the export, "
              "before the export")
    return 0


def _stale(args: argparse.Namespace) -> int:
    from coesfeld_desktop.sync.stale_offers import (  # noqa: PLC0415 - start-up time: only this command
        stale_offers,
        write_stale_list,
    )

    for out in args.out:
        if out.suffix.lower() not in (".xlsx", ".csv") or not out.parent.is_dir():
            print(f"angebotslotse-publish stale: --out {out}: write .xlsx or .csv into an "
                  "existing folder", file=sys.stderr)
            return 2
    try:
        document = read_source(args.source)
    except (OSError, ValueError) as error:
        print(f"angebotslotse-publish stale: {args.source}: {error}", file=sys.stderr)
        return 2
    today = args.today or dt.date.today()
    found, totals = stale_offers(document, today, args.months)
    for out in args.out:
        write_stale_list(found, totals, today, out)
        print(f"{out}: {len(found)} offer(s) of {len({item.provider for item in found})} "
              f"provider(s) to check (older than {args.months} months or never checked)")
    return 0


def _import_table(args: argparse.Namespace) -> int:
    from coesfeld_desktop.sync.table_import import (  # noqa: PLC0415 - start-up time: only this command
        MappingError,
        import_table,
        read_mapping,
    )

    report = args.out.with_name(args.out.stem + ".import-report.txt")
    try:
        mapping = read_mapping(args.mapping)
        if not mapping.directory_id:
            mapping = dataclasses.replace(
                mapping, directory_id=PublishState.read(args.key).directory_id or "")
        if not mapping.directory_id:
            raise MappingError(f"{args.mapping}: [list] directory_id is needed for the first "
                               "publication with this key")
        result = import_table(args.source, mapping, args.published_at or "")
    except MappingError as error:
        print(f"angebotslotse-publish import-table: {error}", file=sys.stderr)
        return 2
    if not result.usable:
        lines = [f"{args.source.name}: {len(result.problems)} problem(s) in {result.rows} "
                 "row(s); nothing was published.", *(str(p) for p in result.problems)]
        report.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for line in lines:
            print(line, file=sys.stderr)
        print(f"report: {report}", file=sys.stderr)
        return 1
    if args.document_out:
        args.document_out.write_text(json.dumps(result.document, ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    report.write_text(f"{args.source.name}: {result.rows} row(s), all imported.\n",
                      encoding="utf-8")
    return _publish(result.document, args)


def _build(args: argparse.Namespace) -> int:
    return _publish(read_source(args.source), args)


def _import_hsds(args: argparse.Namespace) -> int:
    directory_id = args.directory_id or PublishState.read(args.key).directory_id
    if not directory_id:
        raise ValueError("--directory-id is required for the first publication with this key "
                         "(afterwards it is remembered beside the key)")
    result = import_hsds(args.source, directory_id, args.title, 0, args.published_at,
                         strict=args.strict)
    report = result.report
    for note in report.skipped:
        print(f"skipped: {note}", file=sys.stderr)
    for note in report.dropped:
        print(f"note: {note}", file=sys.stderr)
    if args.document_out:
        args.document_out.write_text(json.dumps(result.document, ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    status = _publish(result.document, args)
    written = report_path(args.out)
    written.write_text(report.text(), encoding="utf-8")
    print(f"import report: {written} ({len(report.skipped)} skipped, "
          f"{len(report.dropped)} notes)")
    return status


def report_path(export: Path) -> Path:
    """Where ``import-hsds`` writes its report: beside the export."""
    return export.with_name(export.stem + ".import-report.txt")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (OSError, ValueError, SyncError) as error:
        print(f"angebotslotse-publish: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
