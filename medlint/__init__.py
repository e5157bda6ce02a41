"""medlint: an editorial compliance linter for consumer-facing medical articles."""

__version__ = "0.1.0"

__all__ = ["__version__"]
