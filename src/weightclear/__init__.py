"""weightclear: licence clearance for open-weights AI models."""

__version__ = "0.1.0"
