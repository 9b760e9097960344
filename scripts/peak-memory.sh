#!/usr/bin/env bash
# Peak memory (maximum resident set size, from GNU time -v) of the screen and of `search`, for
# the built-in catalog (70 types) and synthetic --catalog answers of 10,000, 100,000 and
# 1,000,000 types in all.
#
#   scripts/peak-memory.sh                 # every size
#   SIZES="70 100000" scripts/peak-memory.sh
#
# The screen is measured two ways:
# - "screen (tmux)": the real screen in a real terminal: started under /usr/bin/time in a tmux
#   window of 200x50, left until its first frame shows, then quit with Esc;
# - "first frame": the hidden one-frame mode (KOMMO_EVENTS_FIRST_FRAME=200x50), which loads
#   and draws exactly as the screen does, without a terminal.
# Installs Debian's time and tmux with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-70 10000 100000 1000000}"

missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "peak-memory: installing ${missing[*]}"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

cargo build --release --quiet --bin kommo-events --example synthetic_catalog
bin="$PWD/target/release/kommo-events"
work="$(mktemp -d)"
socket="kommo-peak-memory-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

# max_rss_mb FILE: the "Maximum resident set size" of a GNU time -v report, in MB.
max_rss_mb() {
  awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"
}

# screen_in_tmux CATALOG_ARGS: peak RSS of the real screen, first frame shown then Esc.
screen_in_tmux() {
  local args="$1" report="$work/screen.time"
  rm -f "$report"
  tmux -L "$socket" -f /dev/null new-session -d -s peak -x 200 -y 50 \
    "env LANG=C.UTF-8 TERM=xterm-256color KOMMO_EVENTS_CLIPBOARD=off /usr/bin/time -v -o $report $bin --lang en $args; sleep 600"
  for _ in $(seq 1200); do
    if tmux -L "$socket" capture-pane -p -t peak 2>/dev/null | grep -q "Event types"; then break; fi
    sleep 0.05
  done
  tmux -L "$socket" send-keys -t peak Escape
  for _ in $(seq 600); do
    if [ -s "$report" ] && grep -q "Exit status" "$report"; then break; fi
    sleep 0.05
  done
  tmux -L "$socket" kill-server 2>/dev/null || true
  max_rss_mb "$report"
}

printf '%10s %16s %14s %20s\n' "types" "screen (tmux)" "first frame" "search telefono"
for total in $SIZES; do
  args=""
  if [ "$total" -gt 70 ]; then
    target/release/examples/synthetic_catalog $((total - 70)) kommo > "$work/types.json"
    args="--catalog $work/types.json"
  fi
  screen=$(screen_in_tmux "$args")
  # shellcheck disable=SC2086
  KOMMO_EVENTS_FIRST_FRAME=200x50 /usr/bin/time -v -o "$work/frame.time" "$bin" $args
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$work/search.time" "$bin" search telefono $args > /dev/null || true
  printf '%10s %13s MB %11s MB %17s MB\n' "$total" "$screen" "$(max_rss_mb "$work/frame.time")" \
    "$(max_rss_mb "$work/search.time")"
done
