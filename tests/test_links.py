"""Deep links and QR codes for counselors: the link a poster carries opens the right card."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from bot.links import parse, payload_for, share_url, start_url
from tests.conftest import run_cli


@pytest.mark.parametrize(
    ("action", "campaign", "payload"),
    [
        ("occupation:han", None, "o_han"),
        ("school:cd-thai-nguyen", "THCS-TanCuong-9A", "s_cd-thai-nguyen__THCS-TanCuong-9A"),
        (None, "THPT-LuongNgocQuyen-12A1", "c__THPT-LuongNgocQuyen-12A1"),
    ],
    ids=["card", "card+campaign", "campaign"],
)
def test_payloads_round_trip(action: str | None, campaign: str | None, payload: str) -> None:
    assert payload_for(action, campaign) == payload
    link = parse(payload)
    assert link is not None
    assert (link.action, link.campaign) == (action, campaign)


@pytest.mark.parametrize(
    "payload", ["", "x_han", "o_", "o_HAN", "o_han__bad tag", "c", "c__", "a" * 65, "o_han__a__b", "<script>"]
)
def test_malformed_payloads_are_refused(payload: str) -> None:
    assert parse(payload) is None


def test_payload_must_fit_64_characters() -> None:
    with pytest.raises(ValueError, match="Telegram allows 64"):
        payload_for("school:cd-cong-nghe-kinh-te-cong-nghiep", "T" * 30)


def test_share_url_wraps_the_start_link() -> None:
    assert start_url("bot", "o_han") == "https://t.me/bot?start=o_han"
    assert share_url("bot", "o_han").startswith("https://t.me/share/url?url=https%3A%2F%2Ft.me%2Fbot%3Fstart%3Do_han")


def test_link_command_prints_the_link_and_writes_a_readable_qr_code(tmp_path: Path) -> None:
    poster = tmp_path / "poster.png"
    result = run_cli(
        "link",
        "--to",
        "occupation:han",
        "--campaign",
        "THCS-TanCuong-9A",
        "--qr",
        str(poster),
        env={"BOT_USERNAME": "careerbot_tn_bot"},
    )
    assert result.returncode == 0, result.stderr
    url = "https://t.me/careerbot_tn_bot?start=o_han__THCS-TanCuong-9A"
    assert result.stdout.splitlines()[0] == url
    decoded = [code.text for code in zxingcpp.read_barcodes(Image.open(poster))]
    assert decoded == [url]  # a phone camera reads exactly this link
    assert url in (tmp_path / "poster.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--to", "occupation:khong-co"], "no card 'occupation:khong-co'"),
        (["--to", "occupation:han", "--campaign", "lớp 9A"], "campaign tag 'lớp 9A'"),
        (["--to", "school:cd-cong-nghe-kinh-te-cong-nghiep", "--campaign", "T" * 40], "Telegram allows 64"),
    ],
    ids=["unknown-card", "bad-tag", "too-long"],
)
def test_link_command_errors_are_one_line(args: list[str], says: str) -> None:
    result = run_cli("link", *args, env={"BOT_USERNAME": "careerbot_tn_bot"})
    assert result.returncode == 2
    assert says in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_link_command_needs_the_bot_username() -> None:
    result = run_cli("link", "--to", "occupation:han", env={"BOT_USERNAME": ""})
    assert result.returncode == 2
    assert "set BOT_USERNAME" in result.stderr
