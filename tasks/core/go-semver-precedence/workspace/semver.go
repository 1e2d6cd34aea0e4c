// Package semver parses Semantic Versioning 2.0.0 strings and orders them by precedence.
package semver

import "errors"

// Version is a parsed semantic version.
type Version struct {
	Major, Minor, Patch uint64
	Prerelease          []string // dot-separated pre-release identifiers; nil when absent
	Build               []string // dot-separated build metadata identifiers; nil when absent
}

// ErrNotImplemented is returned by the stubs below.
var ErrNotImplemented = errors.New("not implemented")

// Parse parses a version string. See instruction.md for the accepted syntax.
func Parse(s string) (Version, error) {
	return Version{}, ErrNotImplemented
}

// String returns the canonical form of v.
func (v Version) String() string {
	return ""
}

// Compare returns -1, 0 or +1 as a has lower, equal or higher precedence than b.
func Compare(a, b Version) int {
	return 0
}

// SortStrings sorts version strings in place by ascending precedence.
func SortStrings(vs []string) error {
	return ErrNotImplemented
}
