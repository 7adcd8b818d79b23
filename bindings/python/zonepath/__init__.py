"""zonepath: IEC 62443 zone-and-conduit risk modeling and attack-path simulation.

Quick start::

    import zonepath
    site = zonepath.load("scenarios/examples/water-treatment.json")
    report = site.analyze(threats="ta-apt", samples=2000, seed=7)
    report.gap_matrix          # numpy array, zones x 7 FRs
    report.to_dict()           # == json.loads(`zonepath analyze ... --json`)
    report.write("out/water")  # the files of `zonepath analyze ... --out out/water`
    svg = zonepath.render(site, "ta-apt", paths=3)   # `zonepath render ... -o x.svg`, as str

    g = zonepath.Graph.from_edges([("D", "B", 0.85), ("D", "C", 0.7), ("B", "A", 0.65),
                                   ("C", "A", 1.0)], priors={"D": 0.7})
    g.reach("D", "A")["targets"][0]["probability"]

Long computations release the GIL and stop on Ctrl-C (KeyboardInterrupt). Errors are
subclasses of zonepath.Error (see zonepath._errors). See docs/python.md.
"""
from __future__ import annotations

import os
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Union, overload

from . import _zonepath
from ._checks import number, whole, seed_value
from ._errors import (AnalysisError, CancelledError, Error, ExactLimitError, GraphError, LimitError,
                      ModelError, ParseError, RenderError, ScenarioError, StoreError, ValidationError)
from ._graph import Graph
from ._progress import ProgressArg, ProgressEvent, progress_callback
from ._report import FR_NAMES, REPORT_FORMATS, Report
from ._site import IMAGE_FORMATS, VIEWS, AsOf, PathLike, Site, _as_of_arg, _threat_list

__version__: str = _zonepath.__version__

PathOrDict = Union[str, "os.PathLike[str]", Mapping[str, Any]]


def load(source: PathOrDict, *, strict: bool = True, name: Optional[str] = None) -> Site:
    """Load a site model from a file path or a dict (a zonepath/site/v1 document).

    Raises ParseError for unreadable or malformed JSON. An invalid model raises
    ValidationError (``.errors`` lists every problem) unless ``strict=False``, which returns
    the Site anyway so that ``site.validate()`` can list the problems.
    """
    if isinstance(source, (str, os.PathLike)):
        handle = _zonepath.SiteHandle.load(os.fspath(source))
    elif isinstance(source, Mapping):
        handle = _zonepath.SiteHandle.from_value(source, name or "<dict>")
    else:
        raise TypeError(f"load() takes a path or a dict, not {type(source).__name__}")
    if strict:
        handle.check()
    return Site(handle)


def loads(text: Union[str, bytes], *, strict: bool = True, name: str = "<text>") -> Site:
    """Load a site model from JSON text (diagnostics give lines and columns in it)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    handle = _zonepath.SiteHandle.parse(text, name)
    if strict:
        handle.check()
    return Site(handle)


def validate(source: PathOrDict) -> List[Dict[str, Any]]:
    """Every problem of a site file or document as dicts; [] when valid. Malformed JSON
    gives its one parse diagnostic."""
    try:
        return load(source, strict=False).validate()
    except ParseError as e:
        return [e.diagnostic]


def _cost_model_arg(cost_model: Union[None, str, "os.PathLike[str]", Mapping[str, Any]]):
    """(overrides, name) of a cost model given as None, a JSON file or a dict."""
    if cost_model is None:
        return None, "<cost model>"
    if isinstance(cost_model, (str, os.PathLike)):
        import json
        path = os.fspath(cost_model)
        with open(path, encoding="utf-8") as f:
            return json.load(f), path
    return cost_model, "<dict>"


class Comparison:
    """Two designs of the same plant side by side (``zonepath compare --json``): the fields of
    the compare document as attributes, plus both full reports as ``a`` and ``b``."""

    __slots__ = ("_data", "a", "b")

    def __init__(self, data: Dict[str, Any], a: Report, b: Report) -> None:
        self._data = data
        self.a = a  #: Report of design A
        self.b = b  #: Report of design B

    @property
    def diff(self) -> Dict[str, Any]:
        """Per target and zone: before ("a") and after ("b") values, significance."""
        return self._data["diff"]

    @property
    def threats(self) -> List[str]:
        return self._data["threats"]

    @property
    def only_in(self) -> Dict[str, Any]:
        """Zones, assets, conduits and threat actors present in one design only."""
        return self._data["only_in"]

    @property
    def cost(self) -> Dict[str, Any]:
        """Countermeasure cost of each design under the planner's cost model."""
        return self._data["cost"]

    def to_dict(self) -> Dict[str, Any]:
        """The zonepath/compare/v1 document, as ``zonepath compare --json`` prints it."""
        import copy
        return copy.deepcopy(self._data)

    def __reduce__(self):
        return (Comparison, (self._data, self.a, self.b))

    def __repr__(self) -> str:
        return (f"<zonepath.Comparison a={self._data['a']['site']!r} b={self._data['b']['site']!r} "
                f"threats={self.threats}>")


