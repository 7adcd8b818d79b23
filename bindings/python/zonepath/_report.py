"""Report: the result of Site.analyze(), the "zonepath/report/v1" document with attributes."""
from __future__ import annotations

import copy
import json
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _notebook, _zonepath

if TYPE_CHECKING:  # pragma: no cover
    import numpy

FR_NAMES: Tuple[str, ...] = ("IAC", "UC", "SI", "DC", "RDF", "TRE", "RA")

#: The report files Report.write can produce, as ``zonepath analyze --out DIR --format``:
#: name -> description, in the order they are written (json, csv, html, md, attack-layer, soa, xlsx,
#: evidence, svg).
REPORT_FORMATS: Dict[str, str] = {name: description for name, _, description in _zonepath.report_formats()}

# Columns of risk-register.csv, which risk_register_records() uses as keys.
_REGISTER_COLUMNS = ("zone", "threat", "likelihood", "likelihood_level", "severity", "risk", "tolerable", "sl_t",
                     "sl_a", "gap", "missing_requirements", "iso27001", "compensating_controls", "treatment",
                     "risk_owner", "target_risk", "accepted_by", "accepted_on", "review_by", "acceptance_justification",
                     "success_likelihood", "likelihood_of_initiation")

# Columns of soa.csv, which soa_records() uses as keys; those in _SOA_LISTS hold lists.
_SOA_COLUMNS = ("control", "title", "theme", "applicable", "justification", "decided_by", "status",
                "iec62443_requirements", "mapping_basis", "mapping_source", "iec62443_programme", "zones",
                "conduits", "assets", "evidence", "change_records", "owners")
_SOA_KEYS = {"iec62443_requirements": "requirements", "iec62443_programme": "programme"}


def _report_formats(formats: Union[str, Iterable[str]]) -> List[str]:
    """The format list of ``--format``: "all", "json,csv" or names; unknown names raise."""
    items = formats.split(",") if isinstance(formats, str) else [str(f) for f in formats]
    out: List[str] = []
    for item in items:
        if not item:
            continue
        for name in (REPORT_FORMATS if item == "all" else [item]):
            if name not in REPORT_FORMATS:
                raise ValueError(f"unknown format '{item}' (known: all,{','.join(REPORT_FORMATS)})")
            if name not in out:
                out.append(name)
    if not out:
        raise ValueError(f"no report format given ({formats!r}; known: all,{','.join(REPORT_FORMATS)})")
    return out


