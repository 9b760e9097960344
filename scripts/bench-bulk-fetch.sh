#!/usr/bin/env bash
# Bulk export at the rate ceiling: `fetch --max-pages 0` against a plain sequential client, in the
# same run, over the repo's own test server (tests/support/server.rs) standing in for a busy
# account: 40 pages of 100 events, half a second per answer, a new event every quarter second.
#
#   scripts/bench-bulk-fetch.sh
#
# Prints each client's wall time, events, duplicates and requests, the wall ratio (fetch over
# sequential; the target is at most 0.5) and fetch's share of the 7 requests/s ceiling (target at
# least 0.9). The sequential client follows _links.next one page after another, as hand-written
# export scripts do, and prints events twice when new ones push older ones to later pages; fetch
# pins its upper bound at its start, so it prints none twice. See examples/bench_bulk.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin kommo-events --example bench_bulk
target/release/examples/bench_bulk compare target/release/kommo-events
