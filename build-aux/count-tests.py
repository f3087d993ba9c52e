#!/usr/bin/env python3
"""Counts test cases from meson's JSON test logs, summed over every log given
(one per build: the normal one, the sanitizer one).

A TAP test program counts each "ok" and "not ok" line (skips count as
passed); a program that died before its plan was done counts one more
failure; other tests count once by their result. Prints skips on their own
line, then the final line "N passed, N failed".
"""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        log = open(path, encoding="utf-8")
    except OSError as error:
        # A build that never got to run its tests counts as one failure.
        print(f"{path}: {error.strerror}", file=sys.stderr)
        failed += 1
        continue
    with log:
        for line in log:
            if not line.strip():
                continue
            test = json.loads(line)
            result = test.get("result")
            stdout = test.get("stdout") or ""
            oks = re.findall(r"^(not ok|ok)\b(.*)$", stdout, re.MULTILINE)
            plan = re.search(r"^1\.\.(\d+)", stdout, re.MULTILINE)
            if oks:
                for status, rest in oks:
                    if status == "ok":
                        passed += 1
                        if "# SKIP" in rest:
                            skipped += 1
                    else:
                        failed += 1
                if result not in ("OK", "EXPECTEDFAIL") and not any(s == "not ok" for s, _ in oks):
                    failed += 1
                elif plan and int(plan.group(1)) > len(oks) and result != "OK":
                    failed += 1
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1

if skipped:
    print(f"{skipped} of the passed tests were skipped (see the log for why)")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
