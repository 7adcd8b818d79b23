"""Every command's --help lists --threads and --json and ends with examples; every example that
names only bundled files runs as printed (exit 0), its output files going to a scratch directory."""
import re
import shlex
import subprocess

from conftest import SOURCE_DIR, run, zonepath_bin

INPUT_SUFFIXES = (".json", ".csv", ".txt", ".xml", ".yaml", ".yml", ".graphml", ".log", ".gz")
OUTPUT_OPTIONS = {"-o", "--output", "--out", "--db"}


def commands():
    _, out, _ = run("--help", check=0)
    lines = out.split("Subcommands:", 1)[1].splitlines()
    return [line.split()[0] for line in lines if line.startswith("  ") and line.split()]


def examples(help_text):
    """The command lines after "Example:", continuation lines joined, comments dropped."""
    section = re.split(r"\nExamples?:\n", help_text, maxsplit=1)[1]
    joined = section.replace("\\\n", " ")
    return [shlex.split(line, comments=True) for line in joined.splitlines() if line.startswith("  ")]


def runnable(argv, scratch):
    """argv with its output paths moved into `scratch`, or None when an input is not bundled."""
    out = []
    for i, arg in enumerate(argv):
        if i > 0 and argv[i - 1] in OUTPUT_OPTIONS:
            out.append(str(scratch / arg.rstrip("/").replace("/", "_")))
        elif not arg.startswith("-") and (arg.endswith(INPUT_SUFFIXES) or arg.endswith("/")):
            if not (SOURCE_DIR / arg).exists():
                return None
            out.append(arg)
        else:
            out.append(arg)
    return out


def test_every_command_has_threads_json_and_examples():
    names = commands()
    assert {"validate", "analyze", "render", "paths", "cut", "catalog", "batch", "import"} <= set(names)
    for name in names:
        _, text, _ = run(name, "--help", check=0)
        assert "--threads" in text and "--json" in text, name
        assert re.search(r"\nExamples?:\n", text), f"{name} --help has no example"
        # An example may go on with another command (drift's suggestions into whatif).
        lines = [argv for argv in examples(text) if "zonepath" in argv]
        assert any(argv[argv.index("zonepath") + 1] == name for argv in lines), (name, lines)
    _, text, _ = run("batch", "--help", check=0)
    assert "--threads,--jobs" in text


def test_examples_on_bundled_files_run(tmp_path):
    ran = []
    for name in commands():
        _, text, _ = run(name, "--help", check=0)
        for argv in examples(text):
            if argv[:2] != ["zonepath", name]:
                continue
            args = runnable(argv[1:], tmp_path)
            if args is None:
                continue
            proc = subprocess.run([zonepath_bin(), *args], cwd=SOURCE_DIR, capture_output=True, text=True,
                                  timeout=300)
            assert proc.returncode == 0, f"{shlex.join(argv)}\n{proc.stderr}"
            ran.append(name)
    # The commands whose examples need no file of one's own (the others name site.json, ...).
    assert {"validate", "flows", "analyze", "render", "gaps", "paths", "cut", "whatif", "plan", "export",
            "generate", "catalog"} <= set(ran)
