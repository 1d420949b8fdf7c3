"""The `careerbot` command: ask, chat and validate (the bot commands join them later).

Errors reach the terminal as one clear line and a non-zero status, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.catalogs import translations
from bot.settings import SettingsError, load_settings
from bot.signals.migrate import SchemaError
from knowledge.answers import Button, Reply
from knowledge.engine import Engine
from knowledge.i18n import use_language
from knowledge.loader import KnowledgeError, load_knowledge

BUNDLED_CAREERS = Path(__file__).resolve().parent.parent / "careers.yaml"
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def careers_path(explicit: str | None = None) -> Path:
    """The knowledge file: the argument, else $CAREERS_PATH, else the bundled careers.yaml."""
    return Path(explicit or os.environ.get("CAREERS_PATH") or BUNDLED_CAREERS)


def _load_engine(path: str | None) -> Engine:
    return Engine(load_knowledge(careers_path(path)).knowledge)


def _print_reply(reply: Reply, out: TextIO) -> list[Button]:
    out.write(reply.text + "\n")
    for number, button in enumerate(reply.buttons, start=1):
        out.write(f"  [{number}] {button.label}\n")
    out.write("\n")
    return list(reply.buttons)


def cmd_ask(args: argparse.Namespace) -> int:
    engine = _load_engine(args.careers)
    questions: list[str]
    questions = [line.rstrip("\n") for line in sys.stdin] if args.question == ["-"] else [" ".join(args.question)]
    for question in questions:
        answer = engine.answer(question)
        if args.json:
            sys.stdout.write(json.dumps(answer.as_json(question), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            _print_reply(answer.reply, sys.stdout)
    return EXIT_OK


def cmd_chat(args: argparse.Namespace) -> int:
    engine = _load_engine(args.careers)
    interactive = sys.stdin.isatty()
    out = sys.stdout
    buttons = _print_reply(engine.welcome(), out)
    out.write("Gõ câu hỏi, hoặc số của một lựa chọn. Gõ «thoát» để kết thúc.\n\n")
    while True:
        if interactive:
            out.write("> ")
            out.flush()
        line = sys.stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in {"thoát", "thoat", "exit", "quit", "q"}:
            break
        if not interactive:
            out.write(f"> {text}\n")
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            action = buttons[int(text) - 1].action
            if action.startswith("lang:"):  # the terminal keeps its language for the session
                language = action.removeprefix("lang:")
                use_language(language, translations(language))
            reply = engine.open(action) or engine.welcome()
        else:
            reply = engine.answer(text).reply
        buttons = _print_reply(reply, out)
    out.write("Tạm biệt! Chúc em chọn được nghề phù hợp.\n")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    path = careers_path(args.path)
    try:
        result = load_knowledge(path)
    except KnowledgeError as exc:
        for problem in exc.problems:
            sys.stderr.write(problem.render(exc.filename) + "\n")
        sys.stderr.write(f"{len(exc.problems)} problem(s); {path} was not accepted.\n")
        return EXIT_INVALID
    for warning in result.warnings:
        sys.stderr.write(warning.render(path.name) + "\n")
    kb = result.knowledge
    sys.stdout.write(
        f"{path.name}: OK — {len(kb.occupations)} occupations, {len(kb.schools)} schools, "
        f"{len(kb.policies)} policies, {len(kb.faqs)} FAQs, {len(result.warnings)} warning(s)\n"
    )
    return EXIT_OK


def _configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines contain the bot token
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "Context impl SQLiteImpl" on every start


def cmd_run(args: argparse.Namespace) -> int:
    """Long polling, for a small install: one process, SIGHUP reloads careers.yaml."""
    from bot.polling import run_polling  # imported late: `ask` and `chat` need no Telegram stack

    settings = load_settings()
    _configure_logging(settings.log_level)
    run_polling(settings)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Webhook workers behind uvicorn; optionally registers the webhook URL with Telegram first."""
    import uvicorn

    from bot.polling import register_webhook

    settings = load_settings()
    settings.require_token()
    url, _secret = settings.require_webhook()
    _configure_logging(settings.log_level)
    if args.set_webhook:
        if not url:
            raise SettingsError("set WEBHOOK_URL (the public https address) to use --set-webhook")
        register_webhook(settings)
    uvicorn.run(
        "bot.web:factory",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=settings.log_level.lower(),
        proxy_headers=True,
    )
    return EXIT_OK


