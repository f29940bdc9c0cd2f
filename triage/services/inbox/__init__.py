"""Updates received by webhook: queue (store before Telegram is answered, claim what a stop or
a failure left, mark processed or failed, release, forget after the retention period), port
(UpdateReceiver, what the web adapter hands a posted update to; implemented in bot/webhook.py).
"""
