"""Messages the system sends on its own: queue (enqueue in the same transaction as the change;
claim_pending, mark_sent, mark_failed for the sender), port (OutboxMessages, the words and
buttons, implemented in bot/messages), notices (the plain data the port takes).
"""
