package latmon

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"testing"
)

// ---- a plain model of SPEC.md section 2 ----

type htModelObs struct{ ts, v int64 }

type htModel struct {
	span, latest int64
	seen         bool
	items        []htModelObs
}

func (m *htModel) advance(ts int64) bool {
	if m.seen && ts < m.latest {
		return false
	}
	m.seen, m.latest = true, ts
	keep := m.items[:0]
	for _, o := range m.items {
		if o.ts > ts-m.span {
			keep = append(keep, o)
		}
	}
	m.items = keep
	return true
}

func (m *htModel) quantile(p int) (int64, error) {
	if p < 0 || p > 1000 {
		return 0, ErrBadQuantile
	}
	if len(m.items) == 0 {
		return 0, ErrEmpty
	}
	vals := make([]int64, len(m.items))
	for i, o := range m.items {
		vals[i] = o.v
	}
	sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
	n := int64(len(vals))
	r := int64(p) * n / 1000
	if int64(p)*n%1000 != 0 {
		r++
	}
	if r < 1 {
		r = 1
	}
	return vals[r-1], nil
}

func (m *htModel) countAtMost(v int64) int {
	c := 0
	for _, o := range m.items {
		if o.v <= v {
			c++
		}
	}
	return c
}

func htNewWindow(t *testing.T, span int64) *Window {
	t.Helper()
	w, err := NewWindow(span)
	if err != nil || w == nil {
		t.Fatalf("NewWindow(%d) = %v, %v", span, w, err)
	}
	return w
}

func htAdd(t *testing.T, w *Window, ts, v int64) {
	t.Helper()
	if err := w.Add(ts, v); err != nil {
		t.Fatalf("Add(%d, %d) = %v", ts, v, err)
	}
}

func htQ(t *testing.T, w *Window, p int, want int64) {
	t.Helper()
	got, err := w.Quantile(p)
	if err != nil || got != want {
		t.Errorf("Quantile(%d) = %d, %v; want %d", p, got, err, want)
	}
}

// ---- Window ----

func TestWindowBadSpan(t *testing.T) {
	for _, s := range []int64{0, -1, math.MinInt64} {
		w, err := NewWindow(s)
		if !errors.Is(err, ErrBadSpan) || w != nil {
			t.Errorf("NewWindow(%d) = %v, %v; want nil, ErrBadSpan", s, w, err)
		}
	}
	if w, err := NewWindow(1); err != nil || w == nil || w.Span() != 1 || w.Len() != 0 || w.Latest() != 0 {
		t.Errorf("NewWindow(1) = %v, %v", w, err)
	}
}

func TestWindowNearestRankOneToTen(t *testing.T) {
	w := htNewWindow(t, 1000)
	for i := int64(1); i <= 10; i++ {
		htAdd(t, w, 5, 11-i)
	}
	want := map[int]int64{0: 1, 1: 1, 99: 1, 100: 1, 101: 2, 199: 2, 200: 2, 201: 3, 500: 5, 501: 6, 899: 9, 900: 9, 901: 10, 990: 10, 999: 10, 1000: 10}
	for p, v := range want {
		htQ(t, w, p, v)
	}
}

func TestWindowNearestRankSmall(t *testing.T) {
	w := htNewWindow(t, 1000)
	htAdd(t, w, 0, 42)
	for _, p := range []int{0, 1, 500, 999, 1000} {
		htQ(t, w, p, 42)
	}
	htAdd(t, w, 0, 7)
	htQ(t, w, 500, 7)
	htQ(t, w, 501, 42)
	htAdd(t, w, 0, 9)
	htQ(t, w, 333, 7)
	htQ(t, w, 334, 9)
	htQ(t, w, 666, 9)
	htQ(t, w, 667, 42)
}

