# Convert the (stdout+stderr) output of `cargo test` into a JUnit XML report.
# Input markers (cargo 0.66 / libtest):
#      Running unittests src/lib.rs (/tmp/target/debug/deps/x-0123)   -> a test target
#      Running tests/hidden.rs (/tmp/target/debug/deps/hidden-0123)
#    Doc-tests x
#   running 12 tests
#   test some::name ... ok | FAILED | ignored[, reason]
#   ---- some::name stdout ----     (captured output of a failed test, up to "failures:")
# -v status=N: cargo's exit status. Non-zero with no failing case -> a synthetic failing case.

function esc(s) {
  gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s)
  gsub(/[\001-\010\013\014\016-\037\177]/, "", s)
  return s
}
function new_suite(name) {
  nsuites++; suite = nsuites; sname[suite] = name; expected[suite] = -1; reported[suite] = 0
  capturing = 0
}
function add_case(s, name, result, text) {
  ncases++; csuite[ncases] = s; cname[ncases] = name; cres[ncases] = result; ctext[ncases] = text
  reported[s]++
}
BEGIN { nsuites = 0; ncases = 0; suite = 0; capturing = 0; tail = "" }
{ sub(/\r$/, "") }
{ tail = tail $0 "\n"; if (length(tail) > 6000) tail = substr(tail, length(tail) - 5999) }
/^ *Running / {
  line = $0; sub(/^ *Running /, "", line); sub(/ \(.*\)$/, "", line); sub(/^unittests /, "", line)
  new_suite(line); next
}
/^ *Doc-tests / {
  line = $0; sub(/^ *Doc-tests /, "", line); new_suite("doc-tests " line); next
}
suite && /^running [0-9]+ tests?$/ && !capturing { expected[suite] = $2 + 0; next }
suite && /^---- .* stdout ----$/ {
  capturing = 1; key = $0; sub(/^---- /, "", key); sub(/ stdout ----$/, "", key)
  out[suite SUBSEP key] = ""; next
}
suite && capturing && /^failures:$/ { capturing = 0; next }
suite && capturing {
  k = suite SUBSEP key
  if (length(out[k]) < 8000) out[k] = out[k] $0 "\n"
  next
}
suite && /^test .* \.\.\. (ok|FAILED|ignored.*)$/ {
  line = $0; sub(/^test /, "", line)
  i = index(line, " ... "); name = substr(line, 1, i - 1); res = substr(line, i + 5)
  # a name may itself contain " ... "; take the last separator
  while ((j = index(substr(line, i + 5), " ... ")) > 0) { i = i + 4 + j; name = substr(line, 1, i - 1); res = substr(line, i + 5) }
  if (res ~ /^ignored/) res = "ignored"
  add_case(suite, name, res, ""); next
}
END {
  # target binaries that crashed before reporting every test
  for (s = 1; s <= nsuites; s++) {
    if (expected[s] > reported[s]) {
      add_case(s, "(" (expected[s] - reported[s]) " test(s) did not report)", "FAILED", \
        "the test binary " sname[s] " announced " expected[s] " tests but reported " reported[s] \
        " (it crashed, aborted or was killed); see the log.\n")
    }
  }
  nfail = 0
  for (c = 1; c <= ncases; c++) if (cres[c] == "FAILED") nfail++
  if (status != 0 && nfail == 0) {
    if (nsuites == 0) { nsuites = 1; sname[1] = "cargo" }
    add_case(nsuites, "cargo test", "FAILED", "cargo test exited with status " status \
      " (compile error, or a failure outside any test). Last output:\n" tail)
    nfail++
  }
  if (ncases == 0) { nsuites = 0 }
  tt = 0; tf = 0; ts = 0
  for (c = 1; c <= ncases; c++) {
    tt++; if (cres[c] == "FAILED") tf++; if (cres[c] == "ignored") ts++
  }
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  printf "<testsuites name=\"cargo test\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">\n", tt, tf, ts
  for (s = 1; s <= nsuites; s++) {
    n = 0; f = 0; sk = 0
    for (c = 1; c <= ncases; c++) if (csuite[c] == s) { n++; if (cres[c] == "FAILED") f++; if (cres[c] == "ignored") sk++ }
    if (n == 0) continue
    printf "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">\n", esc(sname[s]), n, f, sk
    for (c = 1; c <= ncases; c++) {
      if (csuite[c] != s) continue
      printf "    <testcase classname=\"%s\" name=\"%s\" time=\"0\"", esc(sname[s]), esc(cname[c])
      if (cres[c] == "ok") { print "/>"; continue }
      if (cres[c] == "ignored") { print "><skipped/></testcase>"; continue }
      text = ctext[c]
      k = s SUBSEP cname[c]
      if (text == "" && (k in out)) text = out[k]
      if (text == "") text = "test failed; see the log.\n"
      msg = text
      if (match(msg, /thread '[^\n]*' panicked at [^\n]*/)) msg = substr(msg, RSTART, RLENGTH)
      else sub(/\n.*/, "", msg)
      if (length(msg) > 300) msg = substr(msg, 1, 300)
      printf "><failure message=\"%s\">%s</failure></testcase>\n", esc(msg), esc(text)
    }
    print "  </testsuite>"
  }
  print "</testsuites>"
}
