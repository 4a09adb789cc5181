"""The gerbang command line, one module per area."""
