// Package semver parses Semantic Versioning 2.0.0 strings and orders them by precedence.
package semver

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Version is a parsed semantic version.
type Version struct {
	Major, Minor, Patch uint64
	Prerelease          []string // dot-separated pre-release identifiers; nil when absent
	Build               []string // dot-separated build metadata identifiers; nil when absent
}

// ErrNotImplemented is kept for compatibility with the original stubs.
var ErrNotImplemented = errors.New("not implemented")

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func validIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			return false
		}
	}
	return true
}

func parseNum(s string) (uint64, error) {
	if !isDigits(s) {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	if len(s) > 1 && s[0] == '0' {
		return 0, fmt.Errorf("leading zero: %q", s)
	}
	return strconv.ParseUint(s, 10, 64)
}

func splitIdents(s string, numericNoLeadingZero bool) ([]string, error) {
	parts := strings.Split(s, ".")
	for _, p := range parts {
		if !validIdent(p) {
			return nil, fmt.Errorf("invalid identifier %q", p)
		}
		if numericNoLeadingZero && isDigits(p) && len(p) > 1 && p[0] == '0' {
			return nil, fmt.Errorf("leading zero in %q", p)
		}
	}
	return parts, nil
}

// Parse parses a version string. See instruction.md for the accepted syntax.
func Parse(s string) (Version, error) {
	var v Version
	rest := strings.TrimPrefix(s, "v")
	if i := strings.IndexByte(rest, '+'); i >= 0 {
		b, err := splitIdents(rest[i+1:], false)
		if err != nil {
			return Version{}, fmt.Errorf("semver %q: build: %w", s, err)
		}
		v.Build = b
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '-'); i >= 0 {
		p, err := splitIdents(rest[i+1:], true)
		if err != nil {
			return Version{}, fmt.Errorf("semver %q: pre-release: %w", s, err)
		}
		v.Prerelease = p
		rest = rest[:i]
	}
	nums := strings.Split(rest, ".")
	if len(nums) != 3 {
		return Version{}, fmt.Errorf("semver %q: want MAJOR.MINOR.PATCH", s)
	}
	dst := []*uint64{&v.Major, &v.Minor, &v.Patch}
	for i, n := range nums {
		x, err := parseNum(n)
		if err != nil {
			return Version{}, fmt.Errorf("semver %q: %w", s, err)
		}
		*dst[i] = x
	}
	return v, nil
}

// String returns the canonical form of v.
func (v Version) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	if len(v.Prerelease) > 0 {
		s += "-" + strings.Join(v.Prerelease, ".")
	}
	if len(v.Build) > 0 {
		s += "+" + strings.Join(v.Build, ".")
	}
	return s
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpIdent(a, b string) int {
	an, bn := isDigits(a), isDigits(b)
	switch {
	case an && bn:
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	case an:
		return -1
	case bn:
		return 1
	}
	return strings.Compare(a, b)
}

// Compare returns -1, 0 or +1 as a has lower, equal or higher precedence than b.
func Compare(a, b Version) int {
	if c := cmpUint(a.Major, b.Major); c != 0 {
		return c
	}
	if c := cmpUint(a.Minor, b.Minor); c != 0 {
		return c
	}
	if c := cmpUint(a.Patch, b.Patch); c != 0 {
		return c
	}
	switch {
	case len(a.Prerelease) == 0 && len(b.Prerelease) == 0:
		return 0
	case len(a.Prerelease) == 0:
		return 1
	case len(b.Prerelease) == 0:
		return -1
	}
	for i := 0; i < len(a.Prerelease) && i < len(b.Prerelease); i++ {
		if c := cmpIdent(a.Prerelease[i], b.Prerelease[i]); c != 0 {
			return c
		}
	}
	return cmpUint(uint64(len(a.Prerelease)), uint64(len(b.Prerelease)))
}

// SortStrings sorts version strings in place by ascending precedence.
func SortStrings(vs []string) error {
	parsed := make([]Version, len(vs))
	for i, s := range vs {
		v, err := Parse(s)
		if err != nil {
			return err
		}
		parsed[i] = v
	}
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return Compare(parsed[idx[i]], parsed[idx[j]]) < 0 })
	out := make([]string, len(vs))
	for i, k := range idx {
		out[i] = vs[k]
	}
	copy(vs, out)
	return nil
}
