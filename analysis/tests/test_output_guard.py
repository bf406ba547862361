"""Charts, reports and exports never write over their input, nor over a file of
another kind without --force."""

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
    for command, out, extra in (("export", chart, []), ("export", chart, ["--xlsx"]), ("report", chart, []),
                                ("export", report, [])):
        kept = out.read_bytes()
        assert main([command, str(results_file), "-o", str(out)] + extra) == 2, f"{command} {extra} over {out.name}"
        assert "give --force" in capsys.readouterr().err
        assert out.read_bytes() == kept
    assert chart.read_bytes() == before
    assert main(["export", str(results_file), "-o", str(chart), "--force"]) == 0
    assert chart.read_text().startswith("measure,")


def test_refuses_a_report_over_a_results_file(results_file, make_results, capsys):
    other = make_results("other.h5")
    assert main(["report", str(results_file), "-o", str(other)]) == 2
    assert "give --force" in capsys.readouterr().err


def test_refuses_a_missing_folder(results_file, tmp_path, capsys):
    assert main(["plot", str(results_file), "-o", str(tmp_path / "nowhere" / "c.png")]) == 2
    assert "does not exist" in capsys.readouterr().err


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
