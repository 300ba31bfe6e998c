#!/usr/bin/env bash
# The one command that runs the whole test suite, on a fresh Debian 12 machine that has only the
# .NET SDK as well as on a developer's: installs the servers tests need when they are missing
# (PostgreSQL for integration tests, Chromium for browser tests), builds the solution once, runs
# every test assembly, and ends with one line CI reads:
#
#   N passed, N failed, N skipped
#
# Exit code: 0 only if the build succeeded, at least one test ran and none failed.
# Environment: TEST_RESULTS_DIR (default ./TestResults) receives one TRX file per test assembly;
# TEST_HANG_TIMEOUT (default 20m) aborts a test assembly that stops making progress.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$PWD

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results_dir=${TEST_RESULTS_DIR:-$repo_root/TestResults}
hang_timeout=${TEST_HANG_TIMEOUT:-20m}

section() { printf '\n== %s ==\n' "$*"; }

# --- Servers the tests need ---------------------------------------------------------------------
# Debian keeps PostgreSQL's server programs (initdb, pg_ctl) off PATH, under
# /usr/lib/postgresql/<major>/bin; tests start throwaway clusters from there.
have_postgres_server() {
    local bin
    for bin in /usr/lib/postgresql/*/bin; do
        if test -x "$bin/initdb" && test -x "$bin/pg_ctl"; then return 0; fi
    done
    return 1
}

# contrib ships the pg_trgm and unaccent extensions that catalog search uses.
have_postgres_contrib() {
    local control
    for control in /usr/share/postgresql/*/extension/pg_trgm.control; do
        if test -f "$control"; then return 0; fi
    done
    return 1
}

missing=()
have_postgres_server || missing+=(postgresql)
have_postgres_contrib || missing+=(postgresql-contrib)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if ((${#missing[@]} > 0)); then
    section "Installing ${missing[*]}"
    if [[ $(id -u) -eq 0 ]]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "scripts/test.sh: ${missing[*]} must be installed, which needs root (or sudo)." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# --- Totals from the TRX files ------------------------------------------------------------------
# Sums the <Counters> element of every TRX file; awk's portable subset only (mawk on Debian).
# Errors, timeouts and aborts count as failures; tests that did not execute (skips) as skipped.
summarize() {
    local files=()
    if [[ -d $results_dir ]]; then
        while IFS= read -r -d '' file; do files+=("$file"); done < <(find "$results_dir" -maxdepth 1 -name '*.trx' -print0)
    fi
    if ((${#files[@]} == 0)); then
        echo "0 0 0 0"
        return
    fi
    awk '
        function counter(line, name,    text) {
            if (match(line, " " name "=\"[0-9]+\"")) {
                text = substr(line, RSTART, RLENGTH)
                gsub(/[^0-9]/, "", text)
                return text + 0
            }
            return 0
        }
        /<Counters / {
            total   += counter($0, "total")
            passed  += counter($0, "passed")
            failed  += counter($0, "failed") + counter($0, "error") + counter($0, "timeout") + counter($0, "aborted")
            # The TRX logger counts an xunit skip in neither notExecuted nor executed.
            skipped += counter($0, "total") - counter($0, "executed")
        }
        END { printf "%d %d %d %d\n", total, passed, failed, skipped }
    ' "${files[@]}"
}

report() {
    local total passed failed skipped
    read -r total passed failed skipped < <(summarize)
    printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
}

# --- Build and test -----------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || { echo "scripts/test.sh: the .NET SDK (dotnet) is not on PATH." >&2; exit 1; }
rm -rf "$results_dir"

section "Building Cluster.sln (Release)"
build_status=0
dotnet build Cluster.sln -c Release || build_status=$?
if ((build_status != 0)); then
    echo "Build failed (exit code $build_status); no tests ran."
    report
    exit "$build_status"
fi

# One test assembly at a time: on two cores, cluster tests (silo processes, PostgreSQL) running
# beside timing-sensitive runtime tests would measure the machine's overload, not the code.
section "Running tests"
test_status=0
dotnet test Cluster.sln -c Release --no-build \
    --logger "console;verbosity=normal" \
    --logger trx \
    --results-directory "$results_dir" \
    --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none \
    -- RunConfiguration.MaxCpuCount=1 \
    || test_status=$?

section "Summary (TRX files in $results_dir)"
exit_status=0
if ((test_status != 0)); then
    exit_status=$test_status
    echo "dotnet test exited with code $test_status."
fi
# Decide before printing: the totals line must be the last line of output.
read -r total _ failed _ < <(summarize)
if ((total == 0)); then
    echo "No tests ran."
    exit_status=1
elif ((failed > 0 && exit_status == 0)); then
    exit_status=1
fi
report
exit "$exit_status"
