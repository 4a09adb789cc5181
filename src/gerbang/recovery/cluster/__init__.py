"""A two-site PostgreSQL cluster run by Patroni and etcd: plan, configure, supervise, read, promote."""
