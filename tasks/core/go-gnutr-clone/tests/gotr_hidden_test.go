// The judge's tests (judge isolation): they never link the agent's code. The grading command builds
// the agent's program as the agent (agentrun go build -o /tmp/gotr .); these tests run it through
// agentrun and compare it with the real GNU tr of the image (run as `LC_ALL=C tr ARGS`).
package gotrjudge

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const htBin = "/tmp/gotr"

type htResult struct {
	code           int
	stdout, stderr []byte
}

func htExec(t *testing.T, name string, args []string, stdin []byte, env []string) htResult {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	if env != nil {
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "POSIXLY_CORRECT=") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, env...)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(stdin), &out, &errb
	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("%s: %v", name, err)
		}
		code = ee.ExitCode()
	}
	return htResult{code, out.Bytes(), errb.Bytes()}
}

func htAgent(t *testing.T, args []string, stdin []byte) htResult {
	if _, err := exec.LookPath("agentrun"); err != nil {
		return htExec(t, htBin, args, stdin, nil)
	}
	return htExec(t, "agentrun", append([]string{htBin}, args...), stdin, nil)
}

var htLinePrefix = regexp.MustCompile(`(?m)^tr: `)

func htReal(t *testing.T, args []string, stdin []byte) htResult {
	r := htExec(t, "tr", args, stdin, []string{"LC_ALL=C"})
	s := htLinePrefix.ReplaceAll(r.stderr, []byte("gotr: "))
	s = bytes.ReplaceAll(s, []byte("Try 'tr --help'"), []byte("Try 'gotr --help'"))
	r.stderr = s
	return r
}

func htShort(b []byte) string {
	if len(b) > 300 {
		return fmt.Sprintf("%q...(%d bytes)", b[:300], len(b))
	}
	return fmt.Sprintf("%q", b)
}

// htDiff compares one case's results; returns "" when they agree.
func htDiff(args []string, stdin []byte, got, want htResult) string {
	var diffs []string
	if got.code != want.code {
		diffs = append(diffs, fmt.Sprintf("exit status %d, want %d", got.code, want.code))
	}
	if !bytes.Equal(got.stdout, want.stdout) {
		diffs = append(diffs, fmt.Sprintf("stdout %s, want %s", htShort(got.stdout), htShort(want.stdout)))
	}
	if !bytes.Equal(got.stderr, want.stderr) {
		diffs = append(diffs, fmt.Sprintf("stderr %q, want %q", got.stderr, want.stderr))
	}
	if diffs == nil {
		return ""
	}
	return fmt.Sprintf("gotr %q with stdin %s: %s", args, htShort(stdin), strings.Join(diffs, "; "))
}

// htCompare runs one case on both sides; returns "" when they agree.
func htCompare(t *testing.T, args []string, stdin []byte) string {
	return htDiff(args, stdin, htAgent(t, args, stdin), htReal(t, args, stdin))
}

// htBatchScript runs every case of a folder with one agentrun call: case i has its arguments in
// i.a (each ended by a NUL byte) and its stdin in i.in; it leaves i.out, i.err and i.rc.
const htBatchScript = `cd "$1" || exit 2
i=0
while [ "$i" -lt "$2" ]; do
	mapfile -d '' -t A < "$i.a"
	"$0" "${A[@]}" < "$i.in" > "$i.out" 2> "$i.err"
	echo "$?" > "$i.rc"
	i=$((i + 1))
done`

