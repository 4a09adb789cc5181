"""Web plumbing shared by every app: dependencies, error mapping, templates."""
