"""From a YAML file to a validated scenario, with every problem located and explained."""
