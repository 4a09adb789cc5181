"""The two-site lab on one machine: the database cluster, a center per site, the edges and status."""
