"""The assumptions a scenario declares: every comment that says ASSUMPTION, whole.

A comment block (consecutive comment lines) or a comment at the end of a line is
taken whole, not line by line, and paired with the key it annotates: the key on its
own line, or the first key after the block. "see above" and the like are kept, as
they point to the block before.

Each is also given the key's full path as `--set` writes it
("authorities[0].roles[0].recruitment.applicants_per_year"), so that a report can say
which of them a run changed on the command line: the text still says 48 applicants a
year when `--set` made them 60.
"""

import re
from collections import namedtuple

_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")
_ITEM = re.compile(r"^(\s*)-(\s+|$)")

Assumption = namedtuple("Assumption", "key path text")


def _key_of(line):
    match = _KEY.match(line)
    return match.group(1) if match else ""


def _depth_change(line):
    """How far the line opens flow collections ({ and [), quotes and comments skipped."""
    depth, quote = 0, ""
    for ch in line:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            break
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
    return depth


def key_paths(text):
    """{line number: key path} for each line of block-style YAML that starts a key.

    Keys inside flow collections ({a: 1, b: 2}) are not listed: their line is the key
    that holds the collection. Lines inside a flow collection that spans lines belong
    to it, not to a key of their own."""
    paths = {}
    stack = []  # entries [indent, name, kind, items]: kind "key" or "item"
    flow = 0
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if flow > 0:
            flow = max(0, flow + _depth_change(line))
            continue
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        item = _ITEM.match(line)
        if item:
            dash = len(item.group(1))
            while stack and (stack[-1][0] > dash or (stack[-1][0] == dash and stack[-1][2] == "item")):
                stack.pop()
            if stack and stack[-1][2] == "key":
                index = stack[-1][3]
                stack[-1][3] += 1
            else:
                index = 0
            stack.append([dash, f"[{index}]", "item", 0])
            indent = dash + len(item.group(0)) - len(item.group(1))
        else:
            indent = len(line) - len(line.lstrip())
            while stack and stack[-1][0] >= indent:
                stack.pop()
        key = _key_of(line)
        if key:
            prefix = ""
            for _, name, _, _ in stack:
                prefix += name if name.startswith("[") or not prefix else "." + name
            paths[number] = prefix + key if not prefix or key.startswith("[") else prefix + "." + key
            # A block below the key: nothing after the colon but, perhaps, an anchor
            # or a tag ("leaving: &leaving").
            value = re.sub(r"^\s*([&!]\S*\s*)*", "", line.split(":", 1)[1].split("#", 1)[0])
            if not value.strip():
                stack.append([indent, key, "key", 0])
        flow = max(0, _depth_change(line))
    return paths


def declared(scenario_text):
    """[Assumption(key, path, text)] for every comment in the scenario that declares an
    ASSUMPTION; path is "" for one about the whole scenario."""
    paths = key_paths(scenario_text)
    found = []
    block = []
    block_starts_file = False
    for number, line in enumerate(scenario_text.splitlines() + [""]):
        stripped = line.strip()
        if stripped.startswith("#"):
            block_starts_file = block_starts_file or (number == 0 and not block)
            block.append(stripped.lstrip("#").strip())
            continue
        key = _key_of(line)
        if block:
            text = " ".join(part for part in block if part)
            if "ASSUMPTION" in text:
                # The file's opening comment describes the whole scenario.
                whole = block_starts_file or not key
                found.append(Assumption("(the scenario)" if whole else key, "" if whole else paths.get(number, ""),
                                        text))
            block = []
            block_starts_file = False
        if "#" in line and not stripped.startswith("#"):
            comment = line.split("#", 1)[1].strip()
            if "ASSUMPTION" in comment:
                found.append(Assumption(key, paths.get(number, ""), comment))
    return found


def label_of(assumption):
    """What an assumption is about: its key, or for a comment above a list element's
    name ("- name: SE MoC"), the element ("rules[0]"): "name" said nothing."""
    if assumption.key == "name" and assumption.path.endswith("].name"):
        return assumption.path[:-len(".name")]
    return assumption.key


def assumptions(scenario_text):
    """[(key, text)] for every comment in the scenario that declares an ASSUMPTION."""
    return [(label_of(a), a.text) for a in declared(scenario_text)]


def _within(path, section):
    return path == section or path.startswith(section + ".") or path.startswith(section + "[")


