"""Site: a plant model (zonepath/site/v1) loaded from a file, JSON text or a dict."""
from __future__ import annotations

import datetime
import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Union, overload

from . import _notebook, _zonepath
from ._checks import whole, seed_value
from ._graph import Graph, Names, _names
from ._progress import ProgressArg, progress_callback
from ._report import Report

Scenario = Union[str, "os.PathLike[str]", Mapping[str, Any]]
PathLike = Union[str, "os.PathLike[str]"]

VIEWS = ("zones", "assets", "auto")
IMAGE_FORMATS = ("dot", "svg", "png", "pdf")


AsOf = Union[None, str, datetime.date]


def _as_of_arg(as_of: AsOf) -> Optional[str]:
    """The assessment date as "YYYY-MM-DD" (the engine checks it is a calendar date)."""
    if as_of is None:
        return None
    if isinstance(as_of, datetime.datetime):
        raise TypeError("as_of takes a date, not a date and time: pass value.date()")
    if isinstance(as_of, datetime.date):
        return as_of.isoformat()
    if isinstance(as_of, str):
        return as_of
    raise TypeError(f"as_of must be 'YYYY-MM-DD' or a datetime.date, not {type(as_of).__name__}")


def _threat_list(threats: Names) -> List[str]:
    return _names(threats) or []


def _scenario_arg(s: Scenario) -> Any:
    return os.fspath(s) if isinstance(s, (str, os.PathLike)) else s


