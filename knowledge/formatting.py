"""Locale-aware numbers, money and dates (babel), and figure placeholders in knowledge texts."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from knowledge.i18n import locale_name
from knowledge.models import FIGURE_PLACEHOLDER, Figure


def money(amount_vnd: int, locale: str | None = None) -> str:
    """2530000 → '2.530.000 ₫' in Vietnamese, '₫2,530,000' in English."""
    return format_currency(amount_vnd, "VND", locale=locale or locale_name())


def number(value: float, locale: str | None = None, digits: int | None = None) -> str:
    """Group digits the way the reader's locale does; `digits` fixes the decimals (36,0 not 36)."""
    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, pattern, locale=locale or locale_name())


def percent(ratio: float, locale: str | None = None, digits: int = 0) -> str:
    """0.405 → '41%' (or '40,5%' with one digit) the way the reader's locale writes it."""
    pattern = "#,##0%" if digits <= 0 else "#,##0." + "0" * digits + "%"
    return format_percent(ratio, pattern, locale=locale or locale_name())


def day(value: dt.date, locale: str | None = None) -> str:
    """A date as the reader writes it: 27/11/2026 in Vietnamese, Nov 27, 2026 in English."""
    locale = locale or locale_name()
    pattern = "dd/MM/yyyy" if locale.startswith("vi") else "medium"
    return format_date(value, format=pattern, locale=locale)


def fill_figures(text: str, figures: dict[str, Figure], locale: str | None = None) -> str:
    """Replace {figure-id} with the formatted amount; validation guarantees the ids exist."""

    def replace(match: re.Match[str]) -> str:
        figure = figures.get(match.group(1))
        return money(figure.vnd, locale) if figure else match.group(0)

    return FIGURE_PLACEHOLDER.sub(replace, text)
