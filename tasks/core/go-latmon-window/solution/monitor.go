package latmon

import "sort"

// Monitor keeps one sliding window per endpoint. See SPEC.md section 3.
type Monitor struct {
	span   int64
	latest int64
	seen   bool
	eps    map[string]*endpoint
}

type endpoint struct {
	lat  *Window // latencies of all requests
	errs *Window // one value per 5xx response
}

// Summary is the state of one endpoint's window.
type Summary struct {
	Endpoint string
	Count    int
	P50      int64
	P90      int64
	P99      int64
	Max      int64
	Errors   int
}

// NewMonitor returns a monitor whose windows all have the given span in milliseconds.
func NewMonitor(span int64) (*Monitor, error) {
	if span <= 0 {
		return nil, ErrBadSpan
	}
	return &Monitor{span: span, eps: map[string]*endpoint{}}, nil
}

// Latest returns the monitor's time: the latest timestamp fed to it (0 before any).
func (m *Monitor) Latest() int64 { return m.latest }

// Feed adds one event. Events must come in non-decreasing timestamp order across all endpoints.
func (m *Monitor) Feed(e Event) error {
	if m.seen && e.TS < m.latest {
		return ErrOutOfOrder
	}
	m.seen = true
	m.latest = e.TS
	ep := m.eps[e.Endpoint]
	if ep == nil {
		lat, _ := NewWindow(m.span)
		errs, _ := NewWindow(m.span)
		ep = &endpoint{lat: lat, errs: errs}
		m.eps[e.Endpoint] = ep
	}
	if err := ep.lat.Add(e.TS, e.Latency); err != nil {
		return err
	}
	if e.Status >= 500 {
		return ep.errs.Add(e.TS, int64(e.Status))
	}
	return ep.errs.Advance(e.TS)
}

// Endpoints returns every endpoint fed so far, sorted.
func (m *Monitor) Endpoints() []string {
	out := make([]string, 0, len(m.eps))
	for name := range m.eps {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Report summarises an endpoint's window as of the monitor's time.
func (m *Monitor) Report(name string) (Summary, error) {
	ep := m.eps[name]
	if ep == nil {
		return Summary{}, ErrUnknownEndpoint
	}
	if err := ep.lat.Advance(m.latest); err != nil {
		return Summary{}, err
	}
	if err := ep.errs.Advance(m.latest); err != nil {
		return Summary{}, err
	}
	s := Summary{Endpoint: name, Count: ep.lat.Len(), Errors: ep.errs.Len()}
	if s.Count == 0 {
		return s, nil
	}
	s.P50, _ = ep.lat.Quantile(500)
	s.P90, _ = ep.lat.Quantile(900)
	s.P99, _ = ep.lat.Quantile(990)
	s.Max, _ = ep.lat.Quantile(1000)
	return s, nil
}
