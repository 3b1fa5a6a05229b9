#!/bin/bash
# Runs every test on this machine, after the same install step as up.sh:
# type check, unit tests, integration tests against real rootless sandboxes,
# and end-to-end journeys in Debian's Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/install.sh || die "install failed"
export PATH="$WHARF_NODE_DIR/bin:$PATH"
export WHARF_TEST_REPORT_DIR=${WHARF_TEST_REPORT_DIR:-$(pwd)/.wharf-tmp/reports}
rm -rf "$WHARF_TEST_REPORT_DIR" && mkdir -p "$WHARF_TEST_REPORT_DIR"

failed=()
run() {
  local name=$1; shift
  step "$name"
  if "$@"; then echo "ok: $name"; else failed+=("$name"); echo "FAILED: $name"; fi
}
run "type check" npx tsc -p tsconfig.json
run "unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$WHARF_TEST_REPORT_DIR/unit.json"
run "integration tests (real rootless sandboxes)" npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$WHARF_TEST_REPORT_DIR/integration.json"
run "end-to-end tests (Chromium)" npx playwright test -c e2e/playwright.config.ts

step "summary"
node scripts/test-summary.ts "$WHARF_TEST_REPORT_DIR"
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
echo "all test suites passed"
