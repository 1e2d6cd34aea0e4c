package jobq

// Backoff returns the retry delay after the given failed attempt (1-based):
// min(base * 2^(attempt-1), max). It never overflows: any delay that would
// exceed max is max.
func Backoff(attempt int, base, max int64) int64 {
	if attempt < 1 || base <= 0 {
		return 0
	}
	d := base << uint(attempt-1)
	if d > max {
		return max
	}
	return d
}
