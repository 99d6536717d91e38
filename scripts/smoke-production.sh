#!/usr/bin/env bash
# The README's production install, on a fresh clone of the current commit: build, drop the
# dev dependencies, start with NODE_ENV=production and no compiler, then /readyz, one Save
# and one Get on the JSON API, and a clean exit 0 on SIGTERM. Bounded in time; whatever it
# started is killed on the way out.
# The database is MONGODB_URI when set, else the embedded default (offline: the local
# MongoDB-wire engine, built with Maven on first use), with its data in the temp dir.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$root" rev-parse HEAD)
start_timeout_s=300 # the first start may build the local engine with Maven
stop_timeout_s=30

work=$(mktemp -d)
service_pid=
cleanup() {
  # The service runs in its own process group (setsid): npm, node and the engine it spawned.
  if [[ -n $service_pid ]]; then kill -KILL -- "-$service_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "smoke-production: $*"; }
fail() {
  say "FAIL: $*" >&2
  if [[ -f $work/service.log ]]; then tail -n 40 "$work/service.log" >&2; fi
  exit 1
}

say "fresh clone of $commit"
git clone --quiet "$root" "$work/app"
cd "$work/app"
git -c advice.detachedHead=false checkout --quiet --detach "$commit"

say "production install: npm ci && npm run build && npm prune --omit=dev"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
npm prune --omit=dev --no-audit --no-fund --loglevel=error
for dev in typescript vitest tsx @bufbuild/buf; do
  [[ ! -e node_modules/$dev ]] || fail "dev dependency $dev is still installed"
done
[[ -e node_modules/@grpc/grpc-js ]] || fail "@grpc/grpc-js (a production dependency) is missing"

say "NODE_ENV=production npm start"
NODE_ENV=production PORT=0 HOST=127.0.0.1 DATA_DIR="$work/data" MONGODB_DB="smoke_production_$$" \
  setsid npm start >"$work/service.log" 2>&1 &
service_pid=$!

# PORT=0: the port is the one the service logs, so no other process can race for it.
base=
for ((i = 0; i < start_timeout_s; i++)); do
  kill -0 "$service_pid" 2>/dev/null || fail "the service exited before listening"
  address=$(grep -o '"address":"[^"]*"' "$work/service.log" | head -n 1 | cut -d '"' -f 4 || true)
  if [[ -n $address ]]; then base="http://$address" && break; fi
  sleep 1
done
[[ -n $base ]] || fail "the service did not listen within ${start_timeout_s} s"
say "listening on $base, $(grep -o '"database":"[^"]*"' "$work/service.log" | head -n 1 || true)"

for ((i = 0; i < 60; i++)); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$base/readyz" || true)
  [[ $status == 200 ]] && break
  sleep 1
done
[[ $status == 200 ]] || fail "GET /readyz answered $status, not 200, within 60 s"
say "GET /readyz 200"

# A real signature (the default refuses anything else): a Kalkan-signed XML sample of the test fixtures.
payload=test/fixtures/nca/kalkan-rsa-signed.xml
node -e '
  const fs = require("node:fs");
  const body = { document: "smoke_doc", thread: "smoke_thread", cms: fs.readFileSync(process.argv[1], "utf8"), tags: ["smoke"] };
  fs.writeFileSync(process.argv[2], JSON.stringify(body));' "$payload" "$work/save-body.json"
status=$(curl -s -o "$work/save.json" -w '%{http_code}' -m 10 -X POST "$base/signature" \
  -H 'content-type: application/json' --data-binary @"$work/save-body.json")
[[ $status == 201 ]] || fail "POST /signature answered $status: $(cat "$work/save.json")"
say "POST /signature 201"

status=$(curl -s -o "$work/get.json" -w '%{http_code}' -m 10 "$base/signature?document=smoke_doc&thread=smoke_thread")
[[ $status == 200 ]] || fail "GET /signature answered $status: $(cat "$work/get.json")"
node -e '
  const fs = require("node:fs");
  const got = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).content.signature;
  const want = { document: "smoke_doc", thread: "smoke_thread", version: 1, signature: fs.readFileSync(process.argv[2], "utf8"), tags: ["smoke"] };
  for (const [key, value] of Object.entries(want)) {
    if (JSON.stringify(got[key]) !== JSON.stringify(value)) {
      console.error(`${key}: got ${JSON.stringify(got[key])}, want ${JSON.stringify(value)}`);
      process.exit(1);
    }
  }
  const signer = got.payload?.signers?.[0];
  if (signer?.subject?.iin !== "123456789011" || signer?.verification?.status !== "valid") {
    console.error(`signer: got ${JSON.stringify(signer)}`);
    process.exit(1);
  }' "$work/get.json" "$payload" || fail "GET /signature returned another record: $(cat "$work/get.json")"
say "GET /signature 200, the saved payload and its signer"

# An orchestrator signals the main process only, not its group.
kill -TERM "$service_pid"
for ((i = 0; i < stop_timeout_s; i++)); do
  kill -0 "$service_pid" 2>/dev/null || break
  sleep 1
done
kill -0 "$service_pid" 2>/dev/null && fail "the service did not stop within ${stop_timeout_s} s of SIGTERM"
code=0
wait "$service_pid" || code=$?
[[ $code == 0 ]] || fail "the service exited with code $code after SIGTERM"
grep -q '"msg":"stopped"' "$work/service.log" || fail "the service did not log that it stopped"
say "SIGTERM: stopped, exit 0"
say "passed"
