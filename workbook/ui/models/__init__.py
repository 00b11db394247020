"""QAbstractTableModel subclasses over Python lists (filter and sort in Python)."""
