"""One folder or module per screen."""
