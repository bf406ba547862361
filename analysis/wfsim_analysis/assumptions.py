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


def _declares(text):
    """Whether a comment declares an ASSUMPTION: init's header explains the word ("ASSUMPTION
    marks what the data lacks") without making one, and was listed whole among the
    assumptions, a calibration's log with it."""
    return "ASSUMPTION" in text.replace("ASSUMPTION marks", "")


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
            if _declares(text):
                # The file's opening comment describes the whole scenario.
                whole = block_starts_file or not key
                found.append(Assumption("(the scenario)" if whole else key, "" if whole else paths.get(number, ""),
                                        text))
            block = []
            block_starts_file = False
        if "#" in line and not stripped.startswith("#"):
            comment = line.split("#", 1)[1].strip()
            if _declares(comment):
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


_DOTTED_INDEX = re.compile(r"\.0*(\d+)(?=[.\[]|$)")
_BRACKETED_INDEX = re.compile(r"\[0*(\d+)\]")


def canonical_key(key):
    """A --set key path as the engine reads it: spaces dropped and a list index written
    with a dot (authorities.0.roles.0, which the engine takes too) written in brackets
    (authorities[0].roles[0]), as the scenario's own paths are, without leading zeros."""
    return _BRACKETED_INDEX.sub(r"[\1]", _DOTTED_INDEX.sub(r"[\1]", re.sub(r"\s+", "", key)))


def overrides_of(text):
    """[(key path, "KEY=VALUE")] of a results file's `overrides` attribute: one a line."""
    found = []
    for line in (text or "").splitlines():
        if "=" in line:
            found.append((canonical_key(line.split("=", 1)[0]), "--set " + line.strip()))
    return found


_IDENTITIES = ("name", "role", "kind")  # what names an element of a list, as `extends:` merges them
_PART = re.compile(r"[^.\[\]]+|\[\d+\]")


