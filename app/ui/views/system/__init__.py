"""The learning-system screen: details, focus areas, free tags and sessions."""
