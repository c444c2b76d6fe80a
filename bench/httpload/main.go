// Command httpload compares the example JSON API (examples/server) served
// with per-request frames against the same handlers on the Go heap, under
// the same load from wrk: the two variants run one after the other, in
// alternating order, for several rounds, each in a fresh server process.
// For each run it reports requests/s and p50/p99 latency (from wrk), and
// from the server process: CPU time per request (/proc/PID/stat), GC
// cycles, heap allocations and bytes per request (runtime.MemStats through
// the server's /debug/vars). It prints the runs and a table of medians
// with the frame/heap ratios.
//
//	bash bench/httpload.sh            # installs wrk, builds the server, runs this
//	go run ./bench/httpload -server bin/httpload-server -rounds 5 -duration 10s
//
// Linux only (CPU time comes from /proc).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

// config are the command-line settings.
type config struct {
	server      string
	rounds      int
	duration    time.Duration
	warmup      time.Duration
	connections int
	threads     int
	items       int
	profile     string
}

func main() {
	var c config
	flag.StringVar(&c.server, "server", "bin/httpload-server", "the examples/server binary")
	flag.IntVar(&c.rounds, "rounds", 5, "rounds (each runs both variants, alternating which goes first)")
	flag.DurationVar(&c.duration, "duration", 10*time.Second, "measured load per run")
	flag.DurationVar(&c.warmup, "warmup", 2*time.Second, "unmeasured load before each run")
	flag.IntVar(&c.connections, "connections", 64, "wrk connections (concurrent requests)")
	flag.IntVar(&c.threads, "threads", 1, "wrk threads")
	flag.IntVar(&c.items, "items", 20, "items in the quote request")
	flag.StringVar(&c.profile, "profile", "", "folder for the servers' allocation profiles of the last round (empty: none)")
	flag.Parse()
	if err := run(c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "httpload:", err)
		os.Exit(2)
	}
}

// result is what one run measured.
type result struct {
	variant           string
	rps               float64
	p50, p99          time.Duration
	requests          int64
	cpuPerReq         time.Duration
	gcCycles          int64
	allocsPerReq      float64
	bytesPerReq       float64
	gcPausePerRequest time.Duration
}

var variants = []string{"heap", "frame"}

func run(c config, out io.Writer) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk not found (bench/httpload.sh installs it): %w", err)
	}
	if c.rounds < 1 || c.duration <= 0 || c.connections < 1 || c.threads < 1 || c.items < 1 {
		return errors.New("-rounds, -duration, -connections, -threads and -items must be positive")
	}
	tmp, err := os.MkdirTemp("", "httpload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	body := quoteBody(c.items)
	script := filepath.Join(tmp, "post.lua")
	lua := fmt.Sprintf("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = %q\n", body)
	if err := os.WriteFile(script, []byte(lua), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrk -t%d -c%d, %v per run after %v of warm-up, %d rounds; POST /v1/quote with %d items (%d bytes)\n\n",
		c.threads, c.connections, c.duration, c.warmup, c.rounds, c.items, len(body))

	var all []result
	var answers [2]string
	for round := 0; round < c.rounds; round++ {
		order := variants
		if round%2 == 1 {
			order = []string{"frame", "heap"}
		}
		for _, v := range order {
			prof := ""
			if c.profile != "" && round == c.rounds-1 {
				prof = filepath.Join(c.profile, v+".allocs.pb.gz")
			}
			r, answer, err := runOne(c, v, script, body, prof)
			if err != nil {
				return fmt.Errorf("round %d, %s: %w", round+1, v, err)
			}
			answers[slices.Index(variants, v)] = answer
			if answers[0] != "" && answers[1] != "" && answers[0] != answers[1] {
				return fmt.Errorf("the variants answer differently:\nheap  %s\nframe %s", answers[0], answers[1])
			}
			fmt.Fprintf(out, "round %d %-5s %9.0f req/s  p50 %-9v p99 %-9v cpu/req %-8v GC %4d  allocs/req %5.1f  B/req %6.0f\n",
				round+1, v, r.rps, r.p50, r.p99, r.cpuPerReq, r.gcCycles, r.allocsPerReq, r.bytesPerReq)
			all = append(all, r)
		}
	}
	fmt.Fprintln(out)
	return table(out, all)
}

