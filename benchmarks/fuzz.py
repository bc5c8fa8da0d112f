"""The fuzz suite, long: the properties of ``tests/fuzz`` with many more examples.

Usage: python benchmarks/fuzz.py [EXAMPLES]   (default 2000 per property; ``make test`` runs 60)

Runs pytest on ``tests/fuzz`` with ``FUZZ_EXAMPLES`` raised (the analysis properties try a
third as many). Exit status is pytest's; a failure prints hypothesis's smallest example.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    examples = sys.argv[1] if len(sys.argv) > 1 else "2000"
    env = {**os.environ, "FUZZ_EXAMPLES": examples}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "fuzz")]
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
