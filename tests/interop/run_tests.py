#!/usr/bin/python3
"""Runs the interop tests (test_*.py beside this file) against the node that tests/interop/run.sh
started: SKN_NODE (host:port), SKN_CERTS (its certs folder) and SKN_STUBS (the generated stubs).

Prints every test's result and a closing line "Interop: N passed, N failed"; when SKN_INTEROP_COUNTS
names a file, also writes "N M" (passed, failed) there, so tests/run.sh can add them to its total.
Exits 1 when a test failed or none ran.
"""

import os
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    stubs = os.environ.get("SKN_STUBS")
    if not stubs:
        print("SKN_STUBS must name the folder tests/interop/generate.sh wrote", file=sys.stderr)
        return 2
    sys.path[:0] = [stubs, str(HERE)]

    suite = unittest.defaultTestLoader.discover(str(HERE), pattern="test_*.py", top_level_dir=str(HERE))
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)

    # A test counts once, however many of its subtests failed; a module that could not be imported
    # counts as one failed test.
    failed = {getattr(test, "test_case", test).id() for test, _ in result.failures + result.errors}
    failed_count = len(failed) + len(result.unexpectedSuccesses)
    passed_count = max(result.testsRun - len(failed) - len(result.skipped) - len(result.unexpectedSuccesses), 0)
    print(f"Interop: {passed_count} passed, {failed_count} failed")
    counts = os.environ.get("SKN_INTEROP_COUNTS")
    if counts:
        Path(counts).write_text(f"{passed_count} {failed_count}\n")
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
