"""The translation hook for interface strings built in knowledge/.

Strings are written in Vietnamese and marked with `_()` so that pybabel extracts them; the bot
installs the reader's catalog through `use_translation`. Knowledge-base content is not translated
here: entries carry their own English fields.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable
from contextvars import ContextVar

_current: ContextVar[Callable[[str], str]] = ContextVar("translate", default=lambda s: s)


def _(message: str) -> str:
    """Translate an interface string into the current reader's language."""
    return _current.get()(message)


def use_translation(translations: _gettext.NullTranslations) -> None:
    """Make later `_()` calls in this context use these catalogs."""
    _current.set(translations.gettext)
