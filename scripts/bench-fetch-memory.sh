#!/usr/bin/env bash
# Peak memory of `fetch` exporting 20,000 events in each format (jsonl, json, csv), from GNU
# time -v's "Maximum resident set size", against the repo's test server (examples/bench_bulk.rs
# serve). Every format streams, so the peak does not grow with the number of events; the target
# is at most 30 MB. COUNTS="20000 100000" measures more sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS="${COUNTS:-20000}"
if [ ! -x /usr/bin/time ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq time
fi
cargo build --release --quiet --bin kommo-events --example bench_bulk
work="$(mktemp -d)"
server_pid=""
trap '[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
printf '%-8s %-6s %12s %10s\n' events format "peak MB" lines
for count in $COUNTS; do
  target/release/examples/bench_bulk serve "$count" >"$work/url" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.05; done
  url="$(head -n 1 "$work/url")"
  for format in jsonl json csv; do
    KOMMO_TOKEN=bench KOMMO_EVENTS_STATE_DIR="$work/state" KOMMO_EVENTS_CACHE_DIR="$work/cache" \
      /usr/bin/time -v -o "$work/time" target/release/kommo-events --no-config fetch --max-pages 0 \
      --limit 100 --format "$format" --progress never --base-url "$url" >"$work/out" 2>/dev/null
    peak=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/time")
    printf '%-8s %-6s %12s %10s\n' "$count" "$format" "$peak" "$(wc -l <"$work/out")"
  done
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  rm -f "$work/url"
done
