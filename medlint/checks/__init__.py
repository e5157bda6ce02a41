"""Built-in rules, one module per rule group.  Importing a module registers its rules."""