func TestWindowQuantileErrors(t *testing.T) {
	w := htNewWindow(t, 10)
	if _, err := w.Quantile(500); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty Quantile(500) err = %v", err)
	}
	if _, err := w.Quantile(1001); !errors.Is(err, ErrBadQuantile) {
		t.Errorf("empty Quantile(1001) err = %v (ErrBadQuantile is checked first)", err)
	}
	htAdd(t, w, 1, 1)
	for _, p := range []int{-1, 1001, math.MaxInt32, math.MinInt32} {
		if _, err := w.Quantile(p); !errors.Is(err, ErrBadQuantile) {
			t.Errorf("Quantile(%d) err = %v", p, err)
		}
	}
}

func TestWindowEvictionBoundary(t *testing.T) {
	w := htNewWindow(t, 100)
	htAdd(t, w, 1000, 1)
	htAdd(t, w, 1050, 2)
	if err := w.Advance(1099); err != nil || w.Len() != 2 {
		t.Fatalf("at 1099: Len %d err %v, want 2", w.Len(), err)
	}
	if err := w.Advance(1100); err != nil || w.Len() != 1 {
		t.Fatalf("at 1100: Len %d err %v, want 1 (the value at 1000 is gone)", w.Len(), err)
	}
	htQ(t, w, 0, 2)
	htAdd(t, w, 1149, 3)
	if w.Len() != 2 {
		t.Errorf("at 1149: Len %d, want 2", w.Len())
	}
	htAdd(t, w, 1150, 4)
	if w.Len() != 2 || w.CountAtMost(2) != 0 {
		t.Errorf("at 1150: Len %d CountAtMost(2) %d, want 2 and 0", w.Len(), w.CountAtMost(2))
	}
	if err := w.Advance(1249); err != nil || w.Len() != 1 {
		t.Errorf("at 1249: Len %d, want 1", w.Len())
	}
	if err := w.Advance(5000); err != nil || w.Len() != 0 {
		t.Errorf("at 5000: Len %d, want 0", w.Len())
	}
	if _, err := w.Quantile(0); !errors.Is(err, ErrEmpty) {
		t.Errorf("Quantile of emptied window: %v", err)
	}
	if w.CountAtMost(math.MaxInt64) != 0 {
		t.Errorf("CountAtMost on emptied window")
	}
	if w.Latest() != 5000 {
		t.Errorf("Latest = %d", w.Latest())
	}
}

func TestWindowSpanOne(t *testing.T) {
	w := htNewWindow(t, 1)
	htAdd(t, w, 7, 1)
	htAdd(t, w, 7, 2)
	if w.Len() != 2 {
		t.Fatalf("Len %d", w.Len())
	}
	htAdd(t, w, 8, 3)
	if w.Len() != 1 {
		t.Fatalf("Len %d after moving on by 1 ms with span 1", w.Len())
	}
	htQ(t, w, 1000, 3)
}

func TestWindowOutOfOrder(t *testing.T) {
	w := htNewWindow(t, 100)
	htAdd(t, w, 50, 5)
	htAdd(t, w, 60, 6)
	if err := w.Add(59, 100); !errors.Is(err, ErrOutOfOrder) {
		t.Errorf("Add(59) err = %v", err)
	}
	if err := w.Advance(10); !errors.Is(err, ErrOutOfOrder) {
		t.Errorf("Advance(10) err = %v", err)
	}
	if w.Len() != 2 || w.Latest() != 60 || w.CountAtMost(99) != 2 {
		t.Errorf("window changed by rejected calls: Len %d Latest %d", w.Len(), w.Latest())
	}
	htQ(t, w, 1000, 6)
	htAdd(t, w, 60, 1)
	htQ(t, w, 0, 1)
}

func TestWindowFirstTimestampMayBeZeroOrAnything(t *testing.T) {
	w := htNewWindow(t, 10)
	htAdd(t, w, 0, 3)
	if w.Len() != 1 || w.Latest() != 0 {
		t.Errorf("Len %d Latest %d", w.Len(), w.Latest())
	}
	w2 := htNewWindow(t, 10)
	if err := w2.Advance(1 << 40); err != nil {
		t.Fatal(err)
	}
	if err := w2.Add(5, 1); !errors.Is(err, ErrOutOfOrder) {
		t.Errorf("Add before advanced time: %v", err)
	}
}

