"""Social workers: import_workers_csv / set_on_duty / worker_by_telegram (manage),
create_invite / redeem_invite (invites), roster (who routing may pick, their caseloads).
csv_rows, fields and matching read and match the workers CSV; records are rows as plain data.
"""
