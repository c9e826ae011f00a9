# Two Hats. `make test` is the one command that checks everything; it installs what the tests
# need first (see .ci/install-deps).

GO ?= go
XVFB := xvfb-run -a -s "-screen 0 1280x1024x24"

.PHONY: test deps tools lint unit bench fuzz run web wasm-test browser-test schema-test

test: deps lint unit schema-test wasm-test browser-test

deps: tools
	./.ci/install-deps

# The linters, at pinned versions, built from the Go module proxy into .tools/ (a local GOBIN, one
# folder per version, so a new pin installs afresh). errcheck's exclusions are in .errcheck-excludes.
STATICCHECK_VERSION := v0.8.2
ERRCHECK_VERSION := v1.30.0
STATICCHECK := .tools/staticcheck-$(STATICCHECK_VERSION)/staticcheck
ERRCHECK := .tools/errcheck-$(ERRCHECK_VERSION)/errcheck

tools: $(STATICCHECK) $(ERRCHECK)

$(STATICCHECK):
	GOBIN=$(CURDIR)/$(dir $@) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

$(ERRCHECK):
	GOBIN=$(CURDIR)/$(dir $@) $(GO) install github.com/kisielk/errcheck@$(ERRCHECK_VERSION)

lint: tools
	@fmt=$$(gofmt -l cmd game scenarios); if [ -n "$$fmt" ]; then echo "gofmt would rewrite: $$fmt"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...
	$(ERRCHECK) -exclude .errcheck-excludes ./...

# Every package's tests, the desktop game's under a virtual display. The lessons test runs its
# full 300 seeds per arm here (go test -short runs fewer).
unit:
	$(XVFB) $(GO) test -count=1 -timeout 30m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 ./game/...

# Every fuzz test, FUZZTIME each (make test runs only their seeds and the failures kept under
# testdata/fuzz). The minimising of each new input is capped: Go's default of a minute per input
# on 20 KB scenario files left the parser fuzzers idle most of their time.
FUZZTIME ?= 30s
FUZZ_TARGETS := FuzzParse:./game/scenario FuzzActions:./game/sim FuzzPairActions:./game/sim \
	FuzzParseKnobs:./game/bot FuzzParseAndReplay:./game/results FuzzParseAndRebuild:./game/save \
	FuzzPlayerName:./game/workshop FuzzDecodeJoin:./game/workshop FuzzDecodeAction:./game/workshop
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz: $${t%%:*} in $${t#*:} for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $${t#*:} || exit 1; \
	done

run:
	$(GO) run ./cmd/twohats

# The browser build in dist/web: the page, Go's wasm_exec.js and the game as WebAssembly, with
# twohats.wasm.gz beside it (gzip -9, no name or time inside, so the same build gives the same
# bytes), which `twohats serve` sends to browsers that accept gzip. Any static server can serve
# the folder. The page learns the .wasm's size (for its progress bar, which counts the
# uncompressed bytes) and a version (to defeat stale caches; serve caches by it).
WEB := dist/web

web:
	@mkdir -p $(WEB)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WEB)/twohats.wasm ./cmd/twohats
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(WEB)/wasm_exec.js
	gzip -9 -n -c $(WEB)/twohats.wasm > $(WEB)/twohats.wasm.gz.tmp && mv $(WEB)/twohats.wasm.gz.tmp $(WEB)/twohats.wasm.gz
	@size=$$(wc -c < $(WEB)/twohats.wasm | tr -d ' '); \
	ver=$$( (sha256sum $(WEB)/twohats.wasm 2>/dev/null || shasum -a 256 $(WEB)/twohats.wasm) | cut -c1-12); \
	sed -e "s/@WASM_SIZE@/$$size/" -e "s/@WASM_VERSION@/$$ver/" assets/web/index.html > $(WEB)/index.html; \
	echo "$(WEB): twohats.wasm $$size bytes, twohats.wasm.gz $$(wc -c < $(WEB)/twohats.wasm.gz | tr -d ' ') bytes (what serve sends)"

# The shipped scenarios validated by the real taplo CLI against docs/scenario.schema.json, and the
# bad fixtures rejected by it (.ci/taplo/check.sh; @taplo/cli is installed there from its lock file).
schema-test:
	./.ci/taplo/check.sh

# The engine's tests compiled to WebAssembly and run by Node: the golden replay test in
# game/results then shows linux/amd64 and js/wasm reach the identical result.
wasm-test:
	GOOS=js GOARCH=wasm $(GO) test -short -count=1 -exec="$$($(GO) env GOROOT)/lib/wasm/go_js_wasm_exec" ./game/sim/ ./game/scenario/ ./game/bot/ ./game/results/ ./game/pairplay/ ./scenarios/

# The browser build played by a bot in headless Chromium (.ci/browser/test.mjs); the desktop
# binary built here replays the results file the browser wrote.
browser-test: web
	$(GO) build -o dist/twohats ./cmd/twohats
	@[ -d .ci/browser/node_modules/playwright-core ] || npm ci --prefix .ci/browser --no-audit --no-fund
	TWOHATS_BIN=dist/twohats TWOHATS_WEB=$(WEB) node .ci/browser/test.mjs
