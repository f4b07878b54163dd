"""The command line over the library: ``storyline process|show|stages|schema|bench|eval``."""
