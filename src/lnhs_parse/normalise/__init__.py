"""Layout -> Plan."""
