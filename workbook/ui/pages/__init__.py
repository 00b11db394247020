"""One page per step of the method, plus Today, the welcome and the no-workbook page."""
