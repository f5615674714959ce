// Command plangraph loads development plans into a graph and serves a GraphQL API over them.
//
//	plangraph serve                  # the embedded Liwan plan on 127.0.0.1:8080
//	plangraph load --store bolt://./pg.db data/liwan
//	plangraph stats --json
//	plangraph query '{ search(text: "白鹅潭") { entity { name } } }'
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "plangraph:", err)
		os.Exit(exitCode(err))
	}
}
