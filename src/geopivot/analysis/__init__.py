"""Analysis over the store: dyad series, alignment toward the powers, realignments, briefs."""
