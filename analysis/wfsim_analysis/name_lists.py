"""Names listed in a message (the councils, regions or measures a file has)."""


def names_listed(names):
    """Names for a message: escaped where not printable (a file made elsewhere acted on
    the terminal, an audit), all of them up to 50 (the 43 measures), else the first 20
    and how many more (England's 152 councils made one very long line)."""
    shown = [str(n) if str(n).isprintable() else repr(str(n))[1:-1] for n in names]
    return ", ".join(shown if len(shown) <= 50 else shown[:20] + [f"and {len(shown) - 20} more"])
