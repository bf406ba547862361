"""The package installs offline: the in-tree build backend's wheel holds every module
and the wfsim-analysis command, and a missing dependency is named in one line."""

import importlib.util
import os
import pathlib
import subprocess
import sys
import zipfile

ANALYSIS = pathlib.Path(__file__).resolve().parent.parent


def _backend():
    spec = importlib.util.spec_from_file_location("wfsim_build", ANALYSIS / "build_backend" / "wfsim_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wheel_holds_every_module_and_the_command(tmp_path):
    name = _backend().build_wheel(str(tmp_path))
    with zipfile.ZipFile(tmp_path / name) as wheel:
        names = set(wheel.namelist())
        entry_points = wheel.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    modules = {p.relative_to(ANALYSIS).as_posix() for p in (ANALYSIS / "wfsim_analysis").glob("*.py")}
    assert modules <= names
    assert "wfsim-analysis = wfsim_analysis.__main__:entry" in entry_points


def test_pip_installs_it_without_the_network(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--prefix",
                             str(tmp_path), str(ANALYSIS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.rglob("wfsim-analysis")), "no wfsim-analysis command was installed"


def test_a_missing_dependency_is_one_line_naming_the_debian_package():
    # A Python that cannot find numpy, as the package's check sees it.
    code = ("import importlib.util, sys; real = importlib.util.find_spec\n"
            "importlib.util.find_spec = lambda n, *a: None if n == 'numpy' else real(n, *a)\n"
            "sys.argv = ['wfsim-analysis', 'plot', 'x.h5', '-o', 'x.png']\n"
            "import runpy; runpy.run_module('wfsim_analysis', run_name='__main__')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ANALYSIS)
    assert result.returncode == 1
    assert "python3-numpy" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_module_run_as_a_command_names_a_missing_dependency_too(tmp_path):
    # `python3 -m wfsim_analysis.rule_effect`, as the README runs it, imported numpy first
    # thing and gave a traceback. numpy is made unimportable by a sitecustomize on the path.
    (tmp_path / "sitecustomize.py").write_text("import sys\nsys.modules['numpy'] = None\n")
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{ANALYSIS}")
    for module in ("wfsim_analysis.rule_effect", "wfsim_analysis"):
        result = subprocess.run([sys.executable, "-m", module, "with.h5", "without.h5"], capture_output=True,
                                text=True, cwd=tmp_path, env=env)
        assert result.returncode == 1, module
        assert "lacks python3-numpy;" in result.stderr, module
        assert "Traceback" not in result.stderr, module
        assert len(result.stderr.strip().splitlines()) == 1, module
