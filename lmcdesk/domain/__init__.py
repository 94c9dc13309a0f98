"""Pure domain model: no Qt, no SQLAlchemy (a test enforces this)."""

from .enums import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
