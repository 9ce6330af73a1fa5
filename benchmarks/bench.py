#!/usr/bin/env python3
"""Time guidelint against the floor.py lower bound on the shared bench corpus.

    python3 benchmarks/bench.py [--pages 1000,10000] [--runs 3] [--seed S] [--warm]
                                [--cache] [--corpus-dir DIR] [--shared DIR]
                                [--guidelint CMD] [--json FILE]

For each corpus size it generates the site with make_corpus.py (into a temporary
folder, or reuses DIR/pages-N-seed-S under --corpus-dir), then runs each command
--runs times, interleaved (one round runs every command once):

    guidelint check CORPUS --format json      (exit 0 or 1 both count as success)
    floor.py CORPUS --stage full              (one process)
    floor.py CORPUS --stage full --jobs 2
    floor.py CORPUS --stage yaml

With --cache, three more guidelint commands measure its cache (the corpus is
made a git repository first, as a documentation repository is):

    guidelint check (warm cache)       CORPUS, nothing changed since the last run
    pre-commit: one page, prose        PRE_COMMIT=1 guidelint check PAGE, after a
                                       sentence was added to PAGE
    pre-commit: one page, new link     the same, after a broken link was added

Before each of those runs, untimed: the page is restored, guidelint fills the
cache, then the edit is made. Before every other run, any .guidelint-cache
folder in the corpus is deleted. Unless --warm is given, every corpus file
(the cache's too) is evicted from the page cache (posix_fadvise DONTNEED).
Wall time comes from time.perf_counter around the child; peak RSS is ru_maxrss
from os.wait4, i.e. the largest single process of the child's tree (workers are
not summed). A pyenv shim on PATH is resolved to the real executable, so that
the shim's own start-up is not timed.

Prints a table (median wall seconds, min-max, median peak RSS) and, per size, the
ratio guidelint/floor(full, 1 job) of the median wall times. Standard library only.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

CACHE_DIR_NAME = ".guidelint-cache"
TAIL_LINES = 20
TAIL_BYTES = 8192
EN_DASH = "\u2013"
GUIDELINT_LABEL = "guidelint check --format json"
FLOOR_FULL_LABEL = "floor full (1 job)"


class BenchError(Exception):
    """A failure that ends the benchmark with exit status 1."""


class Terminated(BaseException):
    """Raised by the SIGTERM handler so that clean-up runs as for Ctrl-C."""


def on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into an exception."""
    raise Terminated


@dataclass(frozen=True)
class Command:
    """One benchmarked command line and the exit codes that count as success.

    `setup` runs untimed before each run; a command with `keep_cache` runs
    on the cache its setup left, the others on none.
    """

    label: str
    argv: list[str]
    ok_codes: frozenset[int] = frozenset({0})
    setup: Callable[[], None] | None = None
    keep_cache: bool = False
    env: dict[str, str] | None = None
    cwd: Path | None = None


@dataclass
class Result:
    """All runs of one command on one corpus size."""

    pages: int
    command: Command
    wall_s: list[float] = field(default_factory=list)
    max_rss_kb: list[int] = field(default_factory=list)

    def median_wall(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.wall_s)

    def median_rss_mib(self) -> float:
        """Median peak RSS in MiB."""
        return statistics.median(self.max_rss_kb) / 1024

    def as_json(self) -> dict[str, Any]:
        """Raw and summary figures for --json."""
        return {
            "pages": self.pages,
            "command": self.command.label,
            "argv": self.command.argv,
            "wall_s": self.wall_s,
            "max_rss_kb": self.max_rss_kb,
            "median_wall_s": self.median_wall(),
            "min_wall_s": min(self.wall_s),
            "max_wall_s": max(self.wall_s),
            "median_max_rss_kb": statistics.median(self.max_rss_kb),
        }


def parse_sizes(text: str) -> list[int]:
    """Parse a comma-separated list of positive page counts."""
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of integers: {text!r}") from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError(f"page counts must be positive: {text!r}")
    return sizes


