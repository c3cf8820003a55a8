"""The markers mypy_ownership exports for user code (docs/design.md §7.3): one for each
marker of the stub language, each doing nothing at run time."""

from __future__ import annotations

import mypy_ownership
from mypy_ownership.overlay import Marker


def _sample(x: int) -> int:
    return x + 1


def test_every_marker_of_the_stub_language_is_exported() -> None:
    exported = set(mypy_ownership.__all__)
    assert {m.value for m in Marker} <= exported
    assert all(callable(getattr(mypy_ownership, m.value)) for m in Marker)


def test_markers_return_the_function_itself() -> None:
    factories = {
        Marker.FAILS_WHEN, Marker.OWES_WHEN, Marker.OWES_NOTHING_WHEN, Marker.EXHAUSTED_WHEN,
        Marker.VIEW_OF, Marker.WRAPS, Marker.KEEPS, Marker.OWES_PIPES,
    }
    for marker in Marker:
        decorate = getattr(mypy_ownership, marker.value)
        if marker in factories:
            named = (Marker.VIEW_OF, Marker.WRAPS, Marker.KEEPS)
            made = decorate("x") if marker in named else decorate(x=False)
            assert made(_sample) is _sample, marker
        else:
            assert decorate(_sample) is _sample, marker
    assert _sample(1) == 2
