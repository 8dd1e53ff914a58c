package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/credence-news/credence/internal/fetch"
	"github.com/credence-news/credence/internal/server"
	"github.com/credence-news/credence/internal/store/sqlite"
)

func init() {
	register(command{name: "serve", summary: "run the web UI and JSON API on the embedded store", run: runServe})
}

const serveAbout = `Serve the web UI and the JSON API (documented at /api/openapi.json) on
the embedded database in the data directory (--data, else $CREDENCE_DATA,
else ./credence-data; created if absent). Set CREDENCE_API_TOKEN to require
that token on every write. Fetching articles by URL is off unless
--allow-fetch is given. Stops gracefully on SIGINT or SIGTERM.`

// dataFlag registers --data, whose default comes from CREDENCE_DATA.
func dataFlag(env *Env, fs *flag.FlagSet) *string {
	def := "./credence-data"
	if v := env.Getenv("CREDENCE_DATA"); v != "" {
		def = v
	}
	return fs.String("data", def, "data directory holding the database (its default comes from $CREDENCE_DATA when set)")
}

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "serve", "", serveAbout)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address HOST:PORT")
	data := dataFlag(env, fs)
	allowFetch := fs.Bool("allow-fetch", false, "let clients submit a URL for the server to fetch")
	allowPrivate := fs.Bool("allow-private", false, "with --allow-fetch: also fetch from loopback, private and link-local addresses")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "cap on a request body in bytes (larger requests get 413)")
	grace := fs.Duration("grace", 15*time.Second, "how long to let requests in flight finish on shutdown")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
	var mf modelFlags
	mf.register(fs)
	pos, err := parseFlags(env, fs, args)
	if done, err := handleParse(err); done {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf(env, fs, "unexpected argument %q", pos[0])
	}
	if *maxBody <= 0 {
		return usageErrorf(env, fs, "--max-body %d: must be positive", *maxBody)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return usageErrorf(env, fs, "--log-level %q: want debug, info, warn or error", *logLevel)
	}
	if *allowPrivate && !*allowFetch {
		return usageErrorf(env, fs, "--allow-private needs --allow-fetch")
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))

	aopts, err := mf.analyzeOptions(env)
	if err != nil {
		return err
	}
	db, err := sqlite.OpenDir(ctx, *data)
	if err != nil {
		return err
	}
	defer db.Close()
	opts := server.Options{
		Store: db, Analyze: aopts, APIToken: env.Getenv("CREDENCE_API_TOKEN"),
		MaxBodyBytes: *maxBody, Logger: log,
	}
	if *allowFetch {
		opts.Fetcher = fetch.New(fetch.Options{AllowPrivate: *allowPrivate})
	}
	srv, err := server.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	n, _ := db.Count(ctx)
	log.Info("serving", "url", "http://"+ln.Addr().String(), "data", db.Path(), "articles", n,
		"fetch", *allowFetch, "token", opts.APIToken != "")
	if err := srv.Serve(ctx, ln, *grace); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}
