"""The background service: watch the inbox, journal every document, process it in
worker processes, release the original only after its outcome is recorded.
"""
