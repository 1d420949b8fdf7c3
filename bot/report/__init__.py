"""The planners' report (`careerbot report`): what the province may learn from the bot, and no more.

queries.py asks the database for aggregated counts; suppression.py hides small counts and whatever
would give them back; sections.py and survey.py turn counts into published tables and chart data;
charts.py, page.py and output.py render them (HTML page, CSV files, summary.json); run.py is the
command. Targets and published figures are read from report.yaml (config.py), not written in code.
"""