def compare(a: Union[Site, PathOrDict], b: Union[Site, PathOrDict], threats: Any = None, *,
            samples: int = 1000, seed: int = 1, paths: int = 3, cost_model: Any = None,
            as_of: AsOf = None, progress: ProgressArg = None) -> Comparison:
    """Compare two segmentation designs of the same plant (``zonepath compare``): reach and
    time to compromise per crown jewel and threat, SL-T / SL-A / gaps and risk per zone,
    conduit SL-A, paths that appear or disappear, findings, what exists in one design only,
    and the countermeasure cost of each. ``threats``: default every id common to both.
    ``cost_model``: overrides of the default cost model (dict or JSON file). Both designs are
    analysed with the same seed (common random numbers) and assessment date ``as_of``.
    ``progress``: a callable receiving progress events, or True for a bar (see Site.analyze)."""
    sa = a if isinstance(a, Site) else load(a)
    sb = b if isinstance(b, Site) else load(b)
    overrides, cost_name = _cost_model_arg(cost_model)
    options = (whole(samples, "samples"), seed_value(seed), whole(paths, "paths"))
    date = _as_of_arg(as_of)
    out, native_a, native_b = _zonepath.compare(sa._h, sb._h, _threat_list(threats), *options, overrides,
                                                cost_name, date, progress_callback(progress))
    # Each design's Report is analyze() of it on the common threats (compare_designs), which is
    # how a pickled one redoes its result for the report writers.
    common = list(out["comparison"]["threats"])
    return Comparison(out["comparison"], Report(out["a"], native_a, (sa, common, [], *options, date)),
                      Report(out["b"], native_b, (sb, common, [], *options, date)))


def plan(site: Union[Site, PathOrDict], threat: Union[None, str, Sequence[str]] = None, *,
         budget: Optional[float] = None, target_probability: Optional[float] = None, samples: int = 1000,
         seed: int = 1, max_actions: int = 40, close_gaps: bool = True, cost_model: Any = None,
         as_of: AsOf = None, required_flows: Optional[Sequence[Dict[str, Any]]] = None,
         progress: ProgressArg = None) -> Dict[str, Any]:
    """The cheapest ordered remediation plan (``zonepath plan --json``) against every threat actor
    of the site, or the one(s) named by ``threat``: actions that bring every crown jewel's reach
    under its tolerable line (or ``target_probability``) within ``budget``, then close the SL
    gaps, never stopping a required flow (the site's ``required_flows`` plus ``required_flows``,
    each ``{"from", "to", "protocol", "reason", "owner"}``); verified by applying the plan as a
    scenario (``"verified"``). ``plan["scenario"]`` can be passed to ``site.apply``. Cost model:
    the defaults, the site's ``models.cost``, then ``cost_model``. ``progress``: a callable
    receiving progress events (candidates evaluated per step), or True for a bar."""
    s = site if isinstance(site, Site) else load(site)
    overrides, cost_name = _cost_model_arg(cost_model)
    threats = [] if threat is None else [threat] if isinstance(threat, str) else list(threat)
    return _zonepath.plan(s._h, threats, None if budget is None else number(budget, "budget"),
                          None if target_probability is None else number(target_probability, "target_probability"),
                          whole(samples, "samples"), seed_value(seed), whole(max_actions, "max_actions"),
                          bool(close_gaps), overrides, cost_name, _as_of_arg(as_of),
                          None if required_flows is None else list(required_flows), progress_callback(progress))


