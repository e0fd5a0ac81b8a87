"""Regular expressions compiled once per machine instead of once per process.

The grammars of reportdiff are a few hundred regular expressions, some of them large (the word lists
of ``reportdiff/data`` as tries, the CJK ranges whose character sets Python builds in pure Python):
compiling them takes about 70 ms, an eighth of a whole ``reportdiff compare``. :func:`compile` keeps
what Python's compiler makes of each (the ``_sre`` code it hands to ``_sre.compile``) in the user's
cache folder (:mod:`reportdiff._cache`), one file per Python version holding the exact version and
the regular expression engine's ``MAGIC`` it was written by, and later processes build their patterns
from it directly.

A pattern built from the cache compares equal to ``re.compile``'s (``Pattern.__eq__`` compares the
pattern, flags and code; the tests check every pattern of the package), and ``_sre.compile``
validates the code it is given. Anything unexpected (another Python, a damaged file, no cache folder)
falls back to ``re.compile``, silently: the cache only ever saves time. New entries are written once,
atomically, when the process exits (a forked child that leaves by ``os._exit`` writes nothing).
"""

from __future__ import annotations

import re
import sys
from typing import Any

#: a cached pattern: flags, code, groups - 1, group index, index group (``_sre.compile``'s arguments),
#: the code kept as the bytes of an array of 32-bit words (marshal reads bytes ten times faster than a
#: list of ints)
Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]
#: the array type of the code: ``_sre``'s words are 32-bit
_WORD = "I"
#: the most patterns the file keeps (dynamic patterns must not grow it without bound)
LIMIT = 4096


class _Store:
    """The cached patterns of this process: those read from the file and those compiled since."""

    def __init__(self, path: str | None, engine: tuple[Any, Any, Any] | None) -> None:
        self.path = path
        self.engine = engine  # (re._parser, re._compiler, _sre), or None: compile as re does
        self.entries: dict[tuple[str, int], Entry] = {}
        self.added = 0
        self.pid = 0

    def load(self) -> None:
        import marshal
        import os

        self.pid = os.getpid()
        if self.path is None:
            return
        try:
            with open(self.path, "rb") as fh:
                head, entries = marshal.load(fh)
            if head == _head() and isinstance(entries, dict):
                self.entries = entries
        except (OSError, ValueError, EOFError, TypeError):
            self.entries = {}

    def save(self) -> None:
        """Write the entries (atomically) if this process added any; never raises."""
        import contextlib
        import marshal
        import os
        import tempfile

        if not self.added or self.path is None or os.getpid() != self.pid:
            return
        entries = self.entries if len(self.entries) <= LIMIT else dict(list(self.entries.items())[-LIMIT:])
        folder = os.path.dirname(self.path)
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".regex-")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump((_head(), entries), fh)
            os.replace(tmp, self.path)
            self.added = 0
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _head() -> tuple[str, int]:
    import importlib

    return sys.version, int(importlib.import_module("_sre").MAGIC)


_STORE: _Store | None = None


def _store() -> _Store:
    global _STORE
    if _STORE is None:
        _STORE = _open()
    return _STORE


def _open() -> _Store:
    import atexit

    from ._cache import folder

    where = folder("regex")
    store = new_store(
        None if where is None else f"{where}/python-{sys.version_info[0]}.{sys.version_info[1]}.marshal"
    )
    atexit.register(store.save)
    return store


def new_store(path: str | None) -> _Store:
    """A store kept in the file ``path`` (None: in memory only), read now."""
    import importlib

    try:
        engine = (
            importlib.import_module("re._parser"),
            importlib.import_module("re._compiler"),
            importlib.import_module("_sre"),
        )
    except ImportError:  # Python 3.10 keeps them elsewhere: compile as re does
        return _Store(None, None)
    store = _Store(path, engine)
    store.load()
    return store


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, built from the cache when it holds the pattern.

    >>> compile(r"[\\u4e00-\\u9fff]+") == re.compile(r"[\\u4e00-\\u9fff]+")
    True
    """
    return compile_in(_store(), pattern, flags)


def compile_in(store: _Store, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """:func:`compile` with the patterns of ``store``."""
    if store.engine is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    entry = store.entries.get(key)
    if entry is not None:
        try:
            return _rebuilt(store.engine[2], pattern, entry)
        except (TypeError, ValueError, RuntimeError, OverflowError):  # a damaged entry: compile anew
            del store.entries[key]
    try:
        compiled, entry = _build(store.engine, pattern, int(flags))
    except (AttributeError, TypeError, ValueError, RuntimeError):  # the engine's private parts changed;
        # a bad pattern's re.error is none of these, and is raised as re.compile raises it
        return re.compile(pattern, flags)
    store.entries[key] = entry
    store.added += 1
    return compiled


def _rebuilt(sre: Any, pattern: str, entry: Entry) -> re.Pattern[str]:
    import array

    flags, code, groups, index, names = entry
    built: re.Pattern[str] = sre.compile(
        pattern, flags, array.array(_WORD, code).tolist(), groups, index, names
    )
    return built


def _build(engine: tuple[Any, Any, Any], pattern: str, flags: int) -> tuple[re.Pattern[str], Entry]:
    """What ``re._compiler.compile`` does, keeping the arguments it gives ``_sre.compile``."""
    import array

    parser, compiler, sre = engine
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    index: dict[str, int] = dict(parsed.state.groupdict)
    groups: list[str | None] = [None] * parsed.state.groups
    for name, i in index.items():
        groups[i] = name
    words = array.array(_WORD, code).tobytes()
    entry: Entry = (int(flags | parsed.state.flags), words, parsed.state.groups - 1, index, tuple(groups))
    return _rebuilt(sre, pattern, entry), entry
