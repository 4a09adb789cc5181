"""Pure building blocks shared by every context: errors, clock, ids, countries, calendar, money."""
