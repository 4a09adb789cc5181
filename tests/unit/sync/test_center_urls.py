"""An edge's list of center URLs: one or several, comma-separated, in the order to try them."""

from __future__ import annotations

import pytest

from gerbang.infra.settings import Settings
from gerbang.kernel.errors import InvalidInput
from gerbang.sync.edge.client import center_urls


def test_a_comma_separated_setting_lists_every_center_in_order() -> None:
    settings = Settings(center_url=" http://a:8000/ , http://b:8000,,http://c:8000")
    assert settings.center_urls == ["http://a:8000", "http://b:8000", "http://c:8000"]
    assert center_urls(settings.center_url or "") == settings.center_urls


def test_one_url_is_a_list_of_one_and_a_list_may_hold_comma_lists() -> None:
    assert center_urls("http://a:8000") == ["http://a:8000"]
    assert center_urls(["http://a:8000,http://b:8000", "http://c:8000"]) == [
        "http://a:8000",
        "http://b:8000",
        "http://c:8000",
    ]


def test_no_url_at_all_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as refused:
        center_urls(" , ")
    assert refused.value.field == "center_url"
    assert Settings().center_urls == []
