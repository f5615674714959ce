package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/plangraph/plangraph/data"
	"github.com/plangraph/plangraph/graph"
	"github.com/plangraph/plangraph/loader"
)

// Machine describes where a run ran.
type Machine struct {
	CPU      string
	Cores    int
	RAMBytes int64
	Go       string // version, OS and architecture
}

// ThisMachine reads the CPU model and memory from /proc (where there is one).
func ThisMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if kb := procField("/proc/meminfo", "MemTotal"); kb > 0 {
		m.RAMBytes = kb << 10
	}
	return m
}

func (m Machine) String() string {
	cpu := m.CPU
	if cpu == "" {
		cpu = "unknown CPU"
	}
	return fmt.Sprintf("%s, %d cores, %.1f GiB RAM, %s", cpu, m.Cores, float64(m.RAMBytes)/(1<<30), m.Go)
}

// procField reads a "Name: 1234 kB" line of a /proc file; 0 when there is none.
func procField(file, name string) int64 {
	f, err := os.Open(file)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && k == name {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// rss returns the resident memory of this process after returning freed memory to the system,
// in bytes; 0 where /proc/self/status is missing.
// liveHeap is the heap in use after a full garbage collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func rss() int64 {
	debug.FreeOSMemory()
	return procField("/proc/self/status", "VmRSS") << 10
}

// startupRuns is how often start-up is measured (the median is reported).
const startupRuns = 3

// measureStartup times what `plangraph serve` does before it listens (open a memory store,
// load the embedded plan, build the read index). With a command it starts that many fresh
// processes and reads the startup_ms field of their "serving" log line, which is the honest
// figure: nothing is warm. Without one it does the same work in this process.
func measureStartup(ctx context.Context, command []string) (Metric, error) {
	m := Metric{Name: MetricStartup, Size: "liwan", Store: "memory"}
	var runs, walls []float64
	for i := 0; i < startupRuns; i++ {
		if len(command) == 0 {
			ms, err := startupInProcess(ctx)
			if err != nil {
				return m, err
			}
			runs = append(runs, ms)
			continue
		}
		ms, wall, err := startupProcess(ctx, command)
		if err != nil {
			return m, err
		}
		runs, walls = append(runs, ms), append(walls, wall)
	}
	m.Value = median(runs)
	if len(command) == 0 {
		m.Note = fmt.Sprintf("in process (median of %d; caches warm)", startupRuns)
	} else {
		m.Note = fmt.Sprintf("fresh `plangraph serve --addr 127.0.0.1:0` processes, their startup_ms log field (median of %d); %.0f ms from exec to the log line", startupRuns, median(walls))
	}
	return m, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func startupInProcess(ctx context.Context) (float64, error) {
	start := time.Now()
	st, err := graph.Open(ctx, "memory")
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if _, err := loader.LoadInto(ctx, st, data.Liwan, ".", nil); err != nil {
		return 0, err
	}
	return float64(time.Since(start).Microseconds()) / 1000, nil
}

// startupProcess runs `command serve --addr 127.0.0.1:0 --log-format json [serveArgs…]`,
// waits for its "serving" line and stops it.
func startupProcess(ctx context.Context, command []string, serveArgs ...string) (ms, wall float64, err error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	args := append(append([]string(nil), command[1:]...), "serve", "--addr", "127.0.0.1:0", "--log-format", "json")
	args = append(args, serveArgs...)
	cmd := exec.CommandContext(ctx, command[0], args...)
	cmd.Env = append(os.Environ(), "PLANGRAPH_ADMIN_TOKEN=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, fmt.Errorf("start %s: %w", command[0], err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}()
	sc := bufio.NewScanner(stderr)
	sc.Buffer(make([]byte, 64<<10), 4<<20) // a log line can be long
	var seen []string
	for sc.Scan() {
		var line struct {
			Msg       string  `json:"msg"`
			StartupMS float64 `json:"startup_ms"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "serving" {
			wall = float64(time.Since(start).Microseconds()) / 1000
			go func() { _, _ = io.Copy(io.Discard, stderr) }() // keep the pipe drained until it exits
			return line.StartupMS, wall, nil
		}
		if len(seen) < 5 {
			seen = append(seen, sc.Text())
		}
	}
	return 0, 0, fmt.Errorf("%s serve ended without a \"serving\" log line: %s", command[0], strings.Join(seen, " | "))
}
