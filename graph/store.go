package graph

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/writer" // registers the "single" replication cayley needs
	"github.com/cayleygraph/quad"
)

// Store is a cayley quad store (the store of record) with the in-memory read index built from
// it. Writes replace whole plans in one cayley transaction; reads go to the current Snapshot.
type Store struct {
	url  string   // as given, with any password removed
	kind *backend // what the URL named: memory, bolt, postgres
	db   *sql.DB  // postgres: read and write the whole store in a few queries
	qs   cgraph.QuadStore

	// mu serialises writers and keeps them apart from the readers of cayley itself (export,
	// rebuilding the index): cayley's memstore has no locking of its own.
	mu   sync.RWMutex
	snap atomic.Pointer[Snapshot]
	gen  string // generation token of the store as of snap
	// planGens holds, for each plan in snap, the generation token of the write that last
	// wrote it: a server sharing the store reads again only the plans whose token changed.
	planGens map[string]string

	version atomic.Uint64
	closed  atomic.Bool
	calls   atomic.Int64 // round trips to the backend, for metrics
}

// Open opens the store named by a URL: "memory" (or ""), "bolt://path/to/dir" or
// "postgres://user:pass@host:port/db?sslmode=disable" — whatever the registered backends
// accept (see backends.go). A new store is initialised on first use. The read index is built
// from what the store holds.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	b, addr, err := backendFor(rawURL)
	if err != nil {
		return nil, err
	}
	o, err := b.open(ctx, addr)
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) {
			ge.Msg += " " + redact(rawURL)
			return nil, ge
		}
		return nil, &Error{Code: CodeUnavailable, Msg: "open " + redact(rawURL), Err: err}
	}
	s := &Store{url: redact(rawURL), kind: b, qs: o.qs, db: o.db}
	s.snap.Store(NewSnapshot(0))
	if err := s.Reload(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// redact removes the password from a URL so it can be logged.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// URL returns the store's URL without its password.
func (s *Store) URL() string { return s.url }

// Backend returns the name of the store's backend: memory, bolt or postgres.
func (s *Store) Backend() string { return s.kind.name }

// Shared reports whether other processes may write the store while this one serves it, so
// that readers must check for their writes (Refresh).
func (s *Store) Shared() bool { return s.kind.shared }

// Snapshot returns the current read index. It never changes; a later write makes a new one.
func (s *Store) Snapshot() *Snapshot { return s.snap.Load() }

// QuadStore returns the cayley store underneath, for the baselines that ask the same questions
// through cayley's own APIs (bench). It must only be read while no write is under way:
// cayley's memstore has no locking of its own.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// RoundTrips returns how many calls this store has made to its backend.
func (s *Store) RoundTrips() int64 { return s.calls.Load() }

// Close closes the backend.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		s.db.Close()
	}
	return s.qs.Close()
}

// ReplaceResult says what a write changed.
type ReplaceResult struct {
	Plan    string
	Added   int // quads added
	Removed int // quads removed
	Quads   int // quads the plan now has
}

// ReplacePlan makes the store hold exactly the given quads for the plan, replacing any earlier
// version in one transaction: readers see the old plan or the new one, never a mix, and a
// failure leaves the old one in place. Quads that did not change are not rewritten, so loading
// the same plan twice writes nothing. Every subject and label must be in the plan's namespace.
func (s *Store) ReplacePlan(ctx context.Context, plan string, quads []quad.Quad) (ReplaceResult, error) {
	if err := checkPlanID(plan); err != nil {
		return ReplaceResult{}, err
	}
	for i, q := range quads {
		if err := checkQuad(plan, q); err != nil {
			return ReplaceResult{}, fmt.Errorf("replace plan %s: quad %d: %w", plan, i, err)
		}
	}
	// The read index is built while cayley writes: on two cores that halves start-up. The
	// quads were checked above, so building cannot fail on them; if it did, the write is undone.
	built := make(chan indexResult, 1)
	go func() {
		ix, err := BuildPlanIndex(plan, quads)
		built <- indexResult{ix, err}
	}()
	return s.replace(ctx, plan, quads, built)
}

type indexResult struct {
	ix  *PlanIndex
	err error
}

// RemovePlan deletes a plan and everything in it. Whether the plan is there is decided under
// the write lock, with the removal: of several removals of one plan at once, one removes it
// and the others are told it is not loaded.
func (s *Store) RemovePlan(ctx context.Context, plan string) (ReplaceResult, error) {
	if err := checkPlanID(plan); err != nil {
		return ReplaceResult{}, err
	}
	return s.replace(ctx, plan, nil, nil)
}