func TestWindowExtremeValues(t *testing.T) {
	w := htNewWindow(t, 1000)
	for _, v := range []int64{math.MaxInt64, math.MinInt64, 0, -1, math.MaxInt64, math.MinInt64} {
		htAdd(t, w, 1, v)
	}
	htQ(t, w, 0, math.MinInt64)
	htQ(t, w, 1000, math.MaxInt64)
	htQ(t, w, 500, -1)
	if c := w.CountAtMost(math.MinInt64); c != 2 {
		t.Errorf("CountAtMost(MinInt64) = %d", c)
	}
	if c := w.CountAtMost(math.MaxInt64); c != 6 {
		t.Errorf("CountAtMost(MaxInt64) = %d", c)
	}
	if c := w.CountAtMost(-1); c != 3 {
		t.Errorf("CountAtMost(-1) = %d", c)
	}
}

func TestWindowRandomizedAgainstModel(t *testing.T) {
	for seed := int64(1); seed <= 6; seed++ {
		seed := seed
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			r := rand.New(rand.NewSource(seed))
			span := int64(1 + r.Intn(200))
			w := htNewWindow(t, span)
			m := &htModel{span: span}
			ts := int64(r.Intn(1000))
			spread := int64([]int{3, 50, 1 << 30}[seed%3])
			bad := 0
			for step := 0; step < 3000 && bad < 5; step++ {
				switch k := r.Intn(20); {
				case k < 10:
					ts += int64(r.Intn(int(span/4 + 2)))
					v := r.Int63n(2*spread) - spread
					err := w.Add(ts, v)
					m.advance(ts)
					m.items = append(m.items, htModelObs{ts, v})
					if err != nil {
						t.Errorf("step %d: Add(%d, %d) = %v", step, ts, v, err)
						bad++
					}
				case k < 11:
					ts += int64(r.Intn(int(span + 2)))
					err := w.Advance(ts)
					m.advance(ts)
					if err != nil {
						t.Errorf("step %d: Advance(%d) = %v", step, ts, err)
						bad++
					}
				case k < 12 && m.seen:
					back := ts - 1 - int64(r.Intn(5))
					if err := w.Add(back, 1); !errors.Is(err, ErrOutOfOrder) {
						t.Errorf("step %d: Add(%d) at time %d = %v", step, back, ts, err)
						bad++
					}
				case k < 16:
					p := r.Intn(1001)
					if r.Intn(10) == 0 {
						p = []int{0, 1000, 1, 999, 500}[r.Intn(5)]
					}
					got, gerr := w.Quantile(p)
					want, werr := m.quantile(p)
					if got != want || !errors.Is(gerr, werr) {
						t.Errorf("step %d: Quantile(%d) with %d values = %d, %v; want %d, %v", step, p, len(m.items), got, gerr, want, werr)
						bad++
					}
				default:
					v := r.Int63n(2*spread+2) - spread - 1
					if got, want := w.CountAtMost(v), m.countAtMost(v); got != want {
						t.Errorf("step %d: CountAtMost(%d) = %d, want %d", step, v, got, want)
						bad++
					}
				}
				if w.Len() != len(m.items) {
					t.Errorf("step %d: Len = %d, want %d", step, w.Len(), len(m.items))
					bad++
				}
				if w.Latest() != m.latest {
					t.Errorf("step %d: Latest = %d, want %d", step, w.Latest(), m.latest)
					bad++
				}
			}
		})
	}
}

// ---- Monitor ----

func htMonitor(t *testing.T, span int64) *Monitor {
	t.Helper()
	m, err := NewMonitor(span)
	if err != nil || m == nil {
		t.Fatalf("NewMonitor(%d) = %v, %v", span, m, err)
	}
	return m
}

func htFeed(t *testing.T, m *Monitor, ts int64, ep string, status int, lat int64) {
	t.Helper()
	if err := m.Feed(Event{TS: ts, Endpoint: ep, Status: status, Latency: lat}); err != nil {
		t.Fatalf("Feed(%d %s %d %d) = %v", ts, ep, status, lat, err)
	}
}

