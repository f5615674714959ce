package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/plangraph/plangraph/bench"
)

func (m *Main) soakCmd() *cobra.Command {
	opt := bench.SoakOptions{URL: "http://127.0.0.1:8080", Clients: 16, Duration: time.Minute, Every: 10 * time.Second}
	cmd := &cobra.Command{
		Use:   "soak",
		Short: "Load a running server on this machine with analyst questions; print p50/p99, errors and its memory",
		Long: `Run --clients clients against a running plangraph serve (loopback only) for --duration,
asking a mix of the questions analysts and the explorer ask, and print every --every the
throughput, p50 and p99 latency, errors and the server's resident and heap memory (read from its
/metrics), then a summary with the memory growth.`,
		Example: `  plangraph serve &
  plangraph soak --clients 16 --duration 5m --every 30s`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.Out = m.Stdout
			rep, err := bench.Soak(cmd.Context(), opt)
			if err != nil {
				return err
			}
			if rep.Errors > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%d of %d requests failed", rep.Errors, rep.Requests)}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opt.URL, "url", opt.URL, "the server (loopback addresses only)")
	cmd.Flags().IntVar(&opt.Clients, "clients", opt.Clients, "concurrent clients")
	cmd.Flags().DurationVar(&opt.Duration, "duration", opt.Duration, "how long to run")
	cmd.Flags().DurationVar(&opt.Every, "every", opt.Every, "how often to print progress")
	return cmd
}
