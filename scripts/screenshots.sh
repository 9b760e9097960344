#!/usr/bin/env bash
# Regenerates screenshots/*.png (and the .svg they come from) from the real program's real screen.
#
#   scripts/screenshots.sh              all scenes: search words composer help spanish values load
#                                       recent names picker results filter event tail compact
#                                       compact_details compact_results
#   scripts/screenshots.sh help search  only these
#
# How: for each scene, the release binary runs in a private tmux server (`tmux -L kommo-shots-PID
# -f /dev/null`, so no user config) in a window of exactly 120x36 (80x24 for the compact_*
# scenes), with LANG=C.UTF-8,
# TERM=xterm-256color, NO_COLOR unset, KOMMO_EVENTS_CLIPBOARD=off and TZ=UTC (the composer shows
# timestamps). Keys go in with `send-keys`; the screen comes out with its colours through
# `capture-pane -e -p -N` (-N keeps trailing cells, e.g. the end of a reversed row);
# examples/ansi_to_svg.rs (vt100) turns that into screenshots/NAME.svg, drawn in DejaVu Sans
# Mono on a dark background, and rsvg-convert (librsvg) into screenshots/NAME.png.
#
# The scenes that talk to an account (names, results, event) use examples/demo_account.rs: a demo
# Kommo account on 127.0.0.1 (the tests' HTTP server) with fixed events and names, started once and
# stopped at the end; the program gets its address as --base-url and the token "demo".
#
# Every wait polls the screen until the expected text shows, then until the screen stops changing,
# with a timeout that fails loudly and prints the screen; there are no fixed sleeps, so a loaded
# 2-core machine only makes it slower. Running it again overwrites the same files.
#
# Needs: cargo; tmux, rsvg-convert and the DejaVu Sans Mono font. When one is missing and the script
# runs as root (or with sudo), it installs the Debian packages tmux, librsvg2-bin, fonts-dejavu-core.
#
# Environment:
#   SHOTS_TIMEOUT  seconds each wait may take (default 10)
#   SHOTS_ZOOM     scale of the PNG relative to the SVG (default 1.5: 1566x912)
set -euo pipefail
cd "$(dirname "$0")/.."

TIMEOUT=${SHOTS_TIMEOUT:-10}
ZOOM=${SHOTS_ZOOM:-1.5}
COLS=120
ROWS=36
OUT=screenshots
ALL_SCENES=(search words composer help spanish values load recent names picker results filter event tail
  compact compact_details compact_results portuguese)

# The tmux client must speak UTF-8 too, or capture-pane replaces non-ASCII characters with '_'.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

log() { printf 'screenshots: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# --- tools -------------------------------------------------------------------------------------

has_font() {
  if command -v fc-list >/dev/null 2>&1; then
    fc-list 'DejaVu Sans Mono' | grep -q .
  else
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ]
  fi
}

install_missing() {
  local missing=()
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
  has_font || missing+=(fonts-dejavu-core)
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]})"
    sudo=(sudo)
  fi
  log "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

scenes=("$@")
[ "${#scenes[@]}" -gt 0 ] || scenes=("${ALL_SCENES[@]}")
for scene in "${scenes[@]}"; do
  [[ " ${ALL_SCENES[*]} " == *" $scene "* ]] || die "unknown scene '$scene' (scenes: ${ALL_SCENES[*]})"
done

install_missing
command -v cargo >/dev/null 2>&1 || die "cargo not found"

log "building the program and the converter (release)"
cargo build --release --quiet --bin kommo-events --example ansi_to_svg --example demo_account
BIN="$PWD/target/release/kommo-events"
CONVERTER="$PWD/target/release/examples/ansi_to_svg"
[ -x "$BIN" ] || die "$BIN was not built"
[ -x "$CONVERTER" ] || die "$CONVERTER was not built"
DEMO="$PWD/target/release/examples/demo_account"

