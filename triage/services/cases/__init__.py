"""A case after it is routed. Workers in Telegram: accept_case (accept), decline_case
(decline), mark_contacted / mark_visited / close_case (progress), request_help
(help), await_input / take_typed_input (worker_input), card_for_assignment / my_cases
(worker_views), region_overview (overview, /wilayah). Staff on the web: list_reports
(queries), export_reports (export), queue_choices, case_detail / case_visible (detail).
Shared: assign (record_assignment), facts.
"""