func htReport(t *testing.T, m *Monitor, ep string) Summary {
	t.Helper()
	s, err := m.Report(ep)
	if err != nil {
		t.Fatalf("Report(%s) = %v", ep, err)
	}
	return s
}

func TestMonitorBadSpan(t *testing.T) {
	if m, err := NewMonitor(0); !errors.Is(err, ErrBadSpan) || m != nil {
		t.Errorf("NewMonitor(0) = %v, %v", m, err)
	}
	if m, err := NewMonitor(-5); !errors.Is(err, ErrBadSpan) || m != nil {
		t.Errorf("NewMonitor(-5) = %v, %v", m, err)
	}
	m := htMonitor(t, 1)
	htFeed(t, m, 10, "/a", 200, 1)
	htFeed(t, m, 10, "/a", 200, 2)
	htFeed(t, m, 11, "/b", 200, 3)
	if s := htReport(t, m, "/a"); s.Count != 0 {
		t.Errorf("span 1: /a at 11: %+v", s)
	}
}

func TestMonitorSummaryFields(t *testing.T) {
	m := htMonitor(t, 10000)
	for i := int64(1); i <= 200; i++ {
		st := 200
		if i%40 == 0 {
			st = 500
		} else if i%7 == 0 {
			st = 499
		}
		htFeed(t, m, 1000+i, "/api", st, 201-i)
	}
	want := Summary{Endpoint: "/api", Count: 200, P50: 100, P90: 180, P99: 198, Max: 200, Errors: 5}
	if s := htReport(t, m, "/api"); s != want {
		t.Errorf("Report = %+v\nwant %+v", s, want)
	}
}

func TestMonitorErrorsAgeOut(t *testing.T) {
	m := htMonitor(t, 1000)
	htFeed(t, m, 0, "/a", 503, 10)
	htFeed(t, m, 500, "/a", 200, 20)
	htFeed(t, m, 999, "/a", 599, 30)
	if s := htReport(t, m, "/a"); s.Errors != 2 || s.Count != 3 {
		t.Errorf("at 999: %+v", s)
	}
	htFeed(t, m, 1000, "/a", 200, 40)
	if s := htReport(t, m, "/a"); s.Errors != 1 || s.Count != 3 || s.P50 != 30 {
		t.Errorf("at 1000: %+v", s)
	}
	htFeed(t, m, 1999, "/a", 200, 50)
	if s := htReport(t, m, "/a"); s.Errors != 0 || s.Count != 2 || s.Max != 50 || s.P50 != 40 {
		t.Errorf("at 1999: %+v", s)
	}
}

func TestMonitorReportUsesMonitorTime(t *testing.T) {
	m := htMonitor(t, 1000)
	htFeed(t, m, 100, "/idle", 500, 7)
	htFeed(t, m, 600, "/idle", 200, 9)
	htFeed(t, m, 1099, "/busy", 200, 1)
	if s := htReport(t, m, "/idle"); s.Count != 2 || s.Errors != 1 {
		t.Errorf("/idle at 1099: %+v", s)
	}
	htFeed(t, m, 1100, "/busy", 200, 1)
	if s := htReport(t, m, "/idle"); s.Count != 1 || s.Errors != 0 || s.P50 != 9 {
		t.Errorf("/idle at 1100: %+v", s)
	}
	htFeed(t, m, 5000, "/busy", 200, 2)
	want := Summary{Endpoint: "/idle"}
	if s := htReport(t, m, "/idle"); s != want {
		t.Errorf("/idle at 5000: %+v, want %+v", s, want)
	}
	if m.Latest() != 5000 {
		t.Errorf("Latest = %d", m.Latest())
	}
}

