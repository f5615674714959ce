package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the command in a subprocess: the test binary re-executes itself with
// PLANGRAPH_TEST_MAIN set to the arguments.
func TestMain(m *testing.M) {
	if args := os.Getenv("PLANGRAPH_TEST_MAIN"); args != "" {
		mm := &Main{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
		if err := mm.Run(context.Background(), strings.Split(args, "\x1f")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(exitCode(err))
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func subprocess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PLANGRAPH_TEST_MAIN="+strings.Join(args, "\x1f"))
	return cmd
}

// exportOf returns the N-Quads of a store; it fails the test if the store does not open.
func exportOf(t *testing.T, store string) string {
	t.Helper()
	out, _, err := run(t, "export", "--store", store, "--format", "nquads")
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	return out
}

var reWritten = regexp.MustCompile(`written\s+(\S+)`)

// reEnglishLine is a block-style "en:" line of a dataset file.
var reEnglishLine = regexp.MustCompile(`(?m)^[ \t]+en: .+$`)

// A bolt load killed with SIGKILL half-way through its write leaves a store that opens and
// holds the previous state intact (or, if the kill came after the commit, the whole new
// version) — never part of a load.
func TestSIGKILLDuringBoltLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess test")
	}
	for _, mode := range []string{"reload the same plan", "load a second plan"} {
		t.Run(mode, func(t *testing.T) {
			next := copyDataset(t)
			editAll(t, next, func(name string, b []byte) []byte {
				if mode == "load a second plan" && name == "plan.yaml" {
					return bytes.Replace(b, []byte("id: liwan-14fyp"), []byte("id: liwan-next"), 1)
				}
				// Change every English name written on a line of its own (flow mappings are left
				// as they are): thousands of quads removed and added.
				return reEnglishLine.ReplaceAllFunc(b, func(line []byte) []byte {
					v := string(bytes.TrimRight(line, " "))
					if q := v[len(v)-1]; q == '"' || q == '\'' { // inside the closing quote
						return []byte(v[:len(v)-1] + " (next)" + string(q))
					}
					return []byte(v + " (next)")
				})
			})
			base := filepath.Join(t.TempDir(), "base")
			if _, _, err := run(t, "load", "--store", "bolt://"+base); err != nil {
				t.Fatal(err)
			}
			before := exportOf(t, "bolt://"+base)
			// The state a completed load leaves, and how long its write takes here.
			done := copyDir(t, base)
			out, err := subprocess("load", "--progress", "--store", "bolt://"+done, next).CombinedOutput()
			if err != nil {
				t.Fatalf("full load: %v\n%s", err, out)
			}
			write, err := time.ParseDuration(reWritten.FindStringSubmatch(string(out))[1])
			if err != nil {
				t.Fatal(err)
			}
			complete := exportOf(t, "bolt://"+done)
			outcomes := map[string]int{}
			for i, frac := range []float64{0.1, 0.4, 0.7} {
				store := copyDir(t, base)
				cmd := subprocess("load", "--progress", "--store", "bolt://"+store, next)
				stderr, _ := cmd.StderrPipe()
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				waitForLine(t, stderr, "writing")
				time.Sleep(time.Duration(frac * float64(write)))
				_ = cmd.Process.Signal(syscall.SIGKILL)
				_, _ = io.Copy(io.Discard, stderr)
				killed := cmd.Wait() != nil
				switch after := exportOf(t, "bolt://"+store); {
				case after == before:
					outcomes["previous state intact"]++
				case after == complete:
					outcomes["load had committed"]++
				default:
					t.Errorf("kill %d at %.0f%% of the write: the store holds neither the previous state nor the whole load", i, frac*100)
				}
				if !killed {
					outcomes["(finished before the kill)"]++
				}
			}
			t.Logf("write takes %v; outcomes: %v", write, outcomes)
			if outcomes["previous state intact"] == 0 {
				t.Errorf("no kill landed before the commit (%v): the test did not exercise a half-way kill", outcomes)
			}
		})
	}
}

func waitForLine(t *testing.T, r io.Reader, prefix string) {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if strings.HasPrefix(strings.TrimSpace(sc.Text()), prefix) {
			return
		}
	}
	t.Fatalf("the load ended before printing %q", prefix)
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func editAll(t *testing.T, dir string, edit func(name string, b []byte) []byte) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, edit(filepath.Base(f), b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
