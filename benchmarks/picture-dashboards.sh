#!/usr/bin/env bash
# The README's pictures of the dashboards under load: runs the benchmark suite's order load
# (benchmarks/run.sh --only orders, on a stack of its own with Debian's Prometheus) and, once orders
# have flowed for three minutes, takes the saga's and the overview's dashboards as Prometheus's console
# pages draw them (./run-local.sh's, DashboardConsoles) with headless Chromium, into docs/images/.
# Needs what the suite needs, Debian's prometheus and chromium (installed with apt-get when missing
# and run as root), and the stack's ports free.
#   benchmarks/picture-dashboards.sh
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Pictures need ${missing[*]}: install them (Debian/Ubuntu: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

prometheus=http://localhost:9090
out=target/picture-dashboards
mkdir -p "$out" docs/images
benchmarks/run.sh --only orders --levels 16 --repeat 1 --duration 240 --output "$out/report" >"$out/suite.log" 2>&1 &
suite=$!
trap 'kill "$suite" 2>/dev/null || true' EXIT

# orders placed at more than 20 a second at each of the last 3 minutes' 36 points (the funnel's rate
# over 15 s, every 5 s; a point missing, before this stack ran, does not count)
flowing() {
  curl -fsS "$prometheus/api/v1/query" \
    --data-urlencode 'query=count_over_time((sum(rate(microshop_orders_placed_total[15s])) > 20)[3m:5s]) >= 36' \
    2>/dev/null | jq -e '.data.result | length == 1' >/dev/null
}
echo "Waiting for the order load to run three minutes (the suite's log: $out/suite.log) ..."
until flowing; do
  kill -0 "$suite" 2>/dev/null || { tail -n 20 "$out/suite.log" >&2; echo "the suite ended first" >&2; exit 1; }
  sleep 2
done

for dashboard in saga overview; do
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1300 \
    --virtual-time-budget=20000 --screenshot="docs/images/dashboard-$dashboard.png" \
    "$prometheus/consoles/microshop-$dashboard.html?range=10m" >"$out/chromium-$dashboard.log" 2>&1
  echo "docs/images/dashboard-$dashboard.png"
done
echo "Waiting for the suite to end ..."
wait "$suite" || true
trap - EXIT
