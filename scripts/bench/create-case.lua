-- wrk script: POST /api/v1/cases with a unique Idempotency-Key per request; counts acknowledged (201) creates.
-- Environment: NORMA_TOKEN (an API token), NORMA_ITEM (a service item id).
local token = os.getenv("NORMA_TOKEN")
local item = os.getenv("NORMA_ITEM")
local threads = {}
counter = 0
created = 0
other = 0
tid = 0

function setup(thread)
  tid = tid + 1
  thread:set("tid", tid)
  table.insert(threads, thread)
end

local ids = nil

function init(args)
  local dir = os.getenv("NORMA_IDS_DIR")
  if dir then ids = io.open(string.format("%s/ids-%d.txt", dir, tid), "a") end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  counter = counter + 1
  local key = string.format("bench-%d-%d-%d", tid, counter, os.time())
  wrk.headers["Idempotency-Key"] = key
  local body = string.format(
    '{"itemId":"%s","channel":"Phone","title":"压测报修 %d-%d","description":"燃气灶点火困难","priority":"Normal","callerName":"压测用户","callerPhone":"139%08d","address":"幸福路 %d 号","area":"市区"}',
    item, tid, counter, counter % 100000000, counter % 500)
  return wrk.format(nil, "/api/v1/cases", nil, body)
end

sample = ""

function response(status, headers, body)
  if status == 201 then
    created = created + 1
    if ids then
      local id = string.match(body or "", '"id":"([0-9a-f%-]+)"')
      if id then ids:write(id, "\n"); ids:flush() end
    end
  else
    other = other + 1
    if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("created")
    bad = bad + t:get("other")
    local s = t:get("sample")
    if s ~= "" then io.write("SAMPLE " .. s .. "\n") end
  end
  io.write(string.format("ACKNOWLEDGED %d\nNOT_CREATED %d\nERRORS %d\n", ok, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
  io.write(string.format("P50_MS %.2f\nP99_MS %.2f\nRPS %.1f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