// table prints the medians per variant and the frame/heap ratios.
func table(out io.Writer, all []result) error {
	med := func(v string, f func(result) float64) float64 {
		var xs []float64
		for _, r := range all {
			if r.variant == v {
				xs = append(xs, f(r))
			}
		}
		slices.Sort(xs)
		n := len(xs)
		if n%2 == 1 {
			return xs[n/2]
		}
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	rows := []struct {
		name string
		f    func(result) float64
		unit func(float64) string
	}{
		{"requests/s", func(r result) float64 { return r.rps }, func(x float64) string { return fmt.Sprintf("%.0f", x) }},
		{"p50 latency", func(r result) float64 { return float64(r.p50) }, dur},
		{"p99 latency", func(r result) float64 { return float64(r.p99) }, dur},
		{"CPU per request", func(r result) float64 { return float64(r.cpuPerReq) }, dur},
		{"GC cycles per run", func(r result) float64 { return float64(r.gcCycles) }, func(x float64) string { return fmt.Sprintf("%.0f", x) }},
		{"GC cycles per 100k requests", func(r result) float64 { return float64(r.gcCycles) * 1e5 / float64(r.requests) }, func(x float64) string { return fmt.Sprintf("%.1f", x) }},
		{"GC pause per request", func(r result) float64 { return float64(r.gcPausePerRequest) }, dur},
		{"heap allocations per request", func(r result) float64 { return r.allocsPerReq }, func(x float64) string { return fmt.Sprintf("%.1f", x) }},
		{"heap bytes per request", func(r result) float64 { return r.bytesPerReq }, func(x float64) string { return fmt.Sprintf("%.0f", x) }},
	}
	// Rounds in which frame is below heap: each round ran both variants
	// back to back, so the pair shares the machine's load of the moment.
	below := func(f func(result) float64) string {
		n, rounds := 0, 0
		for i := 0; i+1 < len(all); i += 2 {
			h, fr := all[i], all[i+1]
			if h.variant == "frame" {
				h, fr = fr, h
			}
			rounds++
			if f(fr) < f(h) {
				n++
			}
		}
		return fmt.Sprintf("%d/%d", n, rounds)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "median of the runs\theap\tframe\tframe/heap\trounds frame < heap\t")
	for _, row := range rows {
		h, f := med("heap", row.f), med("frame", row.f)
		ratio := "-"
		if h != 0 {
			ratio = fmt.Sprintf("%.2f", f/h)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", row.name, row.unit(h), row.unit(f), ratio, below(row.f))
	}
	return tw.Flush()
}

func dur(x float64) string {
	d := time.Duration(x)
	switch {
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2fms", float64(d)/1e6)
	case d >= time.Microsecond:
		return fmt.Sprintf("%.1fµs", float64(d)/1e3)
	}
	return fmt.Sprintf("%dns", d)
}

// runOne starts a server of variant v, warms it up, measures one wrk run
// and stops the server. It returns the server's answer to body, which
// must be the same for both variants.
func runOne(c config, v, script, body, profile string) (result, string, error) {
	res := result{variant: v}
	args := []string{"-addr", "127.0.0.1:0", "-debug"}
	if v == "heap" {
		args = append(args, "-heap")
	}
	cmd := exec.Command(c.server, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return res, "", err
	}
	if err := cmd.Start(); err != nil {
		return res, "", err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGINT)
		cmd.Wait()
	}()
	base, err := listenAddr(stderr)
	if err != nil {
		return res, "", err
	}
	go io.Copy(io.Discard, stderr)
	url := base + "/v1/quote"
	answer, err := post(url, body)
	if err != nil {
		return res, "", err
	}
	if _, err := wrk(c, script, url, c.warmup); err != nil {
		return res, "", err
	}
	m0, err := memStats(base)
	if err != nil {
		return res, "", err
	}
	cpu0, err := processCPU(cmd.Process.Pid)
	if err != nil {
		return res, "", err
	}
	w, err := wrk(c, script, url, c.duration)
	if err != nil {
		return res, "", err
	}
	cpu1, err := processCPU(cmd.Process.Pid)
	if err != nil {
		return res, "", err
	}
	m1, err := memStats(base)
	if err != nil {
		return res, "", err
	}
	if profile != "" {
		if err := saveProfile(base, profile); err != nil {
			return res, "", err
		}
	}
	res.rps, res.p50, res.p99, res.requests = w.rps, w.p50, w.p99, w.requests
	n := float64(w.requests)
	res.cpuPerReq = time.Duration(float64(cpu1-cpu0) / n)
	res.gcCycles = int64(m1.NumGC - m0.NumGC)
	res.allocsPerReq = float64(m1.Mallocs-m0.Mallocs) / n
	res.bytesPerReq = float64(m1.TotalAlloc-m0.TotalAlloc) / n
	res.gcPausePerRequest = time.Duration(float64(m1.PauseTotalNs-m0.PauseTotalNs) / n)
	return res, answer, nil
}

var listenRE = regexp.MustCompile(`listening on (http://\S+)`)

// listenAddr reads the server's log until it says where it listens.
func listenAddr(r io.Reader) (string, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if m := listenRE.FindStringSubmatch(sc.Text()); m != nil {
			return m[1], nil
		}
	}
	return "", errors.New("server exited before listening")
}

