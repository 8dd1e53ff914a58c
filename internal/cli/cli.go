// Package cli implements the credence subcommands, one file each. Run
// dispatches; it returns errors and leaves exit codes to main.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// ErrUsage marks a command-line usage error (exit status 2). The message
// has already been printed.
var ErrUsage = errors.New("usage error")

// ErrReported marks a failure whose details were already printed on
// stderr, such as some inputs failing while others were processed
// (exit status 1).
var ErrReported = errors.New("some inputs failed")

// Env is what a command sees of the outside world, so tests can run
// commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// StdoutIsTerminal picks human-friendly defaults (text output,
	// progress bars).
	StdoutIsTerminal bool
	StderrIsTerminal bool
}

// StdEnv is the process environment.
func StdEnv() *Env {
	return &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		StdoutIsTerminal: isTerminal(os.Stdout),
		StderrIsTerminal: isTerminal(os.Stderr),
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// command is one subcommand; each file registers its own in init.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// Run runs the subcommand named by args[0].
func Run(ctx context.Context, args []string, env *Env) error {
	if len(args) == 0 {
		usage(env.Stderr)
		return ErrUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(env.Stdout)
		return nil
	case "-version", "--version", "version":
		fmt.Fprintln(env.Stdout, "credence", Version)
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "credence: unknown command %q\n\n", args[0])
		usage(env.Stderr)
		return ErrUsage
	}
	return c.run(ctx, env, args[1:])
}

// Version is set at build time with -ldflags "-X ...cli.Version=...".
var Version = "dev"

func usage(w io.Writer) {
	fmt.Fprint(w, `credence reads news articles and reports how they are sourced and how
credible they look.

Usage:
  credence COMMAND [flags] [arguments]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-13s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
Run 'credence COMMAND --help' for a command's flags.
Exit status: 0 all done; 1 some input failed (each named on stderr); 2 usage error.
`)
}

// newFlagSet makes a flag set whose usage text names the command, its
// arguments and what it does.
func newFlagSet(env *Env, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s\n\n%s\n\nFlags:\n", strings.TrimSpace("credence "+name+" [flags] "+args), strings.TrimSpace(about))
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args allowing flags after positional arguments
// ("credence analyze a.txt --format json"). "--" ends flag parsing.
// -h/--help prints usage to stdout and returns flag.ErrHelp.
func parseFlags(env *Env, fs *flag.FlagSet, args []string) ([]string, error) {
	// Asked-for help goes to stdout; the flag package would print it on
	// stderr as if it were an error.
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(env.Stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, ErrUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// handleParse turns parseFlags' outcome into what a command returns:
// done (help printed) or an error.
func handleParse(err error) (done bool, _ error) {
	if errors.Is(err, flag.ErrHelp) {
		return true, nil
	}
	return err != nil, err
}

// usageErrorf prints a usage problem and returns ErrUsage.
func usageErrorf(env *Env, fs *flag.FlagSet, format string, a ...any) error {
	fmt.Fprintf(env.Stderr, "credence %s: %s\n", fs.Name(), fmt.Sprintf(format, a...))
	fmt.Fprintf(env.Stderr, "Run 'credence %s --help' for usage.\n", fs.Name())
	return ErrUsage
}
