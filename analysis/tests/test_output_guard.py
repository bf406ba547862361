"""Charts, reports and exports never write over their input, nor over a file of
another kind without --force."""

import pytest

from wfsim_analysis.__main__ import main


def test_refuses_its_own_input(results_file, capsys):
    before = results_file.read_bytes()
    assert main(["plot", str(results_file), "-o", str(results_file)]) == 2
    assert "it is this command's input" in capsys.readouterr().err
    assert results_file.read_bytes() == before


def test_refuses_a_file_of_another_kind_unless_forced(results_file, tmp_path, capsys):
    scenario = tmp_path / "chart.png"
    scenario.write_text("wfsim: 1\nname: not a chart\n")
    assert main(["plot", str(results_file), "-o", str(scenario)]) == 2
    assert "give --force" in capsys.readouterr().err
    assert scenario.read_text().startswith("wfsim: 1")
    assert main(["plot", str(results_file), "-o", str(scenario), "--force"]) == 0
    assert scenario.read_bytes().startswith(b"\x89PNG")


def test_replaces_its_own_kind(results_file, tmp_path):
    for command, name in (("plot", "c.png"), ("export", "e.csv"), ("export", "e.xlsx")):
        out = tmp_path / name
        assert main([command, str(results_file), "-o", str(out)]) == 0
        assert main([command, str(results_file), "-o", str(out)]) == 0, f"{command} {name} refused its own kind"


def test_judges_an_existing_file_by_what_the_command_writes_not_its_name(results_file, tmp_path, capsys):
    # An export or a report under a chart's name once replaced the chart, because the
    # existing file was judged by the name's suffix (.png: a chart, so "its own kind").
    chart = tmp_path / "chart.png"
    assert main(["plot", str(results_file), "-o", str(chart)]) == 0
    before = chart.read_bytes()
    report = tmp_path / "report.html"
    report.write_text("<!DOCTYPE html>\n<html><body>a report</body></html>\n")
    # An export is now refused a name that is not .csv or .xlsx before the file is looked at.
    named = "an export is a CSV table named .csv, or an Excel workbook named .xlsx"
    # --xlsx with a .csv name was told ".csv is not one of these", which it is.
    xlsx_named = "--xlsx writes an Excel workbook, which must be named .xlsx"
    table = tmp_path / "table.csv"
    table.write_text("someone's table\n")
    for command, out, extra, why in (("export", chart, [], named), ("export", chart, ["--xlsx"], xlsx_named),
                                     ("export", table, ["--xlsx"], xlsx_named),
                                     ("report", chart, [], "a report is an HTML page; give a name ending in .html"),
                                     ("export", report, [], named)):
        kept = out.read_bytes()
        assert main([command, str(results_file), "-o", str(out)] + extra) == 2, f"{command} {extra} over {out.name}"
        assert why in capsys.readouterr().err
        assert out.read_bytes() == kept
    # A CSV or workbook of another kind under the export's own suffix still needs --force.
    for name in ("notes.csv", "budget.xlsx"):
        theirs = tmp_path / name
        theirs.write_text("someone's own file\n")
        assert main(["export", str(results_file), "-o", str(theirs)]) == 2
        assert "give --force" in capsys.readouterr().err
        assert theirs.read_text() == "someone's own file\n"
    assert chart.read_bytes() == before
    assert main(["export", str(results_file), "-o", str(tmp_path / "notes.csv"), "--force"]) == 0
    assert (tmp_path / "notes.csv").read_text().startswith("measure,")


def test_refuses_a_report_over_a_results_file(results_file, make_results, capsys):
    # Under a report's name, it needs --force; under its own, the name is refused first
    # (it was "not a report wfsim-analysis wrote ... give --force", and --force then
    # failed on the name).
    for name, why in (("other.html", "give --force"), ("other.h5", "a report is an HTML page")):
        other = make_results(name)
        kept = other.read_bytes()
        assert main(["report", str(results_file), "-o", str(other)]) == 2
        assert why in capsys.readouterr().err
        assert other.read_bytes() == kept


