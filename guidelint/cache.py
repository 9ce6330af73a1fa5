"""Parsed pages kept between runs, keyed by content hash.

A warm run reads the results of unchanged pages from here instead of parsing
them, and when nothing in the site changed it also reuses the findings of the
cross-page rules. That is what makes a pre-commit run on a large site cost
close to the files that changed.

Layout: one snapshot file per *context* (guidelint's own code, the config and
the schemas and packs it names, `_config.yml`, the templates, the rules
enabled) in `.guidelint-cache/` at the site root, or in the user cache folder
when the site cannot be written to, plus a small delta of what later runs
changed. A snapshot holds, for each page, the hash of the bytes it was parsed
from, what else its result depended on (the date, files it looked for), and
the pickled result; and the stat signature of each file, so that unchanged
files need not even be read.

Safety: files are written whole to a temporary file and renamed into place,
so two processes writing at once leave one complete file (the last one).
Each carries a MAC keyed with a random secret kept in the user's cache
folder, never in a site: a truncated or damaged file, or one this user's
guidelint did not write (committed to a repository, say), is never
unpickled; it is ignored and rewritten by the run that found it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import hmac
import os
import pickle
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from guidelint import __version__, resources
from guidelint.model import Kind

CACHE_DIR = ".guidelint-cache"
FORMAT = 1  # bump when the snapshot's shape changes
_MAGIC = b"guidelint-cache\n"
_MAC_SIZE = 16
_SECRET_NAME = "secret.key"
KEEP = 4  # snapshots kept per site: check, report, a second config...
DELTA_MIN = 64  # changed pages a delta may hold before the snapshot is rewritten
# A file changed within this many nanoseconds of being looked at may change
# again without its timestamps moving: such a stat is not trusted next time.
_RACY_NS = 2_000_000_000
_GITIGNORE = "# Written by guidelint; safe to delete.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file marks a cache folder written by guidelint.\n"
)

Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def digest(data: bytes) -> bytes:
    """The content hash pages are keyed by."""
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass(frozen=True)
class Deps:
    """What a page's result read besides the page: checked again before reuse."""

    today: datetime.date | None = None  # the date, when a date rule looked at it
    files: tuple[tuple[str, bool], ...] = ()  # site files looked for, and whether found


@dataclass(frozen=True)
class Record:
    """One page's result as it travels from a worker and sits in the cache."""

    kind: Kind
    digest: bytes
    deps: Deps
    facts: bytes  # pickled PageFacts (a pickled None when no cross-page rule runs)
    facts_digest: bytes  # equal when the facts are: the cross-page rules see no change
    result: bytes  # pickled (findings, suppressions)
    signature: Signature | None = None  # the file's stat when it was read

    def valid(self, today: datetime.date, site_files: frozenset[str]) -> bool:
        deps = self.deps
        if deps.today is not None and deps.today != today:
            return False
        return all((path in site_files) == found for path, found in deps.files)


@dataclass
class Snapshot:
    key: bytes
    signatures: dict[str, tuple[Signature, bytes]] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    site: tuple[bytes, bytes] | None = None  # site digest, pickled site findings
    nav: tuple[bytes, bytes] | None = None  # data files digest, pickled navigation entries


@cache
def code_fingerprint() -> bytes:
    """guidelint's own files (name, size, mtime): an edited checkout is a new build."""
    parts = [__version__, sys.version, str(FORMAT)]
    for folder in (Path(__file__).parent, resources.folder("schemas"), resources.folder("rules")):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".pyc", ".pyo")):
                    continue
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return digest("\n".join(parts).encode())


def context_key(parts: Iterable[bytes | str]) -> bytes:
    """A digest of everything page results depend on besides the page itself."""
    hasher = hashlib.blake2b(code_fingerprint(), digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()


def stable_repr(value: object) -> str:
    """`repr`, but the same in every process: sets sorted, dataclasses field by field.

    Sets of strings come out in a different order in each process (hash
    randomisation), which would give every run a new key.
    """
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable_repr(item) for item in value)) + "}"
    if isinstance(value, dict):
        items = [f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items()]
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable_repr(item) for item in value) + "]"
    if isinstance(value, re.Pattern):  # whose repr is cut at 200 characters
        return f"re.compile({value.pattern!r}, {value.flags})"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (
            f"{f.name}={stable_repr(getattr(value, f.name))}" for f in dataclasses.fields(value)
        )
        return f"{type(value).__name__}(" + ", ".join(fields) + ")"
    return repr(value)


def signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class PageCache:
    """Lookups and stores for one run; `save` writes what changed back."""

    def __init__(self, root: Path, key: bytes, folder: Path | None) -> None:
        self.root = root
        self._prefix = str(root) + os.sep  # `root / rel` costs more than the stat itself
        self.folder = folder  # None: caching is off
        self.started_ns = time.time_ns()
        self.base = self._read("snapshot", key) if folder is not None else None
        delta = self._read("delta", key) if self.base is not None else None
        self.old = _merged(self.base, delta) if self.base is not None else Snapshot(key)
        self.new = Snapshot(key, nav=self.old.nav)
        self.changed = False  # set by anything that differs from `old`

    @classmethod
    def open(cls, root: Path, key: bytes, enabled: bool = True) -> PageCache:
        return cls(root, key, _folder(root) if enabled else None)

    @property
    def key(self) -> bytes:
        """The context this cache is for."""
        return self.new.key

    # -- pages -----------------------------------------------------------------

    def content_digest(self, rel: str) -> bytes | None:
        """The hash of a file's bytes: from its unchanged stat, or by reading it."""
        path = self._prefix + rel
        try:
            st = os.stat(path)
        except OSError:
            return None
        sig = signature(st)
        known = self.old.signatures.get(rel)
        if known is not None and known[0] == sig:
            self._remember(rel, sig, known[1])
            return known[1]
        try:
            with open(path, "rb") as handle:
                found = digest(handle.read())
        except OSError:
            return None
        self._remember(rel, sig, found)
        return found

    def _remember(self, rel: str, sig: Signature, found: bytes) -> None:
        if self.started_ns - max(sig[1], sig[2]) > _RACY_NS:
            self.new.signatures[rel] = (sig, found)
        if self.old.signatures.get(rel) != self.new.signatures.get(rel):
            self.changed = True

    def lookup(
        self, rel: str, kind: Kind, today: datetime.date, site_files: frozenset[str]
    ) -> Record | None:
        """The cached result of `rel` if its bytes and dependencies are unchanged."""
        if self.folder is None:
            return None
        record = self.old.records.get(rel)
        if record is None or record.kind is not kind:
            return None
        found = self.content_digest(rel)
        if found is None or found != record.digest or not record.valid(today, site_files):
            return None
        self.new.records[rel] = record
        return record

    def store(self, rel: str, record: Record) -> None:
        """Keep a page's fresh result, and the stat of the file it was read from."""
        if record.digest:
            self.new.records[rel] = record
            self.changed = True
            if record.signature is not None:
                self._remember(rel, record.signature, record.digest)

    # -- the cross-page rules ----------------------------------------------------

    def site_findings(self, site_digest: bytes) -> bytes | None:
        """The pickled findings of the cross-page rules, if the site is unchanged."""
        old = self.old.site
        if self.folder is None or old is None or old[0] != site_digest:
            return None
        self.new.site = old
        return old[1]

    def store_site(self, site_digest: bytes, findings: bytes) -> None:
        self.new.site = (site_digest, findings)
        self.changed = True

    def nav(self, data_digest: bytes) -> bytes | None:
        """The pickled navigation entries read from data files with this digest."""
        old = self.old.nav
        if self.folder is None or old is None or old[0] != data_digest:
            return None
        return old[1]

    def store_nav(self, data_digest: bytes, entries: bytes) -> None:
        if self.new.nav is None or self.new.nav[0] != data_digest:
            self.new.nav = (data_digest, entries)
            self.changed = True

    # -- disk ------------------------------------------------------------------

    def _path(self, kind: str, key: bytes) -> Path:
        assert self.folder is not None
        return self.folder / f"{kind}-{key.hex()}.bin"

    def _read(self, kind: str, key: bytes) -> Snapshot | None:
        """The snapshot (or delta) for `key`; None when it is missing or damaged."""
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            return None
        head, secret = len(_MAGIC), _secret()
        if secret is None or data[:head] != _MAGIC or len(data) < head + _MAC_SIZE:
            return None
        body = memoryview(data)[head + _MAC_SIZE :]
        if not hmac.compare_digest(_mac(secret, body), data[head : head + _MAC_SIZE]):
            return None  # damaged, or not written by this user's guidelint: never unpickled
        try:
            loaded: Any = pickle.loads(body)
        except Exception:  # cannot happen with a good MAC, but a cache never stops a run
            return None
        if not isinstance(loaded, Snapshot) or loaded.key != key:
            return None
        return loaded

    def save(self) -> None:
        """Write what changed; a cache never stops a run.

        A run that changed a few pages (a commit) writes only a small delta
        beside the snapshot, holding every change since the snapshot; when
        the delta grows, or pages went away, the snapshot is written whole.
        """
        if self.folder is None:
            return
        old, new, base = self.old, self.new, self.base
        if not (self.changed or old.records.keys() != new.records.keys() or old.site != new.site):
            with contextlib.suppress(OSError):  # used: not among the first to be pruned
                os.utime(self._path("snapshot", new.key))
            return
        try:
            _prepare(self.folder)
            delta = _delta(base, new) if base is not None else None
            if delta is not None:
                self._write("delta", delta)
                return
            self._write("snapshot", new)
            _unlink(self._path("delta", new.key))
            _prune(self.folder, self._path("snapshot", new.key))
        except OSError:
            pass  # a read-only or full disk: the next run parses again

    def _write(self, kind: str, snapshot: Snapshot) -> None:
        """Replace the file atomically: readers see the old one or the new one, whole."""
        assert self.folder is not None
        secret = _secret()
        if secret is None:
            return
        body = pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
        fd, temp = tempfile.mkstemp(prefix=f".{kind}-", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + _mac(secret, body))
                handle.write(body)
            os.replace(temp, self._path(kind, snapshot.key))
        except BaseException:
            _unlink(Path(temp))
            raise


