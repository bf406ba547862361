"""The sweep chart's layout: its footnotes whole, inside the figure and clear of the chart."""

import numpy as np

from wfsim_analysis.sweep_chart import sweep_chart


def _inside_and_apart(figure):
    """Each footnote's box at least a point inside the figure, apart from the others and
    from the axes and their labels, once drawn; the figure's edge rows of pixels blank."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    edge = figure.dpi / 72  # a point, in pixels
    boxes = [text.get_window_extent(renderer) for text in figure.texts]
    assert boxes, "the chart has no footnote"
    for text, box in zip(figure.texts, boxes):
        assert box.x0 >= edge and box.y0 >= edge, f"{text.get_text()!r} is cut at the edge: {box}"
        assert box.x1 <= figure.bbox.width - edge and box.y1 <= figure.bbox.height - edge, text.get_text()
    for i, box in enumerate(boxes):
        for other in boxes[i + 1:] + [ax.get_tightbbox(renderer) for ax in figure.axes]:
            assert not box.overlaps(other), f"{figure.texts[i].get_text()!r} overlaps {other}"
    pixels = np.asarray(figure.canvas.buffer_rgba())
    assert (pixels[-2:, :, :3] == 255).all(), "something is drawn on the figure's bottom edge"


def test_the_heat_map_of_two_keys_keeps_its_footnotes_whole(make_paired):
    # The footnote's baseline sat 3 pixels above the bottom of the 6-inch figure: the
    # underscores fell off the edge ("Source: sw se.h5").
    figure = sweep_chart(make_paired("sw_se.h5", sweep=True))
    assert sorted(t.get_text().split(":")[0] for t in figure.texts) == ["In brackets", "Source"]
    assert any(t.get_text().startswith("Source: sw_se.h5;") for t in figure.texts)
    _inside_and_apart(figure)


def test_the_chart_of_one_key_keeps_its_footnote_whole(make_paired):
    _inside_and_apart(sweep_chart(make_paired("sw_one.h5", sweep=True, keys=1)))