mkdir -p "$OUT"
WORK=$(mktemp -d)
SOCKET="kommo-shots-$$"
SCENE=""

tm() { tmux -L "$SOCKET" -f /dev/null "$@"; }
# kill-server leaves the socket file behind; it is removed too.
stop_server() {
  local socket_path
  socket_path=$(tm display-message -p '#{socket_path}' 2>/dev/null) || return 0
  tm kill-server >/dev/null 2>&1 || true
  rm -f "$socket_path"
}
DEMO_PID=""
DEMO_URL=""
cleanup() {
  stop_server
  [ -z "$DEMO_PID" ] || kill "$DEMO_PID" 2>/dev/null || true
  rm -rf "$WORK" 2>/dev/null || true
}

# demo_account: starts the demo account once; DEMO_URL is its address.
demo_account() {
  [ -z "$DEMO_URL" ] || return 0
  "$DEMO" >"$WORK/demo-url" &
  DEMO_PID=$!
  local deadline=$(($(now_ms) + TIMEOUT * 1000))
  until [ -s "$WORK/demo-url" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || die "the demo account did not start"
    sleep 0.1
  done
  DEMO_URL=$(head -n 1 "$WORK/demo-url")
}
trap cleanup EXIT

# --- driving the screen ------------------------------------------------------------------------

now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }

screen() { tm capture-pane -p -t shots 2>/dev/null || true; }

# fail WHAT: stops with the screen as it was.
fail() {
  log "[$SCENE] $1; the screen was:"
  screen >&2
  exit 1
}

# wait_for TEXT: until the screen shows TEXT.
wait_for() {
  local deadline=$(($(now_ms) + TIMEOUT * 1000))
  until [[ "$(screen)" == *"$1"* ]]; do
    [ "$(now_ms)" -lt "$deadline" ] || fail "timed out after ${TIMEOUT}s waiting for \"$1\""
    sleep 0.1
  done
}

has_line() {
  local line
  while IFS= read -r line; do
    [[ "$line" =~ $1 ]] && return 0
  done <<<"$(screen)"
  return 1
}

# wait_line REGEX: until one line of the screen matches the extended regular expression, e.g.
# '▶.*lead_status_changed' (the cursor is on that type) or '▶Entity +lead +│' (the field holds "lead",
# not its placeholder "lead, contact, …").
wait_line() {
  local deadline=$(($(now_ms) + TIMEOUT * 1000))
  until has_line "$1"; do
    [ "$(now_ms)" -lt "$deadline" ] || fail "timed out after ${TIMEOUT}s waiting for a line matching /$1/"
    sleep 0.1
  done
}

# wait_stable: until two captures (with colours) 0.2 s apart are the same, so a frame that is still
# being drawn is never taken.
wait_stable() {
  local deadline=$(($(now_ms) + TIMEOUT * 1000)) before after
  before=$(tm capture-pane -e -p -N -t shots)
  while :; do
    sleep 0.2
    after=$(tm capture-pane -e -p -N -t shots)
    [ "$before" == "$after" ] && return 0
    [ "$(now_ms)" -lt "$deadline" ] || fail "the screen kept changing for ${TIMEOUT}s"
    before=$after
  done
}

