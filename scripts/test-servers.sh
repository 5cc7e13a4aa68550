# Sourced by the scripts that need the throwaway database servers (scripts/test, scripts/bench,
# scripts/run-example): `start_test_servers postgres mariadb` starts each server named whose
# MS_TEST_*_URL is not already set, exports its MS_TEST_* variables, and stops and removes it when
# the calling script exits, even on failure. A server that cannot start ends the script with status 1.

_test_server_dirs=()

_stop_test_servers() {
  local entry
  for entry in "${_test_server_dirs[@]}"; do
    "${entry%%:*}" stop "${entry#*:}"
  done
}

start_test_servers() {
  local scripts name script variable dir
  scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  trap _stop_test_servers EXIT INT TERM
  for name in "$@"; do
    case "$name" in
      postgres) script="$scripts/pg-test-server"; variable=MS_TEST_PG_URL ;;
      mariadb) script="$scripts/mariadb-test-server"; variable=MS_TEST_MARIADB_URL ;;
      *) echo "start_test_servers: unknown server $name" >&2; exit 2 ;;
    esac
    [ -n "${!variable:-}" ] && continue
    dir=$(mktemp -d "${TMPDIR:-/tmp}/ms-$name.XXXXXX")
    _test_server_dirs+=("$script:$dir")
    if ! "$script" start "$dir"; then
      echo "$(basename "$0"): $name could not be started; the $name tests cannot run, so this fails." >&2
      exit 1
    fi
    set -a
    . "$dir/env"
    set +a
  done
}
