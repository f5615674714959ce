package graph_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/plangraph/plangraph/graph"
)

// envCreateChild makes the test binary a child that creates a bolt store (see createChild)
// instead of running the tests.
const envCreateChild = "PLANGRAPH_TEST_BOLT_CREATE"

// TestMain lets a test run the creation of a bolt store in a subprocess it can kill.
func TestMain(m *testing.M) {
	if dir := os.Getenv(envCreateChild); dir != "" {
		if err := createChild(dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// createChild is the first use of a bolt store: it creates the store and loads a plan into it.
// It prints "creating" just before, so that the parent can time its kill from there, and then
// how long the creation and the whole took.
func createChild(dir string) error {
	ctx := context.Background()
	fmt.Println("creating")
	start := time.Now()
	s, err := graph.Open(ctx, "bolt://"+dir)
	if err != nil {
		return err
	}
	defer s.Close()
	created := time.Since(start)
	if _, err := s.ReplacePlan(ctx, "p", plan("p", 20)); err != nil {
		return err
	}
	fmt.Println(created, time.Since(start))
	return nil
}

// startCreateChild starts a child creating a bolt store in dir and returns once it is about to.
func startCreateChild(t *testing.T, dir string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envCreateChild+"="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "creating" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("child: want \"creating\", got %q", sc.Text())
	}
	return cmd, sc
}

// A process killed with SIGKILL at any point of the first creation of a bolt store (and of
// the first load into it) leaves a directory that opens as a working store, holding either
// nothing or the whole plan. Before creation was atomic, a kill there left a file that cayley
// refused to open ever again ("quadstore: not initialized").
func TestSIGKILLDuringBoltCreate(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess test")
	}
	kills := 200
	root := t.TempDir()

	// How long the creation and the whole child take here, to aim the kills at them (the
	// second of three runs: the first is slowed by a cold start).
	var create, whole time.Duration
	for i := range 3 {
		cmd, sc := startCreateChild(t, filepath.Join(root, fmt.Sprint("measure", i)))
		var line string
		if sc.Scan() {
			line = sc.Text()
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("uninterrupted creation failed: %v", err)
		}
		if i == 1 {
			c, w, ok := strings.Cut(line, " ")
			var err1, err2 error
			create, err1 = time.ParseDuration(c)
			whole, err2 = time.ParseDuration(w)
			if !ok || err1 != nil || err2 != nil {
				t.Fatalf("child printed %q, want two durations", line)
			}
		}
	}

	want := nq(plan("p", 20))
	outcomes := map[string]int{}
	start := time.Now()
	for i := range kills {
		dir := filepath.Join(root, fmt.Sprint("kill", i))
		cmd, sc := startCreateChild(t, dir)
		// Half the kills go into the creation itself, the others anywhere up to a little past
		// the end of the first load, so that kills after the end are covered too.
		window := whole + whole/10
		if i%2 == 0 {
			window = create
		}
		time.Sleep(rand.N(window))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		for sc.Scan() {
		}
		if err := cmd.Wait(); err == nil {
			outcomes["finished before the kill"]++
		}
		outcomes[stateOf(dir)]++

		s, err := graph.Open(context.Background(), "bolt://"+dir)
		if err != nil {
			t.Fatalf("kill %d: the store does not open: %v", i, err)
		}
		switch got := exported(t, s, ""); {
		case len(got) == 0:
			outcomes["opens empty"]++
		case equal(got, want):
			outcomes["opens with the whole plan"]++
		default:
			t.Errorf("kill %d: the store holds part of the plan:\n%s", i, diff(got, want))
		}
		// It must also take writes, and give back what was written.
		if _, err := s.ReplacePlan(context.Background(), "p", plan("p", 20)); err != nil {
			t.Errorf("kill %d: the store opens but does not take a write: %v", i, err)
		} else if got := exported(t, s, "p"); !equal(got, want) {
			t.Errorf("kill %d: written plan reads back wrong:\n%s", i, diff(got, want))
		}
		s.Close()
		if t.Failed() {
			break
		}
	}
	t.Logf("creation takes %v, with the first load %v; %d kills took %v; outcomes: %v", create, whole, kills, time.Since(start).Round(time.Millisecond), outcomes)
	if outcomes["killed while creating"] == 0 {
		t.Errorf("no kill landed inside the creation (%v): the test did not exercise it", outcomes)
	}
}

// stateOf says how far the creation in dir got, judging by the files it left.
func stateOf(dir string) string {
	temps, _ := filepath.Glob(filepath.Join(dir, ".indexes.bolt.new-*"))
	_, err := os.Stat(filepath.Join(dir, "indexes.bolt"))
	switch {
	case err == nil:
		return "killed after creating"
	case len(temps) > 0:
		return "killed while creating"
	}
	return "killed before creating"
}

// A store left half-made by a version without atomic creation (here, the bolt file exists
// but cayley never initialised it) is detected and created again instead of failing for good.
func TestBoltRebuildsHalfMadeStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "indexes.bolt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := open(t, "bolt://"+dir)
	if _, err := s.ReplacePlan(context.Background(), "p", plan("p", 3)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, "bolt://"+dir)
	if got, want := exported(t, s, "p"), nq(plan("p", 3)); !equal(got, want) {
		t.Errorf("after reopening:\n%s", diff(got, want))
	}
}
