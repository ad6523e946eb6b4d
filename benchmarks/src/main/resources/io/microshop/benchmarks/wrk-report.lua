-- Used by Wrk.java for every wrk run. The request's method, body and Authorization header come
-- from the environment (WRK_METHOD, WRK_BODY, WRK_AUTHORIZATION); at the end, the result is printed as one line of JSON
-- after the marker "wrk-result ", with the percentiles wrk's own summary does not show.

local method = os.getenv("WRK_METHOD")
local body = os.getenv("WRK_BODY")
local authorization = os.getenv("WRK_AUTHORIZATION")
if method then
  wrk.method = method
end
if body then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if authorization then
  wrk.headers["Authorization"] = authorization
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'wrk-result {"requests":%d,"durationMicros":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyMicros":{"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
