# exposure-guard: a thin, self-documenting facade over Maven. `make` alone lists the targets.
MVN        ?= mvn -B --no-transfer-progress
JAR        := target/quarkus-app/quarkus-run.jar
SCAN_PATH  ?= deploy/examples
SCAN_ARGS  ?= --fail-on never
SOURCES    := $(shell find src/main -type f 2>/dev/null) pom.xml
CHART      := deploy/helm/exposure-guard
IMAGE      ?= ghcr.io/exposure-guard/exposure-guard:0.1.0
# ChurnBench's rate (changes/s) and duration (s); empty means the pom's defaults (20/s for 60 s). Other settings
# (docs/benchmarks.md): make bench-churn CHURN_ARGS="-Dchurn.seed=7 -Dchurn.stock-mock=true".
CHURN_ARGS ?= $(if $(CHURN_RATE),-Dchurn.rate=$(CHURN_RATE)) $(if $(CHURN_SECONDS),-Dchurn.seconds=$(CHURN_SECONDS))
# TimeToPageIT's samples for make bench-page (each one page, about 35 s).
PAGE_SAMPLES ?= 20
# The first container engine found; `make image` says so plainly when there is none.
ENGINE     ?= $(shell command -v docker 2>/dev/null || command -v podman 2>/dev/null)

.DEFAULT_GOAL := help
.PHONY: help build test unit run scan report crds helm-lint image bench bench-page bench-report bench-memory bench-churn fuzz deps-check docs kinds clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

build: $(JAR) ## Build the application (target/quarkus-app) without running tests

# Quiet on stdout (the command and Maven's output go to stderr), so `make scan SCAN_ARGS="--format json" > out.json`
# is valid JSON even when the jar is rebuilt first.
$(JAR): $(SOURCES)
	@echo "$(MVN) -q package -DskipTests" >&2
	@$(MVN) -q package -DskipTests 1>&2

test: ## Run every test (what CI runs): the *Test tier, then the *IT tier against real processes and the packaged jar
	$(MVN) verify || { .ci/failed-test-output; exit 1; }

unit: ## Run the fast tier only: unit and mock API server tests (*Test) and the fuzz corpora; no packaging, no real processes
	$(MVN) test || { .ci/failed-test-output; exit 1; }

run: $(JAR) ## Run the operator against the cluster of the current kubeconfig
	java -jar $(JAR)

scan: $(JAR) ## Scan manifests: make scan [SCAN_PATH=file-or-dir] [SCAN_ARGS="--fail-on high --format json"]
	@java -jar $(JAR) scan $(SCAN_ARGS) $(SCAN_PATH)

report: $(JAR) ## HTML report of the cluster of the current kubeconfig: make report [REPORT_ARGS="-o report.html --with-probe-evidence"]
	@java -jar $(JAR) report $(if $(REPORT_ARGS),$(REPORT_ARGS),-o report.html)

crds: ## Regenerate crds/ and the chart's copy (deploy/helm/exposure-guard/files/crds, rendered by templates/crds.yaml) from the CRD classes
	$(MVN) -q package -DskipTests
	$(MVN) -q test -Dtest=CrdFilesTest -Dexposureguard.writeCrds=true -Dsurefire.failIfNoSpecifiedTests=false
	@ls crds/*.yml $(CHART)/files/crds/*.yml

helm-lint: ## Lint (strict) and render the Helm chart with real Helm (helm-java): HelmChartTest, no helm binary needed
	$(MVN) -q test -Dtest=HelmChartTest -Dsurefire.failIfNoSpecifiedTests=false

image: ## Build the container image with docker or podman: make image [IMAGE=registry/exposure-guard:tag]
	@if [ -z "$(ENGINE)" ]; then echo "image: neither docker nor podman is installed here: build the image on a machine with one" >&2; exit 1; fi
	@if ! $(ENGINE) info >/dev/null 2>&1; then echo "image: $(ENGINE) is installed but reaches no container engine ('$(ENGINE) info' fails): start one, or build the image elsewhere" >&2; exit 1; fi
	$(MAKE) build
	$(ENGINE) build -f src/main/docker/Dockerfile.jvm -t $(IMAGE) .

bench: $(JAR) ## Engine throughput, operator latency/audit cost, /validate vs baseline under load, large ConfigMaps in the cache, churn at cluster scale, a 10,000-finding HTML report in Chromium (not part of make test)
	$(MVN) -q test-compile exec:java@engine -Pbench
	$(MVN) -q exec:java@operator -Pbench
	$(MVN) -q exec:java@admission -Pbench
	$(MVN) -q exec:exec@memory -Pbench
	$(MVN) -q exec:exec@churn -Pbench $(CHURN_ARGS)
	$(MVN) -q exec:java@report -Pbench

bench-page: ## Time to page at shipped settings, real Prometheus and Alertmanager (~15 min): make bench-page [PAGE_SAMPLES=20]
	$(MVN) -q test-compile failsafe:integration-test failsafe:verify -Dit.test=TimeToPageIT -Dtime-to-page.samples=$(PAGE_SAMPLES)
	@cat target/time-to-page.txt

bench-report: ## The HTML report of 10,000 findings: its size, and Chromium's time to show it (~1 min)
	$(MVN) -q test-compile exec:java@report -Pbench

bench-memory: ## What 50 ConfigMaps of 1 MB cost the operator's cache, trimmed and whole (~40 s)
	$(MVN) -q test-compile exec:exec@memory -Pbench

bench-churn: ## Operator under churn at 10k Services/2k Ingresses/500 ECK (~1.5 min): make bench-churn [CHURN_RATE=20 CHURN_SECONDS=60]
	$(MVN) -q test-compile exec:exec@churn -Pbench $(CHURN_ARGS)

fuzz: ## Fuzz the manifest reader/engine and the AdmissionReview handling (Jazzer, 60 s per target); crashes land in src/test/resources/**/*Inputs
	$(MVN) -q test-compile
	JAZZER_FUZZ=1 $(MVN) surefire:test@fuzz-regression -Dtest='ManifestFuzzTest#anyTextIsLoadedOrRefusedNeverCrashes'
	JAZZER_FUZZ=1 $(MVN) surefire:test@fuzz-regression -Dtest='ManifestFuzzTest#aShippedExampleWithOneFieldChangedNeverCrashesTheEngine'
	JAZZER_FUZZ=1 $(MVN) surefire:test@fuzz-regression -Dtest='AdmissionFuzzTest'

deps-check: ## List dependencies and plugins with newer releases (versions-maven-plugin; all versions are pinned in pom.xml)
	$(MVN) org.codehaus.mojo:versions-maven-plugin:2.18.0:display-dependency-updates org.codehaus.mojo:versions-maven-plugin:2.18.0:display-plugin-updates -DprocessDependencyManagement=false

docs: ## Regenerate docs/rules.md from the rule catalog and the kind registry, and docs/images/report.png in headless chromium
	$(MVN) -q test -Dtest=RuleDocsTest -Dexposureguard.writeDocs=true -Dsurefire.failIfNoSpecifiedTests=false
	$(MVN) -q failsafe:integration-test failsafe:verify -Dit.test=HtmlReportBrowserIT -Dexposureguard.writeDocs=true

kinds: ## Regenerate the chart's templates/_kinds.tpl and the kind rules of deploy/webhook from the kind registry
	$(MVN) -q test -Dtest=KindsChartTest -Dexposureguard.writeKinds=true -Dsurefire.failIfNoSpecifiedTests=false

clean: ## Remove build output
	$(MVN) -q clean
