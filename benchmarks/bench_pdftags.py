"""What tagging costs: the demo report of tests/pdftags_demo.py built untagged and tagged (including
`write_structure`), best of N runs each, side by side in one run.

    python benchmarks/bench_pdftags.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import pdftags_demo as demo  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    times = demo.time_builds(repeat=args.repeat)
    print(f"untagged build:                      {times['untagged'] * 1000:7.1f} ms")
    print(f"tagged build incl. write_structure:  {times['tagged'] * 1000:7.1f} ms")
    print(f"tagging overhead:                    {times['overhead']:7.0%}")


if __name__ == "__main__":
    main()