class Report:
    """The full analysis of a site: the same content as ``zonepath analyze --json``.

    Every top-level field of the report document is an attribute (``zones``, ``targets``,
    ``paths``, ``findings``, ``recommendations``, ``risk_register``, ...), holding the same
    dicts and lists as the JSON. ``to_dict()`` returns the whole document. Reports pickle (as
    their document, with the site and options they came from), so they travel between processes.

    A Report from ``Site.analyze`` or ``zonepath.compare`` also writes the report files of
    ``zonepath analyze --out`` (``write``, ``risk_register_csv``, ``attack_layer``). It keeps
    the analysis result for that; after pickling, the first of those calls re-runs the
    analysis (same site, options and seed, so the same result). A Report built from a bare
    document (``Report(dict)``) has only the document's fields. ``native`` and ``origin`` are
    set by Site.analyze and zonepath.compare: the C++ result, and (site, threats, targets,
    samples, seed, paths, as_of) to redo it.
    """

    __slots__ = ("_data", "_native", "_origin")

    def __init__(self, data: Dict[str, Any], native: "Optional[_zonepath.ReportHandle]" = None,
                 origin: Optional[Tuple[Any, ...]] = None) -> None:
        if not isinstance(data, dict) or data.get("schema") != "zonepath/report/v1":
            raise ValueError("not a zonepath/report/v1 document")
        self._data = data
        self._native = native  # the C++ result the report writers take
        self._origin = origin  # (site, threats, targets, samples, seed, paths, as_of): how to redo it

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

    def risk_register_frame(self) -> "Any":
        """risk_register_records() as a pandas DataFrame (ImportError when pandas is missing)."""
        return _notebook.data_frame(self.risk_register_records(), "the risk register")

    def gap_frame(self) -> "Any":
        """The gap table as a pandas DataFrame: one row per zone (``zone`` column, in the order of
        zone_ids), one column per FR named as FR_NAMES, values max(0, SL-T - SL-A)."""
        records = [{"zone": z["id"], **dict(zip(FR_NAMES, z["gap"]))} for z in self._data["zones"]]
        return _notebook.data_frame(records, "the gap table")

    def _repr_html_(self) -> str:
        """Jupyter: the summary tables and, for a report of Site.analyze, the zone diagram with
        the most likely paths of the first threat actor analysed."""
        svg = None
        if self._origin and self._data["threats"]:
            site, _, _, samples, seed, paths, as_of = self._origin
            svg = site.render(self._data["threats"][0]["id"], paths=min(int(paths), 3), format="svg",
                              samples=samples, seed=seed, as_of=as_of)
        return _notebook.report_html(self, svg)

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

    # Report files (zonepath::render, as `zonepath analyze --out`) ------------------------
    def _handle(self) -> "_zonepath.ReportHandle":
        if self._native is None:
            if self._origin is None:
                raise ValueError("this Report holds only a report document; report files need the Report "
                                 "of Site.analyze() or zonepath.compare()")
            site, *options = self._origin
            self._native = site._h.analyze(*options)[1]
        return self._native

    def risk_register_csv(self) -> str:
        """The risk register as CSV text, one row per zone and threat actor: the bytes of
        ``risk-register.csv`` that ``zonepath analyze --out`` writes (RFC 4180 quoting; free
        text that starts with = + - @ is prefixed with ' so spreadsheets keep it text)."""
        return self._handle().risk_register_csv()

    def risk_register_records(self) -> List[Dict[str, Any]]:
        """The risk register as flat dicts, one per row of risk-register.csv and with its column
        names as keys, but typed: likelihood (float), likelihood_level, severity, risk (int),
        tolerable (bool), sl_t, sl_a, gap (7 ints each), missing_requirements, iso27001,
        compensating_controls (lists of str), treatment, risk_owner (str), target_risk (int),
        accepted_by, accepted_on, review_by, acceptance_justification (str, empty without a signed
        decision), success_likelihood (int, the band of the probability alone) and
        likelihood_of_initiation (str, the actor's, empty when not stated).
        ``pandas.DataFrame(records)`` makes a table."""
        rows = []
        for r in self._data["risk_register"]:
            risk = r["risk"]
            acc = r.get("acceptance") or {}
            values = (r["zone"], r["threat"], risk["probability"], risk["likelihood"], risk["severity"],
                      risk["level"], risk["tolerable"], list(r["sl_t"]), list(r["sl_a"]), list(r["gap"]),
                      list(r["missing"]), list(r["iso27001"]), list(r["compensating"]), r.get("treatment", ""),
                      r.get("risk_owner", ""), r.get("target_risk", 0), acc.get("accepted_by", ""),
                      acc.get("date", ""), acc.get("review_by", ""), acc.get("justification", ""),
                      risk.get("success_likelihood", 0), risk.get("likelihood_of_initiation") or "")
            rows.append(dict(zip(_REGISTER_COLUMNS, values)))
        return rows

    def soa_csv(self) -> str:
        """The Statement of Applicability as CSV text, one row per ISO/IEC 27001:2022 Annex A
        control: the bytes of ``soa.csv`` that ``zonepath analyze --out`` and ``zonepath soa --out``
        write."""
        return self._handle().soa_csv()

    def soa_records(self) -> List[Dict[str, Any]]:
        """The Statement of Applicability as flat dicts, one per Annex A control (93, in Annex A
        order), with the column names of soa.csv as keys, but typed: applicable (bool),
        iec62443_requirements, zones, conduits, assets, evidence, change_records, owners (lists
        of str); control, title, theme, justification, decided_by (model or organisation),
        status (implemented, partial, not-implemented, not-assessed), mapping_basis (crosswalk or
        zonepath-judgement), mapping_source, iec62443_programme (str). ``pandas.DataFrame(records)``
        makes a table."""
        controls = self._handle().soa()["controls"]
        return [{column: c[_SOA_KEYS.get(column, column)] for column in _SOA_COLUMNS} for c in controls]

    def attack_layer(self, threat: Optional[str] = None) -> Dict[str, Any]:
        """The ATT&CK Navigator layer (domain ics-attack) of ``attack-layer.json``: each ICS
        technique scored by the share of the report's path probability that uses it. ``threat``:
        only that actor's paths (default: every analysed actor, as the CLI writes it)."""
        return self._handle().attack_layer(threat or "")

    def write(self, directory: Union[str, "os.PathLike[str]"],
              formats: Union[str, Iterable[str]] = "all") -> List[str]:
        """Write the report files of ``zonepath analyze --out DIR --format FORMATS`` into
        ``directory`` (created when missing; each file written atomically) and return their
        paths. ``formats``: "all", a comma-separated string or a list of names from
        REPORT_FORMATS: json (report.json), csv (risk-register.csv), html (report.html), md
        (report.md), attack-layer (attack-layer.json), soa (soa.csv), xlsx (soa.xlsx), evidence
        (evidence-register.csv), svg (diagram.svg, paths-<n>.svg). The
        files equal the CLI's byte for byte. Raises ValueError for an unknown format,
        StoreError when a file cannot be written, RenderError when Graphviz fails."""
        names = _report_formats(formats)
        return self._handle().write(os.fspath(directory), names)

    def __reduce__(self):
        return (Report, (self._data, None, self._origin))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and other._data == self._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        gaps = sum(sum(z["gap"]) for z in self._data["zones"])
        return (f"<zonepath.Report site={self.site.get('id')!r} threats={[t['id'] for t in self.threats]} "
                f"zones={len(self.zones)} total_gap={gaps}>")
