"""Text: number formatting in the seeds' conventions, sandboxed templates, auto-insights."""
