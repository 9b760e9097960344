#!/usr/bin/env bash
# kommo-events search against fzf --filter and skim (sk --filter) on the same 1,000,000 event
# types, in one run: wall time and peak memory.
#
#   scripts/bench-vs-fzf.sh            # 1,000,000 types, 5 runs per command
#   COUNT=100000 RUNS=10 scripts/bench-vs-fzf.sh
#
# The types are synthetic and deterministic (examples/synthetic_catalog.rs): kommo-events reads
# them as a saved GET /api/v4/events/types answer (--catalog, JSON, on top of the 70 built-in
# types), fzf as the same types in lines of "code label". Each command is timed as a whole
# process, output to /dev/null, with hyperfine when it is installed, else a bash loop over
# `date +%s%N`; the median of RUNS runs is printed, with the ratios kommo-events / fzf and
# kommo-events / skim (below 1.0: kommo-events is faster). Peak memory is GNU time's maximum
# resident set, in MiB, of one more run of each.
#
# The two do not match exactly alike: fzf matches a term anywhere in the line, so one word may
# take letters from the code and the label together; kommo-events matches each term inside one
# field (code, Spanish or English label). The match counts are printed too.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT="${COUNT:-1000000}"
RUNS="${RUNS:-5}"
QUERIES=("telefono" "lead" "^lead_ !deleted" "campo movil | correo")

if ! command -v fzf >/dev/null 2>&1; then
  echo "bench-vs-fzf: installing Debian's fzf"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq fzf
fi

if [ ! -x /usr/bin/time ]; then
  echo "bench-vs-fzf: installing GNU time (peak memory)"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq time
fi
if ! command -v sk >/dev/null 2>&1; then
  echo "bench-vs-fzf: installing skim (cargo install skim)"
  cargo install --locked --quiet skim
  export PATH="$HOME/.cargo/bin:$PATH"
fi

cargo build --release --quiet --bin kommo-events --example synthetic_catalog
bin=target/release/kommo-events
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/examples/synthetic_catalog "$COUNT" kommo > "$work/types.json"
target/release/examples/synthetic_catalog "$COUNT" lines > "$work/types.txt"

# median_ms COMMAND: the median wall time of RUNS runs of a shell command line, in ms.
median_ms() {
  local command="$1"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style none --warmup 1 --runs "$RUNS" --export-csv "$work/hf.csv" -i "$command" >/dev/null 2>&1
    # columns: command,mean,stddev,median,user,system,min,max (seconds)
    tail -n 1 "$work/hf.csv" | awk -F, '{ printf "%.0f", $(NF-4) * 1000 }'
    return
  fi
  local times=()
  bash -c "$command" >/dev/null 2>&1 || true
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    bash -c "$command" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# peak_mib COMMAND: the peak resident memory of one run of a shell command line, in MiB.
peak_mib() {
  /usr/bin/time -f "%M" -o "$work/peak" bash -c "$1" >/dev/null 2>&1 || true
  awk '{ printf "%.0f", $1 / 1024 }' "$work/peak"
}

echo "kommo-events $("$bin" --version | cut -d' ' -f2) vs fzf $(fzf --version | head -n1 | cut -d' ' -f1) and $(sk --version | head -n1), $COUNT types, median of $RUNS runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %10s %10s %10s %7s %7s %9s %9s %22s\n' "query" "ke" "fzf" "skim" "ke/fzf" "ke/sk" "ke MiB" "sk MiB" "matches (ke/fzf/sk)"
for query in "${QUERIES[@]}"; do
  quoted=$(printf '%q' "$query")
  ke_command="$bin search $quoted --catalog $work/types.json > /dev/null"
  fzf_command="fzf --filter $quoted < $work/types.txt > /dev/null"
  sk_command="sk --filter $quoted < $work/types.txt > /dev/null"
  ke_ms=$(median_ms "$ke_command")
  fzf_ms=$(median_ms "$fzf_command")
  sk_ms=$(median_ms "$sk_command")
  ke_mib=$(peak_mib "$ke_command")
  sk_mib=$(peak_mib "$sk_command")
  ke_count=$("$bin" search "$query" --catalog "$work/types.json" | wc -l || true)
  fzf_count=$(fzf --filter "$query" < "$work/types.txt" | wc -l || true)
  sk_count=$(sk --filter "$query" < "$work/types.txt" | wc -l || true)
  to_fzf=$(awk -v a="$ke_ms" -v b="$fzf_ms" 'BEGIN { printf "%.2f", a / b }')
  to_sk=$(awk -v a="$ke_ms" -v b="$sk_ms" 'BEGIN { printf "%.2f", a / b }')
  printf '%-24s %7s ms %7s ms %7s ms %7s %7s %9s %9s %22s\n' "$query" "$ke_ms" "$fzf_ms" "$sk_ms" "$to_fzf" "$to_sk" "$ke_mib" "$sk_mib" "$ke_count/$fzf_count/$sk_count"
done