func TestMonitorGlobalOrder(t *testing.T) {
	m := htMonitor(t, 1000)
	htFeed(t, m, 500, "/a", 200, 1)
	htFeed(t, m, 700, "/b", 200, 2)
	if err := m.Feed(Event{TS: 600, Endpoint: "/a", Status: 200, Latency: 3}); !errors.Is(err, ErrOutOfOrder) {
		t.Errorf("Feed /a at 600 after 700: %v", err)
	}
	if err := m.Feed(Event{TS: 699, Endpoint: "/new", Status: 200, Latency: 3}); !errors.Is(err, ErrOutOfOrder) {
		t.Errorf("Feed /new at 699 after 700: %v", err)
	}
	if got := m.Endpoints(); len(got) != 2 || got[0] != "/a" || got[1] != "/b" {
		t.Errorf("Endpoints = %q (a rejected event must not create an endpoint)", got)
	}
	if s := htReport(t, m, "/a"); s.Count != 1 || s.Max != 1 {
		t.Errorf("/a: %+v", s)
	}
	if m.Latest() != 700 {
		t.Errorf("Latest = %d", m.Latest())
	}
	htFeed(t, m, 700, "/a", 200, 4)
}

func TestMonitorUnknownEndpoint(t *testing.T) {
	m := htMonitor(t, 1000)
	if _, err := m.Report("/x"); !errors.Is(err, ErrUnknownEndpoint) {
		t.Errorf("Report on empty monitor: %v", err)
	}
	htFeed(t, m, 1, "/x", 200, 1)
	if _, err := m.Report("/y"); !errors.Is(err, ErrUnknownEndpoint) {
		t.Errorf("Report(/y): %v", err)
	}
	if got := m.Endpoints(); len(got) != 1 || got[0] != "/x" {
		t.Errorf("Endpoints = %q", got)
	}
}

