""" "Khám phá bản thân": the interest quiz, from the first question to trades and schools in the province.

The statements live in quiz.yaml (one per Holland type in turn: Kỹ thuật R, Nghiên cứu I, Nghệ thuật A,
Xã hội S, Quản lý E, Nghiệp vụ C). Everything here is a pure function of an action string, so the
engine may cache the replies and any worker can answer any press.

Actions (ASCII, at most 64 bytes, so they fit in Telegram's callback_data):

    quiz                          the start screen: a student for themself, or a parent for their child
    quiz:<m>:<tag>:<answers>      the next question (m: s student, p parent), or the result when complete
    quiz:r:<m>:<tag>:<answers>    the result alone ("Xem lại kết quả"; what a deep link would carry)
    quiz:x:<m>:<tag>:<answers>    stopped: a short note, "continue" and the menu

`answers` holds one digit per statement answered so far, in order: 2 Thích, 1 Bình thường, 0 Không
thích. `tag` fingerprints the statements' ids and order, so a button from before quiz.yaml changed is
recognised as stale. Anything that does not parse, is stale or carries impossible answers restarts the
quiz politely at the first question; nothing here raises on user input.

Resuming: the whole progress is in each button, so nothing is stored and nothing is lost. Pressing a
button under an older quiz message (or "Làm tiếp" after "Dừng lại") continues from exactly that point;
a restart or another worker never loses a quiz.

Scoring: each type's score is the sum of its statements' digits (0 to 2 × statements per type). The
types ranked by score give the top-three code; equal scores keep the RIASEC order and are reported as
equal, never as a preference. When the highest and the lowest scores differ by less than FLAT_SPREAD
the answers show no interest clearly enough, and the result says so instead of suggesting trades.

Similarity of an occupation to the answers: the Pearson correlation between the six scores and the
occupation's Holland code read as a profile (first letter 3, second 2, third 1, other types 0). It uses
all six scores, not only the top three letters, so ties in the code settle nothing arbitrarily; it is
1 when scores rise and fall with the code's order and -1 when they run against it; and it ignores how
generous a reader is overall (liking everything a little reads the same as liking everything a lot).
Occupations with the same code are equally similar; among them, the ones whose example statements
(quiz.yaml `examples`) the reader liked come first, then those with a school in the province.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from knowledge.answers import Button, Reply
from knowledge.cards import CardBuilder
from knowledge.i18n import _, current_language
from knowledge.loader import KnowledgeError, PathKey, Problem, format_path, line_for, model_problems, read_yaml
from knowledge.models import HOLLAND_LETTERS, Occupation, SchoolStatus, Slug, Text

BUNDLED_QUIZ = Path(__file__).resolve().parent / "quiz.yaml"
PREFIX = "quiz"
STUDENT, PARENT = "s", "p"
MODES = (STUDENT, PARENT)
RESULT, STOP = "r", "x"
LIKE, NEUTRAL, DISLIKE = "2", "1", "0"
DIGITS = frozenset(LIKE + NEUTRAL + DISLIKE)
MIN_STATEMENTS, MAX_STATEMENTS = 24, 30
MAX_ACTION_BYTES = 64  # Telegram's callback_data limit
TAG_SPACE = 36**2  # two base-36 characters
CODE_WEIGHTS = (3, 2, 1)  # first, second and third letter of an occupation's Holland code
FLAT_SPREAD = 2  # highest minus lowest score below this: no interest shows clearly
MIN_SUGGESTIONS, MAX_SUGGESTIONS = 5, 8
GOOD_MATCH = 0.6  # beyond the first MIN_SUGGESTIONS, only occupations at least this similar are shown
SCHOOLS_PER_LINE = 2

Letter = Literal["R", "I", "A", "S", "E", "C"]


class HollandType(BaseModel):
    """One of the six interest types, in words a 14-year-old understands."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    name_en: Text | None = None
    words: Text
    words_en: Text | None = None


