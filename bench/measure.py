#!/usr/bin/env python3
"""Runs a command N times and prints the medians of wall time, CPU time (user+sys of
the child, from wait4) and peak RSS. Usage: measure.py NAME RUNS -- CMD ARGS..."""
import os
import statistics
import subprocess
import sys
import time


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
        rss.append(usage.ru_maxrss / 1024)
    print(f"{name:<62} wall {statistics.median(walls) * 1000:7.2f} ms  "
          f"cpu {statistics.median(cpus) * 1000:7.2f} ms  rss {statistics.median(rss):5.1f} MB")


if __name__ == "__main__":
    main()
