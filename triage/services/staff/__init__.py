"""Staff logins for the admin view: create_staff_user, set_password, authenticate, staff_by_id
(accounts).
"""
