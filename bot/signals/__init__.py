"""Anonymous interest signals: what the province's planners may know, and nothing about who.

See models.py for exactly what one event keeps, recorder.py for how events are written off the
answer path, pseudonyms.py for the daily rotating key, scrub.py for unanswered questions.
"""
