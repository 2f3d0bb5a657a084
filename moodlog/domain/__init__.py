"""Records, validation, scales and scoring: plain Python, no I/O, no heavy imports."""