func TestRenderSortedWithEmptyEndpoints(t *testing.T) {
	m := htMonitor(t, 100)
	htFeed(t, m, 0, "/zeta", 200, 5)
	htFeed(t, m, 10, "/Alpha", 502, 8)
	htFeed(t, m, 20, "/beta", 200, 3)
	htFeed(t, m, 105, "/beta", 200, 4)
	var b bytes.Buffer
	if err := Render(&b, m); err != nil {
		t.Fatal(err)
	}
	want := "/Alpha count=1 p50=8 p90=8 p99=8 max=8 errors=1\n" +
		"/beta count=2 p50=3 p90=4 p99=4 max=4 errors=0\n" +
		"/zeta count=0 p50=0 p90=0 p99=0 max=0 errors=0\n"
	if b.String() != want {
		t.Errorf("Render:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestMonitorRandomizedAgainstModel(t *testing.T) {
	r := rand.New(rand.NewSource(99))
	span := int64(500)
	m := htMonitor(t, span)
	eps := []string{"/a", "/b", "/c", "/d"}
	lat := map[string]*htModel{}
	errs := map[string]*htModel{}
	ts := int64(0)
	bad := 0
	for step := 0; step < 4000 && bad < 5; step++ {
		if r.Intn(50) == 0 {
			ts += span
		} else {
			ts += int64(r.Intn(30))
		}
		ep := eps[r.Intn(len(eps))]
		if r.Intn(4) == 0 {
			ep = eps[0]
		}
		st := []int{200, 201, 404, 499, 500, 503, 599}[r.Intn(7)]
		l := int64(r.Intn(1000))
		htFeed(t, m, ts, ep, st, l)
		if lat[ep] == nil {
			lat[ep], errs[ep] = &htModel{span: span}, &htModel{span: span}
		}
		lat[ep].items = append(lat[ep].items, htModelObs{ts, l})
		if st >= 500 {
			errs[ep].items = append(errs[ep].items, htModelObs{ts, 1})
		}
		q := eps[r.Intn(len(eps))]
		got, err := m.Report(q)
		if lat[q] == nil {
			if !errors.Is(err, ErrUnknownEndpoint) {
				t.Errorf("step %d: Report(%s) before any event: %v", step, q, err)
				bad++
			}
			continue
		}
		lat[q].advance(ts)
		errs[q].advance(ts)
		want := Summary{Endpoint: q, Count: len(lat[q].items), Errors: len(errs[q].items)}
		if want.Count > 0 {
			want.P50, _ = lat[q].quantile(500)
			want.P90, _ = lat[q].quantile(900)
			want.P99, _ = lat[q].quantile(990)
			want.Max, _ = lat[q].quantile(1000)
		}
		if err != nil || got != want {
			t.Errorf("step %d at %d: Report(%s) = %+v, %v\nwant %+v", step, ts, q, got, err, want)
			bad++
		}
	}
}

// ---- parsing and ProcessLog ----

func TestParseLine(t *testing.T) {
	e, err := ParseLine("  1700000000123\t/api/users   200 37 ", 4)
	if err != nil || e != (Event{TS: 1700000000123, Endpoint: "/api/users", Status: 200, Latency: 37}) {
		t.Errorf("ParseLine = %+v, %v", e, err)
	}
	for _, line := range []string{"1 /a 200", "1 /a 200 5 6", "x /a 200 5", "-1 /a 200 5", "1 a 200 5", "1 /a 99 5", "1 /a 600 5", "1 /a 200 -5", "1 /a 200 5.0"} {
		_, err := ParseLine(line, 9)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != 9 {
			t.Errorf("ParseLine(%q) = %v, want a *ParseError for line 9", line, err)
		}
	}
}

func TestProcessLogLineNumbers(t *testing.T) {
	log := "# access log\n\n100 /a 200 5\n   \n# gap\n200 /a 200 6\n200 /b 500 bad\n300 /a 200 7\n"
	m := htMonitor(t, 1000)
	err := ProcessLog(strings.NewReader(log), m)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 7 {
		t.Fatalf("ProcessLog err = %v, want *ParseError at line 7", err)
	}
	if s := htReport(t, m, "/a"); s.Count != 2 || s.Max != 6 {
		t.Errorf("events before the bad line: %+v", s)
	}
}

func TestProcessLogOutOfOrder(t *testing.T) {
	log := "100 /a 200 5\n#\n300 /b 200 6\n\n250 /a 200 7\n400 /a 200 8\n"
	m := htMonitor(t, 1000)
	err := ProcessLog(strings.NewReader(log), m)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 5 || pe.Msg != "timestamp out of order" {
		t.Fatalf("ProcessLog err = %#v, want line 5 timestamp out of order", err)
	}
	if m.Latest() != 300 {
		t.Errorf("Latest = %d", m.Latest())
	}
}

func TestProcessLogWhole(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&b, "%d /p%d %d %d\n", i*10, i%3, 200+(i%4)*100, (i*37)%101)
	}
	m := htMonitor(t, 2000)
	if err := ProcessLog(strings.NewReader(b.String()), m); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Render(&out, m); err != nil {
		t.Fatal(err)
	}
	// The last 2000 ms hold i = 300..499 (ts 3000..4990 > 4990-2000).
	want := ""
	for p := 0; p < 3; p++ {
		md := &htModel{span: 2000}
		errsN := 0
		for i := 300; i < 500; i++ {
			if i%3 == p {
				md.items = append(md.items, htModelObs{int64(i * 10), int64((i * 37) % 101)})
				if 200+(i%4)*100 >= 500 {
					errsN++
				}
			}
		}
		s := Summary{Endpoint: fmt.Sprintf("/p%d", p), Count: len(md.items), Errors: errsN}
		s.P50, _ = md.quantile(500)
		s.P90, _ = md.quantile(900)
		s.P99, _ = md.quantile(990)
		s.Max, _ = md.quantile(1000)
		want += fmt.Sprintf("%s count=%d p50=%d p90=%d p99=%d max=%d errors=%d\n", s.Endpoint, s.Count, s.P50, s.P90, s.P99, s.Max, s.Errors)
	}
	if out.String() != want {
		t.Errorf("Render:\n%s\nwant:\n%s", out.String(), want)
	}
	if !strings.HasPrefix(want, "/p0 count=67 ") {
		t.Fatalf("test self-check: %q", want)
	}
}
