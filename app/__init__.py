"""The composition root: settings, wiring (bootstrap), `lapor-sosial` (cli, commands), the running
process (runtime, bot_runner, scheduler). Only app imports every layer.
"""
