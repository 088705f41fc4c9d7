"""Delivering: a Plan becomes files in DMS folders with index sidecars, review and
quarantine copies, a searchable PDF where a route asks for one, or GUI steps played
on a DMS client that has no import interface.
"""
