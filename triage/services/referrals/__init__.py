"""The directory of services and cases' referrals to them: the CSV import and the admin's
changes (`directory.py`, `importing.py`), the services offered for a case (`choices.py`), the
worker's referral and its status (`actions.py`), reminders (`reminders.py`), the counts the
statistics read (`counts.py`)."""
