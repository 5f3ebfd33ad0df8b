"""The Word output: a plan as a .docx in the official layout (Nghị định 30/2020), from present.PlanView.

Takes a checked PlanDoc; gives a python-docx Document or a written .docx file (render.py)."""
