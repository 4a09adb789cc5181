"""The center's passport pages: the applicant portal and the officer console."""
