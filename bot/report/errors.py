"""The one error the report raises: its message is the single line the command prints."""

from __future__ import annotations


class ReportError(Exception):
    """The report cannot be made (bad dates, settings, database); the message says what to do."""
