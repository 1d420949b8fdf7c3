"""Menus and lists: the main menu, trade groups, schools, policies, FAQs, paged, with back buttons.

Everything a list needs travels in its action ('sector:<id>[:page]', 'menu:<list>[:page]'), so any
worker can show any page. Titles follow the reader's language.
"""

from __future__ import annotations

from knowledge.answers import Button, Reply
from knowledge.cards import CardBuilder
from knowledge.i18n import _, current_language
from knowledge.models import KnowledgeBase

PAGE_SIZE = 8
SECTOR_PAGE_SIZE = 12  # the trade groups fit on one screen


class Menus:
    """Builds menus and lists for one loaded knowledge base."""

    def __init__(self, kb: KnowledgeBase, cards: CardBuilder) -> None:
        self.kb = kb
        self.cards = cards

    def welcome(self) -> Reply:
        """What the bot can do, with the main menu."""
        return Reply(
            (
                _("Chào em! Mình là careerbot — trợ lý hướng nghiệp của tỉnh {region}.").format(region="Thái Nguyên"),
                _(
                    "Em có thể hỏi về một nghề (ví dụ: «học hàn ra làm gì»), một trường («trường Việt Đức»), "
                    "học phí và chính sách («học trung cấp có mất học phí không»), hoặc làm trắc nghiệm sở thích."
                ),
                _("Mình không lưu tên, số điện thoại hay tin nhắn của em."),
            ),
            self.main_buttons(),
        )

    @staticmethod
    def main_buttons() -> tuple[Button, ...]:
        """The main menu."""
        return (
            Button(_("Tìm hiểu nghề"), "menu:occupations"),
            Button(_("Trường đào tạo"), "menu:schools"),
            Button(_("Học phí và chính sách"), "menu:policies"),
            Button(_("Hỏi đáp cho phụ huynh"), "menu:faqs"),
            Button(_("Trắc nghiệm sở thích"), "quiz"),
            Button(_("Ngôn ngữ"), "lang"),
            Button(_("Khảo sát dự định"), "sv"),
            Button(_("Giới thiệu về em"), "me"),
        )

    def back(self, kind: str, entry_id: str) -> Button:
        """Where a card's back button leads: the trade's group, or the list the card came from."""
        if kind == "occupation":
            sector = self.cards.occupations[entry_id].sector
            return Button(_("« Nhóm nghề"), f"sector:{sector}")
        lists = {"school": "menu:schools", "policy": "menu:policies", "faq": "menu:faqs"}
        return Button(_("« Danh sách"), lists[kind])

    def listing(self, parts: list[str]) -> Reply | None:
        """A page of a list for an action split at ':'; None for an unknown list or page."""
        kind, key = parts[0], parts[1] if len(parts) > 1 else ""
        page = parts[2] if len(parts) == 3 else "1"
        if not page.isdigit() or len(parts) > 3:
            return None
        found = self._items(kind, key)
        if found is None:
            return None
        heading, items, back = found
        size = SECTOR_PAGE_SIZE if (kind, key) == ("menu", "occupations") else PAGE_SIZE
        return _page(heading, items, f"{kind}:{key}", int(page), back, size)

    def _sector_name(self, sector_id: str) -> str | None:
        sector = next((s for s in self.kb.sectors if s.id == sector_id), None)
        if sector is None:
            return None
        return sector.name_en if sector.name_en and current_language() == "en" else sector.name

    def _items(self, kind: str, key: str) -> tuple[str, list[Button], Button] | None:
        menu = Button(_("« Menu"), "menu")
        if kind == "sector":
            name = self._sector_name(key)
            if name is None:
                return None
            items = [
                Button(self.cards.title("occupation", o.id), f"occupation:{o.id}")
                for o in self.kb.occupations
                if o.sector == key
            ]
            return name, items, Button(_("« Nhóm nghề"), "menu:occupations")
        if kind != "menu":
            return None
        if key == "occupations":
            buttons = [Button(self._sector_name(s.id) or s.name, f"sector:{s.id}") for s in self.kb.sectors]
            return _("Tìm hiểu nghề — chọn một nhóm nghề:"), buttons, menu
        sections = {
            "schools": (_("Trường và trung tâm đào tạo ở Thái Nguyên:"), "school", self.kb.schools),
            "policies": (_("Học phí và chính sách hỗ trợ:"), "policy", self.kb.policies),
            "faqs": (_("Hỏi đáp cho phụ huynh và học sinh:"), "faq", self.kb.faqs),
        }
        if key not in sections:
            return None
        heading, entry_kind, entries = sections[key]
        items = [Button(self.cards.title(entry_kind, e.id), f"{entry_kind}:{e.id}") for e in entries]
        return heading, items, menu


def _page(heading: str, items: list[Button], base: str, page: int, back: Button, size: int) -> Reply | None:
    pages = max(1, -(-len(items) // size))
    if not 1 <= page <= pages:
        return None
    shown = items[(page - 1) * size : page * size]
    navigation = []
    if page > 1:
        navigation.append(Button(_("‹ Trước"), f"{base}:{page - 1}"))
    if page < pages:
        navigation.append(Button(_("Sau ›"), f"{base}:{page + 1}"))
    lines = [heading]
    if pages > 1:
        lines.append(_("Trang {page}/{pages}").format(page=page, pages=pages))
    return Reply(tuple(lines), (*shown, *navigation, back))
