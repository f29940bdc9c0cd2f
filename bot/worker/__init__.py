"""Social workers and supervisors in Telegram: handlers (buttons and typed notes), commands
(/tugas, /kasus, /bertugas, /libur, /wilayah, invites), render and screen (case cards), texts.
"""
