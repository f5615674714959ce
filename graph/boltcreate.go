package graph

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cbolt "github.com/cayleygraph/cayley/graph/kv/bolt"
)

// A bolt store is the directory given in its URL holding one file, boltFile. Cayley initialises
// a new file in three separate transactions, so a process killed during that leaves a file that
// either never opens again (ErrNotInitialized) or, worse, opens with the wrong index layout.
// A new store is therefore built in a temporary directory inside the store's directory and its
// finished file is then moved into place in one step: boltFile, when present, is always whole.

const (
	// boltFile is the file cayley keeps a bolt store in, inside the store's directory.
	boltFile = "indexes.bolt"
	// boltTempPrefix names the directories new stores are built in. They live inside the
	// store's directory so that moving the file into place stays within one file system.
	boltTempPrefix = ".indexes.bolt.new-"
)

// errHalfMade says that a bolt file left by an interrupted creation was found and removed:
// the caller creates the store again.
var errHalfMade = errors.New("bolt store was left half-made by an interrupted creation")

// openBoltStore opens the bolt store in dir, creating it first if there is none, and rebuilding
// it if a creation was interrupted before this fix made creation atomic.
func openBoltStore(dir string) (cgraph.QuadStore, error) {
	if err := ensureBolt(dir); err != nil {
		return nil, err
	}
	qs, err := openBolt(dir)
	if errors.Is(err, errHalfMade) {
		// Once: the file just created is whole, so a second errHalfMade would be a bug.
		if err = ensureBolt(dir); err != nil {
			return nil, err
		}
		qs, err = openBolt(dir)
	}
	return qs, err
}

// ensureBolt makes dir, which exists (the backend's open made it), hold a whole bolt file,
// creating a new store if there is none.
func ensureBolt(dir string) error {
	target := filepath.Join(dir, boltFile)
	switch _, err := os.Stat(target); {
	case err == nil:
		removeBoltTemps(dir) // left by creations killed before they finished
		return nil
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("look for bolt store: %w", err)
	}
	return createBolt(dir, target)
}

// createBolt initialises a new store in a temporary directory and moves its file to target.
func createBolt(dir, target string) error {
	tmp, err := os.MkdirTemp(dir, boltTempPrefix)
	if err != nil {
		return fmt.Errorf("create bolt store: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := cgraph.InitQuadStore("bolt", tmp, nil); err != nil {
		return fmt.Errorf("initialise bolt store in %s: %w", tmp, err)
	}
	// Bolt synced each of its commits, so the file is on disk before it gets its final name.
	if err := publish(filepath.Join(tmp, boltFile), target); err != nil {
		return fmt.Errorf("create bolt store: %w", err)
	}
	// Make the new name durable too, so that after a crash the store is not silently missing.
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("create bolt store: %w", err)
	}
	removeBoltTemps(dir)
	return nil
}

// publish gives the finished file built its final name target in one step. A hard link is used
// rather than a rename because it never replaces a store another process created meanwhile
// (and may already be writing to); that store is as new and whole as ours, so it is kept.
func publish(built, target string) error {
	err := os.Link(built, target)
	if err == nil || errors.Is(err, os.ErrExist) {
		return nil
	}
	// Some file systems have no hard links; a rename is atomic as well.
	if _, serr := os.Stat(target); errors.Is(serr, os.ErrNotExist) {
		rerr := os.Rename(built, target)
		if rerr == nil {
			return nil
		}
		err = errors.Join(err, rerr)
	}
	// Another process may have removed our temporary directory after finishing the same
	// store: whatever is at target is whole, since only finished files are ever put there.
	if _, serr := os.Stat(target); serr == nil {
		return nil
	}
	return fmt.Errorf("move new bolt store into place: %w", err)
}

// removeBoltTemps removes the temporary directories of creations that were killed. It is only
// called once the store's file exists, so a creation still running in another process loses
// nothing: it finds the store already there (see publish).
func removeBoltTemps(dir string) {
	temps, _ := filepath.Glob(filepath.Join(dir, boltTempPrefix+"*"))
	for _, t := range temps {
		_ = os.RemoveAll(t) // best effort: a leftover only wastes a little space
	}
}

// syncDir flushes a directory's entries to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// openBolt opens a bolt store, failing fast instead of waiting forever when another process
// holds the file lock.
func openBolt(dir string) (cgraph.QuadStore, error) {
	type result struct {
		qs  cgraph.QuadStore
		err error
	}
	ch := make(chan result, 1)
	go func() {
		qs, err := openBoltLocked(dir)
		ch <- result{qs, err}
	}()
	select {
	case r := <-ch:
		return r.qs, r.err
	case <-time.After(5 * time.Second):
		go func() { // close it if the lock is released later
			if r := <-ch; r.err == nil {
				r.qs.Close()
			}
		}()
		return nil, fmt.Errorf("%s is locked by another process", dir)
	}
}

// openBoltLocked opens the store's file, waiting for its lock. It goes through cayley's kv
// layer directly rather than cgraph.NewQuadStore, which leaks the open file (and its lock)
// when the store does not open. A file without cayley's metadata was left by a creation killed
// before creation was atomic: it holds no quads, as nothing is written to a store that did not
// open, so it is removed (errHalfMade) for the caller to create the store again.
func openBoltLocked(dir string) (cgraph.QuadStore, error) {
	path := filepath.Join(dir, boltFile)
	before, statErr := os.Stat(path)
	db, err := cbolt.Open(dir, nil)
	if err != nil {
		return nil, fmt.Errorf("open bolt file: %w", err)
	}
	qs, err := ckv.New(db, nil)
	if err == nil {
		return qs, nil
	}
	defer db.Close()
	if !errors.Is(err, cgraph.ErrNotInitialized) {
		return nil, err
	}
	// Remove it while holding its lock, and only if the name still points at the file we
	// opened: another process may already have replaced it by a whole store.
	if now, err2 := os.Stat(path); statErr == nil && err2 == nil && os.SameFile(before, now) {
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("remove half-made bolt store: %w", err)
		}
	}
	return nil, errHalfMade
}