// htBatch runs gotr on many cases (as the agent, in one agentrun call) and returns the results.
func htBatch(t *testing.T, cases []htCase) []htResult {
	t.Helper()
	dir := htTempDir(t)
	for i, c := range cases {
		var a []byte
		for _, s := range c.args {
			a = append(append(a, s...), 0)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.a", i)), a, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.in", i)), []byte(c.stdin), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	argv := []string{"-c", htBatchScript, htBin, dir, strconv.Itoa(len(cases))}
	var r htResult
	if _, err := exec.LookPath("agentrun"); err == nil {
		r = htExec(t, "agentrun", append([]string{"bash"}, argv...), nil, nil)
	} else {
		r = htExec(t, "bash", argv, nil, nil)
	}
	if r.code != 0 {
		t.Fatalf("the batch run failed: exit %d, stderr %q", r.code, r.stderr)
	}
	out := make([]htResult, len(cases))
	for i := range cases {
		var err error
		read := func(ext string) []byte {
			b, e := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%d.%s", i, ext)))
			if e != nil && err == nil {
				err = e
			}
			return b
		}
		out[i].stdout, out[i].stderr = read("out"), read("err")
		rc, e := strconv.Atoi(strings.TrimSpace(string(read("rc"))))
		if err != nil || e != nil {
			t.Fatalf("case %d: no result from the batch run (%v %v)", i, err, e)
		}
		out[i].code = rc
	}
	return out
}

type htCase struct {
	args  []string
	stdin string
}

var htAll256 = func() string {
	b := make([]byte, 0, 512)
	for i := 0; i < 256; i++ {
		b = append(b, byte(i))
	}
	for i := 255; i >= 0; i-- {
		b = append(b, byte(i), byte(i))
	}
	return string(b)
}()

const htText = "Hello,  World!\tFoo--bar [baz] {qux}\n\n  aaa bbb   ccc 0123456789 ZZZ zz\\z\n"