def cmd_link(args: argparse.Namespace) -> int:
    """A t.me deep link for a card (and a campaign), with a QR code for a poster or a slide."""
    import segno

    from bot.links import payload_for, start_url

    settings = load_settings()
    if not settings.bot_username:
        raise SettingsError("set BOT_USERNAME (the bot's @username without @) to make t.me links")
    target = None if args.to is None else args.to
    if target is not None:
        engine = _load_engine(args.careers)
        if engine.open(target) is None or target.split(":")[0] not in ("occupation", "school", "policy", "faq"):
            sys.stderr.write(f"careerbot: no card {target!r}; use occupation:ID, school:ID, policy:ID or faq:ID\n")
            return EXIT_USAGE
    try:
        payload = payload_for(target, args.campaign)
    except ValueError as exc:
        sys.stderr.write(f"careerbot: {exc}\n")
        return EXIT_USAGE
    url = start_url(settings.bot_username, payload)
    sys.stdout.write(url + "\n")
    if args.qr:
        picture = Path(args.qr)
        qr = segno.make(url, error="m")
        png = picture.with_suffix(".png")
        svg = picture.with_suffix(".svg")
        qr.save(str(png), scale=10, border=4)
        qr.save(str(svg), scale=10, border=4, title=url)
        sys.stdout.write(f"QR code: {png} {svg}\n")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """The planners' report; its errors are one line from bot.report.run."""
    from bot.report.run import command  # imported late: only the report needs matplotlib

    return command(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careerbot",
        description="Trợ lý hướng nghiệp Thái Nguyên: hỏi đáp, trò chuyện, kiểm tra dữ liệu.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer one question (or one per line from stdin with '-')")
    ask.add_argument("question", nargs="+", help="the question, or '-' to read one per line from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--careers", metavar="PATH", help="knowledge file (default: $CAREERS_PATH or bundled)")
    ask.set_defaults(func=cmd_ask)

    chat = commands.add_parser("chat", help="chat with careerbot in the terminal")
    chat.add_argument("--careers", metavar="PATH", help="knowledge file (default: $CAREERS_PATH or bundled)")
    chat.set_defaults(func=cmd_chat)

    validate = commands.add_parser("validate", help="check a careers.yaml file and list every problem")
    validate.add_argument("path", nargs="?", help="the file (default: $CAREERS_PATH or bundled)")
    validate.set_defaults(func=cmd_validate)

    run = commands.add_parser("run", help="run the Telegram bot with long polling (small installs)")
    run.set_defaults(func=cmd_run)

    serve = commands.add_parser("serve", help="run webhook workers (uvicorn) for larger installs")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    serve.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    serve.add_argument("--set-webhook", action="store_true", help="register WEBHOOK_URL with Telegram first")
    serve.set_defaults(func=cmd_serve)

    link = commands.add_parser("link", help="print a t.me deep link to a card, optionally with a QR code")
    link.add_argument("--to", metavar="KIND:ID", help="the card: occupation:han, school:cd-thai-nguyen, …")
    link.add_argument("--campaign", metavar="TAG", help="a class or school tag, e.g. THCS-TanCuong-9A")
    link.add_argument("--qr", metavar="FILE", help="also write FILE.png and FILE.svg with the QR code")
    link.add_argument("--careers", metavar="PATH", help="knowledge file (default: $CAREERS_PATH or bundled)")
    link.set_defaults(func=cmd_link)

    report = commands.add_parser("report", help="write the planners' report: report.html, CSV files, summary.json")
    report.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day, YYYY-MM-DD (included)")
    report.add_argument("--campaign", metavar="TAG", help="only the people who opened this campaign's link")
    report.add_argument("--out", required=True, metavar="DIR", help="folder for the report (created if missing)")
    report.add_argument("--database", metavar="URL", help="SQLAlchemy URL (default: $DATABASE_URL)")
    report.add_argument("--settings", metavar="PATH", help="targets and threshold (default: the bundled report.yaml)")
    report.add_argument("--careers", metavar="PATH", help="knowledge file (default: $CAREERS_PATH or bundled)")
    report.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `careerbot` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except SettingsError as exc:
        sys.stderr.write(f"careerbot: {exc}\n")
        return EXIT_USAGE
    except SchemaError as exc:
        sys.stderr.write(f"careerbot: {exc}\n")
        return EXIT_INVALID
    except KnowledgeError as exc:
        first = exc.problems[0].render(exc.filename) if exc.problems else exc.filename
        more = f" (and {len(exc.problems) - 1} more; run `careerbot validate`)" if len(exc.problems) > 1 else ""
        sys.stderr.write(f"careerbot: cannot load the knowledge file: {first}{more}\n")
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
