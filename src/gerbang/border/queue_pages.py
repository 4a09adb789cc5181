"""The queue board for supervisors and the public hall display, with their JSON: all from the node itself."""

from __future__ import annotations

import weakref
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from gerbang import words
from gerbang.border import lanes
from gerbang.border.pages import checkpoint_of, guard, render
from gerbang.border.queue_chart import ChartSlice, chart_svg
from gerbang.border.queue_upload import enqueue_figures
from gerbang.border.queue_view import QueueBoard, public_figures, queue_board
from gerbang.border.service import Checkpoint
from gerbang.infra.accounts import Principal
from gerbang.infra.roles import Permission
from gerbang.kernel.errors import GerbangError, InvalidInput
from gerbang.web.deps import require
from gerbang.web.session_pages import form_key, is_htmx, language_of

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["checkpoint queues"])

POLL_S = 2  # both screens follow a lane change within 5 s
QUEUE_NAMES = {
    "citizens": ("Indonesian citizens", "WNI"),
    "foreigners": ("Foreign nationals", "WNA"),
    "crew": ("Crew", "Awak pesawat"),
    "priority": ("Priority", "Prioritas"),
}
HALL_JS = """
(function () {
  function tick() {
    var panel = document.getElementById("hall");
    if (!panel) { return; }
    var seen = Number(panel.getAttribute("data-seen") || Date.now());
    var minutes = Math.floor((Date.now() - seen) / 60000);
    var age = document.getElementById("hall-age");
    var note = document.getElementById("hall-age-note");
    if (age && note && minutes >= 1) {
      // The node has not answered for a while: keep its last figures and say how old they are.
      age.textContent = minutes + " min";
      note.hidden = false;
      panel.classList.add("stale");
    }
  }
  document.addEventListener("htmx:afterSwap", function () {
    var panel = document.getElementById("hall");
    if (panel) { panel.setAttribute("data-seen", String(Date.now())); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("hall");
    if (panel) { panel.setAttribute("data-seen", String(Date.now())); }
  });
  setInterval(tick, 5000);
})();
"""


def _lang(value: str) -> str:
    return "en" if value == "en" else "id"


def _chart(board: QueueBoard) -> list[ChartSlice]:
    slices = []
    for index in range(len(board.window.slices)):
        advised = [
            figures.advice.slices[index]
            for figures in board.queues
            if figures.advice and figures.advice.slices
        ]
        service = {figures.queue: figures.advice.service_s for figures in board.queues if figures.advice}
        capacity_advised = sum(
            piece.advised * 15 * 60 / service[figures.queue] + piece.to_autogates
            for figures in board.queues
            if figures.advice and figures.advice.slices
            for piece in [figures.advice.slices[index]]
        )
        slices.append(
            ChartSlice(
                start=board.window.slice_start(index),
                arrivals=sum(piece.arrivals for piece in advised),
                capacity_open=sum(piece.capacity_open for piece in advised),
                capacity_advised=capacity_advised,
            )
        )
    return slices


def _board_context(
    request: Request, checkpoint: Checkpoint, principal: Principal, **extra: Any
) -> dict[str, Any]:
    board = queue_board(checkpoint)
    lang = language_of(request)
    return dict(
        lang=lang,
        here="/supervisor/queues",
        site=checkpoint.site,
        who=principal,
        key=form_key(request),
        can_supervise=True,
        board=board,
        names=QUEUE_NAMES,
        poll=POLL_S,
        age=_minutes(board),
        lanes=board.lanes,
        chart=chart_svg(_chart(board), title=words.say("queues.chart_title", lang)),
        **extra,
    )


def _minutes(board: QueueBoard) -> int | None:
    if board.data_at is None:
        return None
    return max(int((board.now - board.data_at) / timedelta(minutes=1)), 0)


@router.get("/supervisor/queues", response_model=None)
def board_page(request: Request) -> Response:
    """The supervisor's queue board: lines, waits, lanes, the advice and its reasons, the two-hour chart."""
    principal = guard(request, Permission.CROSSINGS_OVERRIDE)
    if not isinstance(principal, Principal):
        return principal
    context = _board_context(request, checkpoint_of(request), principal)
    return render("queue_board_panel.html" if is_htmx(request) else "queue_board.html", **context)


def _after_change(request: Request, principal: Principal, error: GerbangError | None) -> HTMLResponse:
    checkpoint = checkpoint_of(request)
    status = 200 if error is None else (422 if isinstance(error, InvalidInput) else 400)
    context = _board_context(request, checkpoint, principal, error=error)
    return render("queue_board_panel.html" if is_htmx(request) else "queue_board.html", status, **context)


