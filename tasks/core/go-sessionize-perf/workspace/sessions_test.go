package sessions

import (
	"reflect"
	"testing"
	"time"
)

var t0 = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func TestSingleUser(t *testing.T) {
	evs := []Event{
		{"ann", at(0), "/"},
		{"ann", at(10), "/docs"},
		{"ann", at(20), "/"},
		{"ann", at(80), "/pricing"},
	}
	got := Sessionize(evs, 30*time.Minute)
	want := []Session{
		{User: "ann", Start: at(0), End: at(20), Events: 3, Paths: []string{"/", "/docs"}},
		{User: "ann", Start: at(80), End: at(80), Events: 1, Paths: []string{"/pricing"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestGapBoundary(t *testing.T) {
	evs := []Event{{"a", at(0), "/x"}, {"a", at(30), "/y"}, {"a", at(61), "/z"}}
	got := Sessionize(evs, 30*time.Minute)
	if len(got) != 2 || got[0].Events != 2 || got[1].Events != 1 {
		t.Fatalf("got %+v", got)
	}
}

func TestOrderingAcrossUsers(t *testing.T) {
	evs := []Event{
		{"bob", at(5), "/b"},
		{"ann", at(5), "/a"},
		{"cat", at(1), "/c"},
		{"bob", at(0), "/b0"},
	}
	got := Sessionize(evs, time.Hour)
	var users []string
	for _, s := range got {
		users = append(users, s.User)
	}
	if !reflect.DeepEqual(users, []string{"bob", "cat", "ann"}) {
		t.Fatalf("order %v", users)
	}
	if !reflect.DeepEqual(got[0].Paths, []string{"/b0", "/b"}) {
		t.Fatalf("bob's paths %v", got[0].Paths)
	}
}

func TestEmpty(t *testing.T) {
	if got := Sessionize(nil, time.Minute); len(got) != 0 {
		t.Fatalf("got %+v", got)
	}
}
