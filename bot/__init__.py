"""Wiring: settings, the command line, the Telegram application, signals and reports."""