// replace writes the plan's new quads; built delivers their read index. A nil built removes
// the plan, which must be there.
func (s *Store) replace(ctx context.Context, plan string, quads []quad.Quad, built <-chan indexResult) (ReplaceResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed.Load() {
		return ReplaceResult{}, Errorf(CodeUnavailable, "store is closed")
	}
	old, err := s.planQuads(ctx, plan)
	if err != nil {
		return ReplaceResult{}, err
	}
	removing := built == nil
	if removing {
		if len(old) == 0 {
			return ReplaceResult{}, Errorf(CodeNotFound, "plan %q is not loaded", plan)
		}
		none := make(chan indexResult, 1)
		none <- indexResult{}
		built = none
	}
	want := make(map[quad.Quad]struct{}, len(quads))
	for _, q := range quads {
		want[q] = struct{}{}
	}
	tx := cgraph.NewTransactionN(len(quads))
	res := ReplaceResult{Plan: plan, Quads: len(want)}
	have := make(map[quad.Quad]struct{}, len(old))
	for _, q := range old {
		have[q] = struct{}{}
		if _, keep := want[q]; !keep {
			tx.RemoveQuad(q)
			res.Removed++
		}
	}
	for q := range want {
		if _, ok := have[q]; !ok {
			tx.AddQuad(q)
			res.Added++
		}
	}
	if err := ctx.Err(); err != nil {
		return ReplaceResult{}, err
	}
	gen, err := s.bumpGeneration(ctx, tx, plan, removing)
	if err != nil {
		return ReplaceResult{}, err
	}
	s.calls.Add(1)
	if err := s.applyDeltas(ctx, tx.Deltas); err != nil {
		return ReplaceResult{}, &Error{Code: CodeUnavailable, Msg: "write plan " + plan, Err: err}
	}
	r := <-built
	if r.err != nil {
		undo := make([]cgraph.Delta, len(tx.Deltas))
		for i, d := range tx.Deltas {
			d.Action = map[cgraph.Procedure]cgraph.Procedure{cgraph.Add: cgraph.Delete, cgraph.Delete: cgraph.Add}[d.Action]
			undo[len(undo)-1-i] = d
		}
		if err := s.applyDeltas(context.WithoutCancel(ctx), undo); err != nil {
			return ReplaceResult{}, &Error{Code: CodeInternal, Msg: "index plan " + plan + " failed and undoing the write failed too", Err: errors.Join(r.err, err)}
		}
		return ReplaceResult{}, &Error{Code: CodeInvalid, Msg: "index plan " + plan, Err: r.err}
	}
	s.gen = gen
	if removing {
		delete(s.planGens, plan)
	} else {
		s.planGens[plan] = gen
	}
	s.snap.Store(s.Snapshot().with(s.version.Add(1), plan, r.ix))
	return res, nil
}

// applyDeltas writes a change to the backend in one transaction, ignoring the addition of a
// quad already stored and the deletion of a missing one.
func (s *Store) applyDeltas(ctx context.Context, deltas []cgraph.Delta) error {
	if s.db != nil {
		return applySQLDeltas(ctx, s.db, deltas)
	}
	return s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
}

// bumpGeneration adds to tx the change of the store's generation token, which tells other
// servers sharing the backend that their read index is stale, and the same token as the
// generation of the plan written (or the removal of the plan's token), which tells them which
// plan to read again.
func (s *Store) bumpGeneration(ctx context.Context, tx *cgraph.Transaction, plan string, removing bool) (string, error) {
	var b [8]byte
	_, _ = rand.Read(b[:])
	gen := time.Now().UTC().Format("20060102T150405.000000000Z") + "-" + hex.EncodeToString(b[:])
	for _, node := range []string{MetaNode, planMetaNode(plan)} {
		cur, err := s.generationOf(ctx, node)
		if err != nil {
			return "", err
		}
		if cur != "" {
			tx.RemoveQuad(quad.Quad{Subject: quad.IRI(node), Predicate: quad.IRI(PredGeneration), Object: quad.String(cur)})
		}
		if node == MetaNode || !removing {
			tx.AddQuad(quad.Quad{Subject: quad.IRI(node), Predicate: quad.IRI(PredGeneration), Object: quad.String(gen)})
		}
	}
	return gen, nil
}

func (s *Store) readGeneration(ctx context.Context) (string, error) {
	return s.generationOf(ctx, MetaNode)
}

// generationOf returns the generation token a meta node carries ("" when none).
func (s *Store) generationOf(ctx context.Context, node string) (string, error) {
	qs, err := s.quadsWith(ctx, quad.Subject, quad.IRI(node))
	if err != nil {
		return "", err
	}
	for _, q := range qs {
		if q.Predicate == quad.IRI(PredGeneration) {
			return quad.ToString(q.Object), nil
		}
	}
	return "", nil
}

// planQuads reads every quad of a plan from the backend: the plan node's quads, and those of
// every node that points at the plan with pg:plan.
func (s *Store) planQuads(ctx context.Context, plan string) ([]quad.Quad, error) {
	if s.db != nil {
		s.calls.Add(1)
		qs, err := readSQLQuads(ctx, s.db, plan)
		if err != nil {
			return nil, &Error{Code: CodeUnavailable, Msg: "read store", Err: err}
		}
		return qs, nil
	}
	toPlan, err := s.quadsWith(ctx, quad.Object, quad.IRI(plan))
	if err != nil {
		return nil, err
	}
	subjects := []quad.Value{quad.IRI(plan)}
	for _, q := range toPlan {
		if q.Predicate == quad.IRI(PredPlan) {
			subjects = append(subjects, q.Subject)
		}
	}
	var out []quad.Quad
	for _, sub := range subjects {
		qs, err := s.quadsWith(ctx, quad.Subject, sub)
		if err != nil {
			return nil, err
		}
		out = append(out, qs...)
	}
	return out, nil
}

