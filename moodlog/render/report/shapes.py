"""Many shapes drawn as one: bars as one compound shape per colour (matplotlib's ``bar`` makes an
artist per bar, and even a collection is written to a PDF bar by bar; over ten years of days, or
three panels of weeks, that costs seconds), and lines across a plot as one collection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy.typing as npt
    from matplotlib.axes import Axes
    from matplotlib.collections import LineCollection
    from matplotlib.patches import PathPatch

    Numbers = npt.ArrayLike


def bars(
    ax: Axes,
    x: Numbers,
    height: Numbers,
    width: Numbers,
    bottom: Numbers = 0.0,
    label: str | None = None,
    **style: Any,
) -> list[PathPatch]:
    """Rectangles centred on ``x``, from ``bottom`` to ``bottom + height``; NaN heights are left
    out. ``color`` may be one colour or one per bar; the other ``style`` keys are a patch's
    (``edgecolor``, ``hatch``, ``linewidth``, ``alpha``). Returns one patch per colour."""
    import numpy as np
    from matplotlib.colors import to_rgba
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    xs = np.asarray(x, dtype="float64").ravel()
    heights = np.broadcast_to(np.asarray(height, dtype="float64"), xs.shape)
    widths = np.broadcast_to(np.asarray(width, dtype="float64"), xs.shape)
    bottoms = np.broadcast_to(np.asarray(bottom, dtype="float64"), xs.shape)
    colour = style.pop("color", style.pop("facecolor", "C0"))
    if isinstance(colour, str) or (isinstance(colour, tuple) and len(colour) in (3, 4)):
        colours = [to_rgba(colour)] * len(xs)
    else:
        colours = [to_rgba(c) for c in colour]
    keep = ~np.isnan(heights)
    style.setdefault("linewidth", 0)
    patches = []
    for rgba in dict.fromkeys(c for c, k in zip(colours, keep, strict=True) if k):
        chosen = keep & np.array([c == rgba for c in colours], dtype=bool)
        left = xs[chosen] - widths[chosen] / 2
        right = xs[chosen] + widths[chosen] / 2
        low = bottoms[chosen]
        high = low + heights[chosen]
        count = int(chosen.sum())
        vertices = np.empty((count, 5, 2))
        vertices[:, 0] = np.stack([left, low], axis=1)
        vertices[:, 1] = np.stack([left, high], axis=1)
        vertices[:, 2] = np.stack([right, high], axis=1)
        vertices[:, 3] = np.stack([right, low], axis=1)
        vertices[:, 4] = vertices[:, 0]
        codes = np.tile(
            np.array(
                [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY],
                dtype=Path.code_type,
            ),
            count,
        )
        patch = PathPatch(
            Path(vertices.reshape(-1, 2), codes), facecolor=rgba, label=label, **style
        )
        # add_patch would walk every segment to update the data limits (most of a second over
        # ten years); the corners give the same limits at once.
        ax.add_artist(patch)
        ax.update_datalim(vertices[:, :4].reshape(-1, 2))
        ax.autoscale_view()
        patches.append(patch)
    return patches


def lines_across(ax: Axes, x: Sequence[float], **style: Any) -> LineCollection:
    """Vertical lines at ``x`` (data) from the plot's bottom to its top, whatever its y range:
    one collection, where ``axvline`` makes an artist apiece (a millisecond or two each)."""
    return ax.vlines(x, 0, 1, transform=ax.get_xaxis_transform(), **style)
