"""The user's cache folder: compiled templates (:mod:`reportdiff._templates`) and compiled regular
expressions (:mod:`reportdiff._regex`) are kept there between processes.

``$REPORTDIFF_CACHE_DIR`` names it (empty: no cache at all), else ``$XDG_CACHE_HOME/reportdiff`` or
``~/.cache/reportdiff``. Nothing is cached where the folder cannot be made, is not the user's own, or
is writable by others: a cache is read back as code, so only its owner may write it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def folder(name: str) -> str | None:
    """The cache subfolder ``name``, made private (0700) if it is missing; None when caching is off or
    the folder cannot be trusted (see the module's docstring)."""
    base = os.environ.get("REPORTDIFF_CACHE_DIR")
    if base == "":
        return None
    root = (
        Path(base)
        if base
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportdiff"
    )
    path = root / name
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except (OSError, RuntimeError):  # read-only home, no home at all
        return None
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not owner_ok or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        return None
    return str(path)