# wait_change BEFORE: until the screen differs from BEFORE (a key has been handled).
wait_change() {
  local deadline=$(($(now_ms) + TIMEOUT * 1000))
  while [ "$(screen)" == "$1" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || fail "timed out after ${TIMEOUT}s waiting for the screen to change"
    sleep 0.1
  done
}

# focus_field REGEX: presses Down in the composer until the field cursor (▶) is on a line matching
# ▶REGEX. The composer adds fields for the selected types (e.g. stages for lead_status_changed), so
# their number is not fixed.
focus_field() {
  local presses before
  for ((presses = 0; presses < 30; presses++)); do
    has_line "▶$1" && return 0
    before=$(screen)
    keys Down
    wait_change "$before"
  done
  fail "no composer field matching /▶$1/ after $presses presses of Down"
}

# wait_for_exit: until the program in the pane has exited (the pane is kept: remain-on-exit).
wait_for_exit() {
  local start
  start=$(now_ms)
  until [ "$(tm display-message -p -t shots '#{pane_dead}')" = 1 ]; do
    (($(now_ms) - start < TIMEOUT * 1000)) || fail "the program did not exit"
    sleep 0.1
  done
}

keys() { tm send-keys -t shots "$@"; }
type_text() { tm send-keys -t shots -l "$1"; }

# start LANG [ARGS…]: a fresh server running the program (in LANG, with ARGS) in a pane of exactly
# COLSxROWS.
start() {
  stop_server
  tm new-session -d -s shots -x "$COLS" -y "$ROWS" sh \; \
    set-option -g status off \; \
    set-option -g remain-on-exit on \; \
    set-option -g default-terminal tmux-256color
  local size
  size=$(tm display-message -p -t shots '#{pane_width}x#{pane_height}')
  if [ "$size" != "${COLS}x${ROWS}" ]; then
    tm resize-window -t shots -x "$COLS" -y "$ROWS"
    size=$(tm display-message -p -t shots '#{pane_width}x#{pane_height}')
    [ "$size" == "${COLS}x${ROWS}" ] || die "[$SCENE] the pane is $size, not ${COLS}x${ROWS}"
  fi
  local command
  command=$(printf 'exec env -u NO_COLOR -u LC_ALL LANG=C.UTF-8 TERM=xterm-256color TZ=UTC KOMMO_EVENTS_CLIPBOARD=off KOMMO_TOKEN=demo KOMMO_EVENTS_STATE_DIR=%q KOMMO_EVENTS_CACHE_DIR=%q %q --lang %q --no-config' "$WORK/state" "$WORK/cache" "$BIN" "$1")
  shift
  [ "$#" -eq 0 ] || command+=$(printf ' %q' "$@")
  tm respawn-pane -k -t shots "$command"
}

# shoot NAME: screenshots/NAME.svg and NAME.png from the screen as it is, then stops the server.
shoot() {
  wait_stable
  tm capture-pane -e -p -N -t shots >"$WORK/$1.ansi"
  stop_server
  # Colours are SGR 30-37, 90-97 or 38;5;N / 38;2;R;G;B; without any, NO_COLOR or TERM went wrong.
  grep -qE $'\e\\[(3[0-7]|9[0-7]|38;)' "$WORK/$1.ansi" || die "[$SCENE] the capture has no colours"
  "$CONVERTER" --cols "$COLS" --rows "$ROWS" "$WORK/$1.ansi" >"$WORK/$1.svg"
  rsvg-convert --zoom "$ZOOM" --format png --output "$WORK/$1.png" "$WORK/$1.svg"
  mv -f "$WORK/$1.svg" "$OUT/$1.svg"
  mv -f "$WORK/$1.png" "$OUT/$1.png"
  log "wrote $OUT/$1.png"
}

# --- scenes ------------------------------------------------------------------------------------

# The search narrows the list; matched characters are highlighted.
scene_search() {
  start en
  wait_for "Event types"
  type_text "compania"
  wait_for "> compania"
  wait_line '▶.*company_'
  shoot search
}

# People's words: "whatsapp" is in no label, yet finds the chat messages through their
# vocabulary, and each row says which word matched.
scene_words() {
  start es
  wait_for "Tipos de evento"
  type_text "whatsapp"
  wait_for "> whatsapp"
  wait_line '▶.*incoming_chat_message.*whatsapp'
  shoot words
}

# Two types selected and the composer filled in, with one broken rule (11 entity ids, at most 10).
scene_composer() {
  start en
  wait_for "Event types"
  type_text "lead status"
  wait_line '▶.*lead_status_changed'
  keys Tab
  wait_for "✔ 1"
  keys C-u
  type_text "incoming call"
  wait_line '▶.*incoming_call'
  keys Tab
  wait_for "✔ 2"
  keys C-o
  wait_for "▶Types"
  focus_field 'Entity  '
  type_text "lead"
  wait_line '▶Entity +lead +│'
  focus_field 'Entity ids'
  type_text "1,2,3,4,5,6,7,8,9,10,11"
  wait_for "1,2,3,4,5,6,7,8,9,10,11"
  focus_field 'Created by'
  focus_field 'From '
  type_text "2026-01-01"
  wait_line '▶From +2026-01-01'
  focus_field 'To '
  type_text "2026-01-31"
  wait_line '▶To +2026-01-31'
  focus_field 'Limit '
  type_text "100"
  wait_line '▶Limit +100 '
  wait_for "✗"
  shoot composer
}

# The help screen lists every key.
scene_help() {
  start en
  wait_for "Event types"
  keys F1
  wait_for "Filter composer"
  shoot help
}

# The same screen in Spanish; the search folds accents (fusion finds fusión).
scene_spanish() {
  start es
  wait_for "Tipos de evento"
  type_text "fusion"
  wait_for "> fusion"
  wait_line '▶.*_'
  shoot spanish
}

# Value filters: a stage change from one stage to won or lost, previewed as a curl command.
scene_values() {
  start en
  wait_for "Event types"
  type_text "^lead_status_changed$"
  wait_line '▶.*lead_status_changed'
  keys Tab
  wait_for "✔ 1"
  keys C-u
  keys C-o
  wait_for "▶Types"
  focus_field 'Stage before'
  type_text "7012345:41512866"
  focus_field 'Stage after'
  type_text "7012345:142, 7012345:143"
  wait_for "[status_id]=143"
  keys C-t
  wait_for "[encoded]"
  keys C-t
  wait_for "[url]"
  keys C-t
  wait_for "[curl]"
  shoot values
}

# Ctrl-V: a URL pasted into the load prompt (a real bracketed paste through tmux).
scene_load() {
  start en
  wait_for "Event types"
  keys C-v
  wait_for "Load a query"
  tm set-buffer 'https://acme.kommo.com/api/v4/events?filter%5Btype%5D=incoming_call%2Coutgoing_call&filter%5Bentity%5D=contact&filter%5Bcreated_at%5D%5Bfrom%5D=1767225600&limit=25'
  tm paste-buffer -p -t shots
  wait_for "limit=25"
  shoot load
}

# Ctrl-R after a query was printed: the last session and the recent queries.
scene_recent() {
  start en
  wait_for "Event types"
  type_text "^ai_result$"
  wait_line '▶.*ai_result'
  keys Tab
  wait_for "✔ 1"
  keys Enter
  wait_for_exit
  start en
  wait_for "Event types"
  keys C-r
  wait_for "Last session"
  shoot recent
}

# F7 fetches the account's names; its custom fields become types found by name.
scene_names() {
  demo_account
  rm -rf "$WORK/cache"
  start en --base-url "$DEMO_URL"
  wait_for "Event types"
  keys F7
  wait_for "Account names:"
  type_text "source"
  wait_line '▶.*custom_field_880101'
  shoot names
}

# run_demo_query: the demo account's events, all types, with the leads' names, in the results pane.
run_demo_query() {
  demo_account
  start en --base-url "$DEMO_URL" --account-dir "$WORK/names"
  wait_for "Event types"
  keys C-o
  wait_for "▶Types"
  focus_field 'With '
  type_text "lead_name"
  wait_line '▶With +lead_name'
  keys C-x
  wait_for "50 events, 1 page"
}

# The demo query's events in Portuguese: the same account, the interface in Portuguese.
scene_portuguese() {
  prepare_names
  demo_account
  start pt --base-url "$DEMO_URL" --account-dir "$WORK/names"
  wait_for "Tipos de evento"
  keys C-o
  wait_for "▶Tipos"
  focus_field 'Com '
  type_text "lead_name"
  wait_line '▶Com +lead_name'
  keys C-x
  wait_for "50 eventos, 1 página"
  wait_line '▶.*Etapa: '
  shoot portuguese
}

# prepare_names: the demo account's names saved in $WORK/names, as `account refresh` saves them.
prepare_names() {
  [ -d "$WORK/names" ] && return 0
  demo_account
  KOMMO_TOKEN=demo KOMMO_EVENTS_CACHE_DIR="$WORK/names-cache" "$BIN" --no-config account refresh \
    --base-url "$DEMO_URL" >/dev/null
  mv "$WORK/names-cache/"* "$WORK/names"
}

# F3 on a stage field: the account's stages by name; the ids already picked show their names.
scene_picker() {
  prepare_names
  start en --account-dir "$WORK/names"
  wait_for "Event types"
  type_text "^lead_status_changed$"
  wait_line '▶.*lead_status_changed'
  keys Tab
  wait_for "✔ 1"
  keys C-o
  wait_for "▶Types"
  focus_field 'Created by'
  type_text "6410231, 0"
  wait_for "Ana García, robot"
  focus_field 'Stage after'
  keys F3
  wait_for "Sales › Won"
  type_text "sales won"
  wait_line '▶.*Sales › Won'
  keys Enter
  wait_for "→ Sales › Won"
  keys F3
  type_text "lost"
  wait_line '▶.*Lost'
  shoot picker
}

# Ctrl-X: the events in words, scrolled to the second page.
scene_results() {
  prepare_names
  run_demo_query
  keys End
  wait_for "100 events, 2 pages"
  keys Home
  wait_line '▶.*Stage: Incoming → Qualified \(Sales\)'
  shoot results
}

# Typing in the results pane filters the loaded events (fzf syntax): Ana's stage changes to Won.
scene_filter() {
  prepare_names
  run_demo_query
  keys End
  wait_for "100 events, 2 pages"
  type_text "stage 'won 'ana"
  wait_for "2 of 100"
  keys Home
  wait_line '▶.*Ana García.*Won \(Sales\)'
  shoot filter
}

# Enter on an event: its raw JSON.
scene_event() {
  prepare_names
  run_demo_query
  keys Down
  keys Enter
  wait_for "Event (JSON)"
  shoot event
}

# `tail` on a terminal: the live pane following the demo account since 08:00 UTC.
scene_tail() {
  prepare_names
  demo_account
  start en tail --base-url "$DEMO_URL" --account-dir "$WORK/names" --created-from "2026-11-24 08:00" \
    --interval 5
  wait_for "Following · 10 events"
  wait_for "last poll"
  shoot tail
}

# The screen at 80x24, the size most terminals open at: the list with the selected types and the
# live query under it.
scene_compact() {
  start en
  wait_for "Event types"
  for code in lead_status_changed entity_responsible_changed incoming_call; do
    type_text "^$code\$"
    wait_line "▶.*$code"
    keys Tab
    keys C-u
  done
  wait_for "✔ 3"
  type_text "lead"
  wait_line '▶.*lead_added'
  shoot compact
}

# F9 at 80x24, in Spanish: the highlighted type's details in full, with its value shape and docs.
scene_compact_details() {
  start es
  wait_for "Tipos de evento"
  type_text "^lead_status_changed\$"
  wait_line '▶.*lead_status_changed'
  keys F9
  wait_for "Docs"
  shoot compact_details
}

# The results at 80x24: ids whole, the change keeps where it went.
scene_compact_results() {
  prepare_names
  run_demo_query
  keys Home
  wait_line '▶.*→'
  shoot compact_results
}

for SCENE in "${scenes[@]}"; do
  log "scene $SCENE"
  if [[ "$SCENE" == compact* ]]; then
    COLS=80 ROWS=24
  else
    COLS=120 ROWS=36
  fi
  "scene_$SCENE"
done
