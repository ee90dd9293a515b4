# shellcheck shell=bash disable=SC2034 # the flags are read by the scripts that source this file
# Shared by the setup scripts in this folder (sourced, not run): the --check/--force/--quiet
# arguments, --help printed from the calling script's header comment, and say/die prefixed with
# the script's name. Set SETUP_NAME and SETUP_SCRIPT, then: setup_parse_args "$@".
CHECK=0 FORCE=0 QUIET=0

setup_parse_args() {
  local arg
  for arg in "$@"; do
    case "$arg" in
      --check) CHECK=1 ;;
      --force) FORCE=1 ;;
      --quiet) QUIET=1 ;;
      -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$SETUP_SCRIPT"; exit 0 ;;
      *) echo "$SETUP_NAME: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
  done
}

say() { [ "$QUIET" = 1 ] || echo "[$SETUP_NAME] $*" >&2; }
die() { echo "[$SETUP_NAME] ERROR: $*" >&2; exit 1; }
