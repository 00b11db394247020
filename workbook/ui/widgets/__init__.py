"""Small reusable widgets (the step navigator, …)."""
