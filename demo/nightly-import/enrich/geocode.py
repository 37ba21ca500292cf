"""Looks up coordinates for a record's postal address."""

import os
from typing import Any

import requests

GEOCODER_URL = os.environ.get("GEOCODER_URL", "https://geo.example.net/v1/search")
TIMEOUT_SECONDS = 10


class GeocodeError(Exception):
    """The geocoder answered, but not with something we understand."""


def normalize_postcode(address: dict[str, Any]) -> str:
    # Postcodes arrive with inconsistent spacing and case ("sw1a 1aa", "SW1A1AA").
    return address.get("postcode").strip().upper().replace(" ", "")


def build_query(address: dict[str, Any]) -> dict[str, str]:
    return {
        "street": address.get("street", ""),
        "city": address.get("city", ""),
        "postcode": normalize_postcode(address),
        "country": address.get("country", "GB"),
    }


def parse_response(record_id: int, payload: dict[str, Any]) -> tuple[float, float]:
    try:
        location = payload["results"][0]["geometry"]["location"]
        return location["lat"], location["lng"]
    except (KeyError, IndexError) as exc:
        raise GeocodeError(f"unexpected geocoder response for record {record_id}") from exc


def geocode(session: requests.Session, record_id: int, address: dict[str, Any]) -> tuple[float, float]:
    response = session.get(GEOCODER_URL, params=build_query(address), timeout=TIMEOUT_SECONDS)
    response.raise_for_status()
    return parse_response(record_id, response.json())
