"""Words the answer engine treats specially: function words, greetings, cues and out-of-scope topics.

All entries are written already normalized (folded, teencode expanded) because they are compared with
the normalizer's output. One table per purpose, so that a curator can see at a glance why a word is
ignored or why a question is routed to schools rather than trades. Phrases are separated by "|".
"""

from __future__ import annotations


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


# Words that carry no topic: they count for little and cannot find an entry on their own.
STOPWORDS: frozenset[str] = frozenset(
    """
    em anh chi toi minh ban chau con co khong la gi ma va voi cua nao nhu the a ah oi nhe nha
    duoc roi cung se da muon hoi xin biet nen ra vao den tu nay do kia nhung cac mot nhieu
    bao nhieu gium giup ho vui long cam on u uhm hay hoac neu sao ai luc vi tai bay gio
    phai can tim hieu thay theo tren duoi hoc nghe tho nganh truong thich
    the a an is are am was to in of for on at what which who how does do did i you we my your me it this that
    and or be can should would could will with about please tell there any
    """.split()
)

GREETINGS: frozenset[str] = frozenset(
    _phrases("chao | xin chao | chao ban | chao bot | hi | hello | hey | alo | chao em | chao anh | helo")
)

HELP_PHRASES: frozenset[str] = frozenset(
    _phrases("help | huong dan | tro giup | menu | ban lam duoc gi | bot lam duoc gi | start | bat dau")
)

# A question that asks "which trade suits me" without naming an interest the base knows.
QUIZ_CUES = _phrases(
    "khong biet hoc nghe gi | khong biet nen hoc gi | khong biet hoc gi | hoc nghe gi | nghe gi phu hop"
    " | nghe nao phu hop | hop voi nghe | phu hop voi | trac nghiem | quiz | which trade | what trade"
)

# Support words always point to policies; fee words only when no school or trade is named.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "policy": _phrases(
        "mien | giam | ho tro | chinh sach | che do | vay | hoc bong | loan | scholarship | quyen loi"
        " | uu dai | tro cap | mien phi | phai dong | mat hoc phi | co mat phi | dong hoc phi khong"
    ),
    "school": _phrases("truong | o dau | dia chi | trung tam | college | school | review | tot khong"),
}
FEE_CUES = _phrases("hoc phi | tien | tuition | fee | mat phi | phi | bao nhieu tien")

# Asking for a person's contact details is never answered (a school's office is not a person).
CONTACT_WORDS = _phrases("sdt | so dien thoai | dien thoai | zalo | facebook | fb | email | phone number")
PERSON_WORDS = _phrases(
    "thay | co giao | co chu nhiem | hieu truong | giao vien | chu nhiem | ban gai | ban trai | crush"
    " | teacher | principal"
)

# Topics careerbot must not pretend to know: a match on these words is never an answer.
OUT_OF_SCOPE = _phrases(
    "diem chuan | diem thi | thoi tiet | weather | phuong trinh | giai bai | bai tap | world cup | bong da"
    " | so dien thoai cua | sdt cua | facebook cua | dia chi nha | cach nau | mon ngon | cong thuc nau | cong thuc lam"
    " | vo dich | ca si | phim | tinh yeu | nguoi yeu | crush | xo so | chung khoan | tu vi"
    " | horoscope | lottery | homework | recipe | how do i cook | how to cook | choi lien quan | lien quan mobile"
    " | tuong nao manh | free fire"
    " | minecraft | roblox | idol | kpop | co mua | troi mua | nhiet do | bai van | giai giup | dap an"
)