var htEdge = []htCase{
	// operands and options
	{nil, "x"}, {[]string{"a"}, "x"}, {[]string{"-d"}, "x"}, {[]string{"-s"}, "x"},
	{[]string{"-ds", "a"}, "x"}, {[]string{"-d", "a", "b"}, "x"}, {[]string{"-d", "a", "b", "c"}, "x"},
	{[]string{"a", "b", "c"}, "x"}, {[]string{"-s", "a", "b", "c"}, "x"}, {[]string{"-ds", "a", "b", "c"}, "x"},
	{[]string{"-x", "a", "b"}, "x"}, {[]string{"-dx", "a"}, "x"}, {[]string{"--foo", "a"}, "x"},
	{[]string{"--foo=bar", "a"}, "x"}, {[]string{"--complement=1", "a", "b"}, "x"},
	{[]string{"--delete", "a"}, "banana"}, {[]string{"--del", "a"}, "banana"},
	{[]string{"--squeeze-repeats", "a"}, "baaanaana"}, {[]string{"--complement", "--delete", "a"}, "banana"},
	{[]string{"--truncate-set1", "abc", "x"}, "aabbcc"}, {[]string{"--c", "-d", "an"}, "banana!"},
	{[]string{"a", "-d"}, "banana"}, {[]string{"an", "-s", "-d", "a"}, "baaannnaa"},
	{[]string{"--", "-a", "xy"}, "a-b-a"}, {[]string{"-d", "--", "-"}, "a-b-c"}, {[]string{"-"}, "x"},
	{[]string{"-C", "-d", "a-c"}, "abcdef"}, {[]string{"-cds", "a", "b"}, "abbbxxb"},
	{[]string{"it's", "a\\b"}, "it's"}, {[]string{"it's"}, "x"}, {[]string{"a\nb\tc\x80 \x7f\x01"}, "x"},
	{[]string{"-d", "x", "y\x80\\"}, "x"},
	// escapes
	{[]string{"\\n\\t\\\\\\a\\b\\f\\r\\v", "NTBABFRV"}, "a\n\t\\\a\b\f\r\v"},
	{[]string{"\\101\\102\\1033", "xyzw"}, "ABC3D"}, {[]string{"\\400", "xy"}, "\x20\x30 0"},
	{[]string{"\\777\\08", "abcd"}, "?\x3f7\x008"}, {[]string{"-d", "\\0"}, "a\x00b\x00"},
	{[]string{"-d", "\\q\\-\\["}, "q-[z"}, {[]string{"ab\\", "xyz"}, "a\\b"}, {[]string{"\\", "x"}, "\\"},
	{[]string{"-d", "a\\-z"}, "abc-xyz"}, {[]string{"-d", "\\a-\\r"}, "\x06\x07\x0a\x0d\x0e"},
	{[]string{"-d", "a-"}, "a-b"}, {[]string{"-d", "-a"}, "a-b"}, {[]string{"-d", "--a"}, ",-.a"},
	{[]string{"-d", "---"}, ",-."}, {[]string{"-d", "\\--z"}, ",-.az{"},
	// ranges
	{[]string{"a-z", "A-Z"}, htText}, {[]string{"z-a", "x"}, "x"}, {[]string{"\\n-\\001", "x"}, "x"},
	{[]string{"~-\\001", "x"}, "x"}, {[]string{"\\\\-!", "x"}, "x"}, {[]string{"\x90-\x80", "x"}, "x"},
	{[]string{"a-a", "b"}, "aaa"}, {[]string{"\\000-\\377", "[x*]"}, htAll256},
	{[]string{"a-ce-g", "1-6"}, "abcdefgh"}, {[]string{"[-a", "x"}, "[\\]^_`a"},
	// classes
	{[]string{"[:alnum:]", "x"}, htAll256}, {[]string{"-d", "[:alpha:]"}, htAll256},
	{[]string{"-d", "[:blank:]"}, htAll256}, {[]string{"-d", "[:cntrl:]"}, htAll256},
	{[]string{"-d", "[:digit:]"}, htAll256}, {[]string{"-d", "[:graph:]"}, htAll256},
	{[]string{"-d", "[:lower:]"}, htAll256}, {[]string{"-d", "[:print:]"}, htAll256},
	{[]string{"-d", "[:punct:]"}, htAll256}, {[]string{"-d", "[:space:]"}, htAll256},
	{[]string{"-d", "[:upper:]"}, htAll256}, {[]string{"-d", "[:xdigit:]"}, htAll256},
	{[]string{"-cd", "[:xdigit:]"}, htAll256}, {[]string{"-s", "[:punct:]"}, htAll256},
	{[]string{"[:lower:]", "[:upper:]"}, htText}, {[]string{"[:upper:]", "[:lower:]"}, htText},
	{[]string{"[:upper:]", "[:upper:]"}, htText}, {[]string{"[:lower:][:upper:]", "[:upper:][:lower:]"}, htText},
	{[]string{"a[:upper:]", "[:lower:]x"}, "x"}, {[]string{"[:lower:]", "[:upper:][:upper:]"}, "x"},
	{[]string{"[:alpha:]", "[:upper:]"}, "x"}, {[]string{"a-z", "[:upper:]"}, "x"},
	{[]string{"[:upper:]ab", "[:lower:]x"}, "ABCab"}, {[]string{"[:lower:]0-9", "[:upper:]"}, "abc129"},
	{[]string{"[:upper:]", "ab"}, "ABCDZ"}, {[]string{"[:upper:]", "a-c"}, "ABCDZ"},
	{[]string{"x", "[:digit:]"}, "x"}, {[]string{"[:foo:]", "x"}, "x"}, {[]string{"[:foo\\n:]", "x"}, "x"},
	{[]string{"[::]", "x"}, "x"}, {[]string{"[:]", "x"}, "[:]"}, {[]string{"[:", "x"}, "[:"},
	{[]string{"[:alpha", "x"}, "[:alpha"}, {[]string{"[:*3]x:]", "abcdefgh"}, ":x]"},
	{[]string{"[:*3]", "abc"}, ":::"}, {[]string{"-d", "[:alpha:]-z"}, "a-z"},
	{[]string{"-c", "[:digit:]", "ab"}, "x1"}, {[]string{"-c", "[:digit:]", "[x*]"}, "a1b2"},
	{[]string{"-c", "[:digit:]", "x"}, "a1b2"}, {[]string{"-ct", "[:digit:]", "x"}, "a1b2"},
	{[]string{"-cs", "[:alnum:]", "\\n"}, htText}, {[]string{"-cs", "A-Za-z0-9", "\\012"}, htText},
	{[]string{"-d", "[:digit:]", "x"}, "x"}, {[]string{"-ds", "[:digit:]", "[:alpha:]"}, "aa11bb22aa"},
	// equivalence classes
	{[]string{"[=a=]", "x"}, "banana"}, {[]string{"-d", "[=a=][=n=]"}, "banana"},
	{[]string{"[==]", "x"}, "x"}, {[]string{"[=ab=]", "x"}, "x"}, {[]string{"[=]=]", "x"}, "a]b"},
	{[]string{"[=*2]", "xy"}, "=="}, {[]string{"a", "[=a=]"}, "x"}, {[]string{"-ds", "a", "[=b=]"}, "abbba"},
	{[]string{"[=a", "x"}, "[=a"}, {[]string{"[=\\n=]", "x"}, "a\nb"},
	// repeats
	{[]string{"[a*]", "b"}, "x"}, {[]string{"[a*0]", "b"}, "x"}, {[]string{"[a*3]", "b"}, "a"},
	{[]string{"abc", "[x*]"}, "abcd"}, {[]string{"abcd", "[x*]y"}, "abcd"}, {[]string{"abcd", "[x*2]y"}, "abcd"},
	{[]string{"abcd", "[x*][y*]"}, "abcd"}, {[]string{"-d", "a", "[x*]"}, "x"}, {[]string{"-ds", "a", "[x*]"}, "x"},
	{[]string{"-s", "a", "[x*]"}, "aaa"}, {[]string{"a-h", "[x*010]z"}, "abcdefghi"},
	{[]string{"a-j", "[x*10]"}, "abcdefghijk"}, {[]string{"a-j", "[x*09]"}, "a"}, {[]string{"a", "[x*0x]"}, "a"},
	{[]string{"a", "[x*-1]"}, "a"}, {[]string{"a", "[x* 3]"}, "a"}, {[]string{"a", "[x*+3]"}, "a"},
	{[]string{"a", "[x*3 ]"}, "a"}, {[]string{"a", "[x* ]"}, "a"}, {[]string{"a", "[x*\x80]"}, "a"},
	{[]string{"a", "[x*18446744073709551614]"}, "aa"}, {[]string{"a", "[x*18446744073709551615]"}, "aa"},
	{[]string{"a", "[x*99999999999999999999]"}, "aa"}, {[]string{"xyz", "x-z[b*18446744073709551614]c"}, "x"},
	{[]string{"a", "[x*\\61]"}, "a"}, {[]string{"a", "[x\\*3]"}, "a"}, {[]string{"a-e", "[\\n*2]x"}, "abcde"},
	{[]string{"abc", "[x*]yz"}, "abc"}, {[]string{"abcdef", "[x*]yz"}, "abcdef"}, {[]string{"ab", "[x*]y[z*]"}, "a"},
	{[]string{"[x*2]y", "ab"}, "xy"}, {[]string{"-d", "[x*2]y"}, "xyz"}, {[]string{"-t", "a-z", "[x*]"}, "abc"},
	{[]string{"[a*", "x"}, "[a*"}, {[]string{"[a*3", "xyz"}, "[a*3"}, {[]string{"a", "[b*1][c*]"}, "a"},
	// lengths, padding, truncation
	{[]string{"abc", ""}, "abc"}, {[]string{"-t", "abc", ""}, "abc"}, {[]string{"", ""}, "abc"},
	{[]string{"", "x"}, "abc"}, {[]string{"-d", ""}, "abc"}, {[]string{"-s", ""}, "aabbcc"},
	{[]string{"abcde", "xy"}, "abcdef"}, {[]string{"-t", "abcde", "xy"}, "abcdef"}, {[]string{"abcde", "x-z"}, "abcdef"},
	{[]string{"aa", "xy"}, "a"}, {[]string{"abca", "wxyz"}, "abc"}, {[]string{"-c", "a", "xy"}, "abc\n"},
	{[]string{"-c", "a-y", "*"}, htText}, {[]string{"-ct", "a-y", "*"}, htText}, {[]string{"-c", "\\000-\\376", "x"}, htAll256},
	{[]string{"-c", "\\000-\\377", "x"}, "abc"}, {[]string{"-c", "\\000-\\377", ""}, "abc"}, {[]string{"-ct", "a", "xyz"}, htAll256},
	// squeezing
	{[]string{"-s", "a-z"}, "aaabbbcccaaa  zz"}, {[]string{"-s", "ab", "xy"}, "aabbabba"},
	{[]string{"-s", "ab", "xx"}, "aabbabba"}, {[]string{"-s", "a", "b"}, "abba"}, {[]string{"-ds", "-", "a"}, "a-a-aa--a"},
	{[]string{"-ds", "a", "-"}, "-a-a--"}, {[]string{"-sc", "a", "x"}, "aaxxbbaa"}, {[]string{"-s", "\\000-\\377"}, htAll256},
	{[]string{"-cs", "a"}, "aabbcc"}, {[]string{"-st", "abc", "x"}, "aabbccdd"}, {[]string{"-s", " "}, htText},
	// warnings followed by other errors
	{[]string{"\\400", "[:alpha:]"}, "x"}, {[]string{"a\\", "b\\"}, "a\\"}, {[]string{"z-a\\", "b\\"}, "a"},
	{[]string{"\\777", "z-a"}, "a"}, {[]string{"[a*]\\", "x"}, "a"},
	{[]string{"-d", "[:alpha:]", "[:digit:]"}, "a"},
	{[]string{"[:upper:]", "[=a=]"}, "a"}, {[]string{"[:upper:]", "[:digit:][x*][y*]"}, "a"},
}

