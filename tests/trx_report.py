#!/usr/bin/env python3
"""Reads the TRX files `dotnet test --logger trx` writes, for test.sh.

  trx_report.py project FILE ELAPSED EXIT_CODE   one line for the project, then every failure in full and every skip with
                                                 its reason; exits 1 when the project failed (or left no results)
  trx_report.py summary FOLDER                   "N passed, N failed, N skipped" over every TRX file in FOLDER
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def counts(root):
    c = root.find("t:ResultSummary/t:Counters", NS)
    if c is None:
        return 0, 0, 0
    number = lambda name: int(c.get(name, "0"))
    return number("passed"), number("failed") + number("error") + number("timeout") + number("aborted"), number("notExecuted")


def text(result, path):
    node = result.find(path, NS)
    return (node.text or "").strip() if node is not None else ""


def project(path, elapsed, exit_code):
    if not os.path.exists(path):
        print(f"FAILED (exit code {exit_code}, no results: the run did not finish)")
        return 1
    root = ET.parse(path).getroot()
    passed, failed, skipped = counts(root)
    parts = [f"{passed} passed"] + ([f"{failed} failed"] if failed else []) + ([f"{skipped} skipped"] if skipped else [])
    verdict = "FAILED: " if failed or exit_code != "0" else ""
    print(f"{verdict}{', '.join(parts)} ({elapsed})")
    for result in root.iterfind("t:Results/t:UnitTestResult", NS):
        name, outcome = result.get("testName"), result.get("outcome")
        if outcome in ("Failed", "Error", "Timeout", "Aborted"):
            print(f"\n  FAILED {name}\n")
            for line in (text(result, "t:Output/t:ErrorInfo/t:Message") + "\n" + text(result, "t:Output/t:ErrorInfo/t:StackTrace")).splitlines():
                print("    " + line)
            output = text(result, "t:Output/t:StdOut")
            if output:
                print("    --- output ---")
                for line in output.splitlines():
                    print("    " + line)
            print()
        elif outcome == "NotExecuted":
            reason = text(result, "t:Output/t:ErrorInfo/t:Message") or text(result, "t:Output/t:StdOut") or "no reason given"
            print(f"  skipped {name}: {reason}")
    if failed == 0 and exit_code != "0":
        print(f"  the run ended with exit code {exit_code} although no test failed; see the log")
    return 1 if failed or exit_code != "0" else 0


def summary(folder):
    passed = failed = skipped = 0
    for path in glob.glob(os.path.join(folder, "*.trx")):
        p, f, s = counts(ET.parse(path).getroot())
        passed, failed, skipped = passed + p, failed + f, skipped + s
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "project":
        sys.exit(project(sys.argv[2], sys.argv[3], sys.argv[4]))
    if len(sys.argv) == 3 and sys.argv[1] == "summary":
        sys.exit(summary(sys.argv[2]))
    sys.exit(__doc__)
