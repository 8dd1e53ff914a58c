//go:build !unix

package text_test

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
