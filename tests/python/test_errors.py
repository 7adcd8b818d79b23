"""Each C++ error type surfaces as its own Python exception, with the CLI's message."""
import pickle

import pytest

import zonepath
from conftest import EXAMPLES, cli_error

BAD = EXAMPLES / "bad"
SITE = EXAMPLES / "water-treatment.json"


def test_hierarchy():
    for name, builtin in [("ParseError", ValueError), ("ValidationError", ValueError),
                          ("GraphError", ValueError), ("ModelError", ValueError),
                          ("ScenarioError", ValueError), ("AnalysisError", RuntimeError),
                          ("RenderError", RuntimeError), ("LimitError", RuntimeError),
                          ("StoreError", OSError)]:
        cls = getattr(zonepath, name)
        assert issubclass(cls, zonepath.Error) and issubclass(cls, builtin), name
        assert cls.__module__ == "zonepath" and cls.__name__ == name
    assert issubclass(zonepath.ExactLimitError, zonepath.AnalysisError)
    assert issubclass(zonepath.CancelledError, zonepath.Error)
    assert not issubclass(zonepath.Error, ValueError)


def test_parse_error_same_message_as_cli():
    path = BAD / "garbage.json"
    with pytest.raises(zonepath.ParseError) as e:
        zonepath.load(path)
    assert str(e.value) == cli_error("analyze", path)
    d = e.value.diagnostic
    assert d["file"] == str(path) and d["line"] >= 1 and d["column"] >= 1
    assert zonepath.validate(path) == [d]


def test_missing_file_is_parse_error():
    with pytest.raises(zonepath.ParseError) as e:
        zonepath.load(BAD / "no-such-file.json")
    assert str(e.value) == cli_error("analyze", BAD / "no-such-file.json")


def test_validation_error_lists_every_problem():
    path = BAD / "01-near-miss-key.json"
    with pytest.raises(zonepath.ValidationError) as e:
        zonepath.load(path)
    assert str(e.value) == cli_error("analyze", path)
    assert e.value.errors and all(err["file"] == str(path) for err in e.value.errors)
    # strict=False keeps the invalid site; validate() lists the same problems and every
    # analysis refuses with the same error.
    site = zonepath.load(path, strict=False)
    assert not site.valid and site.validate() == e.value.errors
    with pytest.raises(zonepath.ValidationError) as again:
        site.analyze(samples=10)
    assert again.value.errors == e.value.errors


def test_model_error_for_unknown_threat():
    with pytest.raises(zonepath.ModelError) as e:
        zonepath.load(SITE).analyze("ta-nobody", samples=10)
    assert str(e.value) == cli_error("analyze", SITE, "--threat", "ta-nobody", "--samples", 10)
    assert isinstance(e.value, ValueError)


def test_model_error_for_unknown_threat_graph():
    with pytest.raises(zonepath.ModelError, match="did you mean 'ta-apt'"):
        zonepath.load(SITE).attack_graph("ta-ap")


def test_exact_limit_error():
    # 40 parallel two-step routes D -> Mi -> A with p = 0.5: 80 uncertain edges that no
    # reduction removes beyond the limit of 5.
    edges = []
    for i in range(40):
        edges += [("D", f"M{i}", 0.5), (f"M{i}", f"N{i}", 0.5), (f"N{i}", "A", 0.5), (f"M{i}", f"N{(i + 1) % 40}", 0.5)]
    g = zonepath.Graph.from_edges(edges)
    with pytest.raises(zonepath.ExactLimitError) as e:
        g.reach("D", "A", method="exact", exact_limit=5)
    assert isinstance(e.value, zonepath.AnalysisError) and isinstance(e.value, RuntimeError)
    # auto mode falls back to Monte Carlo instead
    assert g.reach("D", "A", exact_limit=5, samples=100)["method"] == "monte-carlo"


def test_type_errors_for_non_json_values():
    with pytest.raises(TypeError, match="/zones/0"):
        zonepath.load({"schema": "zonepath/site/v1", "zones": [object()]})
    with pytest.raises(TypeError):
        zonepath.load(42)


def test_exceptions_pickle():
    with pytest.raises(zonepath.ValidationError) as e:
        zonepath.load(BAD / "02-duplicate-id.json")
    copy = pickle.loads(pickle.dumps(e.value))
    assert type(copy) is zonepath.ValidationError
    assert str(copy) == str(e.value) and copy.errors == e.value.errors


def test_loads_gives_line_and_column():
    with pytest.raises(zonepath.ValidationError) as e:
        zonepath.loads('{"schema": "zonepath/site/v1",\n "zones": [{"id": "z", "kind": "dmzz"}]}')
    (err,) = [x for x in e.value.errors if x["pointer"] == "/zones/0/kind"]
    assert (err["file"], err["line"]) == ("<text>", 2)
    assert "dmz" in err["suggestion"] or "dmz" in err["message"]


@pytest.mark.parametrize("kind", ["Error", "ParseError", "ValidationError", "GraphError", "ModelError",
                                  "AnalysisError", "ExactLimitError", "ScenarioError", "RenderError",
                                  "StoreError", "LimitError", "CancelledError"])
def test_every_cpp_error_maps_to_its_class(kind):
    # A test-only module (tests/python/error_probe.cpp) throws the C++ error; zonepath translates it.
    import _zonepath_error_probe
    with pytest.raises(zonepath.Error) as e:
        _zonepath_error_probe.throw_error(kind, "boom")
    assert type(e.value) is getattr(zonepath, kind)
    # ParseError and ValidationError format their diagnostic: file, pointer ("/" for the root), message
    assert str(e.value) == ("<test>: /: boom" if kind in ("ParseError", "ValidationError") else "boom")


def test_the_installed_module_has_no_test_entry_points():
    from zonepath import _zonepath
    assert not [name for name in dir(_zonepath) if "test" in name.lower()]


def test_warnings_are_listed_with_their_suggestion():
    text = ('{"schema": "zonepath/site/v1", "site": {"id": "w"}, "zones": [{"id": "z", "kind": "control"}],\n'
            ' "assets": [{"id": "plc", "zone": "z", "type": "plc", "services": [\n'
            '   {"protocol": "ethernet-ip", "port": 44818}, {"protocol": "enip"}]}]}')
    site = zonepath.loads(text)
    assert site.valid and site.validate() == []
    (w,) = site.warnings()
    assert (w["pointer"], w["line"], w["suggestion"]) == ("/assets/0/services/0/protocol", 3, "did you mean 'enip'?")
    assert zonepath.load(EXAMPLES / "water-treatment.json").warnings() == []
