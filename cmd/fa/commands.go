package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/framealloc/fa/diagnostics"
	"github.com/framealloc/fa/internal/config"
	"github.com/framealloc/fa/internal/initcfg"
)

func newExplainCmd(st *state) *cobra.Command {
	return &cobra.Command{
		Use:   "explain CODE",
		Short: "Explain a diagnostic code (name, category, severity, what, why, examples)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := diagnostics.ExplainText(args[0])
			if err != nil {
				return err
			}
			fmt.Fprint(st.stdout, text)
			return nil
		},
	}
}

func newShowCmd(st *state, f *checkFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show FILE",
		Short: "Show one file's diagnostics with source context",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			wd, err := os.Getwd()
			if err != nil {
				return fmt.Errorf("working directory: %w", err)
			}
			abs, err := filepath.Abs(args[0])
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if _, err := os.Stat(abs); err != nil {
				return fmt.Errorf("show: %w", err)
			}
			rel, err := filepath.Rel(wd, abs)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			dir := "./" + filepath.ToSlash(filepath.Dir(rel))
			sf := *f
			sf.format = "text"
			return runCheck(st, &sf, []string{dir}, filepath.ToSlash(rel))
		},
	}
	cmd.Flags().StringVar(&f.configPath, "config", "", "configuration file (default: .fa.toml found from the working directory upward)")
	cmd.Flags().StringSliceVar(&f.tags, "tags", nil, "build tags (comma-separated)")
	return cmd
}

func newListCmd(st *state) *cobra.Command {
	var category, format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every diagnostic code",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			infos := diagnostics.All()
			if category != "" {
				c := diagnostics.Category(strings.ToLower(category))
				infos = diagnostics.InCategory(c)
				if c == diagnostics.CategorySuppression {
					infos = diagnostics.Extensions()
				}
				if len(infos) == 0 {
					return fmt.Errorf("unknown category %q (want threading, budgets, lifetime, async or architecture)", category)
				}
			}
			switch format {
			case "json":
				type entry struct {
					Code     string               `json:"code"`
					Name     string               `json:"name"`
					Category diagnostics.Category `json:"category"`
					Severity diagnostics.Severity `json:"severity"`
					Summary  string               `json:"summary"`
					Help     string               `json:"help"`
					URL      string               `json:"url"`
				}
				list := []entry{}
				for _, in := range infos {
					list = append(list, entry{in.Code, in.Name, in.Category, in.Severity, in.Summary, in.Help, diagnostics.DocURL(in.Code)})
				}
				enc := json.NewEncoder(st.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(list); err != nil {
					return fmt.Errorf("writing the list: %w", err)
				}
			case "text", "":
				tw := tabwriter.NewWriter(st.stdout, 0, 4, 2, ' ', 0)
				for _, in := range infos {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.Code, in.Name, in.Category, in.Severity, in.Summary)
				}
				if err := tw.Flush(); err != nil {
					return fmt.Errorf("writing the list: %w", err)
				}
			default:
				return fmt.Errorf("unknown format %q for list (want text or json)", format)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&category, "category", "", "only this category")
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	return cmd
}

func newInitCmd(st *state) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a .fa.toml for the module in the working directory",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			wd, err := os.Getwd()
			if err != nil {
				return fmt.Errorf("working directory: %w", err)
			}
			path := filepath.Join(wd, config.FileName)
			if _, err := os.Stat(path); err == nil && !force {
				return fmt.Errorf("%s already exists (use --force to overwrite)", path)
			} else if err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("init: %w", err)
			}
			data, err := initcfg.Generate(wd)
			if err != nil {
				return fmt.Errorf("generating %s: %w", config.FileName, err)
			}
			if _, err := config.Parse(path, data); err != nil {
				return fmt.Errorf("generated configuration is invalid: %w", err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				return fmt.Errorf("writing %s: %w", config.FileName, err)
			}
			fmt.Fprintf(st.stderr, "wrote %s\n", path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing .fa.toml")
	return cmd
}

func newVersionCmd(st *state) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintf(st.stdout, "fa %s\n", version())
		},
	}
}
