"""The anchors a Gerbang hot path is measured against: a bare FastAPI JSON endpoint, and one that runs one
SELECT and one INSERT in a transaction on the same database and engine settings as the center.

`python bench/anchor_app.py DATABASE_URL PORT` serves them with uvicorn as `gerbang central serve` does
(uvloop, httptools, no access log): GET /bare and POST /write.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime

import uvicorn
from fastapi import FastAPI
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, func, insert, select

from gerbang.infra.database import Database

metadata = MetaData()
accounts = Table(
    "bench_anchor_accounts", metadata, Column("id", Integer, primary_key=True), Column("name", String(80))
)
writes = Table(
    "bench_anchor_writes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", Integer),
    Column("name", String(80)),
    Column("at", DateTime(timezone=True)),
)
ACCOUNTS = 5_000


def build(url: str) -> FastAPI:
    database = Database(url)
    metadata.create_all(database.engine)
    with database.transaction() as session:
        if not session.execute(select(func.count()).select_from(accounts)).scalar_one():
            session.execute(insert(accounts), [{"id": n, "name": f"account {n}"} for n in range(ACCOUNTS)])
    app = FastAPI()

    @app.get("/bare")
    async def bare() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/write")
    def write() -> dict[str, int]:
        # A sync endpoint on a worker thread, as FastAPI's documentation shows for a blocking driver.
        account_id = random.randrange(ACCOUNTS)
        with database.transaction() as session:
            name = session.execute(select(accounts.c.name).where(accounts.c.id == account_id)).scalar_one()
            session.execute(insert(writes).values(account_id=account_id, name=name, at=datetime.now(UTC)))
        return {"account": account_id}

    return app


if __name__ == "__main__":
    uvicorn.run(
        build(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False
    )
