-- Booking POSTs: each one a different free time from bench/out/book_data.lua
-- (made by bench/prepare.py), with the CSRF cookie and token fetched there.
-- Thread i of n sends times i, i+n, i+2n... and stops at the end of the list,
-- so a fast machine does not post times already booked: the summary's
-- "booked" counts the 302s alone, and a 409 means a real refusal. With
-- BOOK_CYCLE=1 (the "taken" run) the list comes round again instead.

dofile("bench/lua/report.lua")

local data = dofile(os.getenv("BOOK_DATA") or "bench/out/book_data.lua")
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Cookie"] = data.cookie,
}
local next_index
-- The "taken" run posts times nobody is free at: they can be sent again and again.
local cycle = os.getenv("BOOK_CYCLE") == "1"

function request()
  if next_index == nil then
    next_index = id + 1
  end
  if cycle then
    next_index = (next_index - 1) % #data.bodies + 1
  elseif next_index > #data.bodies then
    -- The list is used up: wrk wants a request, so ask for the home page and stop
    -- this thread at its answer. It is counted apart ("ran_out"), not as a booking.
    ran_out = true
    return wrk.format("GET", "/")
  end
  local body = data.bodies[next_index]
  next_index = next_index + nthreads
  return wrk.format("POST", data.path, headers, body)
end

local base_response = response
function response(status, headers, body)
  if ran_out and status == 200 then  -- the home page: a POST answers 302 or 409
    wrk.thread:stop()
    status = "ran_out"
  end
  base_response(status, headers, body)
end

local base_init = init
function init(args)
  base_init(args)
  -- wrk does not tell a thread how many there are; bench/wrk.sh passes -t as WRK_THREADS.
  nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
end
