package insight

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

// assets are the page and what it loads: app.js, style.css and uPlot
// 1.6.32 (assets/uplot, MIT, vendored from npm). Nothing is fetched from
// the network.
//
//go:embed assets/index.html assets/app.js assets/style.css assets/uplot/uPlot.iife.min.js assets/uplot/uPlot.min.css assets/uplot/LICENSE
var assets embed.FS

// Markers in assets/index.html replaced by the page builders.
const (
	headMarker = "<!--fa:head-->"
	dataMarker = "<!--fa:data-->"
)

// scripts and styles in load order, as paths under assets/.
var (
	styles  = []string{"uplot/uPlot.min.css", "style.css"}
	scripts = []string{"uplot/uPlot.iife.min.js", "app.js"}
)

func asset(name string) []byte {
	data, err := fs.ReadFile(assets, "assets/"+name)
	if err != nil {
		panic(fmt.Sprintf("insight: embedded asset %s: %v", name, err)) // a build defect
	}
	return data
}

// servedPage is the page of the web server: assets are linked, the data
// comes from /api/view.
func servedPage() []byte {
	var head strings.Builder
	for _, s := range styles {
		fmt.Fprintf(&head, "<link rel=\"stylesheet\" href=\"assets/%s\">\n", s)
	}
	for _, s := range scripts {
		fmt.Fprintf(&head, "<script src=\"assets/%s\"></script>\n", s)
	}
	page := bytes.Replace(asset("index.html"), []byte(headMarker), []byte(head.String()), 1)
	return bytes.Replace(page, []byte(dataMarker), nil, 1)
}

// standalonePage is one self-contained HTML file: assets inlined, and the
// view (JSON from json.Marshal, which escapes <, > and &, so that no tag
// name can close the script element) in a script element of type
// application/json.
func standalonePage(viewJSON []byte) ([]byte, error) {
	var head bytes.Buffer
	for _, s := range styles {
		head.WriteString("<style>\n")
		head.Write(asset(s))
		head.WriteString("\n</style>\n")
	}
	for _, s := range scripts {
		js := asset(s)
		if err := inlineSafe(s, js); err != nil {
			return nil, err
		}
		head.WriteString("<script>\n")
		head.Write(js)
		head.WriteString("\n</script>\n")
	}
	if err := inlineSafe("view", viewJSON); err != nil {
		return nil, err
	}
	var data bytes.Buffer
	data.WriteString(`<script id="fa-data" type="application/json">`)
	data.Write(viewJSON)
	data.WriteString("</script>\n")
	page := bytes.Replace(asset("index.html"), []byte(headMarker), head.Bytes(), 1)
	return bytes.Replace(page, []byte(dataMarker), data.Bytes(), 1), nil
}

// inlineSafe checks that content can sit inside a script element.
func inlineSafe(name string, content []byte) error {
	low := bytes.ToLower(content)
	for _, bad := range []string{"</script", "<!--", "<script"} {
		if bytes.Contains(low, []byte(bad)) {
			return fmt.Errorf("insight: %s contains %q and cannot be inlined", name, bad)
		}
	}
	return nil
}
