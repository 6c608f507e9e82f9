"""`declic check` on the corpus of malformed scenarios, run as the author runs it: a subprocess.

Each corpus file must give exit code 1, exactly the codes and lines listed in
tests/corpus/expected.yaml, output lines of the form ``FILE:LINE:COL: error[CODE]: message``
and never a traceback. Shipped scenarios must pass; usage errors give exit code 2.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from declic.cli import main
from engine.shipped import shipped_scenarios

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EXPECTED: dict[str, list[dict[str, object]]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
HEAD = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[EW]\d{3})\]: \S"
)
HINT = re.compile(r"^    aide : \S")
TOTAL = re.compile(r"^\d+ erreurs?\.$")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def diagnostics(self) -> list[re.Match[str]]:
        return [m for m in map(HEAD.match, self.stderr.splitlines()) if m]


def declic(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run the real command line in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-m", "declic", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return Run(done.returncode, done.stdout, done.stderr)


def make_huge(folder: Path) -> Path:
    """A 50 MB file of valid-looking YAML (kept out of the repository)."""
    path = folder / "huge_50mb.yaml"
    line = "  - " + "x" * 96 + "\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("scenes:\n")
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    return path


def make_directory(folder: Path) -> Path:
    path = folder / "a_directory.yaml"
    path.mkdir()
    return path


def make_missing(folder: Path) -> Path:
    return folder / "missing_file.yaml"


GENERATED: dict[str, Callable[[Path], Path]] = {
    "@huge_50mb.yaml": make_huge,
    "@a_directory.yaml": make_directory,
    "@missing_file.yaml": make_missing,
}


@pytest.fixture(scope="module")
def corpus_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("generated")
    return {
        name: GENERATED[name](folder) if name.startswith("@") else CORPUS / name
        for name in EXPECTED
    }


@pytest.fixture(scope="module")
def corpus_runs(corpus_paths: dict[str, Path]) -> dict[str, tuple[Path, Run]]:
    """Every corpus file checked by ``declic check``, split into one ``Run`` per file.

    One process checks them all (starting ``declic`` costs seconds on a loaded CI machine);
    ``declic check`` prints each file's diagnostics in turn, so the output splits by file
    name. Per-file exit codes are checked in-process below, and by subprocess on one file of
    each stage of the loader.
    """
    run = declic("check", *corpus_paths.values())
    assert run.code == 1
    assert "Traceback" not in run.stdout + run.stderr
    by_file: dict[str, list[str]] = {str(p): [] for p in corpus_paths.values()}
    current: list[str] | None = None
    for line in run.stderr.splitlines():
        head = HEAD.match(line)
        if head:
            current = by_file[head["file"]]
        if TOTAL.match(line):
            continue
        assert current is not None, f"output line outside any diagnostic: {line!r}"
        current.append(line)
    return {
        name: (path, Run(1, "", "\n".join(by_file[str(path)])))
        for name, path in corpus_paths.items()
    }


def test_corpus_is_big_enough_and_listed() -> None:
    on_disk = {p.name for p in CORPUS.iterdir()} - {"expected.yaml"}
    listed = {name for name in EXPECTED if not name.startswith("@")}
    assert on_disk == listed, "every corpus file has its expected diagnostics, and only those"
    assert len(EXPECTED) >= 40
    assert all(EXPECTED[name] for name in EXPECTED), "every corpus file is malformed"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gives_located_coded_errors(
    name: str, corpus_runs: dict[str, tuple[Path, Run]]
) -> None:
    path, run = corpus_runs[name]
    found = {(m["code"], int(m["line"])) for m in run.diagnostics}
    expected = {(str(e["code"]), int(str(e["line"]))) for e in EXPECTED[name]}
    assert found == expected, run.stderr
    for match in run.diagnostics:
        assert match["file"] == str(path)
        assert int(match["col"]) >= 1
    lines = run.stderr.splitlines()
    assert all(HEAD.match(x) or HINT.match(x) for x in lines), run.stderr
    for index, line in enumerate(lines):
        if HEAD.match(line):
            assert HINT.match(lines[index + 1]), "each error is followed by its hint"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_exit_code_is_1(
    name: str, corpus_paths: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(corpus_paths[name])]) == 1
    assert "Traceback" not in capsys.readouterr().err


#: One file per stage of the loader: reading, decoding, YAML, size, shape, references.
STAGES = [
    "@missing_file.yaml",
    "binary_png.yaml",
    "yaml_unclosed_quote.yaml",
    "alias_bomb.yaml",
    "five_shape_errors.yaml",
    "five_errors.yaml",
]


@pytest.mark.parametrize("name", STAGES)
def test_one_file_per_stage_exits_1_in_its_own_process(
    name: str, corpus_paths: dict[str, Path]
) -> None:
    run = declic("check", corpus_paths[name])
    assert run.code == 1
    assert "Traceback" not in run.stdout + run.stderr
    expected = {(str(e["code"]), int(str(e["line"]))) for e in EXPECTED[name]}
    assert {(m["code"], int(m["line"])) for m in run.diagnostics} == expected


def test_several_files_in_one_run_report_each_file() -> None:
    names = ["unknown_ref_item.yaml", "tabs.yaml", "empty.yaml"]
    run = declic("check", *(CORPUS / n for n in names))
    assert run.code == 1
    assert {Path(m["file"]).name for m in run.diagnostics} == set(names)
    assert "3 erreurs." in run.stderr


def test_shipped_scenarios_pass() -> None:
    scenarios: Sequence[Path] = shipped_scenarios()
    assert scenarios, "the package ships example scenarios"
    run = declic("check", *scenarios)
    assert run.code == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.count(": OK") == len(scenarios)


@pytest.mark.parametrize("args", [["check"], ["check", "--nope", "x.yaml"], ["chek", "x.yaml"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    run = declic(*args)
    assert run.code == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert "erreur d'utilisation" in run.stderr
