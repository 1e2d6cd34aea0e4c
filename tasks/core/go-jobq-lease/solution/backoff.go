package jobq

// Backoff returns the retry delay after the given failed attempt (1-based):
// min(base * 2^(attempt-1), max). It never overflows: any delay that would
// exceed max is max.
func Backoff(attempt int, base, max int64) int64 {
	if attempt < 1 || base <= 0 {
		return 0
	}
	d := base
	for i := 1; i < attempt; i++ {
		if d > max/2 {
			return max
		}
		d *= 2
	}
	if d > max {
		return max
	}
	return d
}
