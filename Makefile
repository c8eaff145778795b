# lienthong: developer entry points (GNU make). `make help` lists them.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

GO ?= go
BIN := .bin
TEMPORAL := $(BIN)/temporal
STATICCHECK := $(BIN)/staticcheck
WORKFLOWCHECK := $(BIN)/workflowcheck
TOOLS := $(TEMPORAL) $(STATICCHECK) $(WORKFLOWCHECK)

# Flags for `make dev`, e.g. make dev DEV_FLAGS=--no-worker
DEV_FLAGS ?=
# How long scripts/fuzz-short.sh runs each fuzz test.
FUZZTIME ?= 10s

# Go files to format-check: everything but hidden directories (.bin, .data,
# .git) and testdata.
GO_FILES = $(shell find . -path './.*' -prune -o -path '*/testdata' -prune -o -name '*.go' -print)

.PHONY: help dev test lint fmt fmt-check vet staticcheck workflowcheck test-go fuzz-short build tools

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

dev: ## run the local stack (Temporal dev server + worker); Ctrl-C stops it
	$(GO) build -o $(BIN)/devstack ./deploy/devstack
	$(BIN)/devstack $(DEV_FLAGS)

# Every phase runs even when an earlier one failed, so one CI run reports
# all the problems; the target fails if any phase did.
test: tools ## lint, go test -race, and a short fuzz pass (what CI runs)
	@rc=0; \
	bash scripts/phase.sh lint $(MAKE) -k lint || rc=1; \
	bash scripts/phase.sh go-test $(MAKE) test-go || rc=1; \
	bash scripts/phase.sh fuzz $(MAKE) fuzz-short || rc=1; \
	exit $$rc

lint: fmt-check vet staticcheck workflowcheck ## gofmt check, go vet, staticcheck, workflowcheck

fmt: ## gofmt -w every Go file
	@gofmt -l -w $(GO_FILES)

fmt-check:
	@files="$$(gofmt -l $(GO_FILES))"; \
	if [[ -n "$$files" ]]; then echo "gofmt needed (run make fmt):"; echo "$$files"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

workflowcheck: $(WORKFLOWCHECK)
	$(WORKFLOWCHECK) ./workflows/...

# Tests that start a real Temporal server find the CLI through this variable.
test-go fuzz-short: export LIENTHONG_TEMPORAL_CLI := $(CURDIR)/$(TEMPORAL)

# The read model's suite runs on SQLite and on PostgreSQL: a throwaway
# cluster on 127.0.0.1:55432 is started unless a DSN is given (or
# LIENTHONG_SKIP_POSTGRES=1 says to skip that half).
test-go: $(TEMPORAL)
	@if [[ -z "$${LIENTHONG_TEST_POSTGRES_DSN:-}" && "$${LIENTHONG_SKIP_POSTGRES:-}" != 1 ]]; then \
		LIENTHONG_TEST_POSTGRES_DSN="$$(bash scripts/postgres.sh start)" || exit 1; \
		export LIENTHONG_TEST_POSTGRES_DSN; \
	fi; \
	$(GO) test -race -count=1 ./...

fuzz-short:
	FUZZTIME=$(FUZZTIME) bash scripts/fuzz-short.sh

build: ## build the worker and the starter into .bin/
	$(GO) build -o $(BIN)/ ./worker ./starter

tools: $(TOOLS) ## build the pinned Temporal CLI, staticcheck and workflowcheck into .bin/ (when missing or stale)

# Each tool is rebuilt only when its pinning module changed. go build may
# leave an up-to-date binary untouched, hence the touch.
$(TEMPORAL): tools/temporal/go.mod tools/temporal/go.sum
	@mkdir -p $(BIN)
	@echo "building the Temporal CLI pinned in tools/temporal (a few minutes the first time)"
	cd tools/temporal && $(GO) build -o $(CURDIR)/$@ github.com/temporalio/cli/cmd/temporal
	@touch $@

$(STATICCHECK): tools/lint/go.mod tools/lint/go.sum
	@mkdir -p $(BIN)
	cd tools/lint && $(GO) build -o $(CURDIR)/$@ honnef.co/go/tools/cmd/staticcheck
	@touch $@

$(WORKFLOWCHECK): tools/lint/go.mod tools/lint/go.sum
	@mkdir -p $(BIN)
	cd tools/lint && $(GO) build -o $(CURDIR)/$@ go.temporal.io/sdk/contrib/tools/workflowcheck
	@touch $@