func TestEdgeCases(t *testing.T) {
	got := htBatch(t, htEdge)
	for i, c := range htEdge {
		c, g := c, got[i]
		t.Run(fmt.Sprintf("case%03d", i), func(t *testing.T) {
			want := htReal(t, c.args, []byte(c.stdin))
			if d := htDiff(c.args, []byte(c.stdin), g, want); d != "" {
				t.Error(d)
			}
		})
	}
}

// ---- randomized differential tests ----

var htAlphabet = []byte("abcdexyzABCXZ019 -[]:=*\\.\n")

func htChar(r *rand.Rand) string {
	switch r.Intn(10) {
	case 0:
		return string([]byte{byte(1 + r.Intn(255))})
	case 1, 2:
		c := htAlphabet[r.Intn(len(htAlphabet))]
		if c == '\\' {
			return "\\\\"
		}
		return string([]byte{c})
	default:
		return string([]byte{"abcdexyzABCXZ019"[r.Intn(16)]})
	}
}

var htClasses = []string{"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"}

func htEscape(r *rand.Rand) string {
	opts := []string{"\\n", "\\t", "\\\\", "\\-", "\\[", "\\]", "\\*", "\\:", "\\=", "\\a", "\\v", "\\0", "\\00", "\\000",
		"\\12", "\\141", "\\142c", "\\60", "\\7", "\\8", "\\q", "\\377", "\\400", "\\1234", "\\"}
	return opts[r.Intn(len(opts))]
}

