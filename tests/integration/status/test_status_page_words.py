"""The public page says what it knows and no more: headline, rows, uptime, dates and lists agree."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from gerbang.status.domain import State
from gerbang.status.rounds import apply_round

if TYPE_CHECKING:
    # The fixture's type only: at run time the fixture comes from this folder's conftest.
    from conftest import StatusNode

CENTER = ("passports", "portal", "visas", "evoa")
INCIDENT = {
    "title_id": "Pembayaran PNBP terganggu",
    "title_en": "PNBP payments disrupted",
    "components": ["passports"],
    "text_id": "Bank mitra sedang gangguan.",
    "text_en": "The partner bank has an outage.",
}


def rounds(node: StatusNode, count: int, *, checkpoint: State = State.OPERATIONAL) -> None:
    for _ in range(count):
        node.clock.advance(timedelta(seconds=10))
        seen = {**dict.fromkeys(CENTER, State.OPERATIONAL), "checkpoint-cgk": checkpoint}
        with node.database.transaction() as session:
            apply_round(session, ctx=node.ctx, states=seen, blind=False, at=node.clock.now())


def test_headline_never_says_all_normal_beside_an_ongoing_incident(node: StatusNode) -> None:
    rounds(node, 2)
    assert "All services operational" in node.client.get("/?lang=en").text
    assert (
        node.client.post("/api/v1/status/incidents", json=INCIDENT, headers=node.operator).status_code == 201
    )
    english = node.client.get("/?lang=en").text
    indonesian = node.client.get("/?lang=id").text
    assert "All services operational" not in english
    assert "An incident is being handled" in english
    assert "Semua layanan berjalan normal" not in indonesian
    assert "Ada gangguan yang sedang ditangani" in indonesian
    assert "Termasuk dalam gangguan yang sedang berlangsung" in indonesian


def test_row_that_is_normal_now_names_the_worse_moment_its_day_bar_shows(node: StatusNode) -> None:
    rounds(node, 2, checkpoint=State.DEGRADED)
    rounds(node, 2)
    page = node.client.get("/?lang=id").text
    row = page[page.index('id="component-checkpoint-cgk"') :]
    row = row[: row.index("</li>")]
    assert "Beroperasi normal" in row
    assert "Hari ini sempat: Kinerja menurun" in row
    assert "Hari ini sempat" not in page[page.index('id="component-passports"') :].split("</li>")[0]


def test_uptime_counts_only_the_time_observed_with_the_language_s_decimal_mark(node: StatusNode) -> None:
    # 719 good rounds and one bad one: two hours at ten seconds a round.
    rounds(node, 1, checkpoint=State.MAJOR_OUTAGE)
    rounds(node, 719)
    indonesian = node.client.get("/?lang=id").text
    english = node.client.get("/?lang=en").text
    assert "99,8% berjalan selama 2 jam diamati" in indonesian
    assert "99.8% up over 2 hours observed" in english
    assert "100% berjalan selama 2 jam diamati" in indonesian  # the center's services saw no failure
    assert "90 hari" not in indonesian.split('class="uptime"')[1][:80]


def test_dates_read_as_the_portal_writes_them(node: StatusNode) -> None:
    rounds(node, 1)
    node.client.post("/api/v1/status/incidents", json=INCIDENT, headers=node.operator)
    local = node.clock.now().astimezone(node.ctx.timezone)
    months_id = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus"]
    months_id += ["September", "Oktober", "November", "Desember"]
    day_id = f"{local.day} {months_id[local.month - 1]} {local.year}"
    day_en = f"{local.day} {local:%B} {local.year}"
    assert f"Mulai: {day_id} {local:%H:%M} WIB" in node.client.get("/?lang=id").text
    assert f"Started: {day_en} {local:%H:%M} WIB" in node.client.get("/?lang=en").text
    shown = re.sub(r"<[^>]+>", " ", node.client.get("/?lang=id").text)  # what a reader sees
    assert f"{local:%Y-%m-%d}" not in shown


def test_status_part_alone_carries_the_headline_out_of_band(node: StatusNode) -> None:
    rounds(node, 1)
    part = node.client.get("/live?lang=en")
    assert part.status_code == 200
    assert part.text.lstrip().startswith('<div id="overall" hx-swap-oob="innerHTML">')
    assert "All services operational" in part.text
    assert 'id="component-passports"' in part.text
    assert "<html" not in part.text
    assert "<form" not in part.text  # a refresh never touches the subscription form
