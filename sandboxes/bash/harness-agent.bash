# harness-agent: a bats helper for tests of the agent's scripts that work in the agent's own sandbox
# and in judge-mode grading alike. Installed as /usr/lib/bats/harness-agent/load.bash; load it
# near the top of a .bats file with
#
#     bats_load_library harness-agent
#
# and run every script under test through `agent`:
#
#     run --separate-stderr agent bash "$SCRIPT" args...
#     run agent bash -c 'source "$1"; some_function "$2"' _ "$LIB" arg   # call a sourced function
#     agent cp "$BATS_TEST_DIRNAME/../fixture.json" .                   # a file of the workspace
#
# In judge mode (grading with isolation = "judge": $HARNESS_AGENTD is set) bats runs as the judge
# and `agent CMD ARG...` runs CMD as the agent through `agentrun`: in the test's cwd, with the
# test's stdin and environment, relaying stdout, stderr and the exit status (124 on an agentrun
# timeout). Paths into the judge's folder (e.g. "$BATS_TEST_DIRNAME/../x.sh") name the workspace.
# Never source, `.` or `load` a file of the workspace into the test itself: that runs the agent's
# code inside the judge (it could turn off errexit and the ERR trap, and pass every assertion).
#
# Also in judge mode, BATS_TEST_TMPDIR is a fresh folder the agent's uid can read and write (mode
# 0777 under a shared root, not bats' own private run folder) and the test runs with umask 000, so
# fixtures the test makes there are the agent's to read, change or delete. Make test files there,
# never in the judge's folders ($BATS_TEST_DIRNAME, $BATS_RUN_TMPDIR, $BATS_FILE_TMPDIR, $TMPDIR).
#
# Elsewhere (the agent's sandbox, in-process grading) `agent CMD ARG...` just runs CMD ARG...

agent() {
    if [[ -n "${HARNESS_AGENTD:-}" ]]; then
        agentrun -- "$@"
    else
        "$@"
    fi
}

if [[ -n "${HARNESS_AGENTD:-}" && -n "${BATS_TEST_TMPDIR:-}" && -z "${HARNESS_AGENT_TEST_TMPDIR:-}" ]]; then
    # Loaded in a test's process (not while bats lists tests or runs setup_file): a shared work
    # folder for this test, under the root bats-junit made (mode 1777), or /tmp.
    umask 000
    if HARNESS_AGENT_TEST_TMPDIR=$(mktemp -d "${HARNESS_JUDGE_TMP:-/tmp}/test-${BATS_SUITE_TEST_NUMBER:-0}.XXXXXX") \
        && chmod 0777 "$HARNESS_AGENT_TEST_TMPDIR"; then
        BATS_TEST_TMPDIR=$HARNESS_AGENT_TEST_TMPDIR
        export BATS_TEST_TMPDIR HARNESS_AGENT_TEST_TMPDIR
    else
        echo "harness-agent: cannot make a work folder the agent can use" >&2
        exit 1
    fi
fi
