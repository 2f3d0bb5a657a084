"""moodlog: a private mood, medication and therapy-skills journal for the command line."""

__version__ = "0.1.0"
