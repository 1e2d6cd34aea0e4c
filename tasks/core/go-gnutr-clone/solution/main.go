// gotr: a clone of GNU coreutils 9.1 tr in the C locale.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

const nChars = 256
const repeatMax = ^uint64(0) - 1

var stderr = bufio.NewWriter(os.Stderr)

func warn(format string, a ...interface{}) {
	stderr.WriteString("gotr: ")
	fmt.Fprintf(stderr, format, a...)
	stderr.WriteString("\n")
}

func die(format string, a ...interface{}) {
	warn(format, a...)
	stderr.Flush()
	os.Exit(1)
}

func usageFail() {
	stderr.WriteString("Try 'gotr --help' for more information.\n")
	stderr.Flush()
	os.Exit(1)
}

// quote mimics gnulib quote() in the C locale.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\v':
			b.WriteString(`\v`)
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		default:
			if c >= 32 && c < 127 {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, "\\%03o", c)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func printableStr(s []byte) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '\\':
			b.WriteString(`\`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\v':
			b.WriteString(`\v`)
		default:
			if c >= 32 && c < 127 {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, "\\%03o", c)
			}
		}
	}
	return b.String()
}

func printableChar(c byte) string {
	if c >= 32 && c < 127 {
		return string([]byte{c})
	}
	return fmt.Sprintf("\\%03o", c)
}

// character classes
const (
	ccAlnum = iota
	ccAlpha
	ccBlank
	ccCntrl
	ccDigit
	ccGraph
	ccLower
	ccPrint
	ccPunct
	ccSpace
	ccUpper
	ccXdigit
)

var classNames = []string{"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"}

func isUpper(c int) bool { return c >= 'A' && c <= 'Z' }
func isLower(c int) bool { return c >= 'a' && c <= 'z' }
func isDigit(c int) bool { return c >= '0' && c <= '9' }

func classMember(cc int, c int) bool {
	switch cc {
	case ccAlnum:
		return isUpper(c) || isLower(c) || isDigit(c)
	case ccAlpha:
		return isUpper(c) || isLower(c)
	case ccBlank:
		return c == ' ' || c == '\t'
	case ccCntrl:
		return c < 32 || c == 127
	case ccDigit:
		return isDigit(c)
	case ccGraph:
		return c > 32 && c < 127
	case ccLower:
		return isLower(c)
	case ccPrint:
		return c >= 32 && c < 127
	case ccPunct:
		return c > 32 && c < 127 && !(isUpper(c) || isLower(c) || isDigit(c))
	case ccSpace:
		return c == ' ' || (c >= 9 && c <= 13)
	case ccUpper:
		return isUpper(c)
	case ccXdigit:
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
	}
	return false
}

const (
	reNormal = iota
	reRange
	reClass
	reEquiv
	reRepeat
)

type elem struct {
	kind   int
	a, b   int // normal char / range ends / equiv char / repeated char
	class  int
	count  uint64
	repCur uint64
}

const (
	ulNone = iota
	ulLower
	ulUpper
)

const (
	beginState = 1 << 30
	newElement = beginState + 1
)

type spec struct {
	elems         []*elem
	tail          int // index of current element
	state         int
	length        uint64
	nIndefinite   int
	indefinite    *elem
	hasEquiv      bool
	hasCharClass  bool
	hasRestricted bool
}

type estring struct {
	s       []byte
	escaped []bool
}

func (e *estring) match(i int, c byte) bool {
	return i < len(e.s) && e.s[i] == c && !e.escaped[i]
}

func unquote(s string) *estring {
	es := &estring{}
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			es.s = append(es.s, s[i])
			es.escaped = append(es.escaped, false)
			continue
		}
		esc := true
		var c byte
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		at := func(k int) int {
			if k < len(s) {
				return int(s[k]) - '0'
			}
			return -1
		}
		switch next {
		case 'a':
			c = '\a'
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'v':
			c = '\v'
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(next - '0')
			d := at(i + 2)
			if d >= 0 && d <= 7 {
				v = 8*v + d
				i++
				d = at(i + 2)
				if d >= 0 && d <= 7 {
					if 8*v+d < nChars {
						v = 8*v + d
						i++
					} else {
						warn("warning: the ambiguous octal escape \\%c%c%c is being\n\tinterpreted as the 2-byte sequence \\0%c%c, %c",
							s[i], s[i+1], s[i+2], s[i], s[i+1], s[i+2])
					}
				}
			}
			c = byte(v)
		case 0:
			if i+1 >= len(s) {
				warn("warning: an unescaped backslash at end of string is not portable")
				esc = false
				i--
				c = '\\'
			} else {
				c = 0
			}
		default:
			c = next
		}
		i++
		es.s = append(es.s, c)
		es.escaped = append(es.escaped, esc)
	}
	return es
}

func findClosingDelim(es *estring, start int, delim byte) (int, bool) {
	for i := start; i < len(es.s)-1; i++ {
		if es.s[i] == delim && es.s[i+1] == ']' && !es.escaped[i] && !es.escaped[i+1] {
			return i, true
		}
	}
	return 0, false
}

func starDigitsClosebracket(es *estring, idx int) bool {
	if !es.match(idx, '*') {
		return false
	}
	for i := idx + 1; i < len(es.s); i++ {
		if !isDigit(int(es.s[i])) || es.escaped[i] {
			return es.match(i, ']')
		}
	}
	return false
}

// parseCount mimics xstrtoumax (base 8 or 10) on digits terminated by ']'.
func parseCount(d []byte, base int) (uint64, bool) {
	j := 0
	for j < len(d) && (d[j] == ' ' || (d[j] >= 9 && d[j] <= 13)) {
		j++
	}
	if j < len(d) && d[j] == '-' {
		return 0, false
	}
	if j < len(d) && d[j] == '+' {
		j++
	}
	if j == len(d) {
		return 0, false
	}
	for k := j; k < len(d); k++ {
		if d[k] < '0' || int(d[k]-'0') >= base {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(string(d[j:]), base, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// findBracketedRepeat returns 0 on success, -1 if not a repeat, -2 on error.
func findBracketedRepeat(es *estring, start int) (byte, uint64, int, int) {
	if !es.match(start+1, '*') {
		return 0, 0, 0, -1
	}
	for i := start + 2; i < len(es.s) && !es.escaped[i]; i++ {
		if es.s[i] == ']' {
			digits := es.s[start+2 : i]
			var cnt uint64
			if len(digits) > 0 {
				base := 10
				if digits[0] == '0' {
					base = 8
				}
				v, ok := parseCount(digits, base)
				if !ok || v > repeatMax {
					warn("invalid repeat count %s in [c*n] construct", quote(printableStr(digits)))
					return 0, 0, 0, -2
				}
				cnt = v
			}
			return es.s[start], cnt, i, 0
		}
	}
	return 0, 0, 0, -1
}

func buildSpecList(es *estring, sp *spec) bool {
	p := es.s
	i := 0
	for i+2 < len(p) {
		if es.match(i, '[') {
			if es.match(i+1, ':') || es.match(i+1, '=') {
				if cl, ok := findClosingDelim(es, i+2, p[i+1]); ok {
					opnd := p[i+2 : cl]
					if p[i+1] == ':' {
						idx := -1
						for k, n := range classNames {
							if n == string(opnd) {
								idx = k
							}
						}
						if idx < 0 {
							if !starDigitsClosebracket(es, i+2) {
								if len(opnd) == 0 {
									warn("missing character class name %s", quote("[::]"))
								} else {
									warn("invalid character class %s", quote(printableStr(opnd)))
								}
								return false
							}
							goto repeat
						}
						sp.elems = append(sp.elems, &elem{kind: reClass, class: idx})
					} else {
						if len(opnd) != 1 {
							if !starDigitsClosebracket(es, i+2) {
								if len(opnd) == 0 {
									warn("missing equivalence class character %s", quote("[==]"))
								} else {
									warn("%s: equivalence class operand must be a single character", printableStr(opnd))
								}
								return false
							}
							goto repeat
						}
						sp.elems = append(sp.elems, &elem{kind: reEquiv, a: int(opnd[0])})
					}
					i = cl + 2
					continue
				}
			}
		repeat:
			c, cnt, cb, err := findBracketedRepeat(es, i+1)
			if err == 0 {
				sp.elems = append(sp.elems, &elem{kind: reRepeat, a: int(c), count: cnt})
				i = cb + 1
				continue
			} else if err == -2 {
				return false
			}
		}
		if es.match(i+1, '-') {
			if p[i+2] < p[i] {
				warn("range-endpoints of '%s-%s' are in reverse collating sequence order", printableChar(p[i]), printableChar(p[i+2]))
				return false
			}
			sp.elems = append(sp.elems, &elem{kind: reRange, a: int(p[i]), b: int(p[i+2])})
			i += 3
		} else {
			sp.elems = append(sp.elems, &elem{kind: reNormal, a: int(p[i])})
			i++
		}
	}
	for ; i < len(p); i++ {
		sp.elems = append(sp.elems, &elem{kind: reNormal, a: int(p[i])})
	}
	return true
}

func (s *spec) getNext(class *int) int {
	if class != nil {
		*class = ulNone
	}
	if s.state == beginState {
		s.tail = 0
		s.state = newElement
	}
	if s.tail >= len(s.elems) {
		return -1
	}
	p := s.elems[s.tail]
	var ret int
	switch p.kind {
	case reNormal, reEquiv:
		ret = p.a
		s.state = newElement
		s.tail++
	case reRange:
		if s.state == newElement {
			s.state = p.a
		} else {
			s.state++
		}
		ret = s.state
		if s.state == p.b {
			s.tail++
			s.state = newElement
		}
	case reClass:
		if class != nil {
			if p.class == ccLower {
				*class = ulLower
			} else if p.class == ccUpper {
				*class = ulUpper
			}
		}
		if s.state == newElement {
			k := 0
			for k < nChars && !classMember(p.class, k) {
				k++
			}
			s.state = k
		}
		ret = s.state
		k := s.state + 1
		for k < nChars && !classMember(p.class, k) {
			k++
		}
		if k < nChars {
			s.state = k
		} else {
			s.tail++
			s.state = newElement
		}
	case reRepeat:
		if p.count == 0 {
			s.tail++
			s.state = newElement
			return s.getNext(class)
		}
		if s.state == newElement {
			s.state = 0
			p.repCur = 0
		}
		p.repCur++
		ret = p.a
		if p.repCur == p.count {
			s.tail++
			s.state = newElement
		}
	}
	return ret
}

func (s *spec) skipConstruct() {
	s.tail++
	s.state = newElement
}

func (s *spec) stats() {
	var length uint64
	for _, p := range s.elems {
		var l uint64
		switch p.kind {
		case reNormal:
			l = 1
		case reRange:
			l = uint64(p.b - p.a + 1)
		case reClass:
			s.hasCharClass = true
			for k := 0; k < nChars; k++ {
				if classMember(p.class, k) {
					l++
				}
			}
			if p.class != ccUpper && p.class != ccLower {
				s.hasRestricted = true
			}
		case reEquiv:
			l = 1
			s.hasEquiv = true
		case reRepeat:
			if p.count > 0 {
				l = p.count
			} else {
				s.indefinite = p
				s.nIndefinite++
			}
		}
		nl := length + l
		if !(length <= nl && nl <= repeatMax) {
			die("too many characters in set")
		}
		length = nl
	}
	s.length = length
}

// members marks every character the list produces (like set_initialize).
func (s *spec) members(in *[nChars]bool) {
	for _, p := range s.elems {
		switch p.kind {
		case reNormal, reEquiv:
			in[p.a] = true
		case reRange:
			for k := p.a; k <= p.b; k++ {
				in[k] = true
			}
		case reClass:
			for k := 0; k < nChars; k++ {
				if classMember(p.class, k) {
					in[k] = true
				}
			}
		case reRepeat:
			if p.count > 0 {
				in[p.a] = true
			}
		}
	}
}

func (s *spec) homogeneous() bool {
	s.state = beginState
	b := s.getNext(nil)
	if b == -1 {
		return false
	}
	for {
		c := s.getNext(nil)
		if c == -1 {
			return true
		}
		if c != b {
			return false
		}
	}
}

var (
	complement, deleteChars, squeeze, truncate bool
)

func validateCaseClasses(s1, s2 *spec) {
	if complement || !s2.hasCharClass {
		return
	}
	nUpper, nLower := uint64(26), uint64(26)
	s1.state, s2.state = beginState, beginState
	c1, c2 := 0, 0
	s1New, s2New := true, true
	for c1 != -1 && c2 != -1 {
		var cl1, cl2 int
		c1 = s1.getNext(&cl1)
		c2 = s2.getNext(&cl2)
		if s2New && cl2 != ulNone && !(s1New && cl1 != ulNone) {
			die("misaligned [:upper:] and/or [:lower:] construct")
		}
		if cl2 != ulNone {
			s1.skipConstruct()
			s2.skipConstruct()
			if cl1 == ulUpper {
				s1.length -= nUpper - 1
			} else {
				s1.length -= nLower - 1
			}
			if cl2 == ulUpper {
				s2.length -= nUpper - 1
			} else {
				s2.length -= nLower - 1
			}
		}
		s1New = s1.state == newElement
		s2New = s2.state == newElement
	}
}

func string2Extend(s1, s2 *spec) {
	p := s2.elems[len(s2.elems)-1]
	var c int
	switch p.kind {
	case reNormal:
		c = p.a
	case reRange:
		c = p.b
	case reClass:
		die("when translating with string1 longer than string2,\nthe latter string must not end with a character class")
	case reRepeat:
		c = p.a
	default:
		c = p.a
	}
	s2.elems = append(s2.elems, &elem{kind: reRepeat, a: c, count: s1.length - s2.length})
	s2.length = s1.length
}

func parseArgs(args []string) []string {
	var operands []string
	longs := []string{"complement", "delete", "squeeze-repeats", "truncate-set1", "help", "version"}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			operands = append(operands, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "--") {
			name := a[2:]
			val := false
			if k := strings.IndexByte(name, '='); k >= 0 {
				name = name[:k]
				val = true
			}
			var found []string
			for _, l := range longs {
				if strings.HasPrefix(l, name) {
					if l == name {
						found = []string{l}
						break
					}
					found = append(found, l)
				}
			}
			if len(found) != 1 {
				warn("unrecognized option %s", quote(a))
				usageFail()
			}
			if val {
				warn("option '--%s' doesn't allow an argument", found[0])
				usageFail()
			}
			switch found[0] {
			case "complement":
				complement = true
			case "delete":
				deleteChars = true
			case "squeeze-repeats":
				squeeze = true
			case "truncate-set1":
				truncate = true
			case "help":
				stdout := bufio.NewWriter(os.Stdout)
				stdout.WriteString("Usage: gotr [OPTION]... STRING1 [STRING2]\n")
				stdout.Flush()
				os.Exit(0)
			case "version":
				os.Stdout.WriteString("gotr (GNU coreutils) 9.1\n")
				os.Exit(0)
			}
			continue
		}
		if len(a) > 1 && a[0] == '-' {
			for k := 1; k < len(a); k++ {
				switch a[k] {
				case 'c', 'C':
					complement = true
				case 'd':
					deleteChars = true
				case 's':
					squeeze = true
				case 't':
					truncate = true
				case 'A':
				default:
					warn("invalid option -- '%c'", a[k])
					usageFail()
				}
			}
			continue
		}
		// options end at the first operand (no argument permutation)
		operands = append(operands, args[i:]...)
		break
	}
	return operands
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func main() {
	ops := parseArgs(os.Args[1:])
	n := len(ops)
	translating := n == 2 && !deleteChars
	minOps := 1 + b2i(deleteChars == squeeze)
	maxOps := 1 + b2i(b2i(deleteChars) <= b2i(squeeze))
	if n < minOps {
		if n == 0 {
			warn("missing operand")
		} else {
			warn("missing operand after %s", quote(ops[n-1]))
			if squeeze {
				stderr.WriteString("Two strings must be given when both deleting and squeezing repeats.\n")
			} else {
				stderr.WriteString("Two strings must be given when translating.\n")
			}
		}
		usageFail()
	}
	if maxOps < n {
		warn("extra operand %s", quote(ops[maxOps]))
		if n == 2 {
			stderr.WriteString("Only one string may be given when deleting without squeezing repeats.\n")
		}
		usageFail()
	}
	s1 := &spec{}
	if !buildSpecList(unquote(ops[0]), s1) {
		stderr.Flush()
		os.Exit(1)
	}
	var s2 *spec
	if n == 2 {
		s2 = &spec{}
		if !buildSpecList(unquote(ops[1]), s2) {
			stderr.Flush()
			os.Exit(1)
		}
	}
	// validate
	s1.stats()
	if complement {
		var in [nChars]bool
		s1.members(&in)
		card := uint64(nChars)
		for _, v := range in {
			if v {
				card--
			}
		}
		s1.length = card
	}
	if s1.nIndefinite > 0 {
		die("the [c*] repeat construct may not appear in string1")
	}
	if s2 != nil {
		s2.stats()
		if s1.length >= s2.length && s2.nIndefinite == 1 {
			s2.indefinite.count = s1.length - s2.length
			s2.length = s1.length
		}
		if s2.nIndefinite > 1 {
			die("only one [c*] repeat construct may appear in string2")
		}
		if translating {
			if s2.hasEquiv {
				die("[=c=] expressions may not appear in string2 when translating")
			}
			if s2.hasRestricted {
				die("when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'")
			}
			validateCaseClasses(s1, s2)
			if s1.length > s2.length && !truncate {
				if s2.length == 0 {
					die("when not truncating set1, string2 must be non-empty")
				}
				string2Extend(s1, s2)
			}
			if complement && s1.hasCharClass && !(s2.length == s1.length && s2.homogeneous()) {
				die("when translating with complemented character classes,\nstring2 must map all characters in the domain to one")
			}
		} else if s2.nIndefinite > 0 {
			die("the [c*] construct may appear in string2 only when translating")
		}
	}
	stderr.Flush()

	var inSqueeze, inDelete [nChars]bool
	var xlate [nChars]byte
	for k := range xlate {
		xlate[k] = byte(k)
	}
	mode := 0 // 1 squeeze only, 2 delete, 3 delete+squeeze, 4 translate
	switch {
	case squeeze && n == 1:
		s1.members(&inSqueeze)
		if complement {
			flip(&inSqueeze)
		}
		mode = 1
	case deleteChars && n == 1:
		s1.members(&inDelete)
		if complement {
			flip(&inDelete)
		}
		mode = 2
	case deleteChars && squeeze && n == 2:
		s1.members(&inDelete)
		if complement {
			flip(&inDelete)
		}
		s2.members(&inSqueeze)
		mode = 3
	case translating:
		if complement {
			var in1 [nChars]bool
			s1.members(&in1)
			s2.state = beginState
			for k := 0; k < nChars; k++ {
				if !in1[k] {
					ch := s2.getNext(nil)
					if ch == -1 {
						break
					}
					xlate[k] = byte(ch)
				}
			}
		} else {
			s1.state, s2.state = beginState, beginState
			for {
				var cl1, cl2 int
				c1 := s1.getNext(&cl1)
				c2 := s2.getNext(&cl2)
				if cl1 == ulLower && cl2 == ulUpper {
					for k := 'a'; k <= 'z'; k++ {
						xlate[k] = byte(k - 'a' + 'A')
					}
				} else if cl1 == ulUpper && cl2 == ulLower {
					for k := 'A'; k <= 'Z'; k++ {
						xlate[k] = byte(k - 'A' + 'a')
					}
				} else {
					if c1 == -1 || c2 == -1 {
						break
					}
					xlate[c1] = byte(c2)
				}
				if cl2 != ulNone {
					s1.skipConstruct()
					s2.skipConstruct()
				}
			}
		}
		if squeeze {
			s2.members(&inSqueeze)
		}
		mode = 4
	}
	run(mode, &inSqueeze, &inDelete, &xlate)
}

func flip(a *[nChars]bool) {
	for k := range a {
		a[k] = !a[k]
	}
}

func run(mode int, inSqueeze, inDelete *[nChars]bool, xlate *[nChars]byte) {
	buf := make([]byte, 1<<16)
	out := make([]byte, 0, 1<<16)
	doSqueeze := mode == 1 || mode == 3 || (mode == 4 && squeeze)
	prev := -1
	for {
		nr, err := os.Stdin.Read(buf)
		if nr > 0 {
			out = out[:0]
			data := buf[:nr]
			switch mode {
			case 2, 3:
				for _, c := range data {
					if !inDelete[c] {
						out = append(out, c)
					}
				}
			case 4:
				out = out[:nr]
				for k, c := range data {
					out[k] = xlate[c]
				}
			default:
				out = append(out, data...)
			}
			if doSqueeze {
				w := 0
				for _, c := range out {
					if inSqueeze[c] && int(c) == prev {
						continue
					}
					out[w] = c
					w++
					prev = int(c)
				}
				out = out[:w]
			}
			if len(out) > 0 {
				if _, werr := os.Stdout.Write(out); werr != nil {
					os.Exit(1)
				}
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			warn("read error")
			stderr.Flush()
			os.Exit(1)
		}
	}
}