# Static types: format="dot"|"svg" gives str, "png"|"pdf" bytes; else either.
@overload
def render(site: Union[Site, PathOrDict], threat: Optional[str] = ..., paths: int = ..., view: str = ..., *,
           format: Literal["dot", "svg"], output: Optional[PathLike] = ..., samples: int = ..., seed: int = ...,
           auto_threshold: int = ..., dpi: int = ..., as_of: AsOf = ..., progress: ProgressArg = ...) -> str: ...


@overload
def render(site: Union[Site, PathOrDict], threat: Optional[str] = ..., paths: int = ..., view: str = ..., *,
           format: Literal["png", "pdf"], output: Optional[PathLike] = ..., samples: int = ..., seed: int = ...,
           auto_threshold: int = ..., dpi: int = ..., as_of: AsOf = ..., progress: ProgressArg = ...) -> bytes: ...


@overload
def render(site: Union[Site, PathOrDict], threat: Optional[str] = ..., paths: int = ..., view: str = ...,
           format: Optional[str] = ..., *, output: Optional[PathLike] = ..., samples: int = ...,
           seed: int = ..., auto_threshold: int = ..., dpi: int = ..., as_of: AsOf = ...,
           progress: ProgressArg = ...) -> Union[str, bytes]: ...


def render(site: Union[Site, PathOrDict], threat: Optional[str] = None, paths: int = 3, view: str = "auto",
           format: Optional[str] = None, *, output: Optional[PathLike] = None, samples: int = 1000,
           seed: int = 1, auto_threshold: int = 40, dpi: int = 0, as_of: AsOf = None,
           progress: ProgressArg = None) -> Union[str, bytes]:
    """Draw a site with Graphviz, as ``zonepath render SITE -o FILE`` does (same bytes): zones
    by Purdue level filled by their largest SL gap, conduits with kind and services, and the
    ``paths`` most likely attack paths of ``threat`` drawn over it (no paths when omitted).

    ``view``: "zones", "assets" or "auto" (asset by asset up to ``auto_threshold`` assets).
    ``format``: "dot", "svg", "png" or "pdf"; default: from the extension of ``output``, else
    "svg". Returns DOT and SVG as str, PNG and PDF as bytes; ``output`` also writes them to that
    file (atomically). ``samples`` / ``seed``: the Monte Carlo analysis behind SL-T and paths.
    ``dpi``: resolution of a PNG (10..1200; 0 keeps Graphviz's 96).
    Runs with the GIL released. Raises ModelError for an unknown threat actor, RenderError when
    Graphviz fails, StoreError when ``output`` cannot be written, ValueError for a bad view or
    format. ``progress``: a callable receiving progress events, or True for a bar (see
    Site.analyze). See Site.render.
    """
    s = site if isinstance(site, Site) else load(site)
    return s.render(threat, paths, view, format, output=output, samples=samples, seed=seed,
                    auto_threshold=auto_threshold, dpi=dpi, as_of=as_of, progress=progress)


__all__ = [
    "load", "loads", "validate", "compare", "plan", "render", "Site", "Report", "Graph",
    "Comparison", "ProgressEvent", "FR_NAMES", "REPORT_FORMATS", "IMAGE_FORMATS", "VIEWS", "__version__",
    "Error", "ParseError", "ValidationError", "GraphError", "ModelError", "AnalysisError",
    "ExactLimitError", "ScenarioError", "RenderError", "StoreError", "LimitError", "CancelledError",
]
