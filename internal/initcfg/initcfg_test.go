package initcfg

import (
	"testing"

	"github.com/framealloc/fa/internal/config"
)

// TestRenderParses checks that every generated file is a valid
// configuration whose only active key is [tags].known.
func TestRenderParses(t *testing.T) {
	for _, s := range []*moduleScan{
		{},
		{Module: "example.com/game", Tags: []string{"physics", "rendering", `we"ird\`}, Packages: map[string][]string{
			"example.com/game/physics":       {"physics"},
			"example.com/game/physics/broad": {"physics"},
			"example.com/game/render":        {"rendering"},
			"example.com/game/mixed":         {"ai", "audio"},
		}},
	} {
		out := render(s)
		cfg, err := config.Parse(".fa.toml", out)
		if err != nil {
			t.Fatalf("generated configuration does not parse: %v\n%s", err, out)
		}
		if len(cfg.Tags.Modules) != 0 || len(cfg.Global.Exclude) != 0 || len(cfg.Lints) != 0 {
			t.Errorf("generated configuration sets more than [tags].known:\n%s", out)
		}
		if len(cfg.Tags.Known) != len(s.Tags) {
			t.Errorf("known = %q, want %q", cfg.Tags.Known, s.Tags)
		}
	}
}
