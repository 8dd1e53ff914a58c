package cli

import (
	"context"
	"fmt"
	"sort"
)

func init() {
	register(command{name: "eval", summary: "measure credence on annotated data (segmentation, attribution, reliability)", run: runEval})
}

// evalCommands are the `credence eval KIND` subcommands; each file
// registers its own.
var evalCommands = map[string]command{}

func registerEval(c command) { evalCommands[c.name] = c }

func runEval(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := env.Stderr
		if len(args) > 0 {
			w = env.Stdout
		}
		fmt.Fprintf(w, "Usage: credence eval KIND [flags]\n\nKinds:\n")
		names := make([]string, 0, len(evalCommands))
		for n := range evalCommands {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(w, "  %-13s %s\n", n, evalCommands[n].summary)
		}
		fmt.Fprintf(w, "\nRun 'credence eval KIND --help' for its flags.\n")
		if len(args) == 0 {
			return ErrUsage
		}
		return nil
	}
	c, ok := evalCommands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "credence eval: unknown kind %q; run 'credence eval --help'\n", args[0])
		return ErrUsage
	}
	return c.run(ctx, env, args[1:])
}
