"""Docstring examples run (doctest), so the examples users copy stay true."""

from __future__ import annotations

import doctest

import newsdesk


def test_docstring_examples():
    result = doctest.testmod(newsdesk, extraglobs={"newsdesk": newsdesk}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 3
    assert result.failed == 0
