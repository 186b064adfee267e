"""CPU of the sync's pure-Python parts, old code against new, interleaved.

    python bench/sync_cpu.py [--offers 20000] [--rounds 3] [--code DIR ...] [--apply]

Why CPU time and interleaving: the shared build machine has two cores and other work running;
wall times of single runs vary by a factor of two there. Each ``--code`` directory (a source
checkout, e.g. ``git archive main | tar -x -C /tmp/old``) runs once per round in its own child
process, rounds alternate between them, and the minimum per part is reported.

Parts (each over every offer of one signed export, garbage collector paused as in the sync):
``verify`` (all of ``verify_export``), ``json`` (``load_line``), ``schema`` (the record
checker), ``values`` (the date checks), ``refs`` (references and child ids), ``collect``
(``collect_rows`` in apply's batches), with ``--apply`` also ``apply`` (a full
``apply_export`` into an empty store, search index included, and the wall seconds of its
write and index phases). The parts after ``json`` run on records parsed just before (not
counted), as in the sync.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _cpu(work: Callable[[], Any]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _child(export: Path, key_file: Path, with_apply: bool) -> dict[str, float]:
    """Runs with the code under test first on ``sys.path``; returns CPU seconds per part."""
    from coesfeld_desktop.sync import verify as v
    from coesfeld_desktop.sync.archive import SafeArchive
    from coesfeld_desktop.sync.export_format import RECORD_FILES, bulk_work
    from coesfeld_desktop.sync.signing import parse_public_key
    from coesfeld_desktop.sync.state import LocalState

    key = parse_public_key(key_file.read_text())
    trusted = {key.key_id: key}
    name = RECORD_FILES["offers"]
    times: dict[str, float] = {}
    verified = v.verify_export(export, trusted, LocalState())  # warm-up (imports, caches)
    times["verify"] = _cpu(lambda: v.verify_export(export, trusted, LocalState()))
    with SafeArchive(export) as archive:
        lines = list(archive.lines(name))
    # collect_checked_rows since 2026-12-03, the private _collect before
    checked = getattr(v, "collect_checked_rows", None) or v._collect
    if hasattr(v, "known_ids"):  # the code since 2026-11-28: id sets by table name
        known = v.known_ids(verified.small)
        collect = lambda chunk: checked({"offers": chunk}, known)  # noqa: E731
    else:  # older checkouts: id sets by kind, stub records for collect_rows
        known = {kind: set(verified.digests[kind]) for kind in ("topics", "organizations",
                                                                "locations")}
        base = v.stubs(verified.small)
        collect = lambda chunk: checked({**base, "offers": chunk})  # noqa: E731
    load, checks = v.load_line, v.record_checkers()
    children = v._ChildIds()

    def refs(record: Any) -> None:
        v._check_offer_references(record, known)
        children.add_offer(record)

    def timed(work: Callable[[list[Any]], Any], size: int = 200) -> float:
        """CPU of ``work`` on chunks of records parsed just before (not timed), so they are
        still in the cache, as in the sync; ``size=BATCH`` is apply's batch."""
        seconds = 0.0
        for start in range(0, len(lines), size):
            chunk = [load(line, name) for line in lines[start:start + size]]
            seconds += _cpu(lambda: work(chunk))  # noqa: B023
        return seconds

    def parse_all() -> None:
        for line in lines:
            load(line, name)

    with bulk_work():
        times["json"] = _cpu(parse_all)
        times["schema"] = timed(lambda chunk: [checks["offer"](r) for r in chunk])
        times["values"] = timed(lambda chunk: [v._check_offer_values(r) for r in chunk])
        times["refs"] = timed(lambda chunk: [refs(r) for r in chunk])
        times["collect"] = timed(collect, v.BATCH)
    if with_apply:
        from coesfeld_desktop.store.database import Database
        from coesfeld_desktop.sync.apply import apply_export

        with tempfile.TemporaryDirectory() as folder:
            database = Database(Path(folder) / "bench.sqlite3")
            outcomes = []
            times["apply"] = _cpu(lambda: outcomes.append(apply_export(database, verified)))
            database.close()
        for phase in ("write", "index"):  # wall seconds, the apply's own split
            times[f"{phase} (wall)"] = outcomes[0].seconds.get(phase, 0.0)
    return times


def _build(offers: int, work: Path) -> tuple[Path, Path]:
    """One signed export (and its public key), reused while the offer count is the same."""
    export, key_file = work / f"export-{offers}.zip", work / f"export-{offers}.pub"
    if export.exists() and key_file.exists():
        return export, key_file
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from coesfeld_desktop.sync.publisher import build_export
    from coesfeld_desktop.sync.signing import public_key_line
    from tests.sync.factory import make_document

    key = Ed25519PrivateKey.generate()
    document = make_document(offers, orgs=max(1, offers // 50), locations=max(1, offers // 20))
    build_export(document, key, export)
    key_file.write_text(public_key_line(key.public_key(), "bench only"))
    return export, key_file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", type=Path, action="append",
                        help="source checkout to time (repeatable; default: this one)")
    parser.add_argument("--apply", action="store_true", help="also time a full apply")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir())
                        / "angebotslotse-bench-cpu")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, args.child[0])
        print(json.dumps(_child(Path(args.child[1]), Path(args.child[2]), args.apply)))
        return 0
    sys.path.insert(0, str(ROOT))
    args.work.mkdir(parents=True, exist_ok=True)
    export, key_file = _build(args.offers, args.work)
    codes = [path.resolve() for path in args.code or [ROOT]]
    best: dict[Path, dict[str, float]] = {code: {} for code in codes}
    for round_number in range(args.rounds):
        for code in codes:
            command = [sys.executable, __file__, "--child", str(code), str(export),
                       str(key_file), *(["--apply"] if args.apply else [])]
            result = subprocess.run(command, capture_output=True, text=True, check=False,
                                    cwd=code, env={**os.environ, "PYTHONPATH": str(code)})
            if result.returncode != 0:
                raise SystemExit(result.stderr)
            times = json.loads(result.stdout.strip().splitlines()[-1])
            for part, seconds in times.items():
                best[code][part] = min(best[code].get(part, seconds), seconds)
            print(f"round {round_number + 1} {code}: " + ", ".join(
                f"{part} {seconds:.2f}" for part, seconds in times.items()), flush=True)
    parts = list(best[codes[0]])
    print(f"\nCPU seconds, minimum of {args.rounds} rounds, {args.offers:,} offers")
    widths = {part: max(9, len(part) + 2) for part in parts}
    print(f"{'code':<40}" + "".join(f"{part:>{widths[part]}}" for part in parts))
    for code in codes:
        print(f"{str(code)[-40:]:<40}" + "".join(f"{best[code].get(part, 0):>{widths[part]}.2f}"
                                                for part in parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
