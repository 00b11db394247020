"""Dialogs, used only where the user has a decision to make."""
