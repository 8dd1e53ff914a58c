# credence build targets. `make models` regenerates the embedded default
# reliability model from ../shared (bit for bit for the same code, data and
# seed); `make models-check` proves that by training twice.

GO       ?= go
POOL     ?= ../shared/data/news/pool.jsonl
MODEL    ?= internal/model/default.bin
TRAINFLAGS ?= --seed 1 --name credence-reliability-pool
POLNEAR  ?= ../shared/data/polnear/train

.PHONY: build test models models-check bench-fasttext wnclass

build:
	$(GO) build ./...

test:
	$(GO) test ./...

models:
	# attribution first: the reliability model's sourcing signals use it
	$(GO) run ./cmd/credence train-attrib --polnear $(POLNEAR) --out internal/attrib/cues.v1 --pos-out internal/attrib/posdict.v1 --tagger-out internal/attrib/cuetagger.v1 --names-out internal/attrib/names.v1 --rank-out internal/attrib/cuerank.v1
	$(GO) run ./cmd/credence train --data $(POOL) --out $(MODEL) $(TRAINFLAGS)

models-check:
	$(GO) build -o /tmp/credence-models-check ./cmd/credence
	/tmp/credence-models-check train --data $(POOL) --out /tmp/credence-model-a.bin $(TRAINFLAGS)
	/tmp/credence-models-check train --data $(POOL) --out /tmp/credence-model-b.bin $(TRAINFLAGS)
	cmp /tmp/credence-model-a.bin /tmp/credence-model-b.bin
	cmp /tmp/credence-model-a.bin $(MODEL) && echo "models-check: $(MODEL) reproduced bit for bit"

bench-fasttext:
	scripts/bench-fasttext.sh

# WordNet class table for the role tagger (internal/attrib/wnclass.v1);
# needs WordNet 3.0, installed from Debian when missing.
wnclass:
	test -d /usr/share/wordnet || (apt-get update && apt-get install -y wordnet-base)
	cd internal/attrib && $(GO) run ./internal/wngen -out wnclass.v1 -notice wnclass.NOTICE