class Site:
    """A site model. Create with :func:`zonepath.load` or :func:`zonepath.loads`.

    The model is immutable: what-ifs (``apply``) and edits of ``to_dict()`` give new sites.
    A site loaded with ``strict=False`` may be invalid; ``validate()`` lists the problems and
    every analysis raises ValidationError for it. Sites pickle (as their JSON text).
    """

    __slots__ = ("_h", "_history", "_summary")

    def __init__(self, handle: "_zonepath.SiteHandle", history: Sequence[Dict[str, Any]] = ()) -> None:
        self._h = handle
        self._history = list(history)
        self._summary: Optional[Dict[str, Any]] = None

    # Identity and contents ---------------------------------------------------------------
    @property
    def source(self) -> str:
        """Where the site came from: its file path, "<dict>", "<text>" or a scenario name."""
        return self._h.name

    @property
    def valid(self) -> bool:
        return self._h.valid

    def _info(self) -> Dict[str, Any]:
        if self._summary is None:
            self._summary = self._h.summary()
        return self._summary

    @property
    def id(self) -> str:
        return self._info()["id"]

    @property
    def name(self) -> str:
        return self._info()["name"]

    @property
    def zones(self) -> List[str]:
        """Zone ids, in file order."""
        return list(self._info()["zones"])

    @property
    def assets(self) -> List[str]:
        return list(self._info()["assets"])

    @property
    def conduits(self) -> List[str]:
        return list(self._info()["conduits"])

    @property
    def threat_actors(self) -> List[str]:
        return list(self._info()["threat_actors"])

    @property
    def crown_jewels(self) -> List[str]:
        """Assets whose loss hurts most (severity 4+ in safety, environment or production)."""
        return list(self._info()["crown_jewels"])

    @property
    def history(self) -> List[Dict[str, Any]]:
        """Scenario operations applied to reach this site from the loaded one (see apply)."""
        return [dict(h) for h in self._history]

    def to_dict(self) -> Dict[str, Any]:
        """The site document (a fresh copy: edit it and load() it again for a what-if)."""
        return self._h.to_value()

    def to_json(self) -> str:
        """The site's JSON text (a file's own text, or the document as loaded)."""
        return self._h.text.decode("utf-8")

    # Checks ------------------------------------------------------------------------------
    def validate(self) -> List[Dict[str, Any]]:
        """Every validation problem as a dict (file, pointer, line, column, value, message,
        suggestion); [] when the site is valid (``zonepath validate``)."""
        return self._h.errors()

    def warnings(self) -> List[Dict[str, Any]]:
        """What loads but is probably a mistake (a protocol name near a catalog name, a custom
        protocol on a catalog protocol's port), as dicts like validate()'s; the warnings
        ``zonepath validate`` lists and ``--strict`` turns into errors."""
        return self._h.warnings()

    def flows(self, from_zone: Optional[str] = None, to_zone: Optional[str] = None) -> List[Dict[str, Any]]:
        """The access map: every flow the rules allow, with the conduit and rule that allow
        it (the "flows" list of ``zonepath flows --json``)."""
        return self._h.flows(from_zone, to_zone)

    # Analyses ----------------------------------------------------------------------------
    def analyze(self, threats: Names = None, *, targets: Names = None, samples: int = 1000,
                seed: int = 1, paths: int = 3, as_of: AsOf = None, progress: ProgressArg = None) -> Report:
        """The full IEC 62443-3-2 assessment (``zonepath analyze --json``): per threat the
        most likely paths to the crown jewels, reach and time to compromise by Monte Carlo
        (``samples`` per threat, ``seed``), SL-A, SL-T, gaps, findings, risk register.
        ``threats``: one id or several (default: all); ``targets``: asset or zone ids
        (default: the crown jewels); ``paths``: paths per threat and target. ``as_of``: the
        assessment date ("YYYY-MM-DD" or a datetime.date) compensating controls' review_by dates
        are checked against, as ``--as-of`` (default: the site's ``site.as_of``).
        ``progress``: a callable receiving each progress event (a dict: event, phase, depth, done,
        total, elapsed, eta; the objects of ``--progress=json``) on this thread a few times a
        second, or True for a tqdm bar (a plain stderr line without tqdm). It never changes the
        result."""
        options = (_threat_list(threats), _names(targets) or [], whole(samples, "samples"), seed_value(seed),
                   whole(paths, "paths"), _as_of_arg(as_of))
        document, native = self._h.analyze(*options, progress_callback(progress))
        return Report(document, native, (self, *options))

    def attack_graph(self, threat: Optional[str] = None) -> Graph:
        """The attack graph of one threat actor (the only one when omitted)."""
        return Graph(self._h.attack_graph(threat or ""), origin=(self, threat))

    def paths(self, threat: Optional[str] = None, targets: Names = None, *, k: int = 1,
              by: str = "likelihood") -> Dict[str, Any]:
        """``zonepath paths SITE --threat ID --json``."""
        return self.attack_graph(threat).paths(None, targets, k=k, by=by)

    def reach(self, threat: Optional[str] = None, targets: Names = None, *, method: str = "auto",
              samples: int = 10000, seed: int = 1, exact_limit: int = 30,
              progress: ProgressArg = None) -> Dict[str, Any]:
        """``zonepath reach SITE --threat ID --to ... --json``; ``progress`` as Graph.reach."""
        return self.attack_graph(threat).reach(None, targets, method=method, samples=samples, seed=seed,
                                               exact_limit=exact_limit, progress=progress)

    def simulate(self, threat: Optional[str] = None, targets: Names = None, *, samples: int = 1000,
                 seed: int = 1, horizon_days: Optional[float] = None,
                 critical_edges: int = 20, progress: ProgressArg = None) -> Dict[str, Any]:
        """``zonepath simulate SITE --threat ID --json``; ``progress`` as Graph.simulate."""
        return self.attack_graph(threat).simulate(None, targets, samples=samples, seed=seed,
                                                  horizon_days=horizon_days, critical_edges=critical_edges,
                                                  progress=progress)

    # Diagrams ----------------------------------------------------------------------------
    # Static types: format="dot"|"svg" gives str, "png"|"pdf" bytes; else either.
    @overload
    def render(self, threat: Optional[str] = ..., paths: int = ..., view: str = ..., *,
               format: Literal["dot", "svg"], output: Optional[PathLike] = ..., samples: int = ...,
               seed: int = ..., auto_threshold: int = ..., dpi: int = ..., as_of: AsOf = ...,
               progress: ProgressArg = ...) -> str: ...

    @overload
    def render(self, threat: Optional[str] = ..., paths: int = ..., view: str = ..., *,
               format: Literal["png", "pdf"], output: Optional[PathLike] = ..., samples: int = ...,
               seed: int = ..., auto_threshold: int = ..., dpi: int = ..., as_of: AsOf = ...,
               progress: ProgressArg = ...) -> bytes: ...

    @overload
    def render(self, threat: Optional[str] = ..., paths: int = ..., view: str = ...,
               format: Optional[str] = ..., *, output: Optional[PathLike] = ..., samples: int = ...,
               seed: int = ..., auto_threshold: int = ..., dpi: int = ...,
               as_of: AsOf = ..., progress: ProgressArg = ...) -> Union[str, bytes]: ...

    def render(self, threat: Optional[str] = None, paths: int = 3, view: str = "auto",
               format: Optional[str] = None, *, output: Optional[PathLike] = None, samples: int = 1000,
               seed: int = 1, auto_threshold: int = 40, dpi: int = 0, as_of: AsOf = None,
               progress: ProgressArg = None) -> Union[str, bytes]:
        """The zone-and-conduit diagram of ``zonepath render`` (Graphviz, in process): zones by
        Purdue level filled by their SL gap, conduits, and the ``paths`` most likely attack paths
        of ``threat`` (none when omitted). ``view``: "zones", "assets" or "auto" (the asset view
        up to ``auto_threshold`` assets). ``format``: "dot", "svg", "png" or "pdf"; default: from
        ``output``'s extension, else "svg". DOT and SVG come back as str, PNG and PDF as bytes;
        with ``output`` the same bytes are also written to that file (atomically). ``samples``
        and ``seed`` drive the analysis behind the gap colours. ``dpi``: resolution of a PNG
        (10..1200; 0 keeps Graphviz's 96), PNG only. Equal to
        ``zonepath render SITE --threat T --paths N --view V [--dpi D] -o FILE`` byte for byte.
        ``progress``: a callable receiving progress events (the analysis's phases, then the
        layout), or True for a bar (see analyze)."""
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r} (expected zones, assets or auto)")
        if format is not None and format not in IMAGE_FORMATS:
            raise ValueError(f"unknown image format {format!r} (expected dot, svg, png or pdf)")
        if whole(paths, "paths") < 0:
            raise ValueError("paths must not be negative")
        if whole(dpi, "dpi") != 0 and not 10 <= whole(dpi, "dpi") <= 1200:
            raise ValueError(f"dpi must be 10..1200 (or 0 for 96), got {dpi}")
        return _zonepath.render(self._h, threat or "", whole(paths, "paths"), view, format or "",
                                None if output is None else os.fspath(output), whole(samples, "samples"),
                                seed_value(seed), whole(auto_threshold, "auto_threshold"), whole(dpi, "dpi"),
                                _as_of_arg(as_of), progress_callback(progress))

    # What-ifs ----------------------------------------------------------------------------
    def apply(self, scenario: Scenario) -> "Site":
        """A new site with a what-if scenario applied: a zonepath/scenario/v1 file path or
        document. The operations applied are in ``history``. Raises ValidationError naming the
        operation that cannot apply."""
        handle, applied = _zonepath.apply_scenario(self._h, _scenario_arg(scenario))
        return Site(handle, self._history + list(applied))

    def whatif(self, scenarios: Iterable[Scenario], threats: Names = None, *, targets: Names = None,
               samples: int = 1000, seed: int = 1, paths: int = 3, as_of: AsOf = None,
               progress: ProgressArg = None) -> Dict[str, Any]:
        """Analyse the baseline and every scenario (same options, in parallel) and diff each
        against the baseline: the document of ``zonepath whatif --json``. ``progress``: a callable
        receiving progress events (scenarios done), or True for a bar (see analyze)."""
        return _notebook.WhatifResult(
            _zonepath.whatif(self._h, [_scenario_arg(s) for s in scenarios], _threat_list(threats),
                             _names(targets) or [], whole(samples, "samples"), seed_value(seed),
                             whole(paths, "paths"), _as_of_arg(as_of), progress_callback(progress)))

    def change(self, change: Scenario, threats: Names = None, *, samples: int = 1000, seed: int = 1,
               paths: int = 3, as_of: AsOf = None, progress: ProgressArg = None) -> Dict[str, Any]:
        """The impact of a change request (a zonepath/change/v1 file path or document) for the
        Management of Change board, the site assessed before and after on one day (``as_of``,
        else the first day of the change window, else the site's as_of): the document of
        ``zonepath change --json``. ``progress``: a callable receiving progress events (the
        Monte Carlo samples of both analyses), or True for a bar (see analyze)."""
        return _zonepath.change(self._h, _scenario_arg(change), _threat_list(threats), whole(samples, "samples"),
                                seed_value(seed), whole(paths, "paths"), _as_of_arg(as_of),
                                progress_callback(progress))

    # Python protocols --------------------------------------------------------------------
    def _repr_html_(self) -> str:
        """Jupyter: the site's counts and its zone diagram (gap colours; up to 5,000 assets)."""
        svg = self.render(format="svg") if self.valid and len(self.assets) <= 5000 else None
        return _notebook.site_html(self, svg)

    def __reduce__(self):
        return (_restore_site, (self._h.text, self._h.name, self._history))

    def __repr__(self) -> str:
        if not self.valid:
            return f"<zonepath.Site source={self.source!r} invalid ({len(self.validate())} errors)>"
        return (f"<zonepath.Site id={self.id!r} zones={len(self.zones)} assets={len(self.assets)} "
                f"threat_actors={self.threat_actors}>")


def _restore_site(text: bytes, name: str, history: Sequence[Dict[str, Any]]) -> Site:
    return Site(_zonepath.SiteHandle.parse(text.decode("utf-8"), name), history)
