"""What drives the platform through a scenario: travellers at the border, applicants, the operator."""
