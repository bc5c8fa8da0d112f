"""Ingest into the corpus database against analysis alone: throughput, memory, size.

    python benchmarks/ingest.py [--articles N] [--small M] [--source jsonl|warc]
                                [--batch-size B] [--serial] [--keep-db PATH] [--memory-only]
                                [--overhead-only]

Inputs: the first N documents of ../shared/corpora/orangesum/articles.jsonl.gz
(36,152 real articles; ``--source jsonl``, the default) or of raw-sample.warc.gz
(2,500 real HTML pages, extracted in the main process as ``sourcier ingest``
does; ``--source warc``). Without ../shared the benchmark says so and exits 0.

Each measurement runs in a fresh process, started from this one, which samples
the memory of that process and of every process under it (the ingest workers):

  analysis   ``analyze_many`` over the N documents in one process (reading included);
  ingest w=1 ``ingest(iter_documents(...), store, workers=1)`` into a new SQLite file,
             which is what ``sourcier ingest --workers 1`` runs;
  ingest w=2 the same with 2 workers, on N and on M (default 300) documents: the
             peak memory of the whole run must not depend on the corpus size;
  ingest w=0 (``--serial``) analysis and writing in one process, one after the other:
             the cost of the store without any overlap.

Rates are "steady": from the moment the first 4 batches are done (model loaded
everywhere, the 2-worker pipeline full) to the end, so that loading the model,
which every side pays, does not blur the store's overhead; end-to-end rates
(model loading included) are printed next to them. OrangeSum holds exact reprints,
which the ingest skips before analysing: its rates count only the documents it
analysed (stored or failed).

Memory: every 50 ms, the sum of VmRSS (/proc/PID/status) of the measured process
and of all its descendants; the peak of that sum is the peak of the whole run.
The sum of each process's own peak (VmHWM) is printed too: an upper bound, since
the processes do not all peak at the same instant. RSS counts shared library
pages once per process, so both figures err on the high side.

Targets (issue #5): store overhead <= 10 % (1 - ingest w=1 / analysis), peak memory
<= 2.5 GB with 2 workers whatever N. The database size per 1,000 articles (the
SQLite file once the store is closed, its WAL moved into it) is reported, with no
target. Timings depend on what else runs on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "orangesum"
SOURCES = {"jsonl": CORPUS / "articles.jsonl.gz", "warc": CORPUS / "raw-sample.warc.gz"}

OVERHEAD_TARGET = 0.10
MEMORY_TARGET_MB = 2.5 * 1024

# --------------------------------------------------------------------------- children


def _documents(source: str, n: int):
    """The first ``n`` items (documents or input errors) of the source, lazily."""
    from sourcier.ingest import iter_documents

    return islice(iter_documents([str(SOURCES[source])]), n)


class _Clock:
    """When the steady clock started (first time ``first_batch`` documents were done),
    and how many documents were done by then."""

    def __init__(self, first_batch: int) -> None:
        self.first_batch = first_batch
        self.t0: float | None = None
        self.done0 = 0

    def tick(self, done: int) -> None:
        if self.t0 is None and done >= self.first_batch:
            self.t0, self.done0 = time.perf_counter(), done

    def steady(self, done: int, end: float) -> float | None:
        if self.t0 is None or done <= self.done0 or end <= self.t0:
            return None
        return (done - self.done0) / (end - self.t0)


def _steady_from(args: argparse.Namespace) -> int:
    """Documents done before the steady clock starts: 4 batches, by then the model is
    loaded everywhere and, with 2 workers, the pipeline is full."""
    return 4 * args.batch_size


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def child_analysis(args: argparse.Namespace) -> dict:
    from sourcier import analyze_many
    from sourcier.analyse.pipeline import get_nlp

    started = time.perf_counter()
    get_nlp()
    loaded = time.perf_counter()
    cpu_load = _cpu_s(resource.RUSAGE_SELF)
    failures: list[str] = []
    # analyze_many parses 16 documents at a time: start the steady clock on a batch boundary.
    clock = _Clock(-(-_steady_from(args) // 16) * 16)
    done = 0
    for _ in analyze_many(_documents(args.source, args.articles), batch_size=16,
                          on_error=lambda origin, err: failures.append(type(err).__name__)):
        done += 1
        clock.tick(done + len(failures))
    end = time.perf_counter()
    processed = done + len(failures)
    return {
        "processed": processed,
        "analysed_or_failed": processed,
        "analysed": done,
        "failed": len(failures),
        "load_s": loaded - started,
        "work_s": end - loaded,
        "total_s": end - started,
        "steady_rate": clock.steady(processed, end),
        "cpu_main_s": _cpu_s(resource.RUSAGE_SELF),
        "cpu_children_s": 0.0,
        "cpu_load_s": cpu_load,  # imports and model loading
    }


def child_ingest(args: argparse.Namespace) -> dict:
    import sqlalchemy as sa

    from sourcier.store.db import open_store
    from sourcier.store.ingest import ingest

    clock = _Clock(_steady_from(args))

    class Reporter:
        def started(self, total: int | None) -> None:
            pass

        def advanced(self, summary) -> None:
            # Called after triage (nothing analysed yet) and after each batch written.
            # Documents already stored (OrangeSum has exact reprints) are skipped before
            # analysis: the rates count only what was analysed (stored or failed).
            if summary.ingested:
                clock.tick(summary.ingested + len(summary.failed))

    db = Path(args.db)
    started = time.perf_counter()
    with open_store(str(db)) as store:
        opened = time.perf_counter()
        cpu_open = _cpu_s(resource.RUSAGE_SELF)  # imports and opening the store
        summary = ingest(_documents(args.source, args.articles), store, workers=args.workers,
                         batch_size=args.batch_size, reporter=Reporter())
        end = time.perf_counter()
        # The workers have been joined: their CPU time is in RUSAGE_CHILDREN.
        cpu_main, cpu_children = _cpu_s(resource.RUSAGE_SELF), _cpu_s(resource.RUSAGE_CHILDREN)
        with store.connect() as conn:
            sizes = {
                name: int(size)
                for name, size in conn.exec_driver_sql(
                    "SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d "
                    "LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY 1"
                )
            }
            lengths = conn.execute(sa.text(
                "SELECT avg(length(text)), avg(length(CAST(analysis AS BLOB))) FROM articles")).one()
            counts = {t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one())
                      for t in ("articles", "quotes", "entities", "mentions", "sources")}
    # Measured once the store is closed: SQLite has then moved the WAL into the file.
    files = {p.name: p.stat().st_size for p in db.parent.glob(db.name + "*")}
    analysed = summary.ingested + len(summary.failed)
    return {
        "processed": summary.processed,
        "analysed_or_failed": analysed,
        "ingested": summary.ingested,
        "present": summary.already_present,
        "failed": len(summary.failed),
        "failures": {reason: len(f) for reason, f in summary.failures_by_reason().items()},
        "open_s": opened - started,
        "work_s": end - opened,
        "total_s": end - started,
        "steady_rate": clock.steady(analysed, end),
        "cpu_main_s": cpu_main,
        "cpu_children_s": cpu_children,
        "cpu_open_s": cpu_open,
        "files": files,
        "tables": sizes,
        "avg_text_chars": lengths[0],
        "avg_analysis_bytes": lengths[1],
        "counts": counts,
    }


# --------------------------------------------------------------------------- memory sampling


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces or parentheses.
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree(root: int) -> list[int]:
    kids, out, todo = _children_map(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


def _status_kb(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) in kB, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            fields = dict(line.split(":", 1) for line in fh if line.startswith(("VmRSS", "VmHWM", "Name")))
    except (OSError, ValueError):
        return None
    try:
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
    except KeyError:  # a zombie has no memory lines
        return None


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.peak_procs = 0
        self.hwm: dict[int, int] = {}  # pid → its own peak (VmHWM), last seen
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            total = n = 0
            for pid in _tree(self.pid):
                got = _status_kb(pid)
                if got is None:
                    continue
                total += got[0]
                n += 1
                self.hwm[pid] = max(self.hwm.get(pid, 0), got[1])
            if total > self.peak_kb:
                self.peak_kb, self.peak_procs = total, n
            self.stop.wait(self.interval)


def run_child(mode: str, args: argparse.Namespace, **overrides) -> dict:
    """Run this script in ``mode`` in a new process; its result, and its memory."""
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as out:
        result_path = out.name
    params = {"articles": args.articles, "source": args.source, "batch_size": args.batch_size,
              "workers": 0, "db": "", **overrides}
    cmd = [sys.executable, __file__, "--child", mode, "--result", result_path,
           *(x for k, v in params.items() for x in (f"--{k.replace('_', '-')}", str(v)))]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    code = proc.wait()
    sampler.stop.set()
    sampler.join()
    try:
        if code != 0:
            raise SystemExit(f"{mode} run failed (exit code {code})")
        result = json.loads(Path(result_path).read_text())
    finally:
        os.unlink(result_path)
    hwm = dict(sampler.hwm)
    result["peak_tree_mb"] = sampler.peak_kb / 1024
    result["peak_tree_procs"] = sampler.peak_procs
    result["sum_hwm_mb"] = sum(hwm.values()) / 1024
    result["main_hwm_mb"] = hwm.get(proc.pid, 0) / 1024
    others = [v for p, v in hwm.items() if p != proc.pid]
    result["largest_child_hwm_mb"] = max(others, default=0) / 1024
    result["children_seen"] = len(others)
    return result


# --------------------------------------------------------------------------- report


def _rate(r: dict) -> str:
    steady = r["steady_rate"]
    e2e = r["analysed_or_failed"] / r["total_s"] if r["total_s"] else 0.0
    s = f"{steady:6.2f} art/s steady" if steady else "   n/a art/s steady"
    return f"{s}, {e2e:6.2f} art/s end-to-end ({r['analysed_or_failed']} docs in {r['total_s']:.1f} s)"


def _mem(r: dict) -> str:
    return (f"peak RSS of the run {r['peak_tree_mb']:.0f} MB ({r['peak_tree_procs']} processes); "
            f"sum of per-process peaks {r['sum_hwm_mb']:.0f} MB (main {r['main_hwm_mb']:.0f} MB, "
            f"largest child {r['largest_child_hwm_mb']:.0f} MB, {r['children_seen']} children)")


def _verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="documents to read (full OrangeSum: 36152)")
    parser.add_argument("--small", type=int, default=300,
                        help="second, smaller run with 2 workers for the memory comparison (0: none)")
    parser.add_argument("--source", choices=sorted(SOURCES), default="jsonl")
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--serial", action="store_true", help="also ingest with --workers 0")
    parser.add_argument("--keep-db", type=Path, help="keep the 1-worker database here (for queries.py)")
    parser.add_argument("--overhead-only", action="store_true",
                        help="run only analysis alone and ingest with 1 worker (the store overhead)")
    parser.add_argument("--memory-only", action="store_true",
                        help="only the 2-worker runs (on --articles and --small): memory and database size")
    # Internal: what a child process does.
    parser.add_argument("--child", choices=["analysis", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--db", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        result = child_analysis(args) if args.child == "analysis" else child_ingest(args)
        Path(args.result).write_text(json.dumps(result))
        return 0

    source = SOURCES[args.source]
    if not source.exists():
        print(f"skipped: {source} is absent (the shared corpora live in {SHARED})")
        return 0

    print(f"input: first {args.articles} documents of {source.relative_to(SHARED.parent)}; "
          f"batch size {args.batch_size}; {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (timings are noisy on a shared machine)")
    tmp = Path(tempfile.mkdtemp(prefix="sourcier-bench-"))
    try:
        runs: dict[str, dict] = {}
        if not args.memory_only:
            print("running analysis alone …", flush=True)
            runs["analysis"] = run_child("analysis", args)
        plan = [] if args.memory_only else [("w1", 1, args.articles)]
        if not args.overhead_only:
            plan.append(("w2", 2, args.articles))
        if args.small and args.small != args.articles and not args.overhead_only:
            plan.append(("w2small", 2, args.small))
        if args.serial and not args.memory_only:
            plan.append(("w0", 0, args.articles))
        for key, workers, n in plan:
            print(f"running ingest, {workers} worker(s), {n} documents …", flush=True)
            runs[key] = run_child("ingest", args, workers=workers, articles=n, db=tmp / f"{key}.db")
        report(args, runs, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def report(args: argparse.Namespace, runs: dict[str, dict], tmp: Path) -> None:
    print()
    if "analysis" in runs:
        a = runs["analysis"]
        print(f"analysis alone     : {_rate(a)}; model load {a['load_s']:.1f} s; "
              f"{a['analysed']} analysed, {a['failed']} failed")
        print(f"                     {_mem(a)}")
    for key, label in (("w0", "ingest, 0 workers "), ("w1", "ingest, 1 worker  "), ("w2", "ingest, 2 workers "),
                       ("w2small", "ingest, 2 workers ")):
        r = runs.get(key)
        if r is None:
            continue
        fails = ", ".join(f"{n} x {reason}" for reason, n in r["failures"].items()) or "none"
        print(f"{label} : {_rate(r)}; {r['ingested']} stored, {r['present']} already present, failed: {fails}")
        print(f"                     {_mem(r)}")
    if "analysis" in runs:
        report_throughput(runs)
    report_memory(runs)
    sized = "w1" if "w1" in runs else "w2"
    report_size(runs[sized], sized)
    if args.keep_db:
        args.keep_db.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            target = Path(str(args.keep_db) + suffix)
            if target.exists():
                target.unlink()
        shutil.copyfile(tmp / f"{sized}.db", args.keep_db)
        print(f"kept the {sized} database at {args.keep_db}")


def report_throughput(runs: dict[str, dict]) -> None:
    a, w1, w2 = runs["analysis"], runs["w1"], runs.get("w2")
    print()
    if a["steady_rate"] and w1["steady_rate"]:
        overhead = 1 - w1["steady_rate"] / a["steady_rate"]
        print(f"store overhead, 1 worker (1 - ingest/analysis, steady): {overhead:+.1%}   "
              f"target <= {OVERHEAD_TARGET:.0%}  {_verdict(overhead <= OVERHEAD_TARGET)}")
    e2e_a, e2e_1 = a["analysed_or_failed"] / a["total_s"], w1["analysed_or_failed"] / w1["total_s"]
    print(f"store overhead, 1 worker, end-to-end (model load included both sides): {1 - e2e_1 / e2e_a:+.1%}")
    if "w0" in runs and runs["w0"]["steady_rate"] and a["steady_rate"]:
        print(f"store cost without overlap (0 workers: analyse then write, one process): "
              f"{1 - runs['w0']['steady_rate'] / a['steady_rate']:+.1%}")

    # CPU time is less sensitive than wall-clock rates to what else runs on the machine.
    # Loading the model (CPU measured in the analysis run) is taken off once for each
    # process that loads it: the analysis process, each worker, the main one with 0 workers.
    load = a["cpu_load_s"]

    def cpu_ms(r: dict, main_loads: int, workers: int) -> tuple[float, float]:
        n = r["analysed_or_failed"] or 1
        return ((r["cpu_main_s"] - main_loads * load) / n * 1000,
                (r["cpu_children_s"] - workers * load) / n * 1000)

    a_cpu, _ = cpu_ms(a, 1, 0)
    main1, work1 = cpu_ms(w1, 0, 1)
    opening = w1["cpu_open_s"] / (w1["analysed_or_failed"] or 1) * 1000
    print(f"CPU time per document (model loading, {load:.1f} s a process, left out): analysis alone "
          f"{a_cpu:.0f} ms; ingest 1 worker: worker {work1:.0f} ms + main process (reading, dedup, writing) "
          f"{main1:.1f} ms = {main1 + work1:.0f} ms ({(main1 + work1) / a_cpu - 1:+.1%}); without the main "
          f"process's start ({w1['cpu_open_s']:.1f} s: imports, opening the store), main {main1 - opening:.1f} ms, "
          f"{(main1 - opening + work1) / a_cpu - 1:+.1%}")
    if "w0" in runs:
        main0, _ = cpu_ms(runs["w0"], 1, 0)
        print(f"  ingest 0 workers (all in one process): {main0:.0f} ms ({main0 / a_cpu - 1:+.1%})")
    if w2 is not None and w1["steady_rate"] and w2["steady_rate"]:
        print(f"2-worker speedup over 1 worker (steady): x{w2['steady_rate'] / w1['steady_rate']:.2f}   "
              f"end-to-end: x{(w2['analysed_or_failed'] / w2['total_s']) / e2e_1:.2f}   "
              f"(bounded by {os.cpu_count()} CPUs shared with the writer)")


def report_memory(runs: dict[str, dict]) -> None:
    print()
    peaks = [(r["processed"], r["peak_tree_mb"], r["sum_hwm_mb"])
             for r in (runs.get("w2small"), runs.get("w2")) if r is not None]
    peaks.sort()
    for n, peak, hwm in peaks:
        print(f"peak memory, 2 workers, {n:6d} docs: {peak:7.0f} MB (sampled sum of RSS; sum of per-process "
              f"peaks {hwm:.0f} MB)   target <= {MEMORY_TARGET_MB:.0f} MB  {_verdict(peak <= MEMORY_TARGET_MB)}")
    if len(peaks) == 2:
        (n0, p0, _), (n1, p1, _) = peaks
        print(f"growth from {n0} to {n1} docs: {p1 - p0:+.0f} MB ({(p1 - p0) / p0:+.1%})   "
              "target: independent of the corpus size")


def report_size(r: dict, key: str) -> None:
    print()
    files = r["files"]
    total = sum(files.values())
    stored = r["ingested"] or 1
    print(f"database ({key} run, store closed): {total / 1e6:.1f} MB for {r['ingested']} articles "
          f"= {total / stored * 1000 / 1e6:.1f} MB per 1,000 articles  "
          f"({', '.join(f'{k} {v / 1e6:.1f} MB' for k, v in sorted(files.items()))})")
    c = r["counts"]
    print(f"  rows: {c['articles']} articles, {c['quotes']} quotes, {c['mentions']} mentions, "
          f"{c['entities']} entities, {c['sources']} sources; per article: text {r['avg_text_chars']:.0f} chars, "
          f"analysis JSON {r['avg_analysis_bytes']:.0f} bytes")
    tables = sorted(r["tables"].items(), key=lambda kv: -kv[1])
    print("  per 1,000 articles, by table (indexes included): "
          + ", ".join(f"{name} {size / stored * 1000 / 1e6:.2f} MB" for name, size in tables if size >= 0.01 * total))


if __name__ == "__main__":
    sys.exit(main())
