// Command credence reads news articles and reports how they are sourced and
// how credible they look. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/credence-news/credence/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal asks commands to stop cleanly (commit what is done,
	// finish requests in flight); restoring the default handling makes a
	// second one end the process at once, even when a command is stuck
	// reading standard input.
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := cli.Run(ctx, os.Args[1:], cli.StdEnv())
	stop()
	switch {
	case err == nil:
		os.Exit(0)
	case errors.Is(err, cli.ErrUsage):
		os.Exit(2)
	default:
		if !errors.Is(err, cli.ErrReported) {
			fmt.Fprintln(os.Stderr, "credence:", err)
		}
		os.Exit(1)
	}
}
