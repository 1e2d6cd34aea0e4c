package latmon

import "testing"

func TestWindowBasics(t *testing.T) {
	w, err := NewWindow(1000)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range []int64{30, 10, 20} {
		if err := w.Add(int64(i*10), v); err != nil {
			t.Fatal(err)
		}
	}
	if w.Len() != 3 {
		t.Fatalf("Len = %d", w.Len())
	}
	if q, _ := w.Quantile(500); q != 20 {
		t.Errorf("p50 = %d, want 20", q)
	}
	if q, _ := w.Quantile(0); q != 10 {
		t.Errorf("p0 = %d, want 10", q)
	}
	if c := w.CountAtMost(20); c != 2 {
		t.Errorf("CountAtMost(20) = %d", c)
	}
}

func TestMonitorReport(t *testing.T) {
	m, _ := NewMonitor(60000)
	for i := int64(1); i <= 4; i++ {
		if err := m.Feed(Event{TS: 1000 * i, Endpoint: "/x", Status: 200, Latency: i}); err != nil {
			t.Fatal(err)
		}
	}
	s, err := m.Report("/x")
	if err != nil {
		t.Fatal(err)
	}
	if s.Count != 4 || s.Max != 4 || s.Errors != 0 {
		t.Errorf("got %+v", s)
	}
}
