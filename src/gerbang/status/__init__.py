"""Status node: monitors, incidents, public page, feed and subscribers."""
