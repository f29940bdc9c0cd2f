"""SLA timers as rows: deadlines (schedule, cancel), sweep (claims due rows and fires each once),
escalate (reminders and escalations one step up), digest (send_digests, remind_stale), override
(override_urgency: a staff change of urgency, timers rescheduled).
"""
