"""Pure passport rules: NIK checks, the application lifecycle, fees and service levels, fair allocation."""
