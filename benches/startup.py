#!/usr/bin/env python3
"""Wall time of one `rules lint` of the built-in file and one `screen --answers FILE`,
against `prescreen --version` (process start alone) as the baseline, interleaved in the
same loop so machine load hits all three alike. Median of RUNS runs each.

Every command that loads a rule file runs the safety proof first, so these two are what
the proof costs a person at the desk. Run from the repository root:

    cargo build --release && python3 benches/startup.py
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 50
BIN = os.environ.get("PRESCREEN", "target/release/prescreen")
ANSWERS = (
    '{"pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false,'
    ' "open_wounds": false, "scarring_history": false, "radiation_therapy": true,'
    ' "radiation_end_date": "2026-06-01", "procedure_time": "2026-11-23T14:00:00+01:00",'
    ' "treatment_area": "face", "wears_makeup": true, "outdoors_next_24h": false,'
    ' "uses_alcohol_based_products": false}'
)


def cpu() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def wall(args, ok=(0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(args)} exited {done.returncode}")
    return elapsed


def main() -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(ANSWERS)
        answers = f.name
    try:
        commands = {
            "--version": [BIN, "--version"],
            "rules lint": [BIN, "rules", "lint"],
            # Exit 3: defer (recent radiation), the verdict these answers must give.
            "screen --answers": [BIN, "screen", "--date", "2026-11-23", "--answers", answers],
        }
        ok = {"screen --answers": (3,)}
        times = {name: [] for name in commands}
        for name, args in commands.items():  # warm the page cache
            wall(args, ok.get(name, (0,)))
        for _ in range(RUNS):
            for name, args in commands.items():
                times[name].append(wall(args, ok.get(name, (0,))))
    finally:
        os.unlink(answers)
    base = statistics.median(times["--version"])
    print(f"{cpu()}, {os.cpu_count()} cores visible; median of {RUNS} runs, interleaved")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:18} {median * 1000:6.2f} ms  ({median / base:4.2f} x --version)")


if __name__ == "__main__":
    main()
