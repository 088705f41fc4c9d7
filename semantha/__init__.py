"""Semantha: reads scanned mail, decides which office it is for, and delivers it there."""

__version__ = "0.1.0"
