#!/usr/bin/env bash
# Writes the fuzz targets' seed corpora and dictionaries under OUT (generated, never
# committed): OUT/seeds/{scenario,set,csv}/ and OUT/{scenario,set,csv}.dict.
#   scenario: scenarios/ (files up to 64 KB), tests/scenarios/, tests/malformed/, bench/wf1.yaml
#   set:      tests/fuzz/set_seeds.txt and the --set examples of the README and docs/
#   csv:      slices of about 50 lines (with the header) of the workforce indicators
#             (data/, and ../shared/data/ if present) and small hand-made tables
#   and, for each, the inputs of tests/fuzz/regressions/TARGET/
# Usage: tests/fuzz/make_corpus.sh OUT
set -euo pipefail
out=${1:?usage: make_corpus.sh OUT}
src=$(cd "$(dirname "$0")/../.." && pwd)
seeds=$out/seeds
rm -rf "$seeds"
mkdir -p "$seeds/scenario" "$seeds/set" "$seeds/csv"

# Scenario text: every shipped and test scenario small enough to mutate quickly.
n=0
while IFS= read -r -d '' f; do
  if [ "$(stat -c %s "$f")" -le 65536 ]; then
    n=$((n + 1))
    cp "$f" "$seeds/scenario/$(printf '%03d' $n)-$(basename "$f")"
  fi
done < <(find "$src/scenarios" "$src/tests/scenarios" "$src/tests/malformed" "$src/bench" \
           -name '*.yaml' -print0 | sort -z)

# --set: the list, then the examples the docs give in single quotes.
n=0
while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" | sed 's/ ;; /\n/g' > "$seeds/set/$(printf '%03d' $n)"
done < <(grep -v '^#' "$src/tests/fuzz/set_seeds.txt";
         grep -rhoE -- "--set '[^']*'" "$src/README.md" "$src/docs" | sed "s/^--set '//; s/'\$//" | sort -u)

# CSV: the header and ~50-line slices from the start, middle and end of each file.
n=0
seen=""
for f in "$src"/data/*.csv "$src"/../shared/data/*.csv; do
  [ -f "$f" ] || continue
  sum=$(md5sum < "$f")
  case "$seen" in *"$sum"*) continue ;; esac
  seen="$seen $sum"
  lines=$(wc -l < "$f")
  for start in 2 $((lines / 2)) $((lines - 49)); do
    # A file of fewer than 50 rows gives a start before its first row: take it whole.
    [ "$start" -ge 2 ] || start=2
    n=$((n + 1))
    { head -n 1 "$f"; sed -n "${start},$((start + 49))p" "$f"; } > "$seeds/csv/$(printf '%03d' $n)-$(basename "$f")"
  done
done
head -n 50 "$src/scenarios/validation/figures.csv" > "$seeds/csv/figures-head.csv"
printf 'a,b\r\n"Kingston upon Hull, City of","say ""x"""\r\n\r\n1,2\r\n' > "$seeds/csv/quoted-crlf.csv"

# Inputs that once failed (tests/fuzz/regressions/TARGET/) are replayed first.
for t in scenario set csv; do
  if [ -d "$src/tests/fuzz/regressions/$t" ]; then
    for f in "$src/tests/fuzz/regressions/$t"/*; do
      [ -f "$f" ] && cp "$f" "$seeds/$t/regression-$(basename "$f")"
    done
  fi
done

# Dictionaries: the scenario format's keys and choices (string literals of the format
# tables and the kinds), YAML syntax; the CSV's column names and markers.
dict_entry() { sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$/"/'; }
keys=$(grep -ohE '"[a-z][a-z0-9_]*"' "$src"/engine/scenario/*format*.cpp "$src"/engine/kinds/*.cpp | tr -d '"' | sort -u)
{
  printf '%s\n' "$keys" | sed 's/$/:/' | dict_entry
  printf '%s\n' ': ' '- ' '{' '}' '[' ']' ', ' '&a ' '*a' '!!str ' '? ' '|' '>' '~' 'null' '.inf' '.nan' '1e400' \
    ' days' ' months' ' years' '2018-01-01' 'extends: buckinghamshire-2015.yaml' 'wfsim: 1' | dict_entry
} > "$out/scenario.dict"
{
  printf '%s\n' "$keys" | dict_entry
  printf '%s\n' '=' '.' '[0]' '[1]' 'authorities[0].' 'roles[0].' '{' '}' '[' ']' ': ' ', ' ' days' ' months' | dict_entry
} > "$out/set.dict"
{
  head -n 1 "$src/data/csww_indicators_2017_2023.csv" | tr ',' '\n' | dict_entry
  printf '%s\n' 'Local authority' 'Regional' 'National' 'low' 'u' 'x' 'z' ',' '"' '""' 'Reporting year' \
    'South East' 'England' | dict_entry
  echo '"\x0D\x0A"'
} > "$out/csv.dict"
for t in scenario set csv; do
  echo "$t: $(ls "$seeds/$t" | wc -l) seeds, $(wc -l < "$out/$t.dict") dictionary entries"
done
