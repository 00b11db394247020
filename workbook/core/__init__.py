"""The Qt-free domain: the workbook document, its models and one service module per aggregate.

Nothing under this package imports PySide6 or workbook.ui (a test checks it).
"""
