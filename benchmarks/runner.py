"""Find the ``bench_*.py`` modules, run them, print the table, write the JSON."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from .context import OUT, Context, Figure

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent


def discover(only: list[str] | None = None) -> list[str]:
    """Module names ``bench_x`` in this folder, sorted (``only``: names without ``bench_``)."""
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in only}
        names = [n for n in names if n in wanted]
    return names


def _fmt(ms: float | None) -> str:
    if ms is None:
        return "-"
    if ms >= 1_000:
        return f"{ms / 1000:.1f} s"
    if ms >= 100:
        return f"{ms:.0f}"
    return f"{ms:.2f}"


def table(figures: list[Figure]) -> str:
    head = ("bench", "measure", "median ms", "min ms", "cpu ms", "runs", "target ms", "verdict")
    rows = [
        (
            f.bench,
            f.name,
            _fmt(f.median_ms),
            _fmt(f.min_ms),
            _fmt(f.cpu_median_ms),
            str(f.runs),
            _fmt(f.target_ms),
            {True: "ok", False: "SLOW", None: ""}[f.ok],
        )
        for f in figures
    ]
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    align = ["<", "<", ">", ">", ">", ">", ">", "<"]
    lines = []
    for n, r in enumerate([head, *rows]):
        lines.append("  ".join(f"{c:{a}{w}}" for c, a, w in zip(r, align, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  [{f.bench}] {f.name}: {f.note}" for f in figures if f.note]
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--quick", action="store_true", help="a smaller database (about a tenth) and fewer runs")
    p.add_argument("--runs", type=int, default=None, help="timed runs per figure (default 15, quick 5)")
    p.add_argument("--only", nargs="+", metavar="NAME", help="run only these modules (e.g. core export)")
    p.add_argument("--rebuild", action="store_true", help="build the database again even if cached")
    p.add_argument("--out", type=Path, default=OUT, help="folder for the cached database and results.json")
    p.add_argument("--strict", action="store_true", help="exit 1 when a figure misses its target")
    p.add_argument("-v", "--verbose", action="store_true")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(name)s: %(message)s")
    args.out.mkdir(parents=True, exist_ok=True)
    ctx = Context(
        quick=args.quick,
        runs=args.runs or (5 if args.quick else 15),
        rebuild=args.rebuild,
        out_dir=args.out,
        tmp_dir=args.out / "tmp",
    )
    sys.path.insert(0, str(HERE.parent))
    names = discover(args.only)
    if not names:
        print("no benchmark modules found", file=sys.stderr)
        return 2
    failed: list[str] = []
    started = time.perf_counter()
    for name in names:
        ctx.current_bench = name.removeprefix("bench_")
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            module.run(ctx)
        except Exception:  # one broken benchmark must not hide the others' figures
            failed.append(name)
            traceback.print_exc()
    ctx.close()
    print()
    print(table(ctx.figures))
    if hasattr(os, "getloadavg"):
        load = os.getloadavg()[0]
        print(f"\nload average (1 min) {load:.1f} on {os.cpu_count()} CPUs"
              + ("  -- a busy machine: figures are pessimistic" if load > (os.cpu_count() or 1) else ""))
    result = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "quick": args.quick,
        "runs": ctx.runs,
        "machine": machine(),
        "database": ctx._db.meta if ctx._db is not None else None,
        "figures": [f.as_dict() for f in ctx.figures],
        "failed": failed,
        "seconds": round(time.perf_counter() - started, 1),
    }
    path = args.out / "results.json"
    path.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    print(f"\nwritten {path}")
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    if args.strict and any(f.ok is False for f in ctx.figures):
        return 1
    return 0