def positive_int(text: str) -> int:
    """Parse an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    default_shared = Path(__file__).resolve().parent.parent.parent / "shared"
    ap = argparse.ArgumentParser(
        description="Benchmark guidelint against floor.py on the shared bench corpus."
    )
    ap.add_argument(
        "--pages",
        type=parse_sizes,
        default=[1000, 10000],
        metavar="N[,N...]",
        help="corpus sizes in pages (default 1000,10000)",
    )
    ap.add_argument("--runs", type=positive_int, default=3, help="runs per command (default 3)")
    ap.add_argument("--seed", default="1", help="corpus seed (default 1)")
    ap.add_argument(
        "--warm",
        action="store_true",
        help="do not evict the corpus from the page cache before each run",
    )
    ap.add_argument(
        "--cache",
        action="store_true",
        help="also time warm-cache and pre-commit runs (makes the corpus a git repository)",
    )
    ap.add_argument(
        "--corpus-dir",
        type=Path,
        metavar="DIR",
        help="keep corpora in DIR/pages-N-seed-S and reuse them when complete",
    )
    ap.add_argument(
        "--shared",
        type=Path,
        default=default_shared,
        metavar="DIR",
        help=f"shared folder holding bench/ (default {default_shared})",
    )
    ap.add_argument(
        "--guidelint",
        default="guidelint",
        metavar="CMD",
        help="guidelint command line, split like a shell (default guidelint)",
    )
    ap.add_argument("--json", type=Path, metavar="FILE", help="write the raw figures here")
    return ap.parse_args(argv)


def resolve_exe(name: str) -> str:
    """Full path of NAME, looking through a pyenv shim (a bash script that adds ~0.1 s)."""
    if os.sep in name:
        return name
    found = shutil.which(name)
    if found is None:
        raise BenchError(f"{name}: not found on PATH")
    if f"{os.sep}shims{os.sep}" in found and shutil.which("pyenv"):
        proc = subprocess.run(["pyenv", "which", name], capture_output=True, text=True, check=False)
        real = proc.stdout.strip()
        if proc.returncode == 0 and real and os.access(real, os.X_OK):
            return real
    return found


def stderr_tail(data: bytes) -> str:
    """The last TAIL_LINES lines of a child's stderr."""
    lines = data.decode("utf-8", errors="replace").rstrip().splitlines()
    return "\n".join(lines[-TAIL_LINES:])


def failure(label: str, argv: list[str], returncode: int, tail: str) -> BenchError:
    """Describe a failed child process."""
    how = f"killed by signal {-returncode}" if returncode < 0 else f"exit status {returncode}"
    text = f"command failed ({label}, {how}):\n  {shlex.join(argv)}"
    if tail:
        text += f"\n--- stderr (last {TAIL_LINES} lines) ---\n{tail}"
    return BenchError(text)


def measure(cmd: Command) -> tuple[float, int]:
    """Run CMD once; return (wall seconds, peak RSS in KiB) or raise BenchError."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(
                cmd.argv,
                env=cmd.env,
                cwd=cmd.cwd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,
            )
        except OSError as exc:
            raise BenchError(f"cannot start {cmd.label}: {shlex.join(cmd.argv)}: {exc}") from exc
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            # The child has its own process group: end it and any workers it started.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in cmd.ok_codes:
            size = err.seek(0, os.SEEK_END)
            err.seek(max(0, size - TAIL_BYTES))
            raise failure(cmd.label, cmd.argv, proc.returncode, stderr_tail(err.read()))
    return wall, usage.ru_maxrss


def safe_name(seed: str) -> str:
    """A seed made safe for a folder name."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", seed) or "_"


def is_complete(site: Path, pages: int) -> bool:
    """Whether SITE is a finished make_corpus.py site with PAGES guide pages."""
    return (
        (site / "_config.yml").is_file()
        and (site / "expected.json").is_file()
        and sum(1 for _ in site.glob("guide/*/*.md")) == pages
    )


