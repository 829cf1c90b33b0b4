"""OSR mandates (step 2): granted per BRIN4 by the school's board for a (dienst, systeem) pair."""
