"""The obligations engine: one small rule per obligation, evaluated over resolved facts."""