def ensure_corpus(python: str, make_corpus: Path, root: Path, pages: int, seed: str) -> Path:
    """Return the corpus for PAGES under ROOT, generating it unless already complete."""
    site = root / f"pages-{pages}-seed-{safe_name(seed)}"
    if is_complete(site, pages):
        print(f"reusing corpus {site}", file=sys.stderr)
        return site
    if site.exists():
        raise BenchError(f"{site} exists but is not a complete {pages}-page corpus; remove it")
    partial = root / f".{site.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    argv = [python, str(make_corpus), str(partial), "--pages", str(pages), "--seed", seed]
    print(f"generating {pages}-page corpus in {site}", file=sys.stderr)
    proc = subprocess.run(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if proc.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise failure("make_corpus.py", argv, proc.returncode, stderr_tail(proc.stderr))
    partial.rename(site)
    return site


def prepare(corpus: Path, evict: bool, keep_cache: bool = False) -> None:
    """Delete guidelint caches in CORPUS (unless KEEP_CACHE) and, if EVICT, drop its
    files from the page cache."""
    evict = evict and hasattr(os, "posix_fadvise")
    if evict:
        os.sync()  # dirty pages cannot be dropped
    for dirpath, dirnames, filenames in os.walk(corpus):
        if ".git" in dirnames:
            dirnames.remove(".git")
        if CACHE_DIR_NAME in dirnames and not keep_cache:
            shutil.rmtree(os.path.join(dirpath, CACHE_DIR_NAME))
            dirnames.remove(CACHE_DIR_NAME)
        if not evict:
            continue
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def commands(corpus: Path, guidelint: list[str], python: str, floor: Path) -> list[Command]:
    """The four benchmarked command lines for one corpus."""
    floor_argv = [python, str(floor), str(corpus)]
    return [
        Command(
            GUIDELINT_LABEL,
            [*guidelint, "check", str(corpus), "--format", "json"],
            frozenset({0, 1}),
        ),
        Command(FLOOR_FULL_LABEL, [*floor_argv, "--stage", "full"]),
        Command("floor full (2 jobs)", [*floor_argv, "--stage", "full", "--jobs", "2"]),
        Command("floor yaml (1 job)", [*floor_argv, "--stage", "yaml"]),
    ]


def git_repository(corpus: Path) -> None:
    """Make CORPUS a git repository with one commit, as a guide's repository is."""
    if (corpus / ".git").is_dir():
        return
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}  # fmt: skip
    print(f"committing {corpus} to a git repository", file=sys.stderr)
    for argv in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "corpus"]):
        proc = subprocess.run(argv, cwd=corpus, env=env, capture_output=True, check=False)
        if proc.returncode != 0:
            raise failure("git", argv, proc.returncode, stderr_tail(proc.stderr))


def cache_commands(corpus: Path, guidelint: list[str]) -> list[Command]:
    """The warm-cache and pre-commit command lines for one corpus (see the module doc)."""
    check = [*guidelint, "check"]
    page = min(corpus.glob("guide/*/*.md"))
    original = page.read_bytes()
    rel = page.relative_to(corpus).as_posix()

    def fill() -> None:
        page.write_bytes(original)
        proc = subprocess.run(
            [*check, str(corpus), "--format", "json"], capture_output=True, check=False
        )
        if proc.returncode not in (0, 1):
            raise failure("cache fill", check, proc.returncode, stderr_tail(proc.stderr))

    def edited(addition: bytes) -> Callable[[], None]:
        def setup() -> None:
            fill()
            page.write_bytes(original + addition)

        return setup

    hook_env = {**os.environ, "PRE_COMMIT": "1"}
    codes = frozenset({0, 1})
    return [
        Command(
            "guidelint check (warm cache)",
            [*check, str(corpus), "--format", "json"],
            codes,
            setup=fill,
            keep_cache=True,
        ),
        Command(
            "pre-commit: one page, prose",
            [*check, rel],
            codes,
            setup=edited(b"\nA sentence added for the benchmark.\n"),
            keep_cache=True,
            env=hook_env,
            cwd=corpus,
        ),
        Command(
            "pre-commit: one page, new link",
            [*check, rel],
            codes,
            setup=edited(b"\nSee [the benchmark](/guide/no-such-page-for-the-bench).\n"),
            keep_cache=True,
            env=hook_env,
            cwd=corpus,
        ),
    ]


def bench_size(
    corpus: Path, pages: int, cmds: list[Command], runs: int, evict: bool
) -> list[Result]:
    """Run every command RUNS times on CORPUS, one round at a time."""
    results = [Result(pages, cmd) for cmd in cmds]
    for run in range(1, runs + 1):
        for result in results:
            if result.command.setup is not None:
                result.command.setup()
            prepare(corpus, evict, result.command.keep_cache)
            wall, rss_kb = measure(result.command)
            result.wall_s.append(wall)
            result.max_rss_kb.append(rss_kb)
            print(
                f"  {pages} pages, run {run}/{runs}: {result.command.label:<30} "
                f"{wall:7.2f} s {rss_kb / 1024:7.1f} MiB",
                file=sys.stderr,
            )
    return results


