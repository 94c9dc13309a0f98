# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench demo screenshots bundle test-bundle clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/lmcdesk

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not bundle" $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks $(BENCH_ARGS)

demo: $(STAMP)
	$(VENV)/bin/lmcdesk demo

# PNGs of every main screen on a real (virtual) X server, at 100 % and 150 % scaling.
XVFB_RUN := xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb
screenshots: $(STAMP)
	$(XVFB_RUN) $(PY) tools/screenshots.py build/screenshots/100
	$(XVFB_RUN) $(PY) tools/screenshots.py build/screenshots/150 --scale 1.5

bundle: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bundle]'
	$(PY) -m PyInstaller --noconfirm --clean installer/lmcdesk.spec --distpath dist --workpath build/pyinstaller

test-bundle: bundle
	LMCDESK_BUNDLE_PREBUILT=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m bundle tests/bundle

clean:
	rm -rf build dist .pytest_cache
