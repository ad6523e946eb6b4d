#!/usr/bin/env bash
# The README's picture of the Swagger UI at the gateway: the orders API with POST /api/orders opened,
# taken with headless Chromium (Debian's chromium) from a running stack (./run-local.sh or compose).
#   benchmarks/picture-swagger-ui.sh [gateway-url]
set -euo pipefail
cd "$(dirname "$0")/.."

gateway=${1:-http://localhost:8080}
command -v chromium >/dev/null 2>&1 || { echo "The picture needs chromium (Debian/Ubuntu: apt-get install chromium)" >&2; exit 1; }
curl -fsS -o /dev/null "$gateway/v3/api-docs/order-service" || { echo "No API documents at $gateway: start the stack first" >&2; exit 1; }
mkdir -p docs/images
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1560 \
  --virtual-time-budget=15000 --screenshot=docs/images/swagger-ui.png \
  "$gateway/swagger-ui/index.html#/Orders/place" 2>/dev/null
echo "docs/images/swagger-ui.png"
