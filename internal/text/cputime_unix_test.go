//go:build unix

package text_test

import (
	"syscall"
	"time"
)

// cpuTime returns the user+system CPU time of this process, so that the
// benchmarks can report throughput per CPU-second, which stays honest
// when the machine is shared and wall-clock time is inflated by waiting.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
