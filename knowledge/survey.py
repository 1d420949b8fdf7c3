"""The one-question streaming survey and the optional "about me" choice, as channel-neutral replies.

The survey asks what a student plans after THCS or THPT, with the streams the province's plan counts
(including the new trung học nghề level from 2026). Parents may answer for their child. Everything
travels in the action: 'sv' → level → 'sv:<level>' → stream → 'sv:<level>:<stream>' (answered).
The channel records the answer; this module only builds what the user sees.

"About me" lets a user say who they are (grade 9, grade 12, parent, counselor) and where they live
(the former districts people still name since districts were abolished in 2025): 'me' → 'me:a:<id>'
→ 'me:r:<id>'. Both are optional and only ever stored under a pseudonym.
"""

from __future__ import annotations

from knowledge.answers import Button, Reply
from knowledge.i18n import _

LEVELS = ("thcs", "thpt")
STREAMS = (
    "hoc-thpt",
    "trung-hoc-nghe",
    "trung-cap-so-cap",
    "gdtx-nghe",
    "cao-dang",
    "dai-hoc",
    "di-lam",
    "chua-quyet-dinh",
)
# Which streams make sense after which level (a THPT graduate does not start THPT again).
STREAMS_AFTER = {
    "thcs": ("hoc-thpt", "trung-hoc-nghe", "trung-cap-so-cap", "gdtx-nghe", "di-lam", "chua-quyet-dinh"),
    "thpt": ("cao-dang", "dai-hoc", "trung-cap-so-cap", "di-lam", "chua-quyet-dinh"),
}
AUDIENCES = ("grade9", "grade12", "parent", "counselor")
# Former districts and cities of Thái Nguyên and Bắc Kạn (facts-local.md §G3), as people still name them.
AREAS = {
    "tp-thai-nguyen": "TP Thái Nguyên (cũ)",
    "song-cong": "Sông Công",
    "pho-yen": "Phổ Yên",
    "dai-tu": "Đại Từ",
    "phu-binh": "Phú Bình",
    "dong-hy": "Đồng Hỷ",
    "phu-luong": "Phú Lương",
    "dinh-hoa": "Định Hóa",
    "vo-nhai": "Võ Nhai",
    "tp-bac-kan": "TP Bắc Kạn (cũ)",
    "ba-be": "Ba Bể",
    "pac-nam": "Pác Nặm",
    "ngan-son": "Ngân Sơn",
    "cho-don": "Chợ Đồn",
    "cho-moi": "Chợ Mới",
    "na-ri": "Na Rì",
    "bach-thong": "Bạch Thông",
    "khac": "Nơi khác",
}


def stream_label(stream: str) -> str:
    """The stream in words."""
    labels = {
        "hoc-thpt": _("Học THPT"),
        "trung-hoc-nghe": _("Học trung học nghề (cấp học mới từ 2026)"),
        "trung-cap-so-cap": _("Học trung cấp hoặc sơ cấp"),
        "gdtx-nghe": _("Vừa học văn hóa vừa học nghề (GDTX + nghề)"),
        "cao-dang": _("Học cao đẳng"),
        "dai-hoc": _("Học đại học"),
        "di-lam": _("Đi làm"),
        "chua-quyet-dinh": _("Chưa quyết định"),
    }
    return labels[stream]


def audience_label(audience: str) -> str:
    """Who the user is, in words."""
    labels = {
        "grade9": _("Học sinh lớp 9"),
        "grade12": _("Học sinh lớp 12"),
        "parent": _("Phụ huynh"),
        "counselor": _("Thầy cô tư vấn"),
    }
    return labels[audience]


def survey(action: str) -> Reply | None:
    """The survey screen for an action, or None when the action is not a valid survey step."""
    parts = action.split(":")
    if parts == ["sv"]:
        return Reply(
            (
                _("Khảo sát ẩn danh, một câu hỏi"),
                _("Sau khi tốt nghiệp, em dự định làm gì? Phụ huynh có thể trả lời thay cho con."),
                _("Em (hoặc con) sắp tốt nghiệp cấp nào?"),
            ),
            (
                Button(_("Tốt nghiệp THCS (lớp 9)"), "sv:thcs"),
                Button(_("Tốt nghiệp THPT (lớp 12)"), "sv:thpt"),
                Button(_("Menu"), "menu"),
            ),
        )
    if len(parts) == 2 and parts[1] in LEVELS:
        level = parts[1]
        heading = (
            _("Sau khi tốt nghiệp THCS, em dự định…") if level == "thcs" else _("Sau khi tốt nghiệp THPT, em dự định…")
        )
        options = tuple(Button(stream_label(s), f"sv:{level}:{s}") for s in STREAMS_AFTER[level])
        return Reply((heading,), (*options, Button(_("« Quay lại"), "sv")))
    if len(parts) == 3 and parts[1] in LEVELS and parts[2] in STREAMS_AFTER[parts[1]]:
        return Reply(
            (
                _("Cảm ơn em đã trả lời!"),
                _("Câu trả lời chỉ được đếm chung với mọi người, không kèm tên hay tài khoản của em."),
            ),
            (Button(_("Tìm hiểu nghề"), "menu:occupations"), Button(_("Menu"), "menu")),
        )
    return None


def is_answer(action: str) -> tuple[str, str] | None:
    """(level, stream) when the action is a completed survey answer."""
    parts = action.split(":")
    if len(parts) == 3 and parts[0] == "sv" and parts[1] in LEVELS and parts[2] in STREAMS_AFTER[parts[1]]:
        return parts[1], parts[2]
    return None


def about_me(action: str) -> Reply | None:
    """The "about me" screens: who you are, then where you live (both optional)."""
    parts = action.split(":")
    if parts == ["me"]:
        return Reply(
            (
                _("Giới thiệu về em (không bắt buộc)"),
                _("Giúp tỉnh biết ai đang quan tâm học nghề. Bot không lưu tên hay tài khoản của em."),
                _("Em là:"),
            ),
            (*(Button(audience_label(a), f"me:a:{a}") for a in AUDIENCES), Button(_("Menu"), "menu")),
        )
    if len(parts) == 3 and parts[1] == "a" and parts[2] in AUDIENCES:
        return Reply(
            (_("Em đang sống ở đâu? (huyện, thành phố cũ)"),),
            (*(Button(name, f"me:r:{area}") for area, name in AREAS.items()), Button(_("Menu"), "menu")),
        )
    if len(parts) == 3 and parts[1] == "r" and parts[2] in AREAS:
        return Reply((_("Cảm ơn em! Mình đã ghi nhận."),), (Button(_("Menu"), "menu"),))
    return None
