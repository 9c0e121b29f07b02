-- Counts the answers by status and prints one summary line a script can read:
--   RESULT requests=<n> rps=<r> answered_rps=<a> p50_ms=<x> p95_ms=<y> p99_ms=<z> statuses=200:123,302:4
-- answered_rps counts only 200s and 302s (pages shown, bookings made): a 409, a
-- 429 or the booking script's "ran_out" requests are not what was measured.
-- journey.lua counts its bookings alone there, and its statuses by kind.
-- wrk's own summary counts 3xx as success, so a logged-out admin (302 to
-- the login page) would look fine there; the status counts show it.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- What the run counts as answered, and more "name=value" fields for the
-- RESULT line: a script may replace either (journey.lua counts bookings).
function answered(total)
  return (total[200] or 0) + (total[302] or 0)
end

function extra(total)
  return ""
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, status .. ":" .. count)
  end
  table.sort(parts)
  io.write(string.format(
    "RESULT requests=%d rps=%.1f answered_rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f errors=%d%s statuses=%s\n",
    summary.requests,
    summary.requests / (summary.duration / 1e6),
    answered(total) / (summary.duration / 1e6),
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    extra(total),
    table.concat(parts, ",")
  ))
end
