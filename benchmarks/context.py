"""What a benchmark module receives: the database, a scratch folder, a timer.

A ``bench_*.py`` module does, for example::

    def run(ctx):
        meeting_id = ctx.meta["sample_meeting_id"]
        with ctx.uow() as uow:
            ctx.time("open meeting", lambda: uow.meetings.get(meeting_id), target_ms=50)

``ctx.time`` calls the function ``warmup`` times unmeasured, then ``runs``
times, and records the median (plus min and max) in milliseconds; ``ctx.record``
records a figure measured some other way (a one-off such as building the
database).  Beside the wall-clock median each timed figure carries the median
CPU time of this process, which says more than the wall clock when other work
shares the machine (the verdict still uses the wall clock).  The 10-year database is built on first use of ``ctx.db_url`` /
``ctx.db_path`` / ``ctx.meta`` (or found in the cache) so that benchmarks that
do not need it do not pay for it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"


@dataclass
class Figure:
    bench: str  # the module, e.g. "core"
    name: str  # what was measured, e.g. "open meeting (uow.meetings.get)"
    median_ms: float
    min_ms: float
    max_ms: float
    runs: int
    target_ms: float | None = None
    note: str = ""
    cpu_median_ms: float | None = None  # this process's CPU time: steadier on a shared machine

    @property
    def ok(self) -> bool | None:
        return None if self.target_ms is None else self.median_ms <= self.target_ms

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ok"] = self.ok
        return d


@dataclass
class Context:
    quick: bool = False
    runs: int = 15
    rebuild: bool = False
    out_dir: Path = OUT
    tmp_dir: Path = OUT / "tmp"
    figures: list[Figure] = field(default_factory=list)
    current_bench: str = ""
    _db: Any = None  # benchmarks.generator.BenchDatabase, built lazily
    _database: Any = None  # lmcdesk.storage Database, opened lazily

    # -- the 10-year database
    def _bench_db(self):
        if self._db is None:
            from .generator import FULL, QUICK, ensure_database

            self._db = ensure_database(QUICK if self.quick else FULL, self.out_dir, rebuild=self.rebuild)
        return self._db

    @property
    def db_path(self) -> Path:
        """The SQLite file of the generated database (do not write to it; copy it)."""
        return self._bench_db().path

    @property
    def db_url(self) -> str:
        return self._bench_db().url

    @property
    def meta(self) -> dict[str, Any]:
        """What the generator recorded: counts, build seconds, sample ids, search words."""
        return self._bench_db().meta

    def database(self):
        """The generated database opened with ``lmcdesk.storage.open_database`` (shared)."""
        if self._database is None:
            from lmcdesk.storage import open_database

            self._database = open_database(self.db_url)
        return self._database

    def uow(self):
        from lmcdesk.storage import SqlAlchemyUnitOfWork

        return SqlAlchemyUnitOfWork(self.database())

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None

    # -- measuring
    def time(
        self,
        name: str,
        fn: Callable[[], Any],
        *,
        runs: int | None = None,
        warmup: int = 1,
        target_ms: float | None = None,
        setup: Callable[[], Any] | None = None,
        note: str = "",
    ) -> Figure:
        """Median of ``runs`` calls of ``fn`` (``setup`` runs, unmeasured, before each)."""
        runs = runs or self.runs
        for _ in range(warmup):
            if setup is not None:
                setup()
            fn()
        samples, cpu = [], []
        for _ in range(runs):
            if setup is not None:
                setup()
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            samples.append((time.perf_counter() - start) * 1000.0)
            cpu.append((time.process_time() - start_cpu) * 1000.0)
        return self._add(name, samples, target_ms, note, cpu)

    def record(self, name: str, ms: float | list[float], *, target_ms: float | None = None,
               note: str = "") -> Figure:
        """A figure measured by the benchmark itself (one value or several samples)."""
        samples = ms if isinstance(ms, list) else [ms]
        return self._add(name, samples, target_ms, note)

    def _add(self, name: str, samples: list[float], target_ms: float | None, note: str,
             cpu: list[float] | None = None) -> Figure:
        fig = Figure(
            bench=self.current_bench,
            name=name,
            median_ms=statistics.median(samples),
            min_ms=min(samples),
            max_ms=max(samples),
            runs=len(samples),
            target_ms=target_ms,
            note=note,
            cpu_median_ms=statistics.median(cpu) if cpu else None,
        )
        self.figures.append(fig)
        return fig

    def scratch(self, name: str) -> Path:
        """A fresh folder under the scratch area for one benchmark's files."""
        import shutil

        path = self.tmp_dir / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path