class Statement(BaseModel):
    """Something a teenager might like doing, worded for the student and for a parent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    type: Letter
    text: Text
    parent: Text
    text_en: Text | None = None
    parent_en: Text | None = None
    examples: tuple[Slug, ...] = ()


class QuizFile(BaseModel):
    """The whole quiz.yaml, validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    types: dict[Letter, HollandType]
    policies: tuple[Slug, ...] = ()
    statements: tuple[Statement, ...]


def check_quiz(quiz: QuizFile) -> list[tuple[PathKey, str]]:
    """Rules the models cannot check alone: every type, balance, length, unique ids and wordings."""
    findings: list[tuple[PathKey, str]] = []
    missing = [letter for letter in HOLLAND_LETTERS if letter not in quiz.types]
    if missing:
        findings.append((("types",), f"missing type(s) {', '.join(missing)}; describe all six of RIASEC"))
    total = len(quiz.statements)
    if not MIN_STATEMENTS <= total <= MAX_STATEMENTS:
        findings.append((("statements",), f"{total} statements; the quiz needs {MIN_STATEMENTS} to {MAX_STATEMENTS}"))
    counts = Counter(str(s.type) for s in quiz.statements)
    if len({counts[letter] for letter in HOLLAND_LETTERS}) > 1:
        spread = ", ".join(f"{letter} {counts[letter]}" for letter in HOLLAND_LETTERS)
        findings.append((("statements",), f"each type needs the same number of statements (now {spread})"))
    longest = longest_action(quiz)
    if len(longest.encode()) > MAX_ACTION_BYTES:
        findings.append((("statements",), f"the longest button action ({longest}) exceeds {MAX_ACTION_BYTES} bytes"))
    seen: dict[str, int] = {}
    for index, statement in enumerate(quiz.statements):
        for field, key in (("id", statement.id), ("text", statement.text.casefold())):
            if f"{field}:{key}" in seen:
                first = seen[f"{field}:{key}"]
                findings.append((("statements", index, field), f"same {field} as statements[{first}]"))
            seen.setdefault(f"{field}:{key}", index)
    return findings


def load_quiz(path: Path = BUNDLED_QUIZ) -> QuizFile:
    """Read and validate a quiz file.

    Raises:
        KnowledgeError: with every problem found, each with its line and path.
    """
    data, lines = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(path.name, [Problem(1, "", "the file must be a mapping with types and statements")])
    try:
        quiz = QuizFile.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(path.name, model_problems(exc, lines)) from None
    problems = [Problem(line_for(lines, where), format_path(where), message) for where, message in check_quiz(quiz)]
    if problems:
        raise KnowledgeError(path.name, problems)
    return quiz


@cache
def bundled_quiz() -> QuizFile:
    """The quiz shipped with careerbot, read once."""
    return load_quiz()


