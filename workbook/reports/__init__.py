"""Printed output made with ReportLab. Qt-free, like workbook.core."""
