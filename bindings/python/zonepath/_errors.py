"""Exception classes of zonepath, one per C++ error type (core/error.hpp).

The classes are created by the native module (so C++ errors are raised as them with the same
message) and re-exported here. Hierarchy::

    Error(Exception)
    ├── ParseError(Error, ValueError)        .diagnostic: dict
    ├── ValidationError(Error, ValueError)   .errors: list[dict]
    ├── GraphError(Error, ValueError)
    ├── ModelError(Error, ValueError)
    ├── AnalysisError(Error, RuntimeError)
    │   └── ExactLimitError
    ├── ScenarioError(Error, ValueError)
    ├── RenderError(Error, RuntimeError)
    ├── StoreError(Error, OSError)
    ├── LimitError(Error, RuntimeError)
    └── CancelledError(Error)

A diagnostic dict has the keys file, pointer (RFC 6901), line, column (1-based, 0 when
unknown), value, message and suggestion.
"""
from __future__ import annotations

from . import _zonepath

Error = _zonepath.Error
ParseError = _zonepath.ParseError
ValidationError = _zonepath.ValidationError
GraphError = _zonepath.GraphError
ModelError = _zonepath.ModelError
AnalysisError = _zonepath.AnalysisError
ExactLimitError = _zonepath.ExactLimitError
ScenarioError = _zonepath.ScenarioError
RenderError = _zonepath.RenderError
StoreError = _zonepath.StoreError
LimitError = _zonepath.LimitError
CancelledError = _zonepath.CancelledError

__all__ = [
    "Error", "ParseError", "ValidationError", "GraphError", "ModelError", "AnalysisError",
    "ExactLimitError", "ScenarioError", "RenderError", "StoreError", "LimitError", "CancelledError",
]
