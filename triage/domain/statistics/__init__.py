"""Official statistics of reports and children: bucketing, two-way tables and suppression."""
