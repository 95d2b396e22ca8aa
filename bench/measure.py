#!/usr/bin/env python3
"""Runs a command N times and prints the medians of wall time, CPU time (user+sys of
the child, from wait4) and peak RSS (from GNU time, /usr/bin/time: a child forked from
this Python process would report Python's own RSS as its peak).
Usage: measure.py NAME RUNS -- CMD ARGS..."""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def peak_rss_mb(cmd):
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return int(out.read().split()[-1]) / 1024


def main():
    name, runs = sys.argv[1], int(sys.argv[2])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    walls, cpus, rss = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{name}: command failed: {proc.stderr.read().decode()}")
        cpus.append(usage.ru_utime + usage.ru_stime)
        rss.append(peak_rss_mb(cmd))
    print(f"{name:<62} wall {statistics.median(walls) * 1000:7.2f} ms  "
          f"cpu {statistics.median(cpus) * 1000:7.2f} ms  rss {statistics.median(rss):5.1f} MB")


if __name__ == "__main__":
    main()