func post(url, body string) (string, error) {
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("POST %s: %s: %s", url, resp.Status, b)
	}
	return string(b), nil
}

// memStats reads runtime.MemStats from the server's expvar endpoint.
func memStats(base string) (ms struct {
	Mallocs, TotalAlloc, PauseTotalNs uint64
	NumGC                             uint32
}, err error) {
	resp, err := http.Get(base + "/debug/vars")
	if err != nil {
		return ms, err
	}
	defer resp.Body.Close()
	var vars struct {
		Memstats json.RawMessage `json:"memstats"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&vars); err != nil {
		return ms, fmt.Errorf("/debug/vars: %w", err)
	}
	return ms, json.Unmarshal(vars.Memstats, &ms)
}

// saveProfile writes the server's allocation profile (since it started).
func saveProfile(base, path string) error {
	resp, err := http.Get(base + "/debug/pprof/allocs")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// processCPU returns the user+system CPU time of process pid.
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses and may hold
	// spaces: state is field 3, utime 14, stime 15.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, errors.New("unreadable /proc stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// clockTicks is USER_HZ, the unit of /proc times: 100 on every Linux
// architecture Go supports.
const clockTicks = 100

// wrkResult is what one wrk run reported.
type wrkResult struct {
	rps      float64
	p50, p99 time.Duration
	requests int64
}

var (
	wrkRequests = regexp.MustCompile(`(?m)^\s*(\d+) requests in`)
	wrkRPS      = regexp.MustCompile(`(?m)^Requests/sec:\s+([\d.]+)`)
	wrkP50      = regexp.MustCompile(`(?m)^\s+50%\s+([\d.]+)(us|ms|s)`)
	wrkP99      = regexp.MustCompile(`(?m)^\s+99%\s+([\d.]+)(us|ms|s)`)
	wrkErrors   = regexp.MustCompile(`(?m)^\s*(Non-2xx or 3xx responses|Socket errors):.*$`)
)

// wrk runs wrk for d and parses its report.
func wrk(c config, script, url string, d time.Duration) (wrkResult, error) {
	var r wrkResult
	secs := max(int(d.Round(time.Second)/time.Second), 1)
	ctx, cancel := context.WithTimeout(context.Background(), d+time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "wrk", "--latency", "-t", strconv.Itoa(c.threads), "-c", strconv.Itoa(c.connections),
		"-d", strconv.Itoa(secs)+"s", "-s", script, url).CombinedOutput()
	if err != nil {
		return r, fmt.Errorf("wrk: %w\n%s", err, out)
	}
	s := string(out)
	if m := wrkErrors.FindString(s); m != "" {
		return r, fmt.Errorf("wrk: %s\n%s", strings.TrimSpace(m), s)
	}
	m1, m2, m3, m4 := wrkRequests.FindStringSubmatch(s), wrkRPS.FindStringSubmatch(s), wrkP50.FindStringSubmatch(s), wrkP99.FindStringSubmatch(s)
	if m1 == nil || m2 == nil || m3 == nil || m4 == nil {
		return r, fmt.Errorf("unexpected wrk output:\n%s", s)
	}
	r.requests, _ = strconv.ParseInt(m1[1], 10, 64)
	r.rps, _ = strconv.ParseFloat(m2[1], 64)
	r.p50, r.p99 = wrkDuration(m3[1], m3[2]), wrkDuration(m4[1], m4[2])
	return r, nil
}

func wrkDuration(num, unit string) time.Duration {
	f, _ := strconv.ParseFloat(num, 64)
	switch unit {
	case "us":
		return time.Duration(f * 1e3)
	case "ms":
		return time.Duration(f * 1e6)
	}
	return time.Duration(f * 1e9)
}

// quoteBody returns a quote request with n items (deterministic).
func quoteBody(n int) string {
	rng := rand.New(rand.NewSource(1))
	var b strings.Builder
	b.WriteString(`{"customer":"load-test customer","currency":"EUR","coupon":"SPRING10","items":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"sku":"SKU-%05d","qty":%d,"price":%d.%02d}`, rng.Intn(100000), 1+rng.Intn(9), rng.Intn(500), rng.Intn(100))
	}
	b.WriteString("]}")
	return b.String()
}
