"""Commands: /start (with deep links), /help, /menu, /lang, /privacy, /reload and unknown ones."""

from __future__ import annotations

import json
from pathlib import Path

from telegram import Update

from bot.links import parse
from bot.signals.models import EventKind
from handlers.common import Context, prepare, send, services
from handlers.signals import record, record_card
from knowledge.answers import Button, Reply
from knowledge.i18n import _


def privacy_reply() -> Reply:
    """What the bot keeps and why, in words a 13-year-old and a parent understand."""
    return Reply(
        (
            _("Quyền riêng tư"),
            _("careerbot không lưu tên, tên tài khoản, số điện thoại hay nội dung tin nhắn của em."),
            _(
                "Bot đếm xem học sinh quan tâm nghề, trường nào (ví dụ: «hôm nay có người xem nghề Hàn») để tỉnh "
                "biết nên mở lớp gì. Mỗi lượt đếm chỉ ghi ngày, không ghi giờ, và dùng một mã thay cho em; mã này "
                "đổi mỗi ngày và mã cũ bị xóa, nên không ai nối được các lượt của em với nhau hay với em."
            ),
            _(
                "Câu hỏi bot chưa trả lời được thì được lưu để người biên soạn bổ sung, sau khi đã xóa số điện "
                "thoại, email, đường link và tên. Báo cáo cho Sở chỉ có con số tổng; số nhỏ hơn 10 được che đi."
            ),
            _(
                "Nếu em chọn ngôn ngữ hoặc cho biết em là ai, bot nhớ lựa chọn đó dưới một mã bí mật không dẫn "
                "ngược về em được."
            ),
            _(
                "Gõ /optout để bot thôi đếm em (bot vẫn trả lời đầy đủ); /optin để đếm lại; /forget để xóa mọi "
                "thứ đã ghi về em hôm nay và các lựa chọn đã lưu."
            ),
        ),
        (Button(_("Menu"), "menu"),),
    )


async def optout(update: Update, context: Context) -> None:
    """/optout: stop recording anything for this user; the bot keeps working fully."""
    prepare(update, context)
    user = update.effective_user
    saved = user is not None and services(context).preferences.set(user.id, optout=True)
    if saved:
        text = _("Đã xong: từ giờ bot không đếm em nữa. Bot vẫn trả lời em như bình thường.")
    else:
        text = _("Mình chưa lưu được lựa chọn này (hệ thống đang bận). Em thử lại sau ít phút nhé.")
    await send(update, context, Reply((text,), (Button(_("Menu"), "menu"),)))


async def optin(update: Update, context: Context) -> None:
    """/optin: count this user again (anonymously)."""
    prepare(update, context)
    user = update.effective_user
    if user is not None:
        services(context).preferences.set(user.id, optout=False)
    await send(update, context, Reply((_("Cảm ơn em! Bot sẽ đếm ẩn danh các lượt xem của em."),)))


async def forget(update: Update, context: Context) -> None:
    """/forget: delete what was recorded this period and the stored preferences."""
    prepare(update, context)
    user = update.effective_user
    data = services(context)
    if user is None:
        return
    try:
        removed = data.signals.forget_current_period(user.id)
        forgotten = data.preferences.forget(user.id)
    except Exception:  # (a database that is down: say so rather than pretend)
        forgotten, removed = False, 0
    if forgotten:
        text = _("Đã xóa {count} lượt ghi nhận hôm nay và các lựa chọn đã lưu của em.").format(count=removed)
    else:
        text = _("Mình chưa xóa được (hệ thống đang bận). Em thử lại sau ít phút nhé.")
    await send(update, context, Reply((text,), (Button(_("Menu"), "menu"),)))


async def start(update: Update, context: Context) -> None:
    """/start, or /start <payload> from a deep link: open the card, else the welcome."""
    engine = prepare(update, context)
    link = parse(context.args[0]) if context.args and len(context.args) == 1 else None
    if link is not None and link.campaign:
        record(update, context, EventKind.CAMPAIGN_OPENED, campaign=link.campaign)
    if link is not None and link.action is not None:
        card = engine.open(link.action)
        if card is not None:
            await send(update, context, card)
            record_card(update, context, link.action, campaign=link.campaign)
            return
    await send(update, context, engine.welcome())


async def help_command(update: Update, context: Context) -> None:
    """/help and unknown commands: what the bot can do."""
    engine = prepare(update, context)
    welcome = engine.welcome()
    commands = _(
        "Lệnh: /menu — menu chính · /lang — đổi ngôn ngữ · /privacy — quyền riêng tư · /optout — thôi đếm em "
        "· /forget — xóa dữ liệu của em · /help — hướng dẫn"
    )
    await send(update, context, Reply((*welcome.paragraphs, commands), welcome.buttons))


async def menu(update: Update, context: Context) -> None:
    """/menu: the main menu."""
    await send(update, context, prepare(update, context).welcome())


async def lang(update: Update, context: Context) -> None:
    """/lang: choose Tiếng Việt or English."""
    choice = prepare(update, context).open("lang")
    if choice is not None:
        await send(update, context, choice)


async def privacy(update: Update, context: Context) -> None:
    """/privacy."""
    prepare(update, context)
    await send(update, context, privacy_reply())


def is_admin(update: Update, context: Context) -> bool:
    """Whether the sender is one of ADMIN_IDS (configuration, never stored)."""
    user = update.effective_user
    return user is not None and user.id in services(context).settings.admin_ids


async def reload(update: Update, context: Context) -> None:
    """/reload for admins: validate careers.yaml and swap it in; others get the help text."""
    if not is_admin(update, context):
        await help_command(update, context)
        return
    data = services(context)
    prepare(update, context)
    ok, message = data.knowledge.reload()
    heading = _("Đã nạp lại dữ liệu.") if ok else _("Dữ liệu mới có lỗi; bot vẫn dùng bản cũ.")
    await send(update, context, Reply((heading, message)))


async def stats(update: Update, context: Context) -> None:
    """/stats for admins: today's counts and the latest report's headline numbers; others get help."""
    if not is_admin(update, context):
        await help_command(update, context)
        return
    data = services(context)
    prepare(update, context)
    lines = [_("Thống kê (ẩn danh)")]
    lines.append(
        _("Đang chờ ghi: {queued} · đã ghi từ lúc chạy: {written} · bị bỏ do đầy hàng đợi: {dropped}").format(
            queued=len(data.signals.queue), written=data.signals.written, dropped=data.signals.dropped
        )
    )
    summary = latest_summary(data.settings.report_dir)
    if summary:
        lines.append(summary)
    else:
        lines.append(_("Chưa có báo cáo nào. Chạy `careerbot report` để tạo."))
    await send(update, context, Reply(tuple(lines)))


def latest_summary(folder: Path) -> str | None:
    """Headline numbers from the latest report's summary.json, as short lines."""
    path = folder / "summary.json"
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(summary, dict):
        return None
    return "\n".join(f"{key}: {value}" for key, value in list(summary.items())[:12])