def _merged(base: Snapshot, delta: Snapshot | None) -> Snapshot:
    if delta is None:
        return base
    return Snapshot(
        base.key,
        {**base.signatures, **delta.signatures},
        {**base.records, **delta.records},
        delta.site,
        delta.nav or base.nav,
    )


def _delta(base: Snapshot, new: Snapshot) -> Snapshot | None:
    """What `new` changes of `base`, or None when writing `new` whole is better."""
    records = {p: r for p, r in new.records.items() if base.records.get(p) is not r}
    signatures = {p: s for p, s in new.signatures.items() if base.signatures.get(p) != s}
    gone = len(base.records.keys() - new.records.keys())
    limit = max(DELTA_MIN, len(base.records) // 20)
    if len(records) + gone > limit or len(signatures) > 4 * limit:
        return None
    return Snapshot(new.key, signatures, records, new.site, new.nav)


def _mac(secret: bytes, body: bytes | memoryview) -> bytes:
    return hashlib.blake2b(body, key=secret, digest_size=_MAC_SIZE).digest()


def _user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "guidelint"


def _secret() -> bytes | None:
    """This user's random key, kept in the user cache folder; None when it cannot be kept.

    Snapshots are pickles, and unpickling runs code: a snapshot is read only
    when it carries a MAC made with this key, so one committed to a
    repository or planted in a shared folder is never unpickled. Without a
    key the cache is simply not used.
    """
    return _secret_in(_user_cache() / _SECRET_NAME)


@cache
def _secret_in(path: Path) -> bytes | None:
    for _ in range(2):
        try:
            data = path.read_bytes()
            return data if len(data) == 32 else None
        except FileNotFoundError:
            pass
        except OSError:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # another run made it just now: read theirs
        except OSError:
            return None
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(32))
    return None


def _folder(root: Path) -> Path:
    """`.guidelint-cache` in the site, or the user cache folder when the site is read-only."""
    override = os.environ.get("GUIDELINT_CACHE_DIR")
    if override:
        return Path(override) / hashlib.sha1(str(root).encode()).hexdigest()[:16]
    local = root / CACHE_DIR
    if local.is_dir() or os.access(root, os.W_OK):
        return local
    return _user_cache() / hashlib.sha1(str(root).encode()).hexdigest()[:16]


def _prepare(folder: Path) -> None:
    """Create the folder, with a `.gitignore` and a CACHEDIR.TAG so it is never committed."""
    if (folder / ".gitignore").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        try:
            with open(folder / name, "x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            pass  # written by a run beside this one


def _prune(folder: Path, keep: Path) -> None:
    """Keep the KEEP most recently written snapshots; drop orphaned temporary files."""
    now = time.time()
    snapshots: list[tuple[float, Path]] = []
    for path in folder.iterdir():
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        if path.name.startswith((".snapshot-", ".delta-")) and now - mtime > 3600:
            _unlink(path)  # a temporary file left by a run killed while writing
        elif path.name.startswith("snapshot-") and path != keep:
            snapshots.append((mtime, path))
    snapshots.sort(reverse=True)
    for _, path in snapshots[KEEP - 1 :]:
        _unlink(path)
        _unlink(path.with_name("delta-" + path.name.removeprefix("snapshot-")))


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