def overrides_of(text):
    """[(key path, "KEY=VALUE")] of a results file's `overrides` attribute: one a line."""
    found = []
    for line in (text or "").splitlines():
        if "=" in line:
            found.append((re.sub(r"\s+", "", line.split("=", 1)[0]), "--set " + line.strip()))
    return found


_IDENTITIES = ("name", "role", "kind")  # what names an element of a list, as `extends:` merges them
_PART = re.compile(r"[^.\[\]]+|\[\d+\]")


def _identities(text):
    """{list element's path: (identity key, value)}: "authorities[1]" -> ("name", "B")."""
    found = {}
    lines = text.splitlines()
    for number, path in key_paths(text).items():
        element, _, key = path.rpartition(".")
        if key not in _IDENTITIES or not element.endswith("]"):
            continue
        value = lines[number].split(":", 1)[1].split(" #", 1)[0].strip().strip("\"'")
        known = found.get(element)
        if known is None or _IDENTITIES.index(key) < _IDENTITIES.index(known[0]):
            found[element] = (key, value)
    return found


def merged_paths(own_text, merged_text):
    """A function from a key path in a variant's own text to the same key's path in the
    merged scenario it ran (`/scenario_resolved`), or None where it cannot be told.

    A variant's lists of named things are merged by name: its only authority may be
    the base's third, so its authorities[0] is the run's authorities[2]. Overrides and
    swept keys are written in the run's paths."""
    own, merged = _identities(own_text), _identities(merged_text)

    def translate(path):
        done = ""
        for part in _PART.findall(path):
            if not part.startswith("["):
                done += ("." if done else "") + part
                continue
            element = own.get(_prefix_in_own(path, part, done))
            if element is None:
                return None
            matches = [p for p, identity in merged.items()
                       if identity == element and re.fullmatch(re.escape(done) + r"\[\d+\]", p)]
            if len(matches) != 1:
                return None
            done = matches[0]
        return done

    def _prefix_in_own(path, part, done):
        # The own text's path up to and including this element: the same components.
        count = len(_PART.findall(done)) + 1
        return "".join(p if p.startswith("[") else ("." + p if i else p)
                       for i, p in enumerate(_PART.findall(path)[:count]))

    return translate


def changes_to(assumption, changes, path_in_run=None):
    """The changes, [(key path, label)], made at or inside the assumption's key, or to
    the section holding it: what makes its text no longer what was run. Changes are in
    the run's paths; `path_in_run` maps the assumption's path there (merged_paths) for a
    variant, whose own text numbers its lists otherwise."""
    path = assumption.path if path_in_run is None or not assumption.path else path_in_run(assumption.path)
    if not path:
        return []
    return [label for key, label in changes if _within(key, path) or _within(path, key)]


def swept_keys(f, measure="total_cost", path=""):
    """An open sweep file's swept keys, in the order given: [(meaning, key path,
    [values])], from the dimension scales of `measure`'s summary (the datasets'
    leading dimensions follow the order the keys were given; h5py lists the group
    alphabetically). A scale no link leads to is a damaged file (ResultsError)."""
    from .results import ResultsError, as_text

    summary = f["summary/" + measure]
    keys = []
    for axis in range(len(f["sweep"])):
        scale = summary.dims[axis][0]
        if scale.name is None:  # h5py's answer for an object no link leads to
            raise ResultsError(f"{path or f.filename} is damaged or not a complete wfsim file: the scale of its swept "
                               f"parameter {axis + 1} has no name")
        # Files from before the scales carried a meaning are labelled by the scale's name.
        meaning = as_text(scale.attrs["long_name"]) if "long_name" in scale.attrs else scale.name.split("/")[-1]
        keys.append((meaning, as_text(scale.attrs.get("key", "")), [as_text(v) for v in scale[()]]))
    return keys


def sweep_changes(base_text, keys):
    """The (key, how) pairs changes_to() marks a sweep's assumptions with: each swept
    key "swept in this run over V1, V2". None where the base extends another scenario:
    it numbers its lists its own way, and a sweep file keeps no merged text to map them."""
    if re.search(r"^extends\s*:", base_text, re.M):
        return []
    return [(key, f"swept in this run over {', '.join(values)}") for _, key, values in keys]


# A variant's keys that label it rather than change what it simulates.
_LABELS = ("wfsim", "name", "description", "extends")


