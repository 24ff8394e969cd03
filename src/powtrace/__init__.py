"""powtrace: document prisoners of war, trace them across lists, monitor their treatment."""

__version__ = "0.1.0"
