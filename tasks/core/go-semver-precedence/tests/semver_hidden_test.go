package semver

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	cases := []struct {
		in   string
		want Version
	}{
		{"0.0.0", Version{}},
		{"1.2.3", Version{Major: 1, Minor: 2, Patch: 3}},
		{"v1.2.3", Version{Major: 1, Minor: 2, Patch: 3}},
		{"10.20.30", Version{Major: 10, Minor: 20, Patch: 30}},
		{"1.0.0-alpha", Version{Major: 1, Prerelease: []string{"alpha"}}},
		{"1.0.0-alpha.1", Version{Major: 1, Prerelease: []string{"alpha", "1"}}},
		{"1.0.0-0.3.7", Version{Major: 1, Prerelease: []string{"0", "3", "7"}}},
		{"1.0.0-x.7.z.92", Version{Major: 1, Prerelease: []string{"x", "7", "z", "92"}}},
		{"1.0.0-x-y-z.--", Version{Major: 1, Prerelease: []string{"x-y-z", "--"}}},
		{"1.0.0-01a", Version{Major: 1, Prerelease: []string{"01a"}}},
		{"1.0.0+20130313144700", Version{Major: 1, Build: []string{"20130313144700"}}},
		{"1.0.0-beta+exp.sha.5114f85", Version{Major: 1, Prerelease: []string{"beta"}, Build: []string{"exp", "sha", "5114f85"}}},
		{"1.0.0+21AF26D3----117B344092BD", Version{Major: 1, Build: []string{"21AF26D3----117B344092BD"}}},
		{"1.0.0+001", Version{Major: 1, Build: []string{"001"}}},
		{"1.0.0-rc.1+build.1-2", Version{Major: 1, Prerelease: []string{"rc", "1"}, Build: []string{"build", "1-2"}}},
		{"1.0.0-a+b-c", Version{Major: 1, Prerelease: []string{"a"}, Build: []string{"b-c"}}},
		{"18446744073709551615.0.0", Version{Major: 18446744073709551615}},
		{"2.0.0-rc-1", Version{Major: 2, Prerelease: []string{"rc-1"}}},
		{"1.2.3----RC-SNAPSHOT.12.9.1--.12+788", Version{Major: 1, Minor: 2, Patch: 3, Prerelease: []string{"---RC-SNAPSHOT", "12", "9", "1--", "12"}, Build: []string{"788"}}},
	}
	for _, c := range cases {
		c := c
		t.Run(c.in, func(t *testing.T) {
			got, err := Parse(c.in)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", c.in, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Parse(%q) = %#v, want %#v", c.in, got, c.want)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	bad := []string{
		"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "V1.2.3", "vv1.2.3",
		" 1.2.3", "1.2.3 ", "1.2.3-", "1.2.3+", "1.2.3-+", "1.2.3-a..b", "1.2.3-.a", "1.2.3-a.",
		"1.2.3+a..b", "1.2.3+.a", "1.2.3-01", "1.2.3-a.00", "1.2.3-a_b", "1.2.3+a_b", "1.2.3-é",
		"-1.2.3", "1.-2.3", "a.b.c", "1.2.x", "18446744073709551616.0.0", "1..3", ".1.2.3",
		"1.2.3-alpha+beta+gamma", "+1.2.3", "1.2.3-a b", "1,2,3",
	}
	for _, s := range bad {
		s := s
		t.Run(strings.ReplaceAll(s, " ", "_"), func(t *testing.T) {
			if v, err := Parse(s); err == nil {
				t.Fatalf("Parse(%q) = %#v, want an error", s, v)
			}
		})
	}
}

func TestString(t *testing.T) {
	cases := map[string]string{
		"1.2.3":                 "1.2.3",
		"v1.2.3":                "1.2.3",
		"1.2.3-rc.1":            "1.2.3-rc.1",
		"1.2.3+build.5":         "1.2.3+build.5",
		"v1.2.3-rc.1+build.005": "1.2.3-rc.1+build.005",
		"0.0.0-0":               "0.0.0-0",
	}
	for in, want := range cases {
		v, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if got := v.String(); got != want {
			t.Errorf("Parse(%q).String() = %q, want %q", in, got, want)
		}
	}
	lit := Version{Major: 4, Minor: 5, Patch: 6, Prerelease: []string{"x", "1"}}
	if got := lit.String(); got != "4.5.6-x.1" {
		t.Errorf("String of literal = %q", got)
	}
	if got := (Version{Major: 7, Build: []string{"b"}}).String(); got != "7.0.0+b" {
		t.Errorf("String of literal with build = %q", got)
	}
}

func htMustParse(t *testing.T, s string) Version {
	t.Helper()
	v, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return v
}

// The chain from the SemVer spec, §11, plus some more.
var htOrdered = []string{
	"0.0.1",
	"0.1.0",
	"0.9.0",
	"0.10.0",
	"1.0.0-0",
	"1.0.0-2",
	"1.0.0-10",
	"1.0.0-99999999999999999999998",
	"1.0.0-99999999999999999999999",
	"1.0.0-100000000000000000000000",
	"1.0.0-A",
	"1.0.0-Z",
	"1.0.0-a",
	"1.0.0-alpha",
	"1.0.0-alpha.1",
	"1.0.0-alpha.beta",
	"1.0.0-beta",
	"1.0.0-beta.2",
	"1.0.0-beta.11",
	"1.0.0-rc.1",
	"1.0.0",
	"1.0.1-alpha",
	"1.0.1",
	"1.1.0",
	"1.2.0",
	"1.10.0",
	"2.0.0",
	"10.0.0",
	"18446744073709551615.0.0",
}

func TestCompareChain(t *testing.T) {
	for i := range htOrdered {
		for j := range htOrdered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			a, b := htMustParse(t, htOrdered[i]), htMustParse(t, htOrdered[j])
			if got := Compare(a, b); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", htOrdered[i], htOrdered[j], got, want)
			}
		}
	}
}

