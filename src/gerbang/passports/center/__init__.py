"""Center only: passport applications, booking, payments, the service clock, notices, office intake, pages."""
