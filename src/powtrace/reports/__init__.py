"""Reports and exports: person dossiers, the aggregate report, charts, FollowTheMoney and CSV.

Pure modules over records that ``workflows/reports.py`` has already redacted; nothing here
reads the store or the clock.
"""
