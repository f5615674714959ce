package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const chromiumPath = "/usr/bin/chromium"

// TestExplorerInBrowser walks through the explorer in headless Chromium the way a person would:
// search, open an entity, grow its graph, find a path, read the plan, switch script and language.
// It saves a screenshot of each step in $PLANGRAPH_ARTIFACTS (or a temporary directory).
//
// It needs Debian's chromium (apt-get install chromium fonts-wqy-microhei). Without it the test
// is skipped, unless PLANGRAPH_REQUIRE_BROWSER=1, when it fails.
func TestExplorerInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("PLANGRAPH_REQUIRE_BROWSER") == "1" {
			t.Fatalf("PLANGRAPH_REQUIRE_BROWSER=1 but there is no browser at %s: %v (apt-get install chromium fonts-wqy-microhei)", chromiumPath, err)
		}
		t.Skipf("no browser at %s: apt-get install chromium fonts-wqy-microhei to run this test (PLANGRAPH_REQUIRE_BROWSER=1 makes its absence a failure)", chromiumPath)
	}
	if testing.Short() && os.Getenv("PLANGRAPH_REQUIRE_BROWSER") != "1" {
		t.Skip("drives a browser; skipped with -short (unless PLANGRAPH_REQUIRE_BROWSER=1)")
	}

	ts := explorerServer(t)
	dir := os.Getenv("PLANGRAPH_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil { // start the browser with no deadline
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	ctx, cancel := context.WithTimeout(bctx, 100*time.Second)
	defer cancel()

	// Every console error and uncaught exception of the page fails the test.
	var mu sync.Mutex
	var problems []string
	var blocked atomic.Bool // requests fail on purpose while set
	messages := chromedp.Console(bctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if blocked.Load() && strings.Contains(m.Text, "ERR_BLOCKED_BY_CLIENT") {
				continue
			}
			if m.Type == chromedp.ConsoleWarning {
				t.Logf("browser console warning: %s", m.Text)
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s (%s:%d)", m.Text, m.URL, m.Line+1))
				mu.Unlock()
			}
		}
	}()

	w := &walker{t: t, ctx: ctx, dir: dir}
	w.do("open the start page",
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#search-input")),
		chromedp.WaitVisible(chromedp.CSS(".featured .chip")),
	)
	w.shot("01-home")

	// 0. What a search with no match, and a search without a server, look like.
	w.do("search for a name that is not there",
		chromedp.Click(chromedp.CSS("#search-input")),
		chromedp.SendKeys(chromedp.CSS("#search-input"), "zzqxv"),
		chromedp.WaitVisible(chromedp.CSS("#search-input-list .sg-status")),
		chromedp.WaitVisible(chromedp.CSS("#search-input-list .sg-text")),
	)
	if got := w.text("#search-input-list .sg-status"); !strings.Contains(got, "zzqxv") {
		t.Errorf("no-match message %q does not name the query", got)
	}
	blocked.Store(true)
	w.do("search while the API is unreachable",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{
				URLPatterns: []*network.BlockPattern{{URLPattern: ts.URL + "/graphql", Block: true}},
			})
			return err
		}),
		chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape),
		chromedp.SendKeys(chromedp.CSS("#search-input"), "liwan"),
		chromedp.WaitVisible(chromedp.CSS(`#search-input-list .sg-status.error[role="alert"]`)),
	)
	w.shot("02a-search-error")
	w.do("reconnect",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{}})
			return err
		}),
		chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape),
	)
	blocked.Store(false)
	if v := w.value("#search-input"); v != "" {
		t.Errorf("Esc Esc left %q in the search box", v)
	}

	// 1. Search in Simplified, pick the Traditional suggestion.
	const baietan = "liwan-14fyp/zone/baietan-bd"
	suggestion := fmt.Sprintf(`#search-input-list .sg-option[data-id=%q]`, baietan)
	w.do("type 白鹅潭 in the search box",
		chromedp.Click(chromedp.CSS("#search-input")),
		chromedp.SendKeys(chromedp.CSS("#search-input"), "白鹅潭"),
		chromedp.WaitVisible(chromedp.CSS(suggestion)),
	)
	if got := w.text(suggestion + " .sg-name"); got != "白鵝潭商務區" {
		t.Fatalf("suggestion for %s reads %q, want 白鵝潭商務區", baietan, got)
	}
	if n := w.evalInt(`document.querySelectorAll('#search-input-list .sg-group').length`); n < 2 {
		t.Errorf("suggestions are in %d type groups, want several", n)
	}
	w.shot("02-suggestions")

	// 2. The entity view and its graph.
	w.do("pick 白鵝潭商務區",
		chromedp.Click(chromedp.CSS(suggestion)),
		chromedp.WaitVisible(chromedp.CSS(`#entity-name[data-id="`+baietan+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#links .link .quote")),
		chromedp.WaitVisible(chromedp.CSS("#mentions .mi-text mark.hit")),
	)
	if got := w.text("#entity-name"); got != "白鵝潭商務區" {
		t.Errorf("entity title %q, want 白鵝潭商務區", got)
	}
	if loc := w.eval(`location.pathname`); loc != "/entity/"+baietan {
		t.Errorf("URL path %q, want /entity/%s", loc, baietan)
	}
	for _, want := range []string{"白鹅潭商务区", "bai e tan shang wu qu", "Bai'etan Business District", "白鵝潭"} {
		if names := w.text(".names"); !strings.Contains(names, want) {
			t.Errorf("names %q lack %q", names, want)
		}
	}
	// Each quote says its period; the 2016–2020 achievements can be hidden, and shown again.
	if n := w.evalInt(`document.querySelectorAll('#links .quote .period').length`); n != w.evalInt(`document.querySelectorAll('#links .quote').length`) {
		t.Errorf("%d of the quotes show their period", n)
	}
	links := w.evalInt(`document.querySelectorAll('#links .link').length`)
	w.do("hide the achievements", chromedp.Click(chromedp.CSS("#hide-achieved")))
	w.poll("no achievement is quoted", `document.querySelectorAll('#links .period[data-period="ACHIEVED"]').length === 0 && !!document.querySelector('#hidden-achieved')`)
	if hidden := w.evalInt(`document.querySelectorAll('#links .link').length`); hidden >= links {
		t.Errorf("%d links with the achievements hidden, %d with them", hidden, links)
	}
	w.do("show the achievements", chromedp.Click(chromedp.CSS("#hide-achieved")))
	w.poll("the links are back", fmt.Sprintf(`document.querySelectorAll('#links .link').length === %d`, links))
	w.poll("the graph has nodes", `+document.querySelector('#graph').dataset.nodes > 5`)
	w.poll("the layout settles", `document.querySelector('#graph').dataset.layout === 'done'`)
	before := w.evalInt(`+document.querySelector('#graph').dataset.nodes`)
	w.shot("03-entity")

	// 3. Expand a node in place: right-click it in the graph.
	const core = "liwan-14fyp/zone/baietan-core"
	xy := w.evalFloats(fmt.Sprintf(`(() => {
		const g = window.plangraph.view.graph, n = g.cy.getElementById(%q);
		if (n.empty()) return [];
		const p = n.renderedPosition(), r = g.canvas.getBoundingClientRect();
		return [r.left + p.x, r.top + p.y];
	})()`, core))
	if len(xy) != 2 {
		t.Fatalf("node %s is not in the graph", core)
	}
	w.do("right-click 白鵝潭核心區 in the graph", chromedp.MouseClickXY(xy[0], xy[1], chromedp.ButtonRight))
	w.poll("the graph grows", fmt.Sprintf(`+document.querySelector('#graph').dataset.nodes > %d`, before))
	w.poll("the layout settles", `document.querySelector('#graph').dataset.layout === 'done'`)
	after := w.evalInt(`+document.querySelector('#graph').dataset.nodes`)
	t.Logf("graph: %d nodes, %d after expanding %s", before, after, core)
	w.shot("04-expanded")

	// Filter by type and by relation, then open a node with a click.
	w.do("hide projects", chromedp.Click(chromedp.CSS(`.fchip[data-kind="type"][data-key="PROJECT"]`)))
	w.poll("fewer nodes shown", `+document.querySelector('#graph').dataset.visible < +document.querySelector('#graph').dataset.nodes`)
	w.do("hide part-of links", chromedp.Click(chromedp.CSS(`.fchip[data-kind="rel"][data-key="PART_OF"]`)))
	w.poll("the part-of filter is on", `document.querySelector('.fchip[data-kind="rel"][data-key="PART_OF"]').getAttribute('aria-pressed') === 'false'`)
	w.do("show them again",
		chromedp.Click(chromedp.CSS(`.fchip[data-kind="type"][data-key="PROJECT"]`)),
		chromedp.Click(chromedp.CSS(`.fchip[data-kind="rel"][data-key="PART_OF"]`)),
	)
	w.poll("all nodes shown", `document.querySelector('#graph').dataset.visible === document.querySelector('#graph').dataset.nodes`)
	xy = w.evalFloats(fmt.Sprintf(`(() => {
		const g = window.plangraph.view.graph, n = g.cy.getElementById(%q);
		const p = n.renderedPosition(), r = g.canvas.getBoundingClientRect();
		return [r.left + p.x, r.top + p.y];
	})()`, core))
	w.do("click 白鵝潭核心區 in the graph",
		chromedp.MouseClickXY(xy[0], xy[1]),
		chromedp.WaitVisible(chromedp.CSS(`#entity-name[data-id="`+core+`"]`)),
	)
	w.poll("its own graph", `+document.querySelector('#graph').dataset.nodes > 3`)

	// 4. The path finder, each end picked with the search box (mouse, then keyboard).
	w.do("open the path finder",
		chromedp.Click(chromedp.CSS("#nav-path")),
		chromedp.WaitVisible(chromedp.CSS("#path-from")),
		chromedp.SendKeys(chromedp.CSS("#path-from"), "聚龙组团"),
		chromedp.WaitVisible(chromedp.CSS(`#path-from-list .sg-option[data-id="liwan-14fyp/zone/julong-cluster"]`)),
		chromedp.Click(chromedp.CSS(`#path-from-list .sg-option[data-id="liwan-14fyp/zone/julong-cluster"]`)),
		chromedp.Click(chromedp.CSS("#path-to")),
		chromedp.SendKeys(chromedp.CSS("#path-to"), "西翼"),
		chromedp.WaitVisible(chromedp.CSS(`#path-to-list .sg-option[data-id="liwan-14fyp/strategy/guangzhou-west-cbd"]`)),
		chromedp.KeyEvent("\n"),
		chromedp.WaitVisible(chromedp.CSS(".path .cstep .quote")),
	)
	if got := w.value("#path-from"); got != "白鵝潭聚龍組團" {
		t.Errorf("path start %q, want 白鵝潭聚龍組團", got)
	}
	// The path is drawn as a picture too: its entities in a row, an arrow for each link.
	if n, l := w.evalInt(`document.querySelector('.path .path-picture').querySelectorAll('.pp-node').length`), w.evalInt(`+document.querySelector('.path').dataset.length`); n != l+1 {
		t.Errorf("the first path's picture has %d entities for %d links", n, l)
	}
	if got := w.value("#path-to"); got != "廣州西翼中央商務區" {
		t.Errorf("path end %q, want 廣州西翼中央商務區", got)
	}
	if q := w.text(".path .cstep .quote .qtext"); len([]rune(q)) < 4 {
		t.Errorf("first step's quote %q is too short", q)
	}
	if rel := w.text(".path .cstep .cs-name"); rel == "" {
		t.Error("first step has no relation label")
	}
	if loc := w.eval(`location.search`); !strings.Contains(loc, "from=") || !strings.Contains(loc, "to=") {
		t.Errorf("path finder URL %q is not a deep link", loc)
	}
	w.shot("05-path")

	// 5. The reader: follow the quote's link to its paragraph, see the mentions marked.
	w.do("open the quoted paragraph",
		chromedp.Click(chromedp.CSS(".path .cstep .cite")),
		chromedp.WaitVisible(chromedp.CSS(".para.target mark.qmark")),
		chromedp.WaitVisible(chromedp.CSS(".para.target a.mention")),
		chromedp.WaitVisible(chromedp.CSS(".toc-ch.current")),
	)
	if loc := w.eval(`location.pathname`); !strings.HasPrefix(loc, "/read/liwan-14fyp/") {
		t.Errorf("reader URL %q, want /read/<paragraph id>", loc)
	}
	// The English interface shows each paragraph in English, with the Chinese (the evidence) after it.
	if en, zh := w.text(".para.target .para-en"), w.text(".para.target .para-zh"); en == "" || zh == "" {
		t.Errorf("the quoted paragraph in the English interface: English %q, Chinese %q", en, zh)
	}
	if missing := w.evalInt(`[...document.querySelectorAll('.para')].filter((p) => !p.querySelector('.para-en')).length`); missing > 0 {
		t.Errorf("%d paragraphs of the chapter lack their English", missing)
	}
	mentionID := w.eval(`document.querySelector('.para.target a.mention').dataset.id`)
	w.shot("06-reader")
	w.do("click a mention",
		chromedp.Click(chromedp.CSS(".para.target a.mention")),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#entity-name[data-id=%q]`, mentionID))),
	)

	// 6. Back to 白鵝潭商務區 by pinyin, then switch to Simplified.
	w.do("search by pinyin",
		chromedp.Click(chromedp.CSS("#search-input")),
		chromedp.SendKeys(chromedp.CSS("#search-input"), "baietan"),
		chromedp.WaitVisible(chromedp.CSS(suggestion)),
		chromedp.KeyEvent("\n"),
		chromedp.WaitVisible(chromedp.CSS(`#entity-name[data-id="`+baietan+`"]`)),
	)
	w.poll("the graph is drawn", `+document.querySelector('#graph').dataset.nodes > 5`)
	w.do("switch to Simplified", chromedp.Click(chromedp.CSS("#script-s")))
	w.poll("the name in Simplified", `document.querySelector('#entity-name').textContent === '白鹅潭商务区'`)
	w.shot("07-simplified")

	// 7. The interface in Chinese (the graph's labels are then Chinese names, not English ones).
	w.do("switch the interface to Chinese", chromedp.Click(chromedp.CSS("#lang-zh")))
	w.poll("Chinese navigation", `document.querySelector('#nav-path').textContent === '关联路径'`)
	if label := w.eval(fmt.Sprintf(`window.plangraph.view.graph.cy.getElementById(%q).data('label')`, baietan)); label != "白鹅潭商务区" {
		t.Errorf("graph label %q, want 白鹅潭商务区", label)
	}
	w.shot("08-chinese")

	// 8. Export the picture.
	downloads := chromedp.Events(ctx, browser.DownloadProgress)
	w.do("export the graph as PNG",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			events := true
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events,
			})
			return err
		}),
		chromedp.Click(chromedp.CSS("#graph-png")),
	)
	for ev, err := range downloads {
		if err != nil {
			t.Fatalf("export PNG: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("export PNG: the download was canceled")
		}
		if ev.State != browser.DownloadProgressStateCompleted {
			continue
		}
		png := filepath.Join(dir, "09-graph-export.png")
		if err := os.Rename(filepath.Join(dir, ev.GUID), png); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(png)
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) || len(b) < 10000 {
			t.Errorf("exported graph: %d bytes, err %v; want a PNG image", len(b), err)
		}
		break
	}

	// 9. The choices are remembered.
	w.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#entity-name")))
	w.poll("Simplified after a reload", `document.querySelector('#entity-name').textContent === '白鹅潭商务区'`)
	w.poll("Chinese after a reload", `document.querySelector('#nav-home').textContent === '探索'`)
	w.poll("the layout settles", `document.querySelector('#graph').dataset.layout === 'done'`)
	w.shot("10-entity-zh-hans")

	// A graph of more than 40 entities stays readable: rings by type, labels on hover or when
	// zoomed in, and what is left out at first behind "show more".
	w.do("open 現代商貿業 and expand a neighbour",
		chromedp.Navigate(ts.URL+"/entity/liwan-14fyp/industry/modern-commerce"),
		chromedp.WaitVisible(chromedp.CSS("#graph")),
	)
	w.poll("the layout settles", `document.querySelector('#graph').dataset.layout === 'done'`)
	w.eval(`(() => { const g = window.plangraph.view.graph; g.cy.nodes().not('.center').forEach((n) => g.expand(n.id())); return 'ok'; })()`)
	w.poll("the graph grows past 40 entities", `+document.querySelector('#graph').dataset.nodes > 40`)
	w.poll("the expansions end", `window.plangraph.view.graph.expanding.size === 0`)
	w.poll("the layout settles", `document.querySelector('#graph').dataset.layout === 'done'`)
	w.poll("labels wait for hover or zoom", `document.querySelector('#graph').dataset.dense === 'true'`)
	w.eval(`window.plangraph.view.graph.cy.zoom(2), 'ok'`)
	w.poll("zoomed in, every label shows", `document.querySelector('#graph').dataset.dense === 'false'`)
	w.shot("09-dense-graph")

	// A shared link carries the language, the script and the search; a kind of thing offers its list.
	w.do("open a shared search",
		chromedp.Navigate(ts.URL+"/?lang=en&script=hans&q="+url.QueryEscape("west cbd")),
		chromedp.WaitVisible(chromedp.CSS(`#search-input-list .sg-option[data-id="liwan-14fyp/strategy/guangzhou-west-cbd"]`)),
	)
	if got := w.text(`#search-input-list .sg-option[data-id="liwan-14fyp/strategy/guangzhou-west-cbd"] .sg-name`); got != "广州西翼中央商务区" {
		t.Errorf("the shared search shows %q, want the Simplified name", got)
	}
	if q := w.eval(`location.search`); !strings.Contains(q, "lang=en") || !strings.Contains(q, "script=hans") {
		t.Errorf("the URL lost the language or script: %q", q)
	}
	w.do("ask for targets",
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".featured .chip")),
		chromedp.SendKeys(chromedp.CSS("#search-input"), "targets"),
		chromedp.WaitVisible(chromedp.CSS(`#search-input-list .sg-list[data-list="TARGET"]`)),
	)
	w.shot("09a-shared-search")

	// The brief of an industry: the zones, projects and policies the graph connects to it, its
	// broader industries, each with its quotes; it prints to a clean PDF.
	w.do("open the brief of 生物醫藥",
		chromedp.Navigate(ts.URL+"/brief/liwan-14fyp/industry/biomedicine?lang=en&script=hant"),
		chromedp.WaitVisible(chromedp.CSS(".brief-section .brief-item")),
	)
	brief := w.text(".brief-page")
	for _, want := range []string{"醫藥健康", "海龍廣佛高質量發展科創示范區", "大參林總部大廈", "Zones that focus on it", "Projects", "Policies", "Broader industries"} {
		if !strings.Contains(brief, want) {
			t.Errorf("the brief of 生物醫藥 lacks %q", want)
		}
	}
	if n := w.evalInt(`document.querySelectorAll('.brief-item .quote').length`); n == 0 {
		t.Error("the brief quotes nothing")
	}
	w.shot("09b-brief")
	pdf, err := chromedp.Run(w.ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		prefer := true
		r, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &prefer})
		return r.Data, err
	})
	if err != nil {
		t.Fatalf("print the brief: %v", err)
	}
	checkBriefPDF(t, dir, pdf)

	// The list of targets: every target, sortable and filterable, with its CSV.
	w.do("open the list of targets",
		chromedp.Navigate(ts.URL+"/list/target"),
		chromedp.WaitVisible(chromedp.CSS("#list-table tbody tr")),
	)
	targets := csvRows(t, ts.URL+"/export/entities.csv?type=TARGET")
	if n := w.evalInt(`document.querySelectorAll('#list-table tbody tr').length`); n != targets {
		t.Errorf("the list of targets has %d rows, want %d (the rows of its CSV)", n, targets)
	}
	if href := w.eval(`document.querySelector('#list-csv').getAttribute('href')`); href != "/export/entities.csv?type=TARGET" {
		t.Errorf("CSV link %q", href)
	}
	w.do("sort by year", chromedp.Click(chromedp.CSS(`#list-table th button[data-col="year"]`)))
	w.poll("sorted by year", `document.querySelector('#list-table th[aria-sort="ascending"] button').dataset.col === 'year'`)
	w.do("filter by name", chromedp.SendKeys(chromedp.CSS("#list-q"), "總值"))
	w.poll("fewer rows", fmt.Sprintf(`document.querySelectorAll('#list-table tbody tr').length < %d && document.querySelectorAll('#list-table tbody tr').length > 0`, targets))
	if q := w.eval(`location.search`); !strings.Contains(q, "q=") || !strings.Contains(q, "sort=year") {
		t.Errorf("the filters are not in the URL: %q", q)
	}
	w.shot("10a-list-targets")

	// Back to the Chinese interface in Simplified characters, as the steps above left it: the
	// links with ?lang= and ?script= changed the preferences, as shared links do.
	w.do("back to Simplified Chinese", chromedp.Navigate(ts.URL+"/?lang=zh&script=hans"), chromedp.WaitVisible(chromedp.CSS(".featured .chip")))

	// 10. The reader and the path finder in Simplified Chinese, from deep links.
	w.do("open a paragraph by its URL",
		chromedp.Navigate(ts.URL+"/read/liwan-14fyp/ch3/s1/p1"),
		chromedp.WaitVisible(chromedp.CSS(`.para.target[data-pid="liwan-14fyp/ch3/s1/p1"] a.mention`)),
	)
	if txt := w.text(`.para.target[data-pid="liwan-14fyp/ch3/s1/p1"]`); !strings.Contains(txt, "白鹅潭商务区") {
		t.Errorf("paragraph in Simplified lacks 白鹅潭商务区: %q", txt)
	}
	w.shot("11-reader-zh-hans")
	w.do("open a path by its URL",
		chromedp.Navigate(ts.URL+"/path?from=liwan-14fyp/zone/julong-cluster&to=liwan-14fyp/strategy/guangzhou-west-cbd"),
		chromedp.WaitVisible(chromedp.CSS(".path .cstep .quote")),
	)
	w.shot("12-path-zh-hans")

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser console: %s", p)
	}
}
