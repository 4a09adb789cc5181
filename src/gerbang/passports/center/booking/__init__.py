"""Booking at the center: offices, daily quotas and slots, the fair draw, first-come places."""
