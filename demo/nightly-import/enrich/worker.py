"""Reads batches of imported records from the queue and stores their coordinates.

A record that cannot be geocoded is logged and skipped; the batch goes on.
"""

import json
import logging
import os
from typing import Any, Iterator

import requests

from enrich import log
from enrich.geocode import geocode

logger = logging.getLogger("enrich.worker")
BATCH_SIZE = 200


def read_batches(path: str) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as queue:
        for line in queue:
            batch.append(json.loads(line))
            if len(batch) == BATCH_SIZE:
                yield batch
                batch = []
    if batch:
        yield batch


def process_record(session: requests.Session, record: dict[str, Any]) -> dict[str, Any]:
    lat, lng = geocode(session, record["id"], record["address"])
    return {**record, "geo": {"lat": lat, "lng": lng}}


def process_batch(session: requests.Session, batch: list[dict[str, Any]], run_id: str) -> list[dict[str, Any]]:
    enriched = []
    for record in batch:
        context = {"run_id": run_id, "record_id": record["id"], "account_id": record.get("account_id")}
        try:
            enriched.append(process_record(session, record))
        except Exception:
            logger.exception("could not geocode record %s", record["id"], extra=context)
    logger.info("enriched batch", extra={"run_id": run_id, "records": len(batch), "enriched": len(enriched)})
    return enriched


def main() -> None:
    log.setup()
    run_id = os.environ.get("RUN_ID", "local")
    with requests.Session() as session:
        for batch in read_batches(os.environ.get("QUEUE_FILE", "queue.jsonl")):
            process_batch(session, batch, run_id)


if __name__ == "__main__":
    main()
