"""The reader's language for one answer: interface strings and knowledge fields.

Interface strings are written in Vietnamese and marked with `_()` so that pybabel extracts them;
the bot installs the reader's catalog with `use_language`. Knowledge-base entries are not translated
by catalogs: cards pick an entry's English fields when the reader reads English.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable
from contextvars import ContextVar

SUPPORTED = ("vi", "en")
DEFAULT = "vi"

_translate: ContextVar[Callable[[str], str]] = ContextVar("translate", default=lambda s: s)
_language: ContextVar[str] = ContextVar("language", default=DEFAULT)


def _(message: str) -> str:
    """Translate an interface string into the current reader's language."""
    return _translate.get()(message)


def current_language() -> str:
    """'vi' or 'en' for the answer being built."""
    return _language.get()


def locale_name() -> str:
    """The babel locale for numbers, money and dates."""
    return "vi_VN" if current_language() == "vi" else "en"


def use_language(language: str, translations: _gettext.NullTranslations | None = None) -> None:
    """Build later answers in this context in `language`, with these catalogs."""
    _language.set(language if language in SUPPORTED else DEFAULT)
    _translate.set((translations or _gettext.NullTranslations()).gettext)
