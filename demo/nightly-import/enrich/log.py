"""JSON log lines in Datadog's standard attributes, one per line on stdout."""

import json
import logging
import os
import socket
import sys
import traceback
from datetime import datetime, timezone

_STANDARD = set(vars(logging.makeLogRecord({})))


class DatadogJsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "timestamp": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "status": record.levelname.lower().replace("warning", "warn"),
            "service": "enrich-worker",
            "env": os.environ.get("DD_ENV", "dev"),
            "version": os.environ.get("DD_VERSION", "0.0.0-local"),
            "host": socket.gethostname(),
            "logger": {"name": record.name},
            "message": record.getMessage(),
        }
        # Everything passed with extra={...} becomes a context attribute.
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            line["error"] = {
                "kind": type(exc).__name__,
                "message": str(exc),
                "stack": "".join(traceback.format_exception(exc)).rstrip("\n"),
            }
        return json.dumps(line, default=str)


def setup() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(DatadogJsonFormatter())
    logging.basicConfig(level=logging.INFO, handlers=[handler])