func htToken(r *rand.Rand, rich bool) string {
	k := r.Intn(20)
	if !rich && k >= 14 {
		k = r.Intn(6)
	}
	switch k {
	case 0, 1, 2, 3:
		return htChar(r)
	case 4, 5:
		a := "abcdxyAX0"[r.Intn(9)]
		b := a + byte(r.Intn(6))
		if r.Intn(8) == 0 {
			b = a - byte(1+r.Intn(3))
		}
		return string([]byte{a, '-', b})
	case 6:
		return htChar(r) + "-" + htChar(r)
	case 7:
		return htEscape(r)
	case 8:
		return htEscape(r) + "-" + htChar(r)
	case 9, 10:
		if r.Intn(3) == 0 {
			return []string{"[:upper:]", "[:lower:]"}[r.Intn(2)]
		}
		return "[:" + htClasses[r.Intn(len(htClasses))] + ":]"
	case 11:
		return "[=" + htChar(r) + "=]"
	case 12:
		c := htChar(r)
		switch r.Intn(6) {
		case 0:
			return "[" + c + "*]"
		case 1:
			return "[" + c + "*0" + strconv.Itoa(r.Intn(20)) + "]"
		default:
			return "[" + c + "*" + strconv.Itoa(1+r.Intn(12)) + "]"
		}
	case 13:
		return string([]byte{"abc"[r.Intn(3)]})
	default:
		bad := []string{"[:", "[=", "[", "]", "-", "*", "[:foo:]", "[::]", "[==]", "[=ab=]", "[a*", "[a*x]",
			"[:alpha", ":]", "[=", "[*3]", "[:*2]", "[-*2]", "[a*-1]", "[a*08]", "\\"}
		return bad[r.Intn(len(bad))]
	}
}

