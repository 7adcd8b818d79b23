"""``progress=`` of the long calls: a callable receiving each progress event, ``True`` for a bar
(tqdm when it is installed, else one plain line on stderr), or ``None``/``False`` for none.

An event is a dict ``{"event": "begin"|"update"|"end", "phase": str, "depth": int, "done": int,
"total": int, "elapsed": float, "eta": float|None}``, the objects ``zonepath --progress=json``
prints. Events arrive on the calling thread, a few times a second; within a phase ``done`` never
decreases, and a phase that completes ends with ``done == total``. Progress never changes a
result.
"""
import sys
from typing import Any, Callable, Dict, Optional

ProgressEvent = Dict[str, Any]
ProgressArg = Any  # None, bool or Callable[[ProgressEvent], None]


class _TextLine:
    """One line on stderr redrawn in place and erased at the end (no tqdm needed)."""

    def __call__(self, e: ProgressEvent) -> None:
        total = f"/{e['total']}" if e["total"] else ""
        eta = f" ETA {e['eta']:.0f}s" if e["eta"] and e["done"] < e["total"] else ""
        line = f"\r{e['phase']} {e['done']}{total}{eta}\x1b[K"
        if e["event"] == "end" and e["depth"] == 0:
            line = "\r\x1b[K"
        sys.stderr.write(line)
        sys.stderr.flush()


class _TqdmBar:
    """A tqdm bar per phase, replaced when the phase changes; nothing left behind."""

    def __init__(self, tqdm: Any) -> None:
        self._tqdm = tqdm
        self._bar: Any = None
        self._key: Any = None

    def __call__(self, e: ProgressEvent) -> None:
        key = (e["phase"], e["depth"])
        if self._bar is None or key != self._key:
            self._close()
            self._bar = self._tqdm(total=e["total"] or None, desc=e["phase"], leave=False)
            self._key = key
        if e["total"] and self._bar.total != e["total"]:
            self._bar.total = e["total"]
        self._bar.update(max(0, e["done"] - self._bar.n))
        if e["event"] == "end":
            self._close()

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        self._bar = None
        self._key = None


def progress_callback(progress: ProgressArg) -> Optional[Callable[[ProgressEvent], None]]:
    """The callable the native module is given for ``progress=``."""
    if progress is None or progress is False:
        return None
    if progress is True:
        try:
            from tqdm import tqdm  # optional: Debian python3-tqdm, pip tqdm
        except ImportError:
            return _TextLine()
        return _TqdmBar(tqdm)
    if callable(progress):
        return progress
    raise TypeError(f"progress= takes a callable, True or None, not {type(progress).__name__}")