@router.post("/supervisor/lanes/{lane}", response_model=None)
def change_lane(
    request: Request,
    lane: str,
    key: Annotated[str, Form(max_length=100)] = "",
    status: Annotated[str, Form(max_length=10)] = "",
    queue: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Mark a lane open, closed or out of order, or move it to another queue; audited."""
    principal = guard(request, Permission.CROSSINGS_OVERRIDE, form=key)
    if not isinstance(principal, Principal):
        return principal
    try:
        lanes.set_lane(
            checkpoint_of(request),
            lane=lane,
            status=status,
            queue=queue or None,
            note=note,
            officer=principal,
        )
    except GerbangError as exc:
        return _after_change(request, principal, exc)
    enqueue_figures(checkpoint_of(request))  # the center's national view hears of it at the next upload
    return _after_change(request, principal, None)


@router.post("/supervisor/queues/count", response_model=None)
def count_line(
    request: Request,
    key: Annotated[str, Form(max_length=100)] = "",
    queue: Annotated[str, Form(max_length=20)] = "",
    people: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """A head count of one line; the estimate starts again from it."""
    principal = guard(request, Permission.CROSSINGS_OVERRIDE, form=key)
    if not isinstance(principal, Principal):
        return principal
    try:
        if not people.strip().isdigit():
            raise InvalidInput("queue.count_people", field="people")
        lanes.count_queue(checkpoint_of(request), queue=queue, people=int(people), officer=principal)
    except GerbangError as exc:
        return _after_change(request, principal, exc)
    return _after_change(request, principal, None)


@router.post("/supervisor/schedule", response_model=None)
def schedule_form(
    request: Request,
    key: Annotated[str, Form(max_length=100)] = "",
    schedule: Annotated[str, Form(max_length=200_000)] = "",
) -> Response:
    """Load today's arriving flights (CSV or JSON) for the forecast."""
    principal = guard(request, Permission.CROSSINGS_OVERRIDE, form=key)
    if not isinstance(principal, Principal):
        return principal
    try:
        lanes.load_schedule(checkpoint_of(request), text=schedule, officer=principal)
    except GerbangError as exc:
        return _after_change(request, principal, exc)
    return _after_change(request, principal, None)


# The hall page needs no sign-in and every screen polls it: one computation a second serves them all.
HALL_REUSE = timedelta(seconds=1)
_hall_boards: dict[int, tuple[weakref.ref[Checkpoint], QueueBoard]] = {}


def _hall_board(checkpoint: Checkpoint) -> QueueBoard:
    now = checkpoint.clock.now()
    held = _hall_boards.get(id(checkpoint))
    # The weak reference tells this checkpoint from a later one that happens to get the same id.
    if held is not None and held[0]() is checkpoint and timedelta(0) <= now - held[1].now < HALL_REUSE:
        return held[1]
    board = queue_board(checkpoint)
    _hall_boards[id(checkpoint)] = (weakref.ref(checkpoint), board)
    return board


@router.get("/hall", response_class=HTMLResponse)
def hall_display(request: Request, lang: str = "id") -> HTMLResponse:
    """The hall display: the wait per queue and the open lanes, large, in both languages, no sign-in."""
    checkpoint = checkpoint_of(request)
    board = _hall_board(checkpoint)
    context: dict[str, Any] = {
        "site": checkpoint.site,
        "board": board,
        "names": QUEUE_NAMES,
        "lang": _lang(lang),
        "poll": POLL_S,
        "age": _minutes(board),
    }
    return render("hall_panel.html" if is_htmx(request) else "hall.html", **context)


@router.get("/static/hall.js")
def hall_script() -> Response:
    """The hall display's clock: served by the node, since pages allow no inline script."""
    return Response(HALL_JS, media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"})


class LaneChange(BaseModel):
    status: str = Field(max_length=10)
    queue: str | None = Field(default=None, max_length=20)
    note: str = Field(default="", max_length=200)


class ScheduleLoad(BaseModel):
    schedule: str = Field(max_length=200_000)


@api.get("/queues")
def queue_figures(
    request: Request, _caller: Annotated[Principal, Depends(require(Permission.CROSSINGS_READ))]
) -> dict[str, Any]:
    """Every queue's line, wait, lanes and advice, with the reasons, as the board shows them."""
    board = queue_board(checkpoint_of(request))
    figures = public_figures(board)
    for item, queue in zip(figures["queues"], board.queues, strict=True):
        advice = queue.advice
        item["advice"] = (
            None
            if advice is None
            else {
                "advised_now": advice.advised_now,
                "counters_open": advice.counters_open,
                "open_more_now": advice.open_more_now,
                "needed_until": advice.needed_until.isoformat() if advice.needed_until else None,
                "reasons_en": list(advice.reasons_en),
                "reasons_id": list(advice.reasons_id),
                "slices": [
                    {
                        "start": piece.start.isoformat(),
                        "arrivals": round(piece.arrivals, 1),
                        "advised": piece.advised,
                        "erlang": piece.erlang_counters,
                        "wait_open_min": round(piece.wait_open_min, 1),
                        "wait_advised_min": round(piece.wait_advised_min, 1),
                    }
                    for piece in advice.slices
                ],
            }
        )
    service = board.measured.service
    figures["service_s"] = {
        f"{kind}-{'offline' if off else 'online'}": {"seconds": value.seconds, "measured": value.measured}
        for (kind, off), value in service.items()
    }
    figures["referral_rate"] = round(board.measured.referral_rate, 3)
    figures["from_schedule"] = board.from_schedule
    return figures


@api.post("/lanes/{lane}")
def change_lane_api(
    request: Request,
    lane: str,
    body: LaneChange,
    officer: Annotated[Principal, Depends(require(Permission.CROSSINGS_OVERRIDE))],
) -> dict[str, str]:
    """Mark a lane open, closed or out of order (supervisors); audited."""
    changed = lanes.set_lane(
        checkpoint_of(request),
        lane=lane,
        status=body.status,
        queue=body.queue,
        note=body.note,
        officer=officer,
    )
    enqueue_figures(checkpoint_of(request))
    return {"lane": changed.name, "status": changed.status, "queue": changed.queue}


@api.post("/schedule", status_code=201)
def load_schedule_api(
    request: Request,
    body: ScheduleLoad,
    officer: Annotated[Principal, Depends(require(Permission.CROSSINGS_OVERRIDE))],
) -> dict[str, int]:
    """Load today's arriving flights (CSV or JSON text) for the forecast."""
    return {"flights": len(lanes.load_schedule(checkpoint_of(request), text=body.schedule, officer=officer))}
