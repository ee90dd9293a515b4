#!/usr/bin/env bash
# Installs the "other official Tencent clients" that test/conformance drives against the emulator:
#   .tools/python-peers        venv with tencentcloud-sdk-python-omics + -common (the Python SDK peer)
#   .tools/python-peers-tccli  venv with tccli (the Tencent Cloud CLI peer; separate, see tccli-requirements.txt)
# Versions are pinned in scripts/setup/python-peers/*.txt (transitive ones too).
#
# Idempotent and cached: each venv carries a stamp (hash of its requirements file, this script and
# the Python version). A venv whose stamp matches is left alone (second run: well under a second);
# a missing, partial or outdated one is rebuilt from scratch. Concurrent runs are serialized by a lock.
# Needs python3 (>= 3.8, with venv) and PyPI (pip's usual index settings apply).
#
# Usage: scripts/setup/python-peers.sh [--check] [--force] [--quiet]
#   --check  report whether the peers are installed and current; exit 1 if not; install nothing
#   --force  rebuild both venvs even if current
#   --quiet  only print errors and the final summary line
# Environment: PYTHON (interpreter to build the venvs from; default python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REQ_DIR="$ROOT/scripts/setup/python-peers"
TOOLS="$ROOT/.tools"
PY="${PYTHON:-python3}"
CHECK=0 FORCE=0 QUIET=0
for arg in "$@"; do
  case "$arg" in
    --check) CHECK=1 ;;
    --force) FORCE=1 ;;
    --quiet) QUIET=1 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "python-peers: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

say() { [ "$QUIET" = 1 ] || echo "[python-peers] $*" >&2; }
die() { echo "[python-peers] ERROR: $*" >&2; exit 1; }

command -v "$PY" >/dev/null 2>&1 || die "$PY not found; install Python >= 3.8 (with the venv module) or set PYTHON"
"$PY" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 8) else 1)' \
  || die "$PY must be Python >= 3.8 with the venv module"
PY_VERSION="$("$PY" -c 'import sys; print(sys.version.split()[0])')"

sha() { sha256sum "$@" | sha256sum | cut -c1-16; }
SCRIPT_HASH="$(sha "${BASH_SOURCE[0]}")"

stamp_for() { # requirements file -> expected stamp content
  echo "python=$PY_VERSION script=$SCRIPT_HASH req=$(sha "$1")"
}

is_current() { # venv dir, requirements file, import check
  local venv="$1" req="$2" probe="$3"
  [ -x "$venv/bin/python" ] || return 1
  [ -f "$venv/.peers-stamp" ] || return 1
  [ "$(cat "$venv/.peers-stamp")" = "$(stamp_for "$req")" ] || return 1
  "$venv/bin/python" -c "$probe" >/dev/null 2>&1 || return 1
}

build() { # venv dir, requirements file, label, import check
  local venv="$1" req="$2" label="$3" probe="$4" started
  started=$(date +%s)
  if [ "$FORCE" = 0 ] && is_current "$venv" "$req" "$probe"; then
    say "$label: up to date ($venv)"
    return 0
  fi
  say "$label: building venv at ${venv#$ROOT/} with $PY ($PY_VERSION)"
  rm -rf "$venv"
  "$PY" -m venv "$venv"
  say "$label: installing pinned packages from ${req#$ROOT/} (first run downloads from PyPI)"
  local pipq=()
  [ "$QUIET" = 1 ] && pipq=(-q)
  # --no-deps would hide a missing pin; instead install the full pinned set and let pip verify it.
  "$venv/bin/python" -m pip install "${pipq[@]}" --disable-pip-version-check --no-input \
      --progress-bar off -r "$req" >&2 \
    || { rm -rf "$venv"; die "$label: pip install failed (is PyPI reachable?)"; }
  "$venv/bin/python" -m pip check >&2 || { rm -rf "$venv"; die "$label: inconsistent dependencies"; }
  "$venv/bin/python" -c "$probe" || { rm -rf "$venv"; die "$label: installed, but the import check failed"; }
  stamp_for "$req" > "$venv/.peers-stamp"
  say "$label: ready in $(( $(date +%s) - started ))s"
}

SDK_VENV="$TOOLS/python-peers"
TCCLI_VENV="$TOOLS/python-peers-tccli"
SDK_REQ="$REQ_DIR/sdk-requirements.txt"
TCCLI_REQ="$REQ_DIR/tccli-requirements.txt"
SDK_PROBE='from tencentcloud.omics.v20221128 import omics_client, models; from tencentcloud.common.profile.http_profile import HttpProfile'
TCCLI_PROBE='import tccli.main, tccli.services.omics'

if [ "$CHECK" = 1 ]; then
  ok=0
  is_current "$SDK_VENV" "$SDK_REQ" "$SDK_PROBE" && echo "python sdk peer: current" || { echo "python sdk peer: missing or outdated"; ok=1; }
  is_current "$TCCLI_VENV" "$TCCLI_REQ" "$TCCLI_PROBE" && echo "tccli peer: current" || { echo "tccli peer: missing or outdated"; ok=1; }
  exit $ok
fi

mkdir -p "$TOOLS"
exec 9>"$TOOLS/.python-peers.lock"
if command -v flock >/dev/null 2>&1; then
  flock -n 9 || { say "another setup run holds the lock; waiting"; flock 9; }
fi

build "$SDK_VENV" "$SDK_REQ" "python sdk" "$SDK_PROBE"
build "$TCCLI_VENV" "$TCCLI_REQ" "tccli" "$TCCLI_PROBE"

# Machine-readable summary for the tests: interpreter paths and the versions actually installed.
"$SDK_VENV/bin/python" - "$SDK_VENV" "$TCCLI_VENV" > "$TOOLS/python-peers.json" <<'PYEOF'
import json, sys, subprocess
from importlib import metadata
sdk, tccli = sys.argv[1], sys.argv[2]
def versions(py, names):
    code = "import json,sys\nfrom importlib import metadata\nprint(json.dumps({n: metadata.version(n) for n in sys.argv[1:]}))"
    return json.loads(subprocess.check_output([py, "-c", code] + names))
print(json.dumps({
    "python": {"bin": sdk + "/bin/python",
               "packages": versions(sdk + "/bin/python", ["tencentcloud-sdk-python-omics", "tencentcloud-sdk-python-common"])},
    "tccli": {"bin": tccli + "/bin/tccli", "python": tccli + "/bin/python",
              "packages": versions(tccli + "/bin/python", ["tccli", "tencentcloud-sdk-python"])},
}, indent=2))
PYEOF
say "peers ready: $("$SDK_VENV/bin/python" -c 'import json,sys; m=json.load(open(sys.argv[1])); print(", ".join("%s %s" % kv for p in ("python", "tccli") for kv in sorted(m[p]["packages"].items())))' "$TOOLS/python-peers.json") (summary: ${TOOLS#$ROOT/}/python-peers.json)"
