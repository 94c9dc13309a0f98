"""LMC Desk: probity-complete minutes for LMC and GP federation meetings."""

__version__ = "0.1.0"