def ratios(results: list[Result]) -> dict[int, float]:
    """guidelint / floor(full, 1 job) median wall time, per corpus size."""
    medians = {(r.pages, r.command.label): r.median_wall() for r in results}
    out: dict[int, float] = {}
    for pages in dict.fromkeys(r.pages for r in results):
        floor = medians.get((pages, FLOOR_FULL_LABEL))
        tool = medians.get((pages, GUIDELINT_LABEL))
        if floor and tool is not None:
            out[pages] = tool / floor
    return out


def print_table(results: list[Result]) -> None:
    """Print the summary table and the ratio lines."""
    spread = f"min{EN_DASH}max s"
    print(f"{'pages':>6}  {'command':<30} {'median s':>9} {spread:>15} {'peak RSS MiB':>13}")
    for r in results:
        span = f"{min(r.wall_s):.2f}{EN_DASH}{max(r.wall_s):.2f}"
        print(
            f"{r.pages:>6}  {r.command.label:<30} {r.median_wall():>9.2f} {span:>15} "
            f"{r.median_rss_mib():>13.1f}"
        )
    print()
    for pages, ratio in ratios(results).items():
        print(f"{pages:>6} pages: guidelint/floor(full, 1 job) = {ratio:.2f}")


def write_json(path: Path, settings: dict[str, Any], results: list[Result]) -> None:
    """Write the run's settings and raw figures to PATH."""
    data = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "settings": settings,
        "results": [r.as_json() for r in results],
        "ratio_guidelint_over_floor_full_1job": {
            str(pages): ratio for pages, ratio in ratios(results).items()
        },
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def run(args: argparse.Namespace) -> None:
    """Generate the corpora, run the benchmark and report."""
    bench_dir = args.shared / "bench"
    make_corpus, floor = bench_dir / "make_corpus.py", bench_dir / "floor.py"
    for script in (make_corpus, floor):
        if not script.is_file():
            raise BenchError(f"{script} not found (use --shared DIR)")
    guidelint = shlex.split(args.guidelint)
    if not guidelint:
        raise BenchError("--guidelint is empty")
    guidelint[0] = resolve_exe(guidelint[0])
    python = resolve_exe("python3")
    evict = not args.warm
    if evict and not hasattr(os, "posix_fadvise"):
        print("warning: posix_fadvise unavailable; runs are warm", file=sys.stderr)
        evict = False
    print(f"guidelint: {shlex.join(guidelint)}\npython3: {python}", file=sys.stderr)

    results: list[Result] = []
    with contextlib.ExitStack() as stack:
        if args.corpus_dir is None:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="guidelint-bench-")))
        else:
            root = args.corpus_dir
            root.mkdir(parents=True, exist_ok=True)
        for pages in args.pages:
            corpus = ensure_corpus(python, make_corpus, root, pages, args.seed)
            cmds = commands(corpus, guidelint, python, floor)
            if args.cache:
                git_repository(corpus)
                cmds += cache_commands(corpus, guidelint)
            try:
                results += bench_size(corpus, pages, cmds, args.runs, evict)
            finally:
                if args.cache:  # leave the corpus as generated
                    restore = ["git", "checkout", "-q", "--", "."]
                    subprocess.run(restore, cwd=corpus, check=False)

    print_table(results)
    if args.json is not None:
        settings = {
            "pages": args.pages,
            "runs": args.runs,
            "seed": args.seed,
            "page_cache_evicted": evict,
            "cache_commands": args.cache,
            "guidelint": guidelint,
            "python3": python,
        }
        write_json(args.json, settings, results)


def main(argv: list[str] | None = None) -> int:
    """Entry point: 0 on success, 1 on a failed command, 130 on Ctrl-C, 143 on SIGTERM."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        run(args)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbench: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("\nbench: terminated", file=sys.stderr)
        return 143
    return 0


if __name__ == "__main__":
    sys.exit(main())
