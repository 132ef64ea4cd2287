#!/usr/bin/env bash
# Second opinion on TermDesk's TBX exports, from Debian's validators (CI installs libxml2-utils
# and jing): the reference glossary plus a file with contexts, cross-references and Traditional
# Chinese is exported as TBX v3 and TBX v2, then
#   TBX v3: xmllint and jing against the core RelaxNG, jing against the TBX-Basic DCA Schematron
#   TBX v2: xmllint against the TBX-Basic DTD, jing against the TBX-Basic RelaxNG
# The schemas are read from ../shared/standards (never copied into the project); without them
# the script says so and exits 0. The tests do the same checks in Node (test/formats-validate.test.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

STANDARDS="$(cd .. && pwd)/shared/standards/tbx"
if [ ! -d "$STANDARDS" ]; then
  echo "validate-xml: $STANDARDS is absent; skipped"
  exit 0
fi
for tool in xmllint jing; do
  command -v "$tool" >/dev/null 2>&1 || { echo "validate-xml: $tool is not installed (apt-get install libxml2-utils jing)" >&2; exit 1; }
done
[ -f dist/cli/main.js ] || npm run build >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/validate.sqlite"
termdesk() { node bin/termdesk.js --db "$db" --quiet "$@"; }

termdesk init >/dev/null
termdesk import test/fixtures/formats/un-bodies.tbx >/dev/null
termdesk export --format tbx -o "$work/glossary.tbx"
termdesk export --format tbx2 -o "$work/glossary-v2.tbx"
# A filtered export drops cross-reference targets outside it; it must stay valid too.
termdesk export --format tbx --category concept,body -o "$work/filtered.tbx"

# jing reads a document's DOCTYPE and would fetch the DTD it names: give it the v2 file without.
grep -v '^<!DOCTYPE' "$work/glossary-v2.tbx" > "$work/glossary-v2-nodoctype.tbx"

failed=0
# Runs a validator; prints its output only when it fails (jing also prints classpath warnings on Debian).
check() {
  local what="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then
    echo "ok    $what"
  else
    echo "FAIL  $what"
    grep -v '^\[warning\] /usr/bin/jing: Unable to locate' <<<"$out" | head -20
    failed=1
  fi
}

for f in glossary filtered; do
  check "TBX v3 $f.tbx: xmllint, core RelaxNG" xmllint --noout --nonet --relaxng "$STANDARDS/v3/core/TBXcoreStructV03.rng" "$work/$f.tbx"
  check "TBX v3 $f.tbx: jing, core RelaxNG" jing "$STANDARDS/v3/core/TBXcoreStructV03.rng" "$work/$f.tbx"
  check "TBX v3 $f.tbx: jing, TBX-Basic DCA Schematron" jing "$STANDARDS/v3/basic/dca/TBX-Basic_DCA.sch" "$work/$f.tbx"
done
check "TBX v2 glossary-v2.tbx: xmllint, TBX-Basic DTD" \
  xmllint --noout --nonet --path "$STANDARDS/v2/basic" --dtdvalid "$STANDARDS/v2/basic/TBXBasiccoreStructV02.dtd" "$work/glossary-v2.tbx"
check "TBX v2 glossary-v2.tbx: jing, TBX-Basic RelaxNG" jing "$STANDARDS/v2/basic/TBXBasicRNGV02.rng" "$work/glossary-v2-nodoctype.tbx"

# The validators must be able to say no: the official negative samples fail.
if xmllint --noout --nonet --relaxng "$STANDARDS/v3/core/TBXcoreStructV03.rng" "$STANDARDS/v3/samples/core_structure_bad.tbx" 2>/dev/null; then
  echo "FAIL  core_structure_bad.tbx passed the core RelaxNG"; failed=1
else
  echo "ok    core_structure_bad.tbx is refused by the core RelaxNG"
fi
if xmllint --noout --nonet --path "$STANDARDS/v2/basic" --dtdvalid "$STANDARDS/v2/basic/TBXBasiccoreStructV02.dtd" \
  "$STANDARDS/v2/samples/tbx_basic_sample_badelementorder.tbx" 2>/dev/null; then
  echo "FAIL  tbx_basic_sample_badelementorder.tbx passed the TBX-Basic DTD"; failed=1
else
  echo "ok    tbx_basic_sample_badelementorder.tbx is refused by the TBX-Basic DTD"
fi
exit "$failed"
