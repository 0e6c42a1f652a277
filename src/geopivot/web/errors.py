"""The one shape of every error the HTTP API returns."""

from __future__ import annotations

from fastapi.responses import JSONResponse


class ApiError(Exception):
    """An error that belongs to HTTP itself (authorisation, a bad format name), not to the library."""

    def __init__(self, status: int, kind: str, message: str):
        super().__init__(message)
        self.status, self.kind, self.message = status, kind, message


def error_response(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message, "status": status}}, status_code=status)
