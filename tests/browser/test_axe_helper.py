"""The axe-core helper itself: it finds a serious fault, names it readably, and passes a clean page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

CSP = "default-src 'self'; script-src 'self'"


def test_axe_names_a_missing_label_and_passes_a_clean_page(
    browser: Browser, axe: Callable[..., None]
) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.set_content(
            f'<html lang="en"><head><meta http-equiv="Content-Security-Policy" content="{CSP}">'
            "<title>t</title></head><body><main><h1>Form</h1>"
            '<input id="email" type="email"><img src="x.png"></main></body></html>'
        )
        with pytest.raises(AssertionError) as failure:
            axe(page, where="the unlabelled form")
        message = str(failure.value)
        assert "on the unlabelled form" in message
        assert "image-alt" in message
        assert "label" in message
        assert "#email" in message
        page.set_content(
            f'<html lang="en"><head><meta http-equiv="Content-Security-Policy" content="{CSP}">'
            "<title>t</title></head><body><main><h1>Form</h1>"
            '<label for="email">Email</label><input id="email" type="email"></main></body></html>'
        )
        axe(page, where="the labelled form")
    finally:
        context.close()
