-- wrk scenario for tests/stack/test_load.py: one role, its pages in turn, bounded in requests.
-- Environment: LOAD_PATHS (comma-separated), LOAD_MAX_REQUESTS (per thread).
local paths = {}
for path in string.gmatch(os.getenv("LOAD_PATHS") or "/", "[^,]+") do
    paths[#paths + 1] = path
end
local max_requests = tonumber(os.getenv("LOAD_MAX_REQUESTS") or "1000")
local counter = 0
local responses = 0

request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter % #paths) + 1])
end

response = function(status, headers, body)
    responses = responses + 1
    if responses >= max_requests then
        wrk.thread:stop()
    end
end

done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "LOAD requests=%d seconds=%.2f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f " ..
        "connect=%d read=%d write=%d timeout=%d non_2xx_3xx=%d\n",
        summary.requests, summary.duration / 1e6,
        latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000,
        e.connect, e.read, e.write, e.timeout, e.status))
end