func htSet(r *rand.Rand, rich bool) string {
	n := r.Intn(5)
	if r.Intn(6) == 0 {
		n = r.Intn(10)
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(htToken(r, rich))
	}
	return b.String()
}

func htInput(r *rand.Rand) []byte {
	switch r.Intn(8) {
	case 0:
		return []byte(htAll256)
	case 1:
		b := make([]byte, r.Intn(300))
		r.Read(b)
		return b
	default:
		n := r.Intn(200)
		b := make([]byte, 0, n)
		for len(b) < n {
			c := htAlphabet[r.Intn(len(htAlphabet))]
			if r.Intn(10) == 0 {
				c = "abcdexyzABCXZ019"[r.Intn(16)]
			}
			run := 1
			if r.Intn(3) == 0 {
				run = 1 + r.Intn(4)
			}
			for j := 0; j < run; j++ {
				b = append(b, c)
			}
		}
		return b
	}
}

// htOptions returns the option words for the given flags, spelled in a random way.
func htOptions(r *rand.Rand, flags string) []string {
	long := map[byte]string{'c': "--complement", 'C': "--complement", 'd': "--delete", 's': "--squeeze-repeats", 't': "--truncate-set1"}
	var out []string
	switch r.Intn(3) {
	case 0:
		if flags != "" {
			out = append(out, "-"+flags)
		}
	default:
		for i := 0; i < len(flags); i++ {
			if r.Intn(5) == 0 {
				out = append(out, long[flags[i]])
			} else {
				out = append(out, "-"+flags[i:i+1])
			}
		}
	}
	return out
}

func htRandomCase(r *rand.Rand, kind string) []string {
	var flags string
	nOps := 2
	rich := r.Intn(4) == 0
	switch kind {
	case "translate":
		for _, f := range "ctCs" {
			if r.Intn(4) == 0 {
				flags += string(f)
			}
		}
	case "delete":
		flags = "d"
		nOps = 1
		if r.Intn(2) == 0 {
			flags += "s"
			nOps = 2
		}
		if r.Intn(3) == 0 {
			flags += "c"
		}
	case "squeeze":
		flags = "s"
		nOps = 1
		if r.Intn(3) == 0 {
			flags += "c"
		}
	case "errors":
		for _, f := range "cdst" {
			if r.Intn(3) == 0 {
				flags += string(f)
			}
		}
		nOps = r.Intn(4)
		rich = true
	}
	args := htOptions(r, flags)
	var ops []string
	for i := 0; i < nOps; i++ {
		ops = append(ops, htSet(r, rich))
	}
	if len(ops) > 0 && strings.HasPrefix(ops[0], "-") || len(ops) > 1 && strings.HasPrefix(ops[1], "-") || r.Intn(10) == 0 {
		args = append(args, "--")
	}
	return append(args, ops...)
}

