"""Answer latency, load time and memory, side by side with a naive baseline in the same run.

Baseline: `rapidfuzz.process.extractOne` with `WRatio` over every name and alias — what one would
write first. Measured on the bundled careers.yaml and on a synthetic knowledge base of 10,000 extra
occupations (the bundled entries plus generated ones, so the real questions still have their real
answers). "Same answers" is checked directly: the engine's top match for every question must not
change when 10,000 entries are added.

Run: `make bench` (or `python bench/bench_answer.py [--occupations N] [--rounds R]`).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.engine import Engine  # noqa: E402
from knowledge.loader import load_knowledge  # noqa: E402
from knowledge.models import KnowledgeBase, Occupation  # noqa: E402
from knowledge.normalize import normalize  # noqa: E402

DEV_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev-questions.yaml"
FALLBACK_QUESTIONS = [
    "hàn",
    "hoc nghe dien cong nghiep",
    "học phí trung cấp",
    "trường việt đức",
    "asdfgh",
]
SYLLABLES = (
    "an bảo bình cát châu chí công cường dân đăng điền đông giang hải hà hòa hoàng hùng khang khánh "
    "kiên lâm lạc linh long lợi minh nam nghĩa ngọc nguyên nhân phát phong phú phúc quang quý sơn "
    "tài tâm tân thái thanh thành thịnh thông tiến toàn trí trung tuấn văn việt vinh xuân yên "
    "gốm sứ đá mây tre lá giấy nhựa sơn mài thêu dệt nhuộm in ấn khắc gỗ đồng bạc vàng kính "
    "bích châm diệp duệ giao hạnh khuê lam liên loan mai my nga nhung oanh phượng quyên thoa thục "
    "trâm uyên vân yến ánh bảy cẩm dung hằng hiếu kha khôi lộc mẫn nhạn phấn quế sáo thiều thuyên"
).split()


def questions() -> list[str]:
    if DEV_QUESTIONS.exists():
        items = yaml.safe_load(DEV_QUESTIONS.read_text(encoding="utf-8"))
        return [item["q"] for item in items]
    return FALLBACK_QUESTIONS


def synthetic(kb: KnowledgeBase, extra: int, seed: int = 7) -> KnowledgeBase:
    """The bundled base plus `extra` generated occupations with names, aliases and interests."""
    rng = random.Random(seed)
    sectors = [s.id for s in kb.sectors]
    # Syllables the real base never uses: the extra entries make the index bigger and every shared
    # word ("nghề", "thợ", "thích") more common, but they are never a right answer themselves.
    vocabulary = set(Engine(kb).index.postings)
    syllables = [s for s in SYLLABLES if normalize(s) not in vocabulary]
    made: list[Occupation] = []
    seen: set[str] = set()
    while len(made) < extra:
        words = rng.sample(syllables, rng.randint(2, 4))
        name = "Nghề " + " ".join(words)
        if name in seen:
            continue
        seen.add(name)
        number = len(made)
        made.append(
            Occupation.model_construct(
                id=f"synthetic-{number}",
                name=name,
                name_en=None,
                aliases=(f"thợ {' '.join(words[:2])} {number}", f"{' '.join(reversed(words))}"),
                aliases_en=(),
                interests=(f"thích {rng.choice(syllables)} {rng.choice(syllables)}",),
                sector=rng.choice(sectors),
                description="Nghề tổng hợp cho phép đo.",
                description_en=None,
                tasks=(),
                suits=(),
                holland="R",
                training=(),
                schools=(),
                outlook=None,
                pay=None,
                related=(),
                sources=("synthetic",),
                verified=None,
            )
        )
    return kb.model_copy(update={"occupations": kb.occupations + tuple(made)})


def naive_choices(kb: KnowledgeBase) -> list[tuple[str, str]]:
    pairs = []
    for occ in kb.occupations:
        pairs += [(occ.name, occ.id), *((a, occ.id) for a in occ.aliases)]
    for school in kb.schools:
        pairs += [(school.name, school.id), *((a, school.id) for a in school.short_names)]
    for policy in kb.policies:
        pairs += [(policy.title, policy.id), *((a, policy.id) for a in policy.aliases)]
    for faq in kb.faqs:
        pairs += [(faq.question, faq.id), *((v, faq.id) for v in faq.variants)]
    return pairs


def timed(function, items: list[str], rounds: int) -> tuple[list[float], list[object]]:
    latencies: list[float] = []
    results: list[object] = []
    for round_number in range(rounds):
        for item in items:
            start = time.perf_counter()
            result = function(item)
            latencies.append(time.perf_counter() - start)
            if round_number == 0:
                results.append(result)
    return latencies, results


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def row(label: str, latencies: list[float]) -> str:
    p50, p99 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000
    mean = statistics.fmean(latencies) * 1000
    return f"{label:<44} p50 {p50:7.3f} ms   p99 {p99:7.3f} ms   mean {mean:7.3f} ms"


def measure(label: str, kb: KnowledgeBase, items: list[str], rounds: int) -> tuple[float, float, list[object]]:
    start = time.perf_counter()
    # The answer cache is off: every round ranks every question from scratch (the cache would make
    # repeated rounds free, which measures a dictionary, not the engine).
    engine = Engine(kb, cache_size=0)
    build = time.perf_counter() - start
    choices = naive_choices(kb)
    texts = [text for text, _ in choices]

    def naive(question: str) -> object:
        found = process.extractOne(question, texts, scorer=fuzz.WRatio)
        return choices[found[2]][1] if found else None

    def ours(question: str) -> object:
        answer = engine.answer(question)
        return answer.matches[0].id if answer.matches else None

    ours_lat, ours_res = timed(ours, items, rounds)
    naive_lat, _naive_res = timed(naive, items, max(1, rounds // 5))
    print(
        f"\n{label}: {len(kb.occupations):,} occupations, {len(choices):,} names/aliases; index built in {build:.2f} s"
    )
    print(row("  careerbot engine (answer, full reply)", ours_lat))
    print(row("  naive extractOne(WRatio) over all names", naive_lat))
    speedup_p99 = percentile(naive_lat, 0.99) / percentile(ours_lat, 0.99)
    speedup_p50 = percentile(naive_lat, 0.5) / percentile(ours_lat, 0.5)
    print(f"  speed-up: p50 ×{speedup_p50:.0f}, p99 ×{speedup_p99:.0f}")
    return percentile(ours_lat, 0.99), speedup_p99, ours_res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--occupations", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    items = questions()

    loads = []
    for _ in range(5):
        start = time.perf_counter()
        result = load_knowledge(ROOT / "careers.yaml")
        loads.append(time.perf_counter() - start)
    kb = result.knowledge
    print(f"load + validate bundled careers.yaml: median {statistics.median(loads) * 1000:.0f} ms over 5 runs")
    print(f"questions: {len(items)} ({'dev set' if DEV_QUESTIONS.exists() else 'built-in'}), rounds: {args.rounds}")

    _p99_small, _sp_small, small_answers = measure("bundled", kb, items, args.rounds)
    rss_small = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident memory so far (bundled base, engine, baseline): {rss_small:.0f} MB")
    big = synthetic(kb, args.occupations)
    _p99_big, _sp_big, big_answers = measure(f"synthetic +{args.occupations:,}", big, items, max(2, args.rounds // 4))
    same = sum(a == b for a, b in zip(small_answers, big_answers, strict=True))
    print(f"\nsame top answer with and without {args.occupations:,} extra entries: {same}/{len(items)}")
    for question, a, b in zip(items, small_answers, big_answers, strict=True):
        if a != b:
            print(f"  changed: {question!r}: {a} → {b}")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this run (both knowledge bases loaded): {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
