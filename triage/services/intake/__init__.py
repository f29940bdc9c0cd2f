"""The reporter's side: begin / answer / ask_cancel / current (conversation, the draft in the
database), submit_report (submit: save, assess, route, schedule and notify in one
transaction), set_language / my_reports / rate (reporter), remind_and_discard (drafts,
abandoned questionnaires). draft_store holds the draft's rows.
"""
