#!/usr/bin/env bash
# Installs the "other official Tencent clients" that test/conformance drives against the emulator:
#   .tools/python-peers        venv with tencentcloud-sdk-python-omics + -common (the Python SDK peer)
#   .tools/python-peers-tccli  venv with tccli (the Tencent Cloud CLI peer; separate, see tccli-requirements.txt)
#   .tools/go-peer/omics-go-peer  the Go SDK peer (test/conformance/peers/go), when `go` is installed
# Versions are pinned in scripts/setup/python-peers/*.txt (transitive ones too) and in
# test/conformance/peers/go/go.mod + go.sum (from the Go module proxy).
#
# Idempotent and cached: each venv carries a stamp (hash of its requirements file, this script and
# the Python version). A venv whose stamp matches is left alone (second run: well under a second);
# a missing, partial or outdated one is rebuilt from scratch. Concurrent runs are serialized by a lock.
# Needs python3 (>= 3.8, with venv) and PyPI (pip's usual index settings apply); for the Go peer,
# a Go toolchain and the Go module proxy (without `go`, the Go peer is left out and its tests fail).
#
# Usage: scripts/setup/python-peers.sh [--check] [--force] [--quiet]
#   --check  report whether the peers are installed and current; exit 1 if not; install nothing
#   --force  rebuild every peer even if current
#   --quiet  only print errors and the final summary line
# Environment: PYTHON (interpreter to build the venvs from; default python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REQ_DIR="$ROOT/scripts/setup/python-peers"
TOOLS="$ROOT/.tools"
PY="${PYTHON:-python3}"
SETUP_NAME=python-peers SETUP_SCRIPT="${BASH_SOURCE[0]}"
# shellcheck source=common.sh
source "$ROOT/scripts/setup/common.sh"
setup_parse_args "$@"

command -v "$PY" >/dev/null 2>&1 || die "$PY not found; install Python >= 3.8 (with the venv module) or set PYTHON"
"$PY" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 8) else 1)' \
  || die "$PY must be Python >= 3.8 with the venv module"
PY_VERSION="$("$PY" -c 'import sys; print(sys.version.split()[0])')"

sha() { cat "$@" | sha256sum | cut -c1-16; }  # content only, whatever the path used to call us
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
  say "$label: building venv at ${venv#"$ROOT"/} with $PY ($PY_VERSION)"
  rm -rf "$venv"
  "$PY" -m venv "$venv"
  say "$label: installing pinned packages from ${req#"$ROOT"/} (first run downloads from PyPI)"
  local pipq=()
  [ "$QUIET" = 1 ] && pipq=(-q)
  # --no-deps would hide a missing pin; instead install the full pinned set and let pip verify it.
  "$venv/bin/python" -m pip install "${pipq[@]}" --disable-pip-version-check --no-input \
      --progress-bar off -r "$req" >&2 \
    || { rm -rf "$venv"; die "$label: pip install failed (is PyPI reachable?)"; }
  local check
  check="$("$venv/bin/python" -m pip check 2>&1)" || { echo "$check" >&2; rm -rf "$venv"; die "$label: inconsistent dependencies"; }
  "$venv/bin/python" -c "$probe" || { rm -rf "$venv"; die "$label: installed, but the import check failed"; }
  stamp_for "$req" > "$venv/.peers-stamp"
  say "$label: ready in $(( $(date +%s) - started ))s"
}

