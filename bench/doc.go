// Package bench measures PlanGraph against the ways a cayley user would ask the same
// questions, in one process on one store.
//
// Six analyst questions (lookup, search, 1hop, 2hop, 3hop-cited, path; see questions.go) are
// answered by four engines: our GraphQL executor in process (graphql), the same traversal
// written directly with cayley's path API (path, the floor), and cayley's own query languages,
// Gizmo (gizmo) and its GraphQL dialect (cayley-graphql), all on the store under test (see
// cayley.go). Every engine answers exactly the same question from the same start points, and
// the answers are compared tuple by tuple before anything is timed: a run whose engines
// disagree fails. A question a dialect cannot express is reported as unsupported, never
// approximated.
//
// Questions run at three sizes: the embedded Liwan plan, and Liwan plus generated plans (see
// loader/synth) up to about 100k and 1M quads, on the memory and bolt stores and on Postgres
// when a URL is given. Each size also reports load throughput, resident memory per million
// quads, and HTTP throughput of /graphql against /healthz at a fixed concurrency; each run
// reports the start-up time of `plangraph serve` on the embedded plan.
//
// Latencies are medians and 99th percentiles of many sequential calls, each (question,
// engine) cell running for a time budget; throughputs are calls per second of wall time.
package bench