// quadsWith returns the quads having v in direction d.
func (s *Store) quadsWith(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	s.calls.Add(1)
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, &Error{Code: CodeUnavailable, Msg: "read store", Err: err}
	}
	if ref == nil {
		return nil, nil
	}
	it := s.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, &Error{Code: CodeUnavailable, Msg: "read store", Err: err}
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, &Error{Code: CodeUnavailable, Msg: "read store", Err: err}
	}
	return out, nil
}

// allQuads reads every quad in the backend, grouped by plan; the store's own meta quads are
// returned apart.
func (s *Store) allQuads(ctx context.Context, early func(plan string, quads []quad.Quad)) (map[string][]quad.Quad, []quad.Quad, error) {
	s.calls.Add(1)
	if s.db != nil {
		plans, err := readSQLPlans(ctx, s.db, early)
		if err != nil {
			return nil, nil, &Error{Code: CodeUnavailable, Msg: "read store", Err: err}
		}
		meta := plans[MetaNode]
		delete(plans, MetaNode)
		return plans, meta, nil
	}
	r := cgraph.NewQuadStoreReader(s.qs)
	defer r.Close()
	plans := map[string][]quad.Quad{}
	var meta []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, &Error{Code: CodeUnavailable, Msg: "read store", Err: err}
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		sub, _ := q.Subject.(quad.IRI)
		p := PlanOf(string(sub))
		if p == MetaNode {
			meta = append(meta, q)
			continue
		}
		plans[p] = append(plans[p], q)
	}
	return plans, meta, nil
}

// Reload rebuilds the read index from the backend.
func (s *Store) Reload(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reloadLocked(ctx)
}

func (s *Store) reloadLocked(ctx context.Context) error {
	b := newIndexer()
	plans, meta, err := s.allQuads(ctx, b.early)
	if err != nil {
		b.abandon()
		return err
	}
	indexes, err := b.finish(plans)
	if err != nil {
		return err
	}
	s.gen, s.planGens = generations(meta)
	s.snap.Store(NewSnapshot(s.version.Add(1), indexes...))
	return nil
}

// Ping checks that the backend answers.
func (s *Store) Ping(ctx context.Context) error {
	if s.closed.Load() {
		return Errorf(CodeUnavailable, "store is closed")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, err := s.readGeneration(ctx)
	return err
}

// WriteQuads writes the quads of one plan (all plans when plan is "") to w, sorted so that an
// export is the same file every time.
func (s *Store) WriteQuads(ctx context.Context, plan string, w quad.Writer) (int, error) {
	s.mu.RLock()
	plans, _, err := s.allQuads(ctx, nil)
	s.mu.RUnlock()
	if err != nil {
		return 0, err
	}
	var out []quad.Quad
	for id, qs := range plans {
		if plan == "" || id == plan {
			out = append(out, qs...)
		}
	}
	if plan != "" && len(out) == 0 {
		return 0, Errorf(CodeNotFound, "plan %q is not in the store", plan)
	}
	SortQuads(out)
	n, err := w.WriteQuads(out)
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// SortQuads orders quads by subject, predicate, object and label.
func SortQuads(qs []quad.Quad) {
	key := func(q quad.Quad) [4]string {
		return [4]string{quad.StringOf(q.Subject), quad.StringOf(q.Predicate), quad.StringOf(q.Object), quad.StringOf(q.Label)}
	}
	sort.Slice(qs, func(i, j int) bool {
		a, b := key(qs[i]), key(qs[j])
		for k := range a {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return false
	})
}

func checkPlanID(plan string) error {
	if len(plan) > MaxIDBytes {
		return Errorf(CodeInvalid, "plan id %.20q… is %d bytes long, more than the %d allowed", plan, len(plan), MaxIDBytes)
	}
	if plan == "" || strings.ContainsAny(plan, "/<>\" \t\n") || plan == MetaNode {
		return Errorf(CodeInvalid, "plan id %q: want letters, digits and dashes", plan)
	}
	return nil
}

func checkQuad(plan string, q quad.Quad) error {
	if !q.IsValid() {
		return Errorf(CodeInvalid, "invalid quad %v", q)
	}
	sub, ok := q.Subject.(quad.IRI)
	if !ok || PlanOf(string(sub)) != plan {
		return Errorf(CodeInvalid, "subject %v is outside plan %s", q.Subject, plan)
	}
	if _, ok := q.Predicate.(quad.IRI); !ok {
		return Errorf(CodeInvalid, "predicate %v is not an IRI", q.Predicate)
	}
	if q.Label != nil {
		l, ok := q.Label.(quad.IRI)
		if !ok || PlanOf(string(l)) != plan {
			return Errorf(CodeInvalid, "label %v is outside plan %s", q.Label, plan)
		}
	}
	return nil
}
