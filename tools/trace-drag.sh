#!/usr/bin/env bash
# trace-drag.sh: drag a slider of the real window on a virtual display and report its frame times.
#
#   tools/trace-drag.sh BINARY SCENARIO OUT.csv X0 Y0 X1 [SECONDS]
#
# Starts BINARY on SCENARIO under Xvfb (1600x1000, the window's default size) with
# --trace-frames OUT.csv, waits for the first analysis, then presses the mouse at (X0, Y0) and
# drags to (X1, Y0) and back, 40 moves a second, for SECONDS (default 6) in all. Prints how many
# frames the drag took and the slowest. Needs Xvfb and xdotool (../shared/tools/gui-shot installs
# both). The app's own time per frame (app_ms) is what the app controls; previous_frame_ms also
# holds tessellation and OpenGL, which under Xvfb is Mesa's software renderer (slower than any GPU).
# TRACE_LOG=FILE keeps the app's output; CLICK="X Y" clicks there first; SHOT=FILE.png
# saves the screen at the drag's far end (to see that the drag moved the control).
#
# Measured in session 7 (1600x1000, the built-in scenario with Deveselu's fan and a Tabriz flight):
#   the year slider:       tools/trace-drag.sh BIN S.json year.csv 92 233 430
#   the fan's altitude:    CLICK="30 586" tools/trace-drag.sh BIN S.json alt.csv 143 678 443
#   (the click closes the Analysis section, which brings the altitude into view)
set -euo pipefail
bin=${1:?binary}; scenario=${2:?scenario}; out=${3:?out.csv}
x0=${4:?x0}; y0=${5:?y0}; x1=${6:?x1}; seconds=${7:-6}
disp=:$(( 200 + RANDOM % 100 ))
Xvfb "$disp" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$app" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$disp
# A fresh settings folder each run: the window remembers scroll positions and open sections.
XDG_DATA_HOME=$(mktemp -d); export XDG_DATA_HOME
"$bin" "$scenario" --trace-frames "$out" >"${TRACE_LOG:-/dev/null}" 2>&1 &
app=$!
sleep 15
# CLICK="X Y" clicks there first (to open or close a section so that a control comes into view).
if [ -n "${CLICK:-}" ]; then
  # shellcheck disable=SC2086
  xdotool mousemove $CLICK click 1
  sleep 2
fi
xdotool mousemove "$x0" "$y0"; sleep 0.5
start=$(awk -F, 'END { print $2 }' "$out")
xdotool mousedown 1
steps=$(( seconds * 20 ))
for i in $(seq 0 "$steps"); do
  x=$(( x0 + (x1 - x0) * i / steps )); xdotool mousemove "$x" "$y0"; sleep 0.025
done
if [ -n "${SHOT:-}" ]; then sleep 1; xwd -root -silent -display "$disp" | convert xwd:- "png:$SHOT"; fi
for i in $(seq "$steps" -1 0); do
  x=$(( x0 + (x1 - x0) * i / steps )); xdotool mousemove "$x" "$y0"; sleep 0.025
done
xdotool mouseup 1
# Frames are written every two seconds of app time: move once more after that.
sleep 3; xdotool mousemove 5 5; sleep 0.5; xdotool mousemove 6 6; sleep 1
awk -F, -v after="${start:-0}" 'NR > 1 && $2 > after + 0.4 {
    n++; if ($3 > app) app = $3; if ($4 > whole) whole = $4; if ($4 > 16) slow++
  } END { printf "%d frames; slowest app_ms %.1f; slowest previous_frame_ms %.1f; frames over 16 ms: %d\n", n, app, whole, slow }' "$out"
