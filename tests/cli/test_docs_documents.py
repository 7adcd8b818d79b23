"""Every whole document shown in the user docs (a fenced JSON block with a "schema") runs as
written: a site validates, a raw graph answers `paths`, a scenario applies to the bundled plant
it names as its base, a change request is assessed against a bundled plant. A documented
example that zonepath refuses (an override key renamed, a field dropped) fails here."""
import json
import re

import pytest

from conftest import EXAMPLES, SOURCE_DIR, run


def documents():
    found = []
    for page in sorted((SOURCE_DIR / "docs").glob("*.md")):
        for i, block in enumerate(re.findall(r"```json\n(.*?)```", page.read_text(), re.S)):
            try:
                doc = json.loads(block)
            except json.JSONDecodeError:
                continue  # an excerpt, a command's output or several documents in one block
            if isinstance(doc, dict) and "schema" in doc:
                found.append(pytest.param(doc, id=f"{page.name}-{i}-{doc['schema'].split('/')[1]}"))
    return found


DOCUMENTS = documents()


def test_the_docs_show_whole_documents_of_each_kind():
    kinds = {p.values[0]["schema"] for p in DOCUMENTS}
    assert {"zonepath/site/v1", "zonepath/graph/v1", "zonepath/scenario/v1", "zonepath/change/v1"} <= kinds


def example_sites():
    return {json.loads(p.read_text())["site"]["id"]: p for p in sorted(EXAMPLES.glob("*.json"))}


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_a_documented_document_runs_as_written(doc, tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc))
    kind = doc["schema"]
    if kind == "zonepath/site/v1":
        run("validate", path, check=0)
    elif kind == "zonepath/graph/v1":
        starts = [n["id"] for n in doc["nodes"] if n.get("prior", 0) > 0]
        run("paths", path, *[a for s in starts for a in ("--from", s)], check=0)
    elif kind == "zonepath/scenario/v1":
        site = example_sites()[doc["base"]]
        run("whatif", site, path, "--samples", "10", check=0)
    elif kind == "zonepath/change/v1":
        outcomes = [run("change", site, path, "--samples", "10") for site in example_sites().values()]
        assert any(code == 0 for code, _, _ in outcomes), [err for _, _, err in outcomes]
    else:
        pytest.fail(f"no runner for {kind}")