def _loaded(text):
    """The YAML text loaded, or None where it is not valid YAML."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _identity_key(*lists):
    """The key `extends:` merges these lists' elements by (extends.cpp identity_key):
    the first of name, role and kind that every element of every list has, as a
    plain value; None where there is none, and a list is replaced whole."""
    for key in _IDENTITIES:
        if all(isinstance(e, dict) and key in e and not isinstance(e[key], (dict, list))
               for items in lists for e in items):
            return key
    return None


def _identity_of(element, key):
    """An element's identity (extends.cpp identity_of): its key's value, and its region
    where it gives one (England's supplies and pools are one role in each region)."""
    region = element.get("region")
    return (str(element[key]), None if isinstance(region, (dict, list)) or region is None else str(region))


def merged_paths(own_text, merged_text):
    """A function from a key path in a variant's own text to the same key's path in the
    merged scenario it ran (`/scenario_resolved`), or None where it cannot be told.

    A variant's lists of named things are merged by name (or role, or kind, with the
    region): its only authority may be the base's third, so its authorities[0] is the
    run's authorities[2]. Overrides and swept keys are written in the run's paths.
    Elements are read from the loaded YAML, so an element written in flow style
    ("- {role: social_worker, ...}") is matched as one written in block style."""
    own, merged = _loaded(own_text), _loaded(merged_text)

    def translate(path):
        o, m, done = own, merged, ""
        for part in _PART.findall(path):
            if part.startswith("["):
                i = int(part[1:-1])
                if not isinstance(o, list) or not isinstance(m, list) or i >= len(o):
                    return None
                key = _identity_key(o, m)
                if key is None:
                    j = i if i < len(m) else None  # replaced whole: the same place
                else:
                    matches = [k for k, e in enumerate(m) if _identity_of(e, key) == _identity_of(o[i], key)]
                    j = matches[0] if len(matches) == 1 else None
                if j is None:
                    return None
                o, m, done = o[i], m[j], done + f"[{j}]"
            else:
                if not isinstance(o, dict) or not isinstance(m, dict) or part not in o or part not in m:
                    return None
                o, m, done = o[part], m[part], done + ("." if done else "") + part
        return done

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


def swept_marks(assumption, base_text, keys):
    """A sweep's marks on an assumption that a scenario it extends declares: the swept
    keys at or inside its key. Only the scenario at the end of the chain (one that
    extends none) is marked: its lists are numbered as the run's (a nearer file's
    elements merge into them in place, or are appended), while a nearer base numbers
    its lists its own way."""
    return changes_to(_as_element(assumption), sweep_changes(base_text, keys))


# A variant's keys that label it rather than change what it simulates.
_LABELS = ("wfsim", "name", "description", "extends")


def _label_keys(item):
    """The keys a variant's merge finds a list element by: its name (else role, else
    kind) and its region where it gives one; none for an element without them."""
    for key in ("name", "role", "kind"):
        if isinstance(item.get(key), str):
            return (key, "region") if isinstance(item.get("region"), str) else (key,)
    return ()


def _named(item):
    """What a variant's merge finds a list element by, as a label: " (Kent)", " (social_worker
    in North)", " (maternity)"; "" for none."""
    keys = _label_keys(item)
    return f" ({' in '.join(item[k] for k in keys)})" if keys else ""


def _set_paths(value, path, found):
    """Appends the leaf key paths of a loaded YAML value, a list element named by its
    `name` where it has one ("rules[0] (SE MoC cooling-off).members")."""
    if isinstance(value, dict) and value.get("remove") is True:
        # An element the variant takes out of its base's list (`remove: true`).
        found.append(f"{path} taken out")
    elif isinstance(value, dict):
        # The keys that find a named element are its label, not keys it sets: a supply
        # changed in one region read "sets agency_supply[0] (social_worker in North): role,
        # region, joining_per_year".
        labels = _label_keys(value) if path.endswith(")") else ()
        for key, item in value.items():
            if key not in labels:
                _set_paths(item, f"{path}.{key}" if path else str(key), found)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, item in enumerate(value):
            _set_paths(item, f"{path}[{i}]{_named(item)}", found)
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
    removed = [path[:-len(" taken out")] for path in found if path.endswith(" taken out")]
    found = [path for path in found if not path.endswith(" taken out")]
    # Keys of one element together: "policies[0] (NQSW programme): kind, route, role".
    by_parent = {}
    for path in found:
        parent, _, leaf = path.rpartition(".")
        by_parent.setdefault(parent, []).append(leaf)
    sets = "; ".join(f"{parent}: {', '.join(leaves)}" if parent else ", ".join(leaves)
                     for parent, leaves in by_parent.items())
    said = [f"sets {sets}"] if sets else []
    if removed:
        said.append(f"takes out {', '.join(removed)}")
    return f"extends {loaded['extends']}; " + ("; ".join(said) or "sets nothing but its name")


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


def keys_set_by(nearer_text, base_text):
    """The key paths, in the base's own numbering, that a nearer file of an `extends`
    chain sets: its leaves but the names that only say which element it merges into
    (and its region), each mapped onto the base's element of that name (none where the
    base has none)."""
    loaded, base = _loaded(nearer_text), _loaded(base_text)
    if not isinstance(loaded, dict) or not isinstance(base, dict):
        return []
    to_base = merged_paths(nearer_text, base_text)
    found = []

    def walk(value, base_value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                if path or key not in _LABELS:
                    walk(item, base_value.get(key) if isinstance(base_value, dict) else None,
                         f"{path}.{key}" if path else str(key))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            key = _identity_key(value, base_value) if isinstance(base_value, list) else None
            for i, item in enumerate(value):
                same = [e for e in base_value if _identity_of(e, key) == _identity_of(item, key)] if key else []
                for leaf, inner in item.items():
                    if leaf == key or (key and leaf == "region"):
                        continue  # says which element it merges into, not a value it sets
                    walk(inner, same[0].get(leaf) if len(same) == 1 else None, f"{path}[{i}].{leaf}")
        else:
            mapped = to_base(path)
            if mapped:
                found.append(mapped)

    walk(loaded, base, "")
    return found


def _as_element(a):
    """An assumption about a whole list element (a comment on or above "- name: X") as
    one about the element's path, which anything set inside the element changes."""
    return a._replace(path=a.path[:-len(".name")]) if label_of(a) != a.key else a


def inherited(own_text, bases):
    """[(base name, Assumption, [what sets its key nearer])] for the assumptions the
    scenarios a variant extends declare: `bases` is [(name, text)], nearest first, as a
    results file's `extends` attribute and /scenario_extends give them. A key the
    variant's own file, or a nearer base, sets is marked: the base's comment then
    describes a value that was not run. An assumption a nearer file declares again
    word for word at the same key is left to that file."""
    found = []
    repeated = {(label_of(a), a.text) for a in declared(own_text)}
    for k, (name, text) in enumerate(bases):
        nearer = [("the scenario's own file", own_text)] + [(n, t) for n, t in bases[:k]]
        setters = [(path, f"set by {who}") for who, nearer_text in nearer for path in keys_set_by(nearer_text, text)]
        for a in declared(text):
            if (label_of(a), a.text) in repeated:
                continue
            found.append((name, a, sorted(set(changes_to(_as_element(a), setters)))))
        repeated |= {(label_of(a), a.text) for a in declared(text)}
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


def inherited_by_variants(variants):
    """For a comparison: [(base name, base text, [variant names], Assumption, [marks])], each base
    listed once, not where it is a variant itself. `variants` is [(name, own text,
    bases)], bases as inherited() takes them (None or [] for none). A mark says which
    variant sets the key ("set by the scenario's own file, for Policy X"): a base shared
    by several was listed once with the first one's marks, so another's change went
    unsaid."""
    own_texts = {text for _, text, _ in variants}
    rows = {}  # base text -> {"name", "variants", "assumptions": {index: (Assumption, [marks])}}
    for variant, text, bases in variants:
        for base_name, a, marks in inherited(text, bases or []):
            base_text = dict(bases)[base_name]
            if base_text in own_texts:
                continue
            row = rows.setdefault(base_text, {"name": base_name, "variants": [], "assumptions": {}})
            if variant not in row["variants"]:
                row["variants"].append(variant)
            entry = row["assumptions"].setdefault((label_of(a), a.text, a.path), (a, []))
            entry[1].extend(f"{mark}, for {variant}" for mark in marks)
    return [(row["name"], text, row["variants"], a, marks) for text, row in rows.items()
            for a, marks in row["assumptions"].values()]
