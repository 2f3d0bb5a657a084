"""Turning records into what people read: terminal tables here, report figures and pages later.
Rich and matplotlib are imported inside the functions that use them."""
