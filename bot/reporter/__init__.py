"""Reporters in Telegram: handlers (commands, buttons, text, pins, media), commands (/bahasa,
/status, rating), delivery (shows a questionnaire reply), render (prompts as Telegram text and
keyboards).
"""