def _set_paths(value, path, found):
    """Appends the leaf key paths of a loaded YAML value, a list element named by its
    `name` where it has one ("rules[0] (SE MoC cooling-off).members")."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "name" or not path.endswith(")"):
                _set_paths(item, f"{path}.{key}" if path else str(key), found)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, item in enumerate(value):
            named = f" ({item['name']})" if isinstance(item.get("name"), str) else ""
            _set_paths(item, f"{path}[{i}]{named}", found)
    else:
        found.append(path)


def variant_changes(text):
    """What a variant (a scenario with `extends:`) says of itself: "extends BASE; sets
    KEY, KEY, ..." from its own file, or "" for a scenario that extends none. Its
    assumptions are its base's, which a comparison file holds under the base's own
    name only if the base is one of its variants: this says what the variant changed."""
    import yaml

    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return ""
    if not isinstance(loaded, dict) or not loaded.get("extends"):
        return ""
    found = []
    for key, value in loaded.items():
        if key not in _LABELS:
            _set_paths(value, str(key), found)
    # Keys of one element together: "policies[0] (NQSW programme): kind, route, role".
    by_parent = {}
    for path in found:
        parent, _, leaf = path.rpartition(".")
        by_parent.setdefault(parent, []).append(leaf)
    sets = "; ".join(f"{parent}: {', '.join(leaves)}" if parent else ", ".join(leaves)
                     for parent, leaves in by_parent.items()) or "nothing but its name"
    return f"extends {loaded['extends']}; sets {sets}"


def uncertain_keys(text):
    """The key paths a scenario gives as a spread ({mean, sd} or {low, high}: its
    uncertain inputs), as its own file writes them; [] if none or not YAML."""
    import yaml

    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            if set(value) in ({"mean", "sd"}, {"low", "high"}):
                found.append(path)
                return
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(loaded, "")
    return found


def _leaf_paths(value, path=""):
    """The key paths of a loaded YAML value's leaves, as --set writes them."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _leaf_paths(item, f"{path}.{key}" if path else str(key))]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [p for i, item in enumerate(value) for p in _leaf_paths(item, f"{path}[{i}]")]
    return [path]


def _paths_set(nearer_text, base_text):
    """The key paths, in the base's own numbering, that a nearer file of an `extends`
    chain sets: its leaves but the names that only say which element it merges into,
    each mapped onto the base's element of that name (none where the base has none)."""
    import yaml

    try:
        loaded = yaml.safe_load(nearer_text)
    except yaml.YAMLError:
        return []
    if not isinstance(loaded, dict):
        return []
    identities = _identities(nearer_text)
    to_base = merged_paths(nearer_text, base_text)
    found = []
    for key, value in loaded.items():
        if key in _LABELS:
            continue
        for path in _leaf_paths(value, str(key)):
            element, _, leaf = path.rpartition(".")
            if identities.get(element, ("",))[0] == leaf:
                continue
            mapped = to_base(path)
            if mapped:
                found.append(mapped)
    return found


def inherited(own_text, bases):
    """[(base name, Assumption, [what sets its key nearer])] for the assumptions the
    scenarios a variant extends declare: `bases` is [(name, text)], nearest first, as a
    results file's `extends` attribute and /scenario_extends give them. A key the
    variant's own file, or a nearer base, sets is marked: the base's comment then
    describes a value that was not run."""
    found = []
    for k, (name, text) in enumerate(bases):
        nearer = [("the scenario's own file", own_text)] + [(n, t) for n, t in bases[:k]]
        setters = [(path, f"set by {who}") for who, nearer_text in nearer for path in _paths_set(nearer_text, text)]
        for a in declared(text):
            changed = changes_to(a, setters)
            found.append((name, a, sorted(set(changed))))
    return found


def extended_scenarios(f, variant=None):
    """[(name, text)] of the scenarios a run (or a comparison's or sweep's variant
    number `variant`) extends, nearest first, from the texts the file keeps of them;
    None for a file written before it kept them, [] for a scenario that extends none."""
    from .results import as_text

    if variant is None:
        names = [b for b in as_text(f.attrs.get("extends", "")).splitlines() if b]
        if not names:
            return []
        dataset = f.get("scenario_extends")
    else:
        if not re.search(r"^extends\s*:", as_text(f["scenario"][str(variant)][()]), re.M):
            return []
        group = f.get("scenario_extends")
        dataset = group.get(str(variant)) if group is not None else None
        if dataset is None:
            return None
        names = [b for b in as_text(dataset.attrs.get("extends", "")).splitlines() if b]
    if dataset is None:
        return None
    texts = [as_text(t) for t in dataset[()]]
    return list(zip(names, texts)) if len(names) == len(texts) else None
