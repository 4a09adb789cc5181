"""What the center takes from and gives to passport offices: the office feed, uploads, their review."""
