#!/bin/sh
# Build-time check of tinytest.h: selftest.c must pass plainly and fail as expected otherwise.
set -eu
inc=/opt/harness/include
cd /tmp
gcc -std=c11 -Wall -Wextra -Werror -I"$inc" /opt/harness/selftest.c -o /tmp/st-pass -lm
HARNESS_JUNIT=/tmp/st-pass.xml /tmp/st-pass
grep -q 'tests="2" failures="0"' /tmp/st-pass.xml
gcc -std=c11 -Wall -Wextra -Werror -DSELFTEST_FAILURES -I"$inc" /opt/harness/selftest.c -o /tmp/st-fail -lm
if HARNESS_JUNIT=/tmp/st-fail.xml /tmp/st-fail; then echo "selftest: failures not reported" >&2; exit 1; fi
grep -q '<testsuite name="tinytest" tests="11" failures="9"' /tmp/st-fail.xml
rm -f /tmp/st-pass /tmp/st-fail /tmp/st-pass.xml /tmp/st-fail.xml
echo "tinytest selftest: ok"
