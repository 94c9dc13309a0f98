"""Speed measurements for LMC Desk (``make bench`` / ``python -m benchmarks``).

Every ``benchmarks/bench_*.py`` module has ``run(ctx)``; ``ctx`` is a
:class:`benchmarks.context.Context` that gives it the 10-year database (built
once by :mod:`benchmarks.generator` and cached in ``benchmarks/out/``), a
scratch folder and a timing helper.  Figures are printed as a table and written
to ``benchmarks/out/results.json``.  Speed is measured here only, never
asserted in the tests.
"""
