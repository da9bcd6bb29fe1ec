"""Fault injection: SIGKILL Mamori at random points of six operations and check what is left.

    python -m tools.faults --trials 200 [--seed 7] [--ops import,edit,...] [--keep DIR]

For each operation (import, edit, migration, backup, restore, passphrase change) the harness first
runs it once to the end in a child process to count its ticks (``tools.fault_child``), then runs
each trial on a fresh copy of the same files with a kill point drawn uniformly from that range. After
each trial, in this process: the workspace opens (not in rescue mode), passes the SQLCipher, SQLite
and audit checks of ``verify`` against the anchors the child left on "this PC", no temporary file
survives the next open, and the operation is all or nothing (the exact states are listed below per
operation). Prints a table of the figures; exits non-zero if any trial broke an invariant.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPS = ("import", "edit", "migration", "backup", "restore", "passphrase")
PASSPHRASE = "fault-lantern-meadow-42"
NEW_PASSPHRASE = "fault-harbour-violet-77"
OLD_PASSPHRASE = "mamori-fixture-v3"
IMPORTED_PEOPLE = 150
BASE_PEOPLE = 25


@dataclass
class Figures:
    trials: int = 0
    killed: int = 0
    finished: int = 0  # the kill point fell after the operation's end
    states: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


@contextlib.contextmanager
def _home(path: Path) -> Iterator[None]:
    previous = os.environ.get("MAMORI_HOME")
    os.environ["MAMORI_HOME"] = str(path)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("MAMORI_HOME", None)
        else:
            os.environ["MAMORI_HOME"] = previous


def build_template(folder: Path) -> None:
    """The files every trial starts from."""
    from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
    from app.registers.records import create_record
    from app.storage.workspace import Workspace

    folder.mkdir(parents=True, exist_ok=True)
    with _home(folder / "home"), Workspace.create(folder / "workspace.mamori", PASSPHRASE) as ws:
        dept = create_record(ws.conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
        for number in range(BASE_PEOPLE):
            create_record(
                ws.conn,
                PEOPLE,
                {
                    "staff_no": f"{number:05d}",
                    "name": f"基礎 職員{number}",
                    "employment_type": "regular",
                    "department": dept,
                },
            )
        ws.backup_to(folder / "backup.mamori")
        create_record(ws.conn, DEPARTMENTS, {"code": "AFTER", "name": "バックアップ後の部"})
    lines = ["職員番号,氏名,フリガナ,雇用形態,所属"]
    lines += [
        f"{9000 + n:05d},取込 職員{n},トリコミ ショクイン,正職員,本部"
        for n in range(IMPORTED_PEOPLE)
    ]
    (folder / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy2(ROOT / "tests" / "data" / "db_v3" / "workspace.mamori", folder / "old.mamori")


def fresh_trial(template: Path, trial: Path) -> None:
    from app.storage.anchor import AnchorStore, current_head
    from app.storage.crypto import SessionKey, read_salt
    from app.storage.database import connect

    shutil.copytree(template, trial, ignore=shutil.ignore_patterns("home", "anchors"))
    (trial / "home").mkdir()
    (trial / "copies").mkdir()
    workspace = trial / "workspace.mamori"
    with _home(trial / "home"):
        conn = connect(workspace, SessionKey.derive(PASSPHRASE, read_salt(workspace)))
        head = current_head(conn)
        conn.close()
        assert head is not None
        AnchorStore(workspace).save(head.entry_id, head.hash)  # "this PC" knows the trail


def _child_env(trial: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MAMORI_HOME": str(trial / "home"),
        "MAMORI_PASSPHRASE": PASSPHRASE,
        "MAMORI_NEW_PASSPHRASE": NEW_PASSPHRASE,
        "MAMORI_OLD_PASSPHRASE": OLD_PASSPHRASE,
        "PYTHONPATH": str(ROOT),
        # never the OS credential store of the person running the harness
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }


def _start(op: str, trial: Path, kill_at: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tools.fault_child", op, str(trial), str(kill_at)],
        cwd=ROOT,
        env=_child_env(trial),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_ticked(op: str, trial: Path, kill_at: int) -> tuple[int, str, str]:
    """The child kills itself at tick ``kill_at`` (0: runs to the end and reports its ticks)."""
    child = _start(op, trial, kill_at)
    out, err = child.communicate(timeout=600)
    return child.returncode, out, err


def run_timed(op: str, trial: Path, delay: float) -> tuple[int, str, str]:
    """The child is SIGKILLed from here ``delay`` seconds after it says it is ready."""
    child = _start(op, trial, -1)
    assert child.stdout is not None
    child.stdout.readline()  # "ready": blocks on the pipe until the operation starts
    try:
        child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=600)
    return child.returncode, out, err


@dataclass(frozen=True)
class Calibration:
    ticks: int
    seconds: float


def calibrate(op: str, template: Path, scratch: Path, timed: bool = True) -> Calibration:
    """How many ticks, and how many seconds after "ready", the operation takes when not killed."""
    trial = scratch / f"calibrate-{op}"
    fresh_trial(template, trial)
    code, out, err = run_ticked(op, trial, 0)
    if code != 0:
        raise RuntimeError(f"{op} does not run to the end:\n{out}\n{err}")
    ticks = int(out.strip().rsplit("ticks=", 1)[1])
    shutil.rmtree(trial)
    if not timed:
        return Calibration(ticks, 0.0)
    fresh_trial(template, trial)
    started = time.monotonic()
    code, out, err = run_timed(op, trial, 600)
    if code != 0:
        raise RuntimeError(f"{op} does not run to the end:\n{out}\n{err}")
    seconds = time.monotonic() - started
    shutil.rmtree(trial)
    return Calibration(ticks, seconds)


# ----- what each trial must leave ---------------------------------------------------------------


def _open_and_verify(path: Path, passphrase: str, failures: list[str]) -> object | None:
    from app.storage.workspace import Workspace
    from app.verify import verify_workspace

    try:
        ws = Workspace.open(path, passphrase)
    except Exception as exc:  # any failure to open is what this harness looks for
        failures.append(f"{path.name} does not open: {exc}")
        return None
    if ws.rescue:
        failures.append(f"{path.name} opened in rescue mode: {ws.health.summary()}")
    report = verify_workspace(ws.conn, anchors=ws.anchors.load())
    for problem in report.problems:
        failures.append(f"{path.name}: [{problem.check}] {problem.message}")
    return ws


def _leftovers(trial: Path) -> list[str]:
    return [
        str(path.relative_to(trial))
        for folder in (trial, trial / "copies")
        for path in folder.glob(".mamori-*")
    ]


def _count(ws: object, sql: str) -> int:
    return int(ws.conn.execute(sql).fetchone()[0])  # type: ignore[attr-defined]


def check_import(trial: Path, failures: list[str]) -> str:
    ws = _open_and_verify(trial / "workspace.mamori", PASSPHRASE, failures)
    if ws is None:
        return "broken"
    with ws:  # type: ignore[attr-defined]
        people = _count(ws, "SELECT count(*) FROM person")
    if people == BASE_PEOPLE:
        return "old"
    if people == BASE_PEOPLE + IMPORTED_PEOPLE:
        return "new"
    failures.append(f"import left {people} people (expected {BASE_PEOPLE} or all imported)")
    return "partial"


def check_edit(trial: Path, failures: list[str]) -> str:
    ws = _open_and_verify(trial / "workspace.mamori", PASSPHRASE, failures)
    if ws is None:
        return "broken"
    with ws:  # type: ignore[attr-defined]
        edited = _count(ws, "SELECT count(*) FROM person WHERE kana = 'ヘンシュウ ズミ'")
    # each edit is its own transaction: any number may be done, each whole (verify checks values)
    return "old" if edited == 0 else "new" if edited == 20 else "some edits done"


def check_migration(trial: Path, failures: list[str]) -> str:
    from app.storage.crypto import SessionKey, read_salt
    from app.storage.database import connect, user_version

    path = trial / "old.mamori"
    conn = connect(path, SessionKey.derive(OLD_PASSPHRASE, read_salt(path)))
    version = user_version(conn)
    conn.close()
    for copy in trial.glob("old.schema*.bak.mamori"):
        if _open_and_verify(copy, OLD_PASSPHRASE, failures) is None:
            failures.append(f"upgrade backup {copy.name} is unusable")
    ws = _open_and_verify(path, OLD_PASSPHRASE, failures)
    if ws is None:
        return "broken"
    with ws:  # type: ignore[attr-defined]
        if _count(ws, "SELECT count(*) FROM asset") != 2:
            failures.append("the migrated workspace lost assets")
    from app.storage.migrations import SCHEMA_VERSION

    if version not in (3, SCHEMA_VERSION):  # all steps in one transaction: never in between
        failures.append(f"schema version {version} after the kill")
    return "old" if version == 3 else "new"


def check_backup(trial: Path, failures: list[str]) -> str:
    from app.storage.backup import check_copy, read_info
    from app.storage.crypto import SessionKey, read_salt

    target = trial / "copies" / "b.mamori"
    ws = _open_and_verify(trial / "workspace.mamori", PASSPHRASE, failures)
    if ws is None:
        return "broken"
    with ws:  # type: ignore[attr-defined]
        recorded = _count(
            ws,
            "SELECT count(*) FROM audit_log WHERE action = 'backup' AND detail LIKE '%b.mamori%'",
        )
    if recorded and not target.exists():
        failures.append("the trail records a backup that does not exist")
    if not target.exists():
        return "old"
    problems = check_copy(target, SessionKey.derive(PASSPHRASE, read_salt(target)), None)
    failures.extend(f"backup copy: {problem}" for problem in problems)
    if not read_info(target).verified:
        failures.append("the backup copy has no manifest")
    return "new" if recorded else "copy written, not yet recorded"


def check_restore(trial: Path, failures: list[str]) -> str:
    ws = _open_and_verify(trial / "workspace.mamori", PASSPHRASE, failures)
    if ws is None:
        return "broken"
    with ws:  # type: ignore[attr-defined]
        after = _count(ws, "SELECT count(*) FROM department WHERE code = 'AFTER'")
        restores = _count(ws, "SELECT count(*) FROM audit_log WHERE action = 'restore'")
    for kept in trial.glob("workspace.before-restore-*.mamori"):
        with _home(trial / "kept-home"):
            if _open_and_verify(kept, PASSPHRASE, failures) is None:
                failures.append(f"the replaced file {kept.name} is unusable")
    if after:
        return "old"
    return "new" if restores else "restored, not yet recorded"


def check_passphrase(trial: Path, failures: list[str]) -> str:
    from app.errors import WrongPassphraseError
    from app.storage.crypto import SessionKey, read_salt
    from app.storage.database import connect

    path = trial / "workspace.mamori"
    opens = []
    for name, passphrase in (("old", PASSPHRASE), ("new", NEW_PASSPHRASE)):
        try:
            connect(path, SessionKey.derive(passphrase, read_salt(path))).close()
            opens.append((name, passphrase))
        except WrongPassphraseError:
            pass
    if len(opens) != 1:
        failures.append(f"the workspace opens with {len(opens)} of the two passphrases")
        return "broken"
    state, passphrase = opens[0]
    ws = _open_and_verify(path, passphrase, failures)
    if ws is not None:
        ws.close()  # type: ignore[attr-defined]
    return state


CHECKS: dict[str, Callable[[Path, list[str]], str]] = {
    "import": check_import,
    "edit": check_edit,
    "migration": check_migration,
    "backup": check_backup,
    "restore": check_restore,
    "passphrase": check_passphrase,
}


def run_trial(op: str, template: Path, trial: Path, kill: str, figures: Figures) -> None:
    """``kill`` is ``tick:N`` (the child kills itself at tick N) or ``after:S`` (killed from
    here S seconds after it is ready)."""
    fresh_trial(template, trial)
    mode, _sep, value = kill.partition(":")
    if mode == "tick":
        code, _out, err = run_ticked(op, trial, int(value))
    else:
        code, _out, err = run_timed(op, trial, float(value))
    figures.trials += 1
    failures: list[str] = []
    if code == -signal.SIGKILL:
        figures.killed += 1
    elif code == 0:
        figures.finished += 1
    else:
        failures.append(f"child failed (exit {code}): {err.strip()[-400:]}")
    with _home(trial / "home"):
        state = CHECKS[op](trial, failures)
        left = _leftovers(trial)
    if left:
        failures.append(f"temporary files survived the next open: {left}")
    figures.states[state] += 1
    figures.failures.extend(f"{op} {kill}: {failure}" for failure in failures)


def run(
    ops: tuple[str, ...],
    trials: int,
    seed: int,
    scratch: Path,
    report: Callable[[str], None] = print,
    timed_share: float = 0.5,
) -> dict[str, Figures]:
    """``trials`` spread over ``ops``; a share of them killed from outside at a random time."""
    rng = random.Random(seed)
    template = scratch / "template"
    build_template(template)
    results: dict[str, Figures] = {}
    per_op = [trials // len(ops) + (1 if i < trials % len(ops) else 0) for i in range(len(ops))]
    for op, count in zip(ops, per_op, strict=True):
        calibration = calibrate(op, template, scratch, timed=timed_share > 0)
        figures = results.setdefault(op, Figures())
        started = time.monotonic()
        for number in range(count):
            if rng.random() < timed_share:
                kill = f"after:{rng.uniform(0, calibration.seconds):.4f}"
            else:
                kill = f"tick:{rng.randint(1, calibration.ticks)}"
            trial = scratch / f"{op}-{number}"
            run_trial(op, template, trial, kill, figures)
            shutil.rmtree(trial, ignore_errors=True)
        report(
            f"{op:<11} {figures.trials:>4} trials ({calibration.ticks} ticks, "
            f"{calibration.seconds:.2f} s untraced; {time.monotonic() - started:.0f} s)"
        )
    return results


def table(results: dict[str, Figures]) -> str:
    lines = [
        "| operation | trials | killed | finished first | outcome after the kill | broken |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for op, figures in results.items():
        outcome = ", ".join(f"{state} {count}" for state, count in sorted(figures.states.items()))
        lines.append(
            f"| {op} | {figures.trials} | {figures.killed} | {figures.finished} | {outcome} | "
            f"{len(figures.failures)} |"
        )
    total = sum(figures.trials for figures in results.values())
    broken = sum(len(figures.failures) for figures in results.values())
    lines.append(f"| **all** | {total} | | | | {broken} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.faults", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ops", default=",".join(OPS))
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--timed-share",
        type=float,
        default=0.5,
        help="share of trials killed from outside at a random time (the rest at a random tick)",
    )
    args = parser.parse_args(argv)
    ops = tuple(op for op in args.ops.split(",") if op)
    unknown = [op for op in ops if op not in OPS]
    if unknown:
        parser.error(f"unknown operations {unknown}; choose from {', '.join(OPS)}")
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="mamori-faults-"))
    scratch.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    try:
        results = run(ops, args.trials, args.seed, scratch, timed_share=args.timed_share)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    print(table(results))
    failures = [failure for figures in results.values() for failure in figures.failures]
    for failure in failures[:50]:
        print("BROKEN:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
