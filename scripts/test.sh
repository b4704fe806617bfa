#!/usr/bin/env bash
# The one test command (`npm test`): type check, build, unit and property tests with
# coverage (which also run every example against the built package, under Node and Deno),
# then package checks.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== type check"
npx tsc --noEmit -p tsconfig.json
echo "== build"
npx tsup --silent
echo "== unit, property, example and runtime tests (with coverage)"
npx vitest run --coverage --reporter=default --reporter=json --outputFile.json=.vitest-report.json
echo "== package checks"
npx publint --strict
npx attw --pack . --profile node16
echo "== all checks passed"
