#!/usr/bin/env python3
"""Runs the criterion benchmarks of tak-core several times and prints each one's median and range
over the runs: on a shared 2-core machine one run's estimate moves by a few per cent from run to
run, more than criterion's own interval shows.

    python3 scripts/bench_repeat.py [runs] [criterion filter]
"""
import re
import statistics
import subprocess
import sys

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
command = ["cargo", "bench", "-q", "-p", "tak-core", "--bench", "core"]
if len(sys.argv) > 2:
    command += ["--", sys.argv[2]]
UNITS = {"ns": 1e-6, "µs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}

figures = {}
for run in range(runs):
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    name = None
    for line in out.splitlines():
        # A benchmark's name is on its own line, or before `time:` when it is short.
        head = line.split("time:")[0].strip()
        if head and not head.startswith(("catalog:", "change:", "Found", "Performance", "No change")):
            name = head
        m = re.search(r"time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]", line)
        if m and name:
            figures.setdefault(name, []).append(float(m.group(1)) * UNITS[m.group(2)])
            name = None
    print(f"run {run + 1} of {runs} done", file=sys.stderr)

print(f"| benchmark | median of {runs} runs | range |")
print("|---|---|---|")
for name, ms in figures.items():
    fmt = (lambda v: f"{v * 1000:.1f} µs") if max(ms) < 1 else (lambda v: f"{v:.1f} ms")
    print(f"| {name} | {fmt(statistics.median(ms))} | {fmt(min(ms))}–{fmt(max(ms))} |")