def test_refuses_a_missing_folder(results_file, tmp_path, capsys):
    assert main(["plot", str(results_file), "-o", str(tmp_path / "nowhere" / "c.png")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_file_where_the_folder_should_be_is_said_as_such(results_file, tmp_path, capsys):
    # It was told "the folder b.yaml does not exist", which it does, as a file.
    (tmp_path / "b.yaml").write_text("name: x\n")
    assert main(["plot", str(results_file), "-o", str(tmp_path / "b.yaml" / "c.png")]) == 2
    assert f"{tmp_path / 'b.yaml'} is a file, not a folder" in capsys.readouterr().err
    assert (tmp_path / "b.yaml").read_text() == "name: x\n"


def test_a_report_is_written_under_an_html_name_only(results_file, tmp_path, capsys):
    # report -o rep.pdf once wrote HTML into rep.pdf, with exit 0.
    pdf = tmp_path / "rep.pdf"
    assert main(["report", str(results_file), "-o", str(pdf)]) == 2
    assert "a report is an HTML page; give a name ending in .html" in capsys.readouterr().err
    assert not pdf.exists()


def test_a_chart_is_replaced_in_every_image_format_it_can_be_written_in(results_file, tmp_path):
    # .jpg, .webp, .tiff and .eps charts were refused on a second run as "not a .jpg
    # file this command writes".
    for name in ("c.png", "c.svg", "c.pdf", "c.jpg", "c.jpeg", "c.webp", "c.tif", "c.tiff", "c.eps", "c.ps",
                 "c.svgz"):
        out = tmp_path / name
        assert main(["plot", str(results_file), "-o", str(out)]) == 0
        assert main(["plot", str(results_file), "-o", str(out)]) == 0, f"{name} refused on a second run"


def test_a_chart_name_without_an_image_suffix_is_refused_before_drawing(results_file, tmp_path, capsys):
    # Without a suffix matplotlib was handed the temporary file's name and said
    # "Format 'partial-ls4mqd8o' is not supported".
    for name, found in (("noext", "it has no suffix"), ("chart.yaml", ".yaml is not an image format"),
                        ("chart.pgf", ".pgf is not an image format"), ("chart.raw", ".raw is not an image format")):
        assert main(["plot", str(results_file), "-o", str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert found in err and ".png" in err and "partial" not in err, err
        assert not (tmp_path / name).exists()


def test_a_write_protected_output_needs_force(results_file, tmp_path, capsys):
    # export replaced a file made read-only (chmod 444), which wfsim run refuses.
    out = tmp_path / "e.csv"
    assert main(["export", str(results_file), "-o", str(out)]) == 0
    out.chmod(0o444)
    kept = out.read_bytes()
    assert main(["export", str(results_file), "-o", str(out)]) == 2
    assert "it is write-protected" in capsys.readouterr().err
    assert out.read_bytes() == kept
    assert main(["export", str(results_file), "-o", str(out), "--force"]) == 0


def test_an_export_is_named_for_what_it_is(results_file, tmp_path, capsys):
    # CSV text was written under any name: results.h5, a .xls, a .png.
    for name in ("new.h5", "x.xls", "table.png", "no-suffix"):
        assert main(["export", str(results_file), "-o", str(tmp_path / name)]) == 2
        assert "an export is a CSV table named .csv, or an Excel workbook named .xlsx" in capsys.readouterr().err
        assert not (tmp_path / name).exists()


def test_a_colleagues_file_of_the_same_kind_is_refused(results_file, tmp_path, capsys):
    # A page, a workbook and a logo of someone's own were replaced without --force:
    # they began with the same bytes as a report, a workbook and a chart.
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from openpyxl import Workbook

    page = tmp_path / "paper.html"
    page.write_text("<!DOCTYPE html>\n<html><body>my paper</body></html>\n")
    book = tmp_path / "budget.xlsx"
    Workbook().save(book)
    logo = tmp_path / "logo.png"
    Figure().savefig(logo)
    # A report needs a whole run's measures (tests/report_end_to_end.sh writes one
    # twice, and over a page of someone's own); here, the guard itself.
    from wfsim_analysis.output_guard import HTML_GENERATOR, check_output
    from wfsim_analysis.results import ResultsError

    with pytest.raises(ResultsError, match="is not a report wfsim-analysis wrote"):
        check_output(page, writes="html")
    page.write_text(f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">{HTML_GENERATOR}</head></html>\n")
    check_output(page, writes="html")
    for command, out in (("export", book), ("plot", logo)):
        kept = out.read_bytes()
        assert main([command, str(results_file), "-o", str(out)]) == 2, f"{command} replaced {out.name}"
        assert "wfsim-analysis wrote" in capsys.readouterr().err
        assert out.read_bytes() == kept
        assert main([command, str(results_file), "-o", str(out), "--force"]) == 0
        # Now it is this package's own, and is replaced on the next run.
        assert main([command, str(results_file), "-o", str(out)]) == 0, f"{command} refused its own {out.name}"


def test_a_damaged_file_under_the_name_is_refused_not_a_traceback(tmp_path):
    # A corrupt .svgz or a workbook whose parts do not inflate raised zlib.error out of
    # the guard: a traceback where a one-line refusal belongs.
    import gzip
    import zipfile

    from wfsim_analysis.output_guard import check_output
    from wfsim_analysis.results import ResultsError

    svgz = tmp_path / "c.svgz"
    svgz.write_bytes(gzip.compress(b"<svg>wfsim-analysis</svg>")[:12] + b"\x00" * 40)
    book = tmp_path / "b.xlsx"
    with zipfile.ZipFile(book, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("docProps/core.xml", b"<dc:creator>wfsim-analysis</dc:creator>" * 50)
    raw = bytearray(book.read_bytes())
    start = raw.index(b"docProps/core.xml") + len("docProps/core.xml")
    raw[start:start + 20] = b"\xff" * 20  # the member's deflate stream, damaged
    book.write_bytes(bytes(raw))
    for out in (svgz, book):
        with pytest.raises(ResultsError, match="refusing to replace"):
            check_output(out, writes=out.suffix[1:] if out.suffix == ".xlsx" else None)


def test_a_link_to_nothing_is_refused_as_a_live_link_is(tmp_path):
    # A dangling link was replaced by a file without --force, where a live one is refused.
    import os

    import pytest

    from wfsim_analysis.output_guard import check_output
    from wfsim_analysis.results import ResultsError

    link = tmp_path / "chart.png"
    os.symlink(tmp_path / "gone.png", link)
    with pytest.raises(ResultsError, match="it is a link .*which does not exist"):
        check_output(str(link))
    check_output(str(link), force=True)  # replacing the link is what --force asks


def test_a_file_put_at_the_output_while_the_command_ran_is_kept(results_file, tmp_path, monkeypatch, capsys):
    # What check_output passed is what may be replaced: a file written there during the
    # command (by hand, or by another command given the same -o) was replaced without a
    # word (a review). Played by writing it as the export draws up its table.
    import wfsim_analysis.__main__ as command_line
    from wfsim_analysis import output_guard

    out = tmp_path / "e.csv"
    real = output_guard.replacing

    def meanwhile(text):
        def replacing(output):
            out.write_text(text)
            return real(output)
        return replacing

    for before, text, said in ((None, "my own notes\n", "appeared while this ran"),
                               ("first", "measure,units,edited by hand\n", "was changed or replaced while this ran")):
        if before:
            assert main(["export", str(results_file), "-o", str(out)]) == 0
        monkeypatch.setattr(command_line, "replacing", meanwhile(text))
        assert main(["export", str(results_file), "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert said in err
        assert out.read_text() == text
        # The finished export is kept beside it, as wfsim keeps a results file: the
        # work is not lost (it was deleted until 2026-12-07).
        kept = list(tmp_path.glob("e.csv.unsaved-*"))
        assert len(kept) == 1 and f"the finished file is kept as {kept[0]}" in err
        assert kept[0].read_text().startswith("measure,units,")
        monkeypatch.undo()
        out.unlink()
        kept[0].unlink()
    assert not list(tmp_path.glob(".e.csv.partial-*"))


def test_a_name_ending_in_a_slash_is_refused(results_file, tmp_path, capsys):
    # pathlib drops the slash and the dot: 'y.csv/' and 'y.csv/.' wrote y.csv, where
    # wfsim refuses such a name.
    for command, name in (("plot", "y.png/"), ("export", "y.csv/"), ("plot", "y.png/."), ("export", "y.csv/.")):
        assert main([command, str(results_file), "-o", f"{tmp_path}/{name}"]) == 2
        assert "a name ending in '/', '/.' or '/..' names a folder" in capsys.readouterr().err
    assert not (tmp_path / "y.png").exists() and not (tmp_path / "y.csv").exists()


def test_a_file_past_the_size_limit_is_the_machines_failure(capsys):
    # ulimit -f: "[Errno 27] File too large" with status 2, as if the input were bad;
    # wfsim says it with status 1 (a review).
    import errno

    from wfsim_analysis.__main__ import _write_failed

    assert _write_failed("big.csv", OSError(errno.EFBIG, "File too large")) == 1
    assert "the machine's, not the input's" in capsys.readouterr().err


def test_temporaries_of_commands_killed_outright_are_removed_by_the_next(results_file, tmp_path):
    # A command killed outright cannot remove its temporary: twelve kills of an export
    # left twelve hidden files (a review). The next command writing the same output
    # removes those of this host's ended processes, and keeps a live one's and another
    # host's.
    import os
    import socket

    with open("/proc/sys/kernel/pid_max") as f:
        gone = int(f.read()) + 1  # a process number no process can have
    host = socket.gethostname()
    stale = tmp_path / f".e.csv.partial-{host}-{gone}-abc123.csv"
    live = tmp_path / f".e.csv.partial-{host}-{os.getpid()}-def456.csv"
    foreign = tmp_path / f".e.csv.partial-another-host-{gone}-ghi789.csv"
    # Another host, named this one's name and '-GONE', whose live process this is: kept
    # (a review: read from the left, GONE was taken for this host's ended process).
    longer_host = tmp_path / f".e.csv.partial-{host}-{gone}-{os.getpid()}-jkl012.csv"
    planted = tmp_path / f".e.csv.partial-{host}-99999999999999999999-x.csv"  # crashed int() once
    for path in (stale, live, foreign, longer_host, planted):
        path.write_text("cut off")
    assert main(["export", str(results_file), "-o", str(tmp_path / "e.csv")]) == 0
    assert not stale.exists()
    assert live.exists() and foreign.exists() and longer_host.exists() and planted.exists()
    assert (tmp_path / "e.csv").read_text().startswith("measure,units,")


def test_a_chart_is_checked_before_it_is_drawn(results_file, capsys, monkeypatch):
    # A chart's output was checked only once drawn: /proc found late, and a file put
    # there while it was drawn taken for what stood there at the start (a review).
    import wfsim_analysis.__main__ as command_line

    monkeypatch.setattr(command_line, "fan_chart", lambda *args, **kwargs: pytest.fail("the chart was drawn"))
    assert main(["plot", str(results_file), "-o", "/proc/wfsim-analysis-test.png"]) == 2
    assert "the folder /proc takes no new file" in capsys.readouterr().err


def test_a_folder_that_takes_no_file_is_refused_before_the_work(results_file, capsys, monkeypatch):
    # /proc (as a read-only folder is) was found only when the finished file was to be
    # written, and said of the hidden temporary's name (a review).
    import wfsim_analysis.__main__ as command_line

    monkeypatch.setattr(command_line, "export_csv", lambda *args: pytest.fail("the export was worked out"))
    assert main(["export", str(results_file), "-o", "/proc/wfsim-analysis-test.csv"]) == 2
    err = capsys.readouterr().err
    assert "cannot write /proc/wfsim-analysis-test.csv: the folder /proc takes no new file" in err
    assert ".partial-" not in err


def test_a_workbook_saved_again_since_it_was_exported_is_kept(results_file, tmp_path, capsys):
    # An analyst's notes added to an exported workbook in Excel were lost to the next
    # export: the workbook still bore this package's mark as its creator.
    import datetime

    from openpyxl import load_workbook

    out = tmp_path / "e.xlsx"
    assert main(["export", str(results_file), "-o", str(out)]) == 0
    book = load_workbook(out)
    book.create_sheet("my notes")["A1"] = "agency spend looks high in 2017"
    book.properties.lastModifiedBy = "Jane Smith"  # as Excel names whoever saves it
    book.save(out)
    edited = out.read_bytes()
    assert main(["export", str(results_file), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "wfsim-analysis wrote it, but it was saved again since (by Jane Smith" in err and "--force" in err
    assert out.read_bytes() == edited
    # LibreOffice names no author unless told one, but moves the modified time.
    book = load_workbook(out)
    book.properties.lastModifiedBy = None
    book.properties.modified = book.properties.created + datetime.timedelta(hours=1)
    book.save(out)
    assert main(["export", str(results_file), "-o", str(out)]) == 2
    assert "saved again since" in capsys.readouterr().err
    assert main(["export", str(results_file), "-o", str(out), "--force"]) == 0
    # Written afresh, it is this package's own again.
    assert main(["export", str(results_file), "-o", str(out)]) == 0
    # A sheet added in Python (openpyxl, or pandas through it) keeps the times as they
    # were and names no author: the seal, a digest of the workbook's parts, tells.
    book = load_workbook(out)
    book.create_sheet("my notes")["A1"] = "checked with finance"
    book.save(out)
    edited = out.read_bytes()
    assert main(["export", str(results_file), "-o", str(out)]) == 2
    assert "saved again since (its sheets changed)" in capsys.readouterr().err
    assert out.read_bytes() == edited


@pytest.mark.parametrize("command,name", [("report", "rep.html"), ("plot", "c.svg"), ("plot", "c.svgz")])
def test_a_page_or_svg_chart_changed_since_it_was_written_is_kept(command, name, results_file, tmp_path, capsys,
                                                                  monkeypatch):
    # An analyst's paragraph added to a report (or a note to an SVG chart) was lost to
    # the next run of the same command: the page still bore this package's mark.
    import gzip

    _short_report(monkeypatch)

    out = tmp_path / name
    assert main([command, str(results_file), "-o", str(out)]) == 0
    assert main([command, str(results_file), "-o", str(out)]) == 0  # unchanged: its own, replaced
    text = gzip.decompress(out.read_bytes()) if name.endswith(".svgz") else out.read_bytes()
    closing = b"</body>" if name.endswith(".html") else b"</svg>"
    text = text.replace(closing, b"<p>agency spend looks high in 2017</p>" + closing)
    out.write_bytes(gzip.compress(text) if name.endswith(".svgz") else text)
    edited = out.read_bytes()
    capsys.readouterr()
    assert main([command, str(results_file), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"refusing to replace {out}: wfsim-analysis wrote it, but it was changed since" in err
    assert "--force" in err and "Traceback" not in err
    assert out.read_bytes() == edited
    assert main([command, str(results_file), "-o", str(out), "--force"]) == 0
    assert main([command, str(results_file), "-o", str(out)]) == 0  # written afresh, its own again


def _short_report(monkeypatch):
    """A run report of the synthetic file's few measures: a page as build_report writes it."""
    from wfsim_analysis import report
    from wfsim_analysis.output_guard import HTML_GENERATOR

    monkeypatch.setattr(report, "build_report", lambda path, authority: (
        f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">{HTML_GENERATOR}\n"
        "<title>Run</title></head><body>\n<p>Agency share: 15% ± 3 points, £1,200</p>\n</body></html>\n"))


def test_a_page_written_before_the_seal_is_replaced_as_before(results_file, tmp_path, monkeypatch):
    import re

    _short_report(monkeypatch)

    out = tmp_path / "rep.html"
    assert main(["report", str(results_file), "-o", str(out)]) == 0
    unsealed = re.sub(rb'<meta name="wfsim-analysis-sha256" content="[0-9a-f]{64}">', b"", out.read_bytes())
    out.write_bytes(unsealed + b"<!-- a note -->")
    assert main(["report", str(results_file), "-o", str(out)]) == 0
    assert b"a note" not in out.read_bytes()
