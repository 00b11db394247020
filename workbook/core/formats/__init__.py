"""Import and export of contact files (LinkedIn, Google, Outlook, vCard, plain CSV)."""
