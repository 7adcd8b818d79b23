"""Report: the result of Site.analyze(), the "zonepath/report/v1" document with attributes."""
from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any, Dict, List, Tuple

if TYPE_CHECKING:  # pragma: no cover
    import numpy

FR_NAMES: Tuple[str, ...] = ("IAC", "UC", "SI", "DC", "RDF", "TRE", "RA")


class Report:
    """The full analysis of a site: the same content as ``zonepath analyze --json``.

    Every top-level field of the report document is an attribute (``zones``, ``targets``,
    ``paths``, ``findings``, ``recommendations``, ``risk_register``, ...), holding the same
    dicts and lists as the JSON. ``to_dict()`` returns the whole document. Reports pickle (as
    their document), so they travel between processes.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Dict[str, Any]) -> None:
        if not isinstance(data, dict) or data.get("schema") != "zonepath/report/v1":
            raise ValueError("not a zonepath/report/v1 document")
        self._data = data

    # The document's fields ---------------------------------------------------------------
    @property
    def schema(self) -> str:
        return self._data["schema"]

    @property
    def site(self) -> Dict[str, Any]:
        """{"id", "name"} of the analysed site."""
        return self._data["site"]

    @property
    def samples(self) -> int:
        return self._data["samples"]

    @property
    def seed(self) -> int:
        return self._data["seed"]

    @property
    def threats(self) -> List[Dict[str, Any]]:
        return self._data["threats"]

    @property
    def crown_jewels(self) -> List[str]:
        return self._data["crown_jewels"]

    @property
    def zones(self) -> List[Dict[str, Any]]:
        """Per zone: sl_t, sl_a, gap (7 FRs each), missing requirements, risk, explanation."""
        return self._data["zones"]

    @property
    def conduits(self) -> List[Dict[str, Any]]:
        return self._data["conduits"]

    @property
    def paths(self) -> List[Dict[str, Any]]:
        return self._data["paths"]

    @property
    def targets(self) -> List[Dict[str, Any]]:
        """Per threat and crown jewel: reach_probability, ci95, ttc_days {mean, p10, p50, p90}."""
        return self._data["targets"]

    @property
    def findings(self) -> List[Dict[str, Any]]:
        return self._data["findings"]

    @property
    def recommendations(self) -> List[Dict[str, Any]]:
        return self._data["recommendations"]

    @property
    def risk_register(self) -> List[Dict[str, Any]]:
        return self._data["risk_register"]

    # Conveniences ------------------------------------------------------------------------
    @property
    def zone_ids(self) -> List[str]:
        """Zone ids in the row order of gap_matrix, sl_t_matrix and sl_a_matrix."""
        return [z["id"] for z in self._data["zones"]]

    def _matrix(self, key: str) -> "numpy.ndarray":
        import numpy as np

        rows = [z[key] for z in self._data["zones"]]
        return np.array(rows, dtype=np.int64).reshape(len(rows), len(FR_NAMES))

    @property
    def gap_matrix(self) -> "numpy.ndarray":
        """Gaps max(0, SL-T - SL-A) as an int64 array of shape (zones, 7); rows follow zone_ids,
        columns FR1..FR7 (IAC, UC, SI, DC, RDF, TRE, RA)."""
        return self._matrix("gap")

    @property
    def sl_t_matrix(self) -> "numpy.ndarray":
        return self._matrix("sl_t")

    @property
    def sl_a_matrix(self) -> "numpy.ndarray":
        return self._matrix("sl_a")

    @property
    def reach(self) -> Dict[Tuple[str, str], float]:
        """{(threat, target): reach probability} for every analysed threat and crown jewel."""
        return {(t["threat"], t["id"]): t["reach_probability"] for t in self._data["targets"]}

    def zone(self, zone_id: str) -> Dict[str, Any]:
        """The result of one zone; KeyError when the report has no such zone."""
        for z in self._data["zones"]:
            if z["id"] == zone_id:
                return z
        raise KeyError(zone_id)

    def to_dict(self) -> Dict[str, Any]:
        """The report document (a deep copy), equal to json.loads of ``analyze --json``."""
        return copy.deepcopy(self._data)

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self._data, indent=indent)

    def __reduce__(self):
        return (Report, (self._data,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and other._data == self._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        gaps = sum(sum(z["gap"]) for z in self._data["zones"])
        return (f"<zonepath.Report site={self.site.get('id')!r} threats={[t['id'] for t in self.threats]} "
                f"zones={len(self.zones)} total_gap={gaps}>")
