"""Graph: the raw attack-graph engine (zonepath/graph/v1) and a site's attack graph."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _zonepath
from ._checks import number, whole, seed_value
from ._progress import ProgressArg, progress_callback

if TYPE_CHECKING:
    import numpy

Names = Union[str, Iterable[str], None]
EdgeSpec = Union[Tuple[str, str], Tuple[str, str, float], Tuple[str, str, float, Mapping[str, Any]],
                 Mapping[str, Any]]


def _names(value: Names) -> Optional[List[str]]:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class Graph:
    """An attack graph: nodes (OR or AND, with an optional prior) and edges that succeed
    independently with probability ``p`` after a time-to-compromise draw.

    ``paths``, ``reach`` and ``simulate`` return the documents that ``zonepath paths|reach|
    simulate --json`` print, as dicts. A site's graph (``Site.attack_graph(threat)``) knows the
    threat actor's start points and the crown jewels, so sources and targets may be omitted.
    The computation runs with the GIL released; Ctrl-C interrupts it (KeyboardInterrupt).
    """

    __slots__ = ("_h", "_origin")

    def __init__(self, handle: "_zonepath.GraphHandle", origin: Any = None) -> None:
        self._h = handle
        self._origin = origin  # (site, threat) for a site's graph: how to rebuild it

    # Construction ------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Graph":
        """Load a zonepath/graph/v1 file (ParseError / ValidationError on bad input)."""
        return cls(_zonepath.GraphHandle.load(os.fspath(path)))

    @classmethod
    def from_dict(cls, document: Mapping[str, Any], name: str = "<dict>") -> "Graph":
        """Build from a zonepath/graph/v1 document held in memory."""
        return cls(_zonepath.GraphHandle.from_value(document, name))

    @classmethod
    def from_edges(cls, edges: Iterable[EdgeSpec], *, priors: Optional[Mapping[str, float]] = None,
                   and_nodes: Iterable[str] = (), nodes: Iterable[str] = ()) -> "Graph":
        """Build a graph from edges.

        Each edge is ``(from, to)`` (p = 1), ``(from, to, p)``, ``(from, to, p, extra)`` where
        ``extra`` holds optional graph/v1 edge keys (``ttc``, ``technique``, ``cost``, ``via``),
        or a dict with the graph/v1 keys. Nodes are created in order of first mention (``nodes``
        first); ``priors`` maps node -> prior, ``and_nodes`` lists the AND nodes.

        >>> g = Graph.from_edges([("D", "B", 0.85), ("D", "C", 0.7), ("B", "A", 0.65),
        ...                       ("C", "A", 1.0)], priors={"D": 0.7})
        """
        order: Dict[str, None] = {}
        for n in nodes:
            order.setdefault(str(n), None)
        edge_docs: List[Dict[str, Any]] = []
        for e in edges:
            if isinstance(e, Mapping):
                doc = dict(e)
            else:
                t = tuple(e)
                if not 2 <= len(t) <= 4:
                    raise TypeError(f"an edge is (from, to[, p[, extra]]), got {e!r}")
                doc = {"from": t[0], "to": t[1], "p": number(t[2], "p") if len(t) > 2 else 1.0}
                if len(t) == 4:
                    doc.update(dict(t[3]))
            for key in ("from", "to"):
                if key in doc:
                    order.setdefault(str(doc[key]), None)
            edge_docs.append(doc)
        priors = dict(priors or {})
        and_set = {str(n) for n in and_nodes}
        for n in list(priors) + sorted(and_set):
            order.setdefault(str(n), None)
        node_docs: List[Dict[str, Any]] = []
        for n in order:
            d: Dict[str, Any] = {"id": n}
            if n in priors:
                d["prior"] = number(priors[n], "prior")
            if n in and_set:
                d["type"] = "and"
            node_docs.append(d)
        return cls.from_dict({"schema": "zonepath/graph/v1", "nodes": node_docs, "edges": edge_docs},
                             "<edges>")

    @classmethod
    def from_arrays(cls, src: Any, dst: Any, p: Any, ttc: Any = None, cost: Any = None,
                    names: Optional[Sequence[str]] = None) -> "Graph":
        """Build a graph from edge columns: NumPy arrays (or sequences) of equal length.

        ``src`` and ``dst`` hold node ids (any integer dtype, ids >= 0), ``p`` the success
        probabilities (within [0, 1]), ``ttc`` optionally the mean time to compromise in days
        (exponential, > 0; default 1 day) and ``cost`` optionally the min-cut cost (>= 0;
        default 1). ``names[i]`` names node i (unique, non-empty str); without ``names`` the
        nodes are 0 .. max id, named by their decimal id ("0", "1", ...). No Python code runs
        per edge and the build releases the GIL; a bad value raises ValueError naming the
        argument and its index.

        >>> g = Graph.from_arrays(np.array([0, 0, 1, 2]), np.array([1, 2, 3, 3]),
        ...                       np.array([0.85, 0.7, 0.65, 1.0]), names=["D", "B", "C", "A"])
        """
        return cls(_zonepath.GraphHandle.from_arrays(src, dst, p, ttc, cost, names))

    # Properties --------------------------------------------------------------------------
    @property
    def node_count(self) -> int:
        return self._h.node_count

    @property
    def edge_count(self) -> int:
        return self._h.edge_count

    @property
    def nodes(self) -> List[str]:
        """Node ids, in node-id order."""
        return self._h.node_names()

    @property
    def threat(self) -> Optional[str]:
        """The threat actor of a site's graph, None for raw graphs."""
        return self._h.threat or None

    @property
    def sources(self) -> List[str]:
        """Default sources: the threat actor's start points (site graphs); [] for raw graphs."""
        return self._h.sources

    @property
    def default_targets(self) -> List[str]:
        """Crown jewels (site graphs) or the sinks (raw graphs)."""
        return self._h.default_targets

    def to_dict(self) -> Dict[str, Any]:
        """The graph as a zonepath/graph/v1 document."""
        return self._h.to_value()

    # Queries -----------------------------------------------------------------------------
    def paths(self, sources: Names = None, targets: Names = None, *, k: int = 1,
              by: str = "likelihood") -> Dict[str, Any]:
        """The k most likely (``by="likelihood"``) or fastest (``by="time"``) simple paths to
        each target, best first: ``{"paths": [...], "unreachable": [...]}`` as
        ``zonepath paths --json``."""
        return self._h.paths(_names(sources), _names(targets), whole(k, "k"), by)

    def reach(self, sources: Names = None, targets: Names = None, *, method: str = "auto",
              samples: int = 10000, seed: int = 1, exact_limit: int = 30,
              progress: ProgressArg = None) -> Dict[str, Any]:
        """Probability that each target is reached. ``method``: "auto" (exact when small
        enough, else Monte Carlo with ``samples``), "exact" (ExactLimitError when too large),
        "monte-carlo". Same document as ``zonepath reach --json`` (``--samples N`` there is
        ``method="monte-carlo", samples=N`` here). ``progress``: a callable receiving progress
        events ("exact reach": targets solved, or "Monte Carlo reach": samples), or True for a bar
        (see Site.analyze)."""
        return self._h.reach(_names(sources), _names(targets), method, whole(samples, "samples"),
                             seed_value(seed), whole(exact_limit, "exact_limit"), progress_callback(progress))

    def simulate(self, sources: Names = None, targets: Names = None, *, samples: int = 1000,
                 seed: int = 1, horizon_days: Optional[float] = None,
                 critical_edges: int = 20, progress: ProgressArg = None) -> Dict[str, Any]:
        """Monte Carlo time to compromise: per target reach probability, ci95, ttc_days
        {mean, p10, p50, p90}, the chance within ``horizon_days``, and the critical edges.
        Same document as ``zonepath simulate --json``. ``progress``: a callable receiving
        progress events (phase "Monte Carlo": samples done), or True for a bar."""
        return self._h.simulate(_names(sources), _names(targets), whole(samples, "samples"),
                                seed_value(seed),
                                None if horizon_days is None else number(horizon_days, "horizon_days"),
                                whole(critical_edges, "critical_edges"), progress_callback(progress))

    def distances(self, sources: Names = None, *, by: str = "likelihood") -> "numpy.ndarray":
        """Length of the best path from the sources to every node, as a float64 array indexed
        by node id (``inf``: unreachable). ``by="likelihood"``: the sum of -ln p over the steps
        plus -ln prior of the start, so ``numpy.exp(-d)`` is the probability of the most likely
        path; ``by="time"``: the sum of the mean times to compromise, in days."""
        return self._h.distances(_names(sources), by)

    def reach_per_node(self, sources: Names = None, *, samples: int = 10000,
                       seed: int = 1) -> "numpy.ndarray":
        """Monte Carlo probability that each node is reached from the sources, as a float64
        array indexed by node id (the ``probability`` of ``reach(method="monte-carlo")`` for
        every node at once, same samples and seed)."""
        return self._h.reach_per_node(_names(sources), whole(samples, "samples"), seed_value(seed))

    # Python protocols --------------------------------------------------------------------
    def __reduce__(self):
        if self._origin is not None:
            site, threat = self._origin
            return (_site_graph, (site, threat))
        return (Graph.from_dict, (self.to_dict(), self._h.name))

    def __repr__(self) -> str:
        extra = f" threat={self.threat!r}" if self.threat else ""
        return f"<zonepath.Graph nodes={self.node_count} edges={self.edge_count}{extra}>"


def _site_graph(site: Any, threat: Optional[str]) -> Graph:
    return site.attack_graph(threat)
