"""An option that takes one value, given twice, is refused, as wfsim refuses it:
argparse keeps the last, so `plot FILE -o a.png -o b.png` wrote b.png alone and said
nothing of a.png (a robustness test). An empty file name is refused too."""

import argparse


def refuse_repeats(parser, argv):
    """parser.error naming the first option of `parser` that takes one value and is
    given more than once in `argv` (the arguments `parser` parsed)."""
    once = {}
    for action in parser._actions:
        if type(action) is argparse._StoreAction and action.option_strings:
            for name in action.option_strings:
                once[name] = action
    seen = set()
    for token in argv:
        if token == "--":
            break
        if not token.startswith("-") or token == "-":
            continue
        # --name=value, --name value, -o value and -ovalue
        name = token.split("=", 1)[0] if token.startswith("--") else token[:2]
        action = once.get(name)
        if action is None:
            continue
        if action in seen:
            parser.error(f"{'/'.join(action.option_strings)} is given more than once")
        seen.add(action)


def refuse_empty_file_names(parser, args):
    """parser.error naming the first file argument (a positional one, or -o) given as
    '': read as a path it is the current folder, and was said as '. is a folder, not a
    file' (a CLI audit)."""
    for action in parser._actions:
        is_file = not action.option_strings or action.dest == "output"
        if not is_file or getattr(args, action.dest, None) != "":
            continue
        what = action.option_strings[-1] if action.option_strings else action.metavar or action.dest
        parser.error(f"the name given for {what} is empty (''): give a file name")

