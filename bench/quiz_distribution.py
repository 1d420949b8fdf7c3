"""How long the interest quiz takes, and which trades it suggests over many random answer sheets.

1. Presses to finish: the quiz is played through `Engine.open` exactly as the buttons lead, from the
   main menu's "Trắc nghiệm sở thích" to the result, counting button presses and typed messages.
2. Distribution: N random answer sheets (each statement Thích / Bình thường / Không thích with equal
   chance) are scored; the table shows how often each occupation is the first suggestion and how often
   it is suggested at all. No single occupation should dominate the first place.

Run: `python bench/quiz_distribution.py [--sheets 10000] [--seed 5]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.engine import Engine  # noqa: E402
from knowledge.loader import load_knowledge  # noqa: E402
from knowledge.quiz import DISLIKE, LIKE, NEUTRAL, RESULT  # noqa: E402


def presses_to_finish(engine: Engine, answers: str) -> int:
    """Button presses from the main menu to the result, answering as `answers` says (2 Thích …)."""
    action = next(b.action for b in engine.welcome().buttons if b.action == "quiz")
    reply = engine.open(action)  # the start screen
    presses = 1
    labels = {LIKE: "Thích", NEUTRAL: "Bình thường", DISLIKE: "Không thích"}
    for digit in ("s", *answers):  # "Em tự làm", then one answer per statement
        if reply is None:
            break
        wanted = "Em tự làm" if digit == "s" else labels[digit]
        reply = engine.open(next(b.action for b in reply.buttons if b.label == wanted))
        presses += 1
    if reply is None or not reply.paragraphs[0].startswith("Kết quả"):
        raise SystemExit("the quiz did not reach a result")
    return presses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    engine = Engine(load_knowledge(ROOT / "careers.yaml").knowledge)
    quiz = engine.interest_quiz
    sheet = "".join(LIKE if s.type in "RI" else DISLIKE for s in quiz.quiz.statements)
    presses = presses_to_finish(engine, sheet)
    print(f"Statements: {quiz.total}. From the main menu to the result: {presses} button presses, no typing.")
    print("In Telegram every press edits the one quiz message in place: the chat grows by one message")
    print("(the quiz) under the menu, plus one per trade or school opened from the result.")
    print()

    rng = random.Random(args.seed)
    first: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    counts: list[int] = []
    flat = 0
    for _ in range(args.sheets):
        answers = "".join(rng.choice("012") for _ in range(quiz.total))
        suggestions = quiz.suggest(answers)
        if not suggestions:
            flat += 1
            continue
        first[suggestions[0][0].id] += 1
        shown.update(o.id for o, _score in suggestions)
        counts.append(len(suggestions))
    scored = args.sheets - flat
    names = {o.id: o for o in engine.kb.occupations}
    print(
        f"{args.sheets:,} random answer sheets (seed {args.seed}): {flat:,} flat ({flat / args.sheets:.1%}, no suggestion);"
    )
    print(
        f"{scored:,} with suggestions: {min(counts)}–{max(counts)} each, mean {statistics.mean(counts):.2f}; "
        f"{len(first)} different occupations come first, {len(shown)} of {len(names)} are ever suggested."
    )
    print()
    print(f"{'occupation':<28} {'code':<5} {'first':>7} {'share':>7} {'suggested':>10} {'share':>7}")
    for occupation_id, _count in sorted(names.items(), key=lambda item: (-first[item[0]], -shown[item[0]])):
        occupation = names[occupation_id]
        print(
            f"{occupation_id:<28} {occupation.holland:<5} {first[occupation_id]:>7} "
            f"{first[occupation_id] / scored:>7.1%} {shown[occupation_id]:>10} {shown[occupation_id] / scored:>7.1%}"
        )
    top_id, top_count = first.most_common(1)[0]
    top_shown_id, top_shown = shown.most_common(1)[0]
    print()
    print(f"Most frequent first suggestion: {top_id} in {top_count / scored:.1%} of sheets with suggestions.")
    print(f"Most frequently suggested at all: {top_shown_id} in {top_shown / scored:.1%} of them.")
    print(f"(The result action for a full sheet is like quiz:{RESULT}:s:{quiz.tag}:{'1' * quiz.total}.)")


if __name__ == "__main__":
    main()
