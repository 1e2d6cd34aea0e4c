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
# The grading build: tests without main, the strong main of tinytest_main.c; another main must clash.
gcc -std=c11 -Wall -Wextra -Werror -I"$inc" -DTINYTEST_NO_MAIN /opt/harness/selftest.c /opt/harness/tinytest_main.c \
  -o /tmp/st-strong -lm
HARNESS_JUNIT=/tmp/st-strong.xml /tmp/st-strong
grep -q 'tests="2" failures="0"' /tmp/st-strong.xml
printf 'int main(void) { return 0; }\n' > /tmp/st-main.c
if gcc -std=c11 -I"$inc" -DTINYTEST_NO_MAIN /opt/harness/selftest.c /opt/harness/tinytest_main.c /tmp/st-main.c \
  -o /tmp/st-clash -lm 2>/dev/null; then echo "selftest: a second main() linked" >&2; exit 1; fi
rm -f /tmp/st-pass /tmp/st-fail /tmp/st-pass.xml /tmp/st-fail.xml /tmp/st-strong /tmp/st-strong.xml /tmp/st-main.c
echo "tinytest selftest: ok"
