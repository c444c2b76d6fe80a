package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/framealloc/fa/internal/insight"
)

func newInsightCmd(st *state) *cobra.Command {
	var o insight.Options
	cmd := &cobra.Command{
		Use:   "insight [--http=localhost:PORT] [--diagnostics FILE | --analyze PATTERNS] [--open] SOURCE\n  fa insight --html OUT.html SOURCE",
		Short: "Inspect allocator snapshots in a web page (a snapshot folder, watched, or a live endpoint URL)",
		Long: "fa insight shows allocator snapshots: SOURCE is a folder written by\n" +
			"allocator.SnapshotEmitter (watched: new snapshots appear live) or the URL of a\n" +
			"program's live endpoint (package allocator/framelive). It serves a local page\n" +
			"and prints its URL, or with --html writes one self-contained HTML file.\n" +
			"--analyze runs fa on PATTERNS (--diagnostics reads fa --format json output) to\n" +
			"show static diagnostics beside the runtime findings.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Source, o.Stdout, o.Stderr = args[0], st.stdout, st.stderr
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			if o.HTML != "" {
				return insight.WriteHTML(ctx, o)
			}
			return insight.Serve(ctx, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.HTTP, "http", insight.DefaultHTTP, "address to serve the page on")
	fl.StringVar(&o.HTML, "html", "", "write one self-contained HTML file instead of serving")
	fl.StringVar(&o.Diagnostics, "diagnostics", "", "fa --format json output to show beside the snapshots")
	fl.StringSliceVar(&o.Analyze, "analyze", nil, "run fa on these package patterns and show its diagnostics beside the snapshots")
	fl.BoolVar(&o.Open, "open", false, "open the page in a browser")
	return cmd
}
