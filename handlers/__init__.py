"""Thin Telegram handlers: unpack the update, call knowledge/, render, reply."""
