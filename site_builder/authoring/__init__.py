"""Authoring help for schools: a new plan from last year's (newplan).

Takes the repository and a school; writes a new plan file. Uses model, source and check only."""