def fingerprint(quiz: QuizFile) -> str:
    """Two base-36 characters that change when the statements' ids or order change (not their wording)."""
    digest = zlib.crc32("|".join(f"{s.id}={s.type}" for s in quiz.statements).encode()) % TAG_SPACE
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    return alphabet[digest // 36] + alphabet[digest % 36]


def is_result(action: str) -> bool:
    """Whether an action re-opens a quiz result: only a result message has such a button."""
    return action.startswith(f"{PREFIX}:{RESULT}:")


@dataclass(frozen=True, slots=True)
class Sheet:
    """One reader's progress: who answers (student or parent) and the answers so far."""

    mode: str
    tag: str
    answers: str = ""

    def action(self, step: str = "") -> str:
        """The action that shows this sheet: the next question, or `step` (RESULT, STOP)."""
        head = f"{PREFIX}:{step}:" if step else f"{PREFIX}:"
        return f"{head}{self.mode}:{self.tag}:{self.answers}"

    def answered(self, digit: str) -> Sheet:
        """The sheet after one more answer."""
        return Sheet(self.mode, self.tag, self.answers + digit)

    @property
    def parent(self) -> bool:
        """Whether a parent is answering for their child."""
        return self.mode == PARENT


@dataclass(frozen=True, slots=True)
class Profile:
    """Scores over the six types, in RIASEC order."""

    scores: tuple[int, ...]
    most: int  # the highest score a type can reach
    likes: int  # how many statements were answered "Thích"

    @property
    def ranked(self) -> tuple[str, ...]:
        """Types from the highest score down; equal scores keep the RIASEC order."""
        order = sorted(range(len(HOLLAND_LETTERS)), key=lambda i: -self.scores[i])
        return tuple(HOLLAND_LETTERS[i] for i in order)

    @property
    def groups(self) -> tuple[tuple[str, ...], ...]:
        """Types with equal scores together, highest score first (RIASEC order inside a group)."""
        groups: dict[int, list[str]] = {}
        for letter in self.ranked:
            groups.setdefault(self.score(letter), []).append(letter)
        return tuple(tuple(group) for group in groups.values())

    @property
    def code(self) -> str:
        """The top-three code, such as 'RIC'; shorter when equal scores leave the next letter open.

        Only whole groups of equal scores enter the code: with R 8 and the other five types 0 the code
        is 'R', not 'RIA' — I and A would be there only because of the RIASEC order.
        """
        code = ""
        for group in self.groups:
            if len(code) + len(group) > 3:
                break
            code += "".join(group)
        return code

    @property
    def leading(self) -> tuple[str, ...]:
        """The types a result describes: the code's letters, or the tied top group when there is no code."""
        return tuple(self.code) or self.groups[0]

    @property
    def flat(self) -> bool:
        """No type stands out: the answers show no clear interest."""
        return max(self.scores) - min(self.scores) < FLAT_SPREAD

    def score(self, letter: str) -> int:
        """One type's score."""
        return self.scores[HOLLAND_LETTERS.index(letter)]

    def ties(self) -> tuple[list[tuple[str, ...]], tuple[str, ...]]:
        """Equal scores worth telling: groups inside the code, and the group that keeps it short (or ())."""
        inside = [group for group in self.groups if len(group) > 1 and set(group) <= set(self.code)]
        code_groups = sum(1 for group in self.groups if set(group) <= set(self.code))
        short = self.groups[code_groups] if len(self.code) < 3 and code_groups < len(self.groups) else ()
        return inside, short


def profile_of(quiz: QuizFile, answers: str) -> Profile:
    """The scores of a complete (or partial) answer string."""
    scores = dict.fromkeys(HOLLAND_LETTERS, 0)
    for statement, digit in zip(quiz.statements, answers, strict=False):
        scores[statement.type] += int(digit)
    per_type = len(quiz.statements) // len(HOLLAND_LETTERS)
    return Profile(tuple(scores[letter] for letter in HOLLAND_LETTERS), 2 * per_type, answers.count(LIKE))


def code_profile(code: str) -> tuple[float, ...]:
    """An occupation's Holland code as six weights: 'RIC' → R 3, I 2, C 1, the others 0."""
    weights = dict(zip(code, CODE_WEIGHTS, strict=False))
    return tuple(float(weights.get(letter, 0)) for letter in HOLLAND_LETTERS)


def similarity(scores: tuple[int, ...], code: str) -> float:
    """Pearson correlation between a profile and a Holland code (0.0 when the profile is flat)."""
    target = code_profile(code)
    n = len(scores)
    mean_s, mean_t = sum(scores) / n, sum(target) / n
    covariance = sum((s - mean_s) * (t - mean_t) for s, t in zip(scores, target, strict=True))
    spread_s = math.sqrt(sum((s - mean_s) ** 2 for s in scores))
    spread_t = math.sqrt(sum((t - mean_t) ** 2 for t in target))
    if spread_s == 0 or spread_t == 0:
        return 0.0
    return covariance / (spread_s * spread_t)


def _english() -> bool:
    return current_language() == "en"


def _names(letters: tuple[str, ...] | str, types: dict[str, HollandType]) -> list[str]:
    return [_pick(types[letter].name, types[letter].name_en) for letter in letters]


def _together(names: list[str]) -> str:
    """'Kỹ thuật, Nghiên cứu và Nghệ thuật'."""
    if len(names) < 2:
        return "".join(names)
    return _("{first} và {last}").format(first=", ".join(names[:-1]), last=names[-1])


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pick(vietnamese: str, english: str | None) -> str:
    return english if english and _english() else vietnamese


class InterestQuiz:
    """The quiz over one quiz file and one knowledge base (for occupations, schools and policies)."""

    def __init__(self, quiz: QuizFile, cards: CardBuilder) -> None:
        self.quiz = quiz
        self.cards = cards
        self.tag = fingerprint(quiz)
        self.total = len(quiz.statements)
        self.types = {str(letter): kind for letter, kind in quiz.types.items()}
        self.occupations = list(cards.kb.occupations)
        # Ids in quiz.yaml that a curator has since removed from careers.yaml are skipped, not errors:
        # the two files are edited by different people at different times.
        self.policies = [p for p in quiz.policies if p in cards.policies]
        self.examples: dict[str, list[int]] = {}
        for index, statement in enumerate(quiz.statements):
            for occupation in statement.examples:
                self.examples.setdefault(occupation, []).append(index)

    # -- the actions -------------------------------------------------------------------------------------

    def open(self, action: str) -> Reply:
        """The reply for any action whose first part is 'quiz'; never raises, never None."""
        if action == PREFIX:
            return self.start()
        parsed = self.parse(action)
        if parsed is None:
            parts = action.split(":")
            mode = next((p for p in parts[1:3] if p in MODES), STUDENT)
            return self.restart(mode)
        step, sheet = parsed
        if step == STOP:
            return self.stopped(sheet)
        if len(sheet.answers) == self.total:
            return self.result(sheet)
        return self.question(sheet)

    def parse(self, action: str) -> tuple[str, Sheet] | None:
        """(step, sheet) of a well-formed action of this quiz; None when it must start again."""
        parts = action.split(":")
        step = ""
        if len(parts) == 5 and parts[1] in (RESULT, STOP):
            step = parts[1]
            parts = [parts[0], *parts[2:]]
        if len(parts) != 4 or parts[0] != PREFIX or parts[1] not in MODES:
            return None
        sheet = Sheet(parts[1], parts[2], parts[3])
        if sheet.tag != self.tag or not set(sheet.answers) <= DIGITS or len(sheet.answers) > self.total:
            return None
        if step == RESULT and len(sheet.answers) != self.total:
            return None
        return step, sheet

    def result_code(self, action: str) -> str | None:
        """The Holland code a result shows, for the anonymous interest signal; None for anything else.

        None also when the result claims no code (a flat profile, or four or more types tied at the top)
        and for a stopped quiz.
        """
        parsed = self.parse(action)
        if parsed is None or parsed[0] == STOP or len(parsed[1].answers) != self.total:
            return None
        profile = self.profile(parsed[1].answers)
        return None if profile.flat else profile.code or None

    def start(self) -> Reply:
        """Who is answering: the student, or a parent for their child."""
        return Reply(
            (
                _("Khám phá bản thân: trắc nghiệm sở thích"),
                _(
                    "{count} câu ngắn về những việc quen thuộc, chừng 3 phút. Với mỗi việc, chọn Thích, "
                    "Bình thường hoặc Không thích — không có câu trả lời đúng hay sai."
                ).format(count=self.total),
                _(
                    "Cuối bài là vài nghề hợp với sở thích, nơi học ở Thái Nguyên và chính sách học phí. "
                    "Mình không lưu câu trả lời: tiến độ nằm ngay trong các nút bấm."
                ),
                _("Ai đang làm bài?"),
            ),
            (
                Button(_("Em tự làm"), Sheet(STUDENT, self.tag).action()),
                Button(_("Phụ huynh làm cho con"), Sheet(PARENT, self.tag).action()),
                Button(_("« Menu"), "menu"),
            ),
        )

    def question(self, sheet: Sheet) -> Reply:
        """The next statement with the three answers, back and stop."""
        number = len(sheet.answers) + 1
        statement = self.quiz.statements[number - 1]
        if sheet.parent:
            wording = _pick(statement.parent, statement.parent_en)
            prompt = _("Theo anh/chị, con có thích việc này không?")
        else:
            wording = _pick(statement.text, statement.text_en)
            prompt = _("Em có thích làm việc này không?")
        # The last answer leads to the plain progress form with every answer, which shows the result:
        # only the result itself carries a RESULT action (its "Xem lại kết quả"), so channels can tell it.
        answers = (
            Button(_("Thích"), sheet.answered(LIKE).action()),
            Button(_("Bình thường"), sheet.answered(NEUTRAL).action()),
            Button(_("Không thích"), sheet.answered(DISLIKE).action()),
        )
        if sheet.answers:
            back = Button(_("« Câu trước"), Sheet(sheet.mode, sheet.tag, sheet.answers[:-1]).action())
        else:
            back = Button(_("« Quay lại"), PREFIX)
        heading = _("Câu {number}/{total}").format(number=number, total=self.total)
        return Reply((heading, wording, prompt), (*answers, back, Button(_("Dừng lại"), sheet.action(STOP))))

    def stopped(self, sheet: Sheet) -> Reply:
        """A short note after "Dừng lại", with a way back to the same question."""
        number = min(len(sheet.answers) + 1, self.total)
        if sheet.parent:
            note = _("Mình không lưu câu trả lời. Khi nào tiện, anh/chị bấm «Làm tiếp» để làm tiếp từ câu này.")
        else:
            note = _("Mình không lưu câu trả lời. Khi nào muốn, em bấm «Làm tiếp» để làm tiếp từ câu này.")
        return Reply(
            (_("Đã dừng bài trắc nghiệm ở câu {number}/{total}.").format(number=number, total=self.total), note),
            (Button(_("Làm tiếp"), sheet.action()), Button(_("Menu"), "menu")),
        )

    def restart(self, mode: str) -> Reply:
        """A stale, forged or garbled action: say so kindly and begin again at the first question."""
        first = self.question(Sheet(mode if mode in MODES else STUDENT, self.tag))
        note = _("Bài trắc nghiệm bắt đầu lại từ câu 1")
        reason = _("Nút vừa bấm đã cũ hoặc không còn đúng (có thể bài vừa được cập nhật). Xin lỗi vì phải làm lại!")
        return Reply((note, reason, *first.paragraphs), first.buttons)

    # -- the result -------------------------------------------------------------------------------------

    def profile(self, answers: str) -> Profile:
        """The scores of an answer string."""
        return profile_of(self.quiz, answers)

    def suggest(self, answers: str) -> list[tuple[Occupation, float]]:
        """Occupations most similar to the answers, best first: 5 to 8 of them (none for a flat profile)."""
        profile = self.profile(answers)
        if profile.flat:
            return []

        def liked(occupation: Occupation) -> int:
            return sum(int(answers[i]) - 1 for i in self.examples.get(occupation.id, []) if i < len(answers))

        scored = [(o, similarity(profile.scores, o.holland)) for o in self.occupations]
        order = {o.id: i for i, o in enumerate(self.occupations)}
        scored.sort(
            key=lambda item: (-round(item[1], 9), -liked(item[0]), not self._schools(item[0]), order[item[0].id])
        )
        chosen = scored[:MIN_SUGGESTIONS]
        chosen += [item for item in scored[MIN_SUGGESTIONS:MAX_SUGGESTIONS] if item[1] >= GOOD_MATCH]
        return chosen

    def result(self, sheet: Sheet) -> Reply:
        """The code in plain words, suggested trades with levels and schools, policies, and a caveat."""
        profile = self.profile(sheet.answers)
        if profile.flat:
            return self._unclear(sheet, profile)
        types = self.types
        code = profile.code
        if code:
            heading = _("Kết quả: {code} — {names}").format(code=code, names=", ".join(_names(code, types)))
        else:
            heading = _("Kết quả: nhiều nhóm sở thích ngang nhau")
        if code:
            intro = (
                _("Sở thích nổi bật của con, theo thứ tự:")
                if sheet.parent
                else _("Sở thích nổi bật của em, theo thứ tự:")
            )
        else:
            intro = _("Các nhóm con thích ngang nhau:") if sheet.parent else _("Các nhóm em thích ngang nhau:")
        lines = [intro]
        for letter in profile.leading:
            kind = types[letter]
            lines.append(f"• {_pick(kind.name, kind.name_en)} ({letter}): {_pick(kind.words, kind.words_en)}")
        paragraphs = ["\n".join(lines)]
        inside, short = profile.ties()
        notes = [
            _("{names} bằng điểm nhau: thứ tự giữa chúng trong mã chỉ là quy ước.").format(
                names=_together(_names(group, types))
            )
            for group in inside
        ]
        if short and code:
            notes.append(
                _("{names} bằng điểm nhau, nên mã chỉ có {count} chữ cái thay vì ba.").format(
                    names=_together(_names(short, types)), count=len(code)
                )
            )
        elif short:
            notes.append(
                _("{names} bằng điểm nhau ở vị trí cao nhất, nên chưa rút ra được mã ba chữ cái.").format(
                    names=_together(_names(short, types))
                )
            )
        if notes:
            notes.append(_("Các nghề gợi ý dưới đây tính đủ cả sáu điểm, không chỉ các chữ cái của mã."))
            paragraphs.append(" ".join(notes))
        paragraphs.append(self._scores(profile))
        if profile.likes == 0:
            paragraphs.append(
                _(
                    "Chưa có việc nào được chọn «Thích», nên kết quả chỉ dựa trên những việc thấy bình thường: "
                    "hãy coi đây là gợi ý rất sơ bộ."
                )
            )
        suggestions = self.suggest(sheet.answers)
        paragraphs.append(
            "\n".join(
                [
                    _("Nghề nên tìm hiểu trước (bấm tên nghề bên dưới để xem chi tiết):"),
                    *(f"{n}. {self._line(o)}" for n, (o, _score) in enumerate(suggestions, start=1)),
                ]
            )
        )
        if self.policies:
            titles = "; ".join(self.cards.title("policy", p) for p in self.policies)
            paragraphs.append(_("Chính sách thường áp dụng khi học nghề: {titles}.").format(titles=titles))
        if sheet.parent:
            paragraphs.append(
                _(
                    "Đây là gợi ý để bắt đầu tìm hiểu, không phải kết luận con hợp hay không hợp với nghề nào: "
                    "sở thích còn thay đổi, và năng lực, sức khỏe, hoàn cảnh cũng quan trọng. Anh/chị hãy cùng "
                    "con nói chuyện với thầy cô tư vấn hướng nghiệp ở trường, và để con tự làm bài này để so sánh."
                )
            )
        else:
            paragraphs.append(
                _(
                    "Đây là gợi ý để bắt đầu tìm hiểu, không phải kết luận em hợp hay không hợp với nghề nào: "
                    "sở thích còn thay đổi, và năng lực, sức khỏe, hoàn cảnh cũng quan trọng. Hãy nói chuyện "
                    "với thầy cô tư vấn hướng nghiệp ở trường và bố mẹ về kết quả này."
                )
            )
        buttons = [Button(self.cards.title("occupation", o.id), f"occupation:{o.id}") for o, _score in suggestions]
        buttons += [Button(_short(self.cards.title("policy", p)), f"policy:{p}") for p in self.policies]
        buttons += [
            Button(_("Khảo sát dự định"), "sv"),  # the one-question survey (knowledge/survey.py), offered here
            Button(_("Xem lại kết quả"), sheet.action(RESULT)),
            Button(_("Làm lại"), Sheet(sheet.mode, self.tag).action()),
            Button(_("Menu"), "menu"),
        ]
        return Reply((heading, *paragraphs), tuple(buttons))

    def _unclear(self, sheet: Sheet, profile: Profile) -> Reply:
        """A flat profile: say honestly that no interest shows, and suggest nothing."""
        if sheet.parent:
            honest = _(
                "Câu trả lời chưa cho thấy rõ sở thích của con — anh/chị thử cùng con trả lời lại hoặc nói "
                "chuyện với thầy cô."
            )
        else:
            honest = _("Em chưa thể hiện rõ sở thích — thử trả lời lại hoặc nói chuyện với thầy cô nhé.")
        why = _(
            "Sáu nhóm sở thích gần như bằng điểm nhau, nên mình không gợi ý nghề nào: gợi ý lúc này chỉ là đoán. "
            "Khi làm lại, hãy chọn «Thích» cho việc thật sự muốn làm và «Không thích» cho việc không muốn."
        )
        return Reply(
            (_("Kết quả: chưa rõ sở thích"), honest, why, self._scores(profile)),
            (
                Button(_("Làm lại"), Sheet(sheet.mode, self.tag).action()),
                Button(_("Tìm hiểu nghề"), "menu:occupations"),
                Button(_("Menu"), "menu"),
            ),
        )

    def _scores(self, profile: Profile) -> str:
        names = dict(zip(HOLLAND_LETTERS, _names(HOLLAND_LETTERS, self.types), strict=True))
        listed = " · ".join(f"{names[letter]} {profile.score(letter)}" for letter in profile.ranked)
        return _("Điểm từng nhóm (tối đa {most}): {scores}.").format(most=profile.most, scores=listed)

    def _schools(self, occupation: Occupation) -> list[str]:
        """Schools in the province that still enrol for this trade (merged or outside ones left out)."""
        return [
            s
            for s in self.cards.schools_for.get(occupation.id, [])
            if s in self.cards.schools and self.cards.schools[s].status == SchoolStatus.ACTIVE
        ]

    def _school_name(self, school_id: str) -> str:
        school = self.cards.schools[school_id]
        if _english() and school.name_en:
            return school.name_en
        return school.short_names[0] if school.short_names else school.name

    def _line(self, occupation: Occupation) -> str:
        """'Điện công nghiệp · RIC · trung cấp, cao đẳng · học ở CĐ Bắc Kạn, …' with what the file has."""
        facts = [self.cards.title("occupation", occupation.id), occupation.holland]
        if occupation.training:
            facts.append(", ".join(str(t.level) for t in occupation.training))
        schools = self._schools(occupation)
        if schools:
            names = ", ".join(self._school_name(s) for s in schools[:SCHOOLS_PER_LINE])
            more = len(schools) - SCHOOLS_PER_LINE
            if more > 0:
                names += _(" và {count} nơi khác").format(count=more)
            facts.append(_("học ở {schools}").format(schools=names))
        return " · ".join(facts)


def longest_action(quiz: QuizFile) -> str:
    """The longest action this quiz can produce (a result or a stop with every answer given)."""
    sheet = Sheet(PARENT, fingerprint(quiz), LIKE * len(quiz.statements))
    return max((sheet.action(RESULT), sheet.action(STOP), sheet.action()), key=lambda a: len(a.encode()))
