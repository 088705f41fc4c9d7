"""Deciding: which office and which kind of letter, how sure, and where it goes.

rules (the administrators' rule tables) and model (the trained classifier) score a
document; classify combines them into a Decision or abstains; route turns the
Decision into a Plan. training fits the model. Nothing here does I/O on documents.
"""