func htRandom(t *testing.T, kind string, seed int64, n int) {
	r := rand.New(rand.NewSource(seed))
	cases := make([]htCase, n)
	for i := range cases {
		args := htRandomCase(r, kind)
		cases[i] = htCase{args, string(htInput(r))}
	}
	got := htBatch(t, cases)
	fails := 0
	for i, c := range cases {
		args, in := c.args, []byte(c.stdin)
		if d := htDiff(args, in, got[i], htReal(t, args, in)); d != "" {
			fails++
			if fails <= 5 {
				t.Errorf("case %d (seed %d): %s", i, seed, d)
			}
		}
	}
	if fails > 0 {
		t.Errorf("%d of %d random %s cases differ from tr", fails, n, kind)
	}
}

func TestRandomTranslate(t *testing.T) { htRandom(t, "translate", 101, 1500) }
func TestRandomDelete(t *testing.T)    { htRandom(t, "delete", 202, 800) }
func TestRandomSqueeze(t *testing.T)   { htRandom(t, "squeeze", 303, 500) }
func TestRandomErrors(t *testing.T)    { htRandom(t, "errors", 404, 700) }

// ---- large inputs ----

func htBig(n int, seed int64) []byte {
	r := rand.New(rand.NewSource(seed))
	words := []string{"the", "quick", "brown", "fox", "JUMPS", "over", "lazy", "dog", "1234", "  ", "\t", "\n", "--", "zzz", "\x00\xff"}
	b := make([]byte, 0, n+32)
	for len(b) < n {
		b = append(b, words[r.Intn(len(words))]...)
		b = append(b, ' ')
	}
	return b[:n]
}

var htPerfCmds = [][]string{
	{"a-z", "A-Z"},
	{"-d", "[:digit:][:space:]"},
	{"-s", "[:space:]z"},
	{"-cs", "[:alpha:]", "\\n"},
	{"-ds", "aeiou", "[:space:]"},
	{"-c", "a-z", "[x*]"},
}

func TestLargeInput(t *testing.T) {
	in := htBig(3<<20, 7)
	for _, args := range htPerfCmds {
		if d := htCompare(t, args, in); d != "" {
			t.Error(d)
		}
	}
}

