"""Locale-aware numbers, money and dates (babel), and figure placeholders in knowledge texts."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from knowledge.models import FIGURE_PLACEHOLDER, Figure

DEFAULT_LOCALE = "vi_VN"


def money(amount_vnd: int, locale: str = DEFAULT_LOCALE) -> str:
    """2530000 → '2.530.000 ₫' in Vietnamese, '₫2,530,000' in English."""
    return format_currency(amount_vnd, "VND", locale=locale)


def number(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """Group digits the way the reader's locale does."""
    return format_decimal(value, locale=locale)


def day(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """A date as the reader writes it: 27/11/2026 in Vietnamese."""
    pattern = "dd/MM/yyyy" if locale.startswith("vi") else "medium"
    return format_date(value, format=pattern, locale=locale)


def fill_figures(text: str, figures: dict[str, Figure], locale: str = DEFAULT_LOCALE) -> str:
    """Replace {figure-id} with the formatted amount; validation guarantees the ids exist."""

    def replace(match: re.Match[str]) -> str:
        figure = figures.get(match.group(1))
        return money(figure.vnd, locale) if figure else match.group(0)

    return FIGURE_PLACEHOLDER.sub(replace, text)