GO_SRC="$ROOT/test/conformance/peers/go"
GO_OUT="$TOOLS/go-peer"
GO_BIN="$GO_OUT/omics-go-peer"
go_stamp() { echo "go=$(go env GOVERSION) script=$SCRIPT_HASH src=$(sha "$GO_SRC/go.mod" "$GO_SRC/go.sum" "$GO_SRC"/*.go)"; }
go_current() { [ -x "$GO_BIN" ] && [ -f "$GO_OUT/.peers-stamp" ] && [ "$(cat "$GO_OUT/.peers-stamp")" = "$(go_stamp)" ]; }
build_go() {
  local started
  started=$(date +%s)
  if ! command -v go >/dev/null 2>&1; then
    echo "[python-peers] WARNING: no Go toolchain; the Go SDK peer is not built (its conformance tests will fail)" >&2
    rm -rf "$GO_OUT"
    return 0
  fi
  if [ "$FORCE" = 0 ] && go_current; then
    say "go sdk: up to date (${GO_BIN#"$ROOT"/})"
    return 0
  fi
  say "go sdk: building ${GO_BIN#"$ROOT"/} from ${GO_SRC#"$ROOT"/} with $(go env GOVERSION) (first run downloads the pinned module)"
  rm -rf "$GO_OUT"
  mkdir -p "$GO_OUT"
  (cd "$GO_SRC" && GOFLAGS="-mod=readonly -buildvcs=false" GOTOOLCHAIN=local go build -trimpath -o "$GO_BIN.tmp" .) \
    || { rm -rf "$GO_OUT"; die "go sdk: build failed (is the Go module proxy reachable?)"; }
  mv "$GO_BIN.tmp" "$GO_BIN"
  go_stamp > "$GO_OUT/.peers-stamp"
  say "go sdk: ready in $(( $(date +%s) - started ))s"
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
  if command -v go >/dev/null 2>&1; then
    go_current && echo "go sdk peer: current" || { echo "go sdk peer: missing or outdated"; ok=1; }
  else
    echo "go sdk peer: no go toolchain"; ok=1
  fi
  exit $ok
fi

mkdir -p "$TOOLS"
exec 9>"$TOOLS/.python-peers.lock"
if command -v flock >/dev/null 2>&1; then
  flock -n 9 || { say "another setup run holds the lock; waiting"; flock 9; }
fi

build "$SDK_VENV" "$SDK_REQ" "python sdk" "$SDK_PROBE"
build "$TCCLI_VENV" "$TCCLI_REQ" "tccli" "$TCCLI_PROBE"
build_go

# Machine-readable summary for the tests: interpreter paths and the versions actually installed.
GO_MODULE_VERSION="$(sed -n 's#^require github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common \(v[^ ]*\)$#\1#p' "$GO_SRC/go.mod")"
"$SDK_VENV/bin/python" - "$SDK_VENV" "$TCCLI_VENV" "$GO_BIN" "$GO_MODULE_VERSION" > "$TOOLS/python-peers.json.tmp.$$" <<'PYEOF'
import json, os, sys, subprocess
from importlib import metadata
sdk, tccli, go_bin, go_version = sys.argv[1:5]
def versions(py, names):
    code = "import json,sys\nfrom importlib import metadata\nprint(json.dumps({n: metadata.version(n) for n in sys.argv[1:]}))"
    return json.loads(subprocess.check_output([py, "-c", code] + names))
print(json.dumps({
    "python": {"bin": sdk + "/bin/python",
               "packages": versions(sdk + "/bin/python", ["tencentcloud-sdk-python-omics", "tencentcloud-sdk-python-common"])},
    "tccli": {"bin": tccli + "/bin/tccli", "python": tccli + "/bin/python",
              "packages": versions(tccli + "/bin/python", ["tccli", "tencentcloud-sdk-python"])},
    "go": ({"bin": go_bin, "packages": {"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common": go_version}}
           if os.access(go_bin, os.X_OK) else None),
}, indent=2))
PYEOF
mv -f "$TOOLS/python-peers.json.tmp.$$" "$TOOLS/python-peers.json"  # atomic for concurrent readers
echo "[python-peers] peers ready: $("$SDK_VENV/bin/python" -c 'import json,sys; m=json.load(open(sys.argv[1])); print(", ".join("%s %s" % kv for p in ("python", "tccli", "go") if m[p] for kv in sorted(m[p]["packages"].items())))' "$TOOLS/python-peers.json") (summary: ${TOOLS#"$ROOT"/}/python-peers.json)" >&2
