"""Commands: /start (with deep links), /help, /menu, /lang, /privacy, /reload and unknown ones."""

from __future__ import annotations

from telegram import Update

from bot.links import parse
from handlers.common import Context, prepare, send, services
from knowledge.answers import Button, Reply
from knowledge.i18n import _


def privacy_reply() -> Reply:
    """What the bot keeps and why, in words a 13-year-old and a parent understand."""
    return Reply(
        (
            _("Quyền riêng tư"),
            _("careerbot không lưu tên, tên tài khoản, số điện thoại hay nội dung tin nhắn của em."),
            _("Nếu em chọn ngôn ngữ, bot chỉ nhớ lựa chọn đó dưới một mã bí mật không dẫn ngược về em được."),
            _(
                "Để giúp tỉnh biết học sinh quan tâm nghề nào, bot chỉ đếm số lượt xem theo ngày, không kèm "
                "danh tính. Số liệu nhỏ được che đi để không ai đoán ra là ai."
            ),
        ),
        (Button(_("Menu"), "menu"),),
    )


async def start(update: Update, context: Context) -> None:
    """/start, or /start <payload> from a deep link: open the card, else the welcome."""
    engine = prepare(update, context)
    link = parse(context.args[0]) if context.args and len(context.args) == 1 else None
    if link is not None and link.action is not None:
        card = engine.open(link.action)
        if card is not None:
            await send(update, context, card)
            return
    await send(update, context, engine.welcome())


async def help_command(update: Update, context: Context) -> None:
    """/help and unknown commands: what the bot can do."""
    engine = prepare(update, context)
    welcome = engine.welcome()
    commands = _("Lệnh: /menu — menu chính · /lang — đổi ngôn ngữ · /privacy — quyền riêng tư · /help — hướng dẫn")
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


async def reload(update: Update, context: Context) -> None:
    """/reload for admins: validate careers.yaml and swap it in; others get the help text."""
    data = services(context)
    user = update.effective_user
    if user is None or user.id not in data.settings.admin_ids:
        await help_command(update, context)
        return
    prepare(update, context)
    ok, message = data.knowledge.reload()
    heading = _("Đã nạp lại dữ liệu.") if ok else _("Dữ liệu mới có lỗi; bot vẫn dùng bản cũ.")
    await send(update, context, Reply((heading, message)))