func TestCompareSpecial(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"1.0.0+a", "1.0.0+b", 0},
		{"1.0.0", "1.0.0+zzz", 0},
		{"v1.0.0", "1.0.0", 0},
		{"1.0.0-rc.1+x", "1.0.0-rc.1+y", 0},
		{"1.0.0-1", "1.0.0-a", -1},
		{"1.0.0-a.1", "1.0.0-a.a", -1},
		{"1.0.0-alpha.9", "1.0.0-alpha.10", -1},
		{"1.0.0-alpha-2", "1.0.0-alpha-10", 1},
		{"1.0.0-a.b.c", "1.0.0-a.b", 1},
		{"1.0.0-9", "1.0.0-10", -1},
		{"1.0.0-beta", "1.0.0-Beta", 1},
		{"2.0.0-alpha", "1.99.99", 1},
		{"1.0.0-0", "0.99.99", 1},
	}
	for _, c := range cases {
		a, b := htMustParse(t, c.a), htMustParse(t, c.b)
		if got := Compare(a, b); got != c.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Compare(b, a); got != -c.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", c.b, c.a, got, -c.want)
		}
	}
}

func TestSortStrings(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for round := 0; round < 20; round++ {
		vs := append([]string(nil), htOrdered...)
		r.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
		if err := SortStrings(vs); err != nil {
			t.Fatalf("SortStrings: %v", err)
		}
		if !reflect.DeepEqual(vs, htOrdered) {
			t.Fatalf("SortStrings gave %v", vs)
		}
	}
}

func TestSortStringsStableAndVerbatim(t *testing.T) {
	vs := []string{"1.0.0+b", "v1.0.0", "0.1.0", "1.0.0+a", "1.0.0", "v0.1.0+x", "1.0.0-rc.1"}
	want := []string{"0.1.0", "v0.1.0+x", "1.0.0-rc.1", "1.0.0+b", "v1.0.0", "1.0.0+a", "1.0.0"}
	if err := SortStrings(vs); err != nil {
		t.Fatalf("SortStrings: %v", err)
	}
	if !reflect.DeepEqual(vs, want) {
		t.Fatalf("SortStrings = %v, want %v", vs, want)
	}
}

func TestSortStringsError(t *testing.T) {
	vs := []string{"2.0.0", "1.0.0", "1.0", "0.5.0"}
	orig := append([]string(nil), vs...)
	err := SortStrings(vs)
	if err == nil {
		t.Fatal("SortStrings accepted an invalid version")
	}
	if !strings.Contains(err.Error(), "1.0") {
		t.Errorf("error %q does not name the bad version", err)
	}
	if !reflect.DeepEqual(vs, orig) {
		t.Errorf("SortStrings changed the slice on error: %v", vs)
	}
	bad := []string{"1.0.0", "1.0.0-01"}
	err = SortStrings(bad)
	if err == nil || !strings.Contains(err.Error(), "1.0.0-01") {
		t.Errorf("SortStrings error = %v, want one naming 1.0.0-01", err)
	}
}

func TestSortStringsEmpty(t *testing.T) {
	if err := SortStrings(nil); err != nil {
		t.Errorf("SortStrings(nil) = %v", err)
	}
	vs := []string{}
	if err := SortStrings(vs); err != nil {
		t.Errorf("SortStrings(empty) = %v", err)
	}
}
