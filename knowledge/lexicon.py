"""Words the answer engine treats specially: function words, greetings, cues and out-of-scope topics.

All entries are written already normalized (folded, teencode expanded) because they are compared with
the normalizer's output. One table per purpose, so that a curator can see at a glance why a word is
ignored or why a question is routed to schools rather than trades.
"""

from __future__ import annotations

# Words that carry no topic: they neither find entries nor count against a phrase.
STOPWORDS: frozenset[str] = frozenset(
    """
    em anh chi toi minh ban chau con co khong la gi ma va voi cua nao nhu the a ah oi nhe nha
    duoc roi cung se da muon hoi xin biet nen ra vao den tu nay do kia nhung cac mot nhieu
    bao nhieu gium giup ho vui long cam on u uhm hay hoac neu sao ai luc vi tai bay gio
    phai can tim hieu thay theo tren duoi hoc nghe tho nganh truong
    sau di ay day
    the a an is are am was to in of for on at what which who how does do did i you we my your me it this that
    and or be can should would could will with about please tell there any
    """.split()
)

GREETINGS: frozenset[str] = frozenset(
    [
        "chao",
        "xin chao",
        "chao ban",
        "chao bot",
        "hi",
        "hello",
        "hey",
        "alo",
        "chao em",
        "chao anh",
        "helo",
    ]
)

HELP_PHRASES: frozenset[str] = frozenset(
    [
        "help",
        "huong dan",
        "tro giup",
        "menu",
        "ban lam duoc gi",
        "bot lam duoc gi",
        "start",
        "bat dau",
    ]
)

# A question that asks "which trade suits me" without naming an interest the base knows.
QUIZ_CUES: tuple[str, ...] = (
    "khong biet hoc nghe gi",
    "khong biet nen hoc gi",
    "khong biet hoc gi",
    "hoc nghe gi",
    "nghe gi phu hop",
    "nghe nao phu hop",
    "hop voi nghe",
    "phu hop voi",
    "trac nghiem",
    "quiz",
    "which trade",
    "what trade",
)

# Words that say which kind of entry is wanted; they tip the balance between close candidates.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "policy": (
        "hoc phi",
        "mien",
        "giam",
        "ho tro",
        "chinh sach",
        "che do",
        "vay",
        "hoc bong",
        "tien",
        "free",
        "tuition",
        "fee",
        "loan",
        "scholarship",
        "mat phi",
        "phi",
        "quyen loi",
        "uu dai",
    ),
    "school": (
        "truong",
        "o dau",
        "dia chi",
        "trung tam",
        "college",
        "school",
        "review",
        "tot khong",
    ),
}

# Topics careerbot must not pretend to know: a match on these words is never an answer.
OUT_OF_SCOPE: tuple[str, ...] = (
    "diem chuan",
    "diem thi",
    "thoi tiet",
    "weather",
    "phuong trinh",
    "giai bai",
    "bai tap",
    "world cup",
    "bong da",
    "so dien thoai cua",
    "sdt cua",
    "facebook cua",
    "dia chi nha",
    "cach nau",
    "mon ngon",
    "cong thuc nau",
    "vo dich",
    "ca si",
    "phim",
    "game",
    "tinh yeu",
    "nguoi yeu",
    "crush",
    "xo so",
    "chung khoan",
    "tu vi",
    "horoscope",
    "lottery",
    "homework",
    "recipe",
)