// htTempDir: a folder in /tmp both sides can use.
func htTempDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("/tmp", "gotr-test-")
	if err == nil {
		err = os.Chmod(d, 0o777)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

// htCPU runs prog with args on the input file (as the agent when agentrun exists), its output to
// outFile, and returns the user+system CPU seconds bash's `time` reports for it.
func htCPU(t *testing.T, prog string, args []string, inFile, outFile string) float64 {
	script := `export LC_ALL=C; TIMEFORMAT="%3U %3S"; time "$0" "$@" <"` + inFile + `" >"` + outFile + `" 2>/dev/null`
	argv := append([]string{"-c", script, prog}, args...)
	var r htResult
	if _, err := exec.LookPath("agentrun"); err == nil {
		r = htExec(t, "agentrun", append([]string{"bash"}, argv...), nil, nil)
	} else {
		r = htExec(t, "bash", argv, nil, nil)
	}
	fields := strings.Fields(string(r.stderr))
	if r.code != 0 || len(fields) < 2 {
		t.Fatalf("%s %q: exit %d, stderr %q", prog, args, r.code, r.stderr)
	}
	u, err1 := strconv.ParseFloat(fields[len(fields)-2], 64)
	s, err2 := strconv.ParseFloat(fields[len(fields)-1], 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("cannot read the time of %s: %q", prog, r.stderr)
	}
	return u + s
}

func htHashFile(t *testing.T, p string) [32]byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestPerformance: on 24 MB of input, gotr's CPU time (min of 3 runs per command, summed over the
// commands) must be at most 3 times that of the real tr measured the same way.
func TestPerformance(t *testing.T) {
	dir := htTempDir(t)
	inFile := filepath.Join(dir, "in")
	if err := os.WriteFile(inFile, htBig(24<<20, 11), 0o644); err != nil {
		t.Fatal(err)
	}
	trPath, err := exec.LookPath("tr")
	if err != nil {
		t.Fatal(err)
	}
	var refTotal, gotTotal float64
	for _, args := range htPerfCmds {
		ref, got := 1e9, 1e9
		for k := 0; k < 3; k++ {
			outRef := filepath.Join(dir, "ref.out")
			outGot := filepath.Join(dir, "got.out")
			if c := htCPU(t, trPath, args, inFile, outRef); c < ref {
				ref = c
			}
			if c := htCPU(t, htBin, args, inFile, outGot); c < got {
				got = c
			}
			if k == 0 && htHashFile(t, outRef) != htHashFile(t, outGot) {
				t.Fatalf("gotr %q: the output on the large input differs from tr's", args)
			}
			os.Remove(outRef)
			os.Remove(outGot)
		}
		t.Logf("%q: tr %.3fs, gotr %.3fs CPU", args, ref, got)
		refTotal += ref
		gotTotal += got
	}
	limit := 3*refTotal + 0.02*float64(len(htPerfCmds))
	t.Logf("total: tr %.3fs, gotr %.3fs CPU; limit %.3fs", refTotal, gotTotal, limit)
	if gotTotal > limit {
		t.Errorf("gotr used %.3fs of CPU over the large-input commands, more than 3x tr's %.3fs", gotTotal, refTotal)
	}
}

// htWorkspaceFile returns a workspace file's contents (read as the agent in judge mode).
func htAgentOutput(t *testing.T, script string) []byte {
	t.Helper()
	var r htResult
	if _, err := exec.LookPath("agentrun"); err == nil {
		r = htExec(t, "agentrun", []string{"--cwd", "/workspace", "sh", "-c", script}, nil, nil)
	} else {
		r = htExec(t, "sh", []string{"-c", "cd .. && " + script}, nil, nil)
	}
	if r.code != 0 {
		t.Fatalf("reading the workspace: exit %d, stderr %q", r.code, r.stderr)
	}
	return r.stdout
}

// TestSourceRules: gotr must do the work itself: no running other programs (the real tr is right
// there) and no escape hatches around that.
func TestSourceRules(t *testing.T) {
	banned := regexp.MustCompile(`(?m)"os/exec"|"syscall"|"unsafe"|"plugin"|import\s+"C"|^\s*"C"\s*$|"golang.org/x/sys|StartProcess|go:linkname|ForkExec`)
	src := htAgentOutput(t, `find . -path ./_hidden -prune -o -type f -name '*.go' ! -name '*_test.go' -print -exec cat {} +`)
	if !bytes.Contains(src, []byte("package main")) {
		t.Fatal("no Go sources found in the module")
	}
	if m := banned.Find(src); m != nil {
		t.Errorf("the sources use %s: gotr must not run other programs or use syscall/unsafe/cgo", m)
	}
	other := htAgentOutput(t, `find . -path ./_hidden -prune -o -type f \( -name '*.s' -o -name '*.S' -o -name '*.c' -o -name '*.h' -o -name '*.syso' -o -name '*.cc' \) -print`)
	if len(bytes.TrimSpace(other)) > 0 {
		t.Errorf("assembly, C or object files in the module: %q", other)
	}
	mod := htAgentOutput(t, `cat go.mod`)
	if bytes.Contains(mod, []byte("require")) || bytes.Contains(mod, []byte("replace")) {
		t.Error("go.mod must not require or replace other modules")
	}
}
