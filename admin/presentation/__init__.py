"""How the admin pages say things: labels (words for codes), reports (list rows), case (times,
durations, timeline sentences).
"""
