-- Booking POSTs: each one a different free time from bench/out/book_data.lua
-- (made by bench/prepare.py), with the CSRF cookie and token fetched there.
-- Thread i of n sends times i, i+n, i+2n... Once the list is used up the
-- times come round again and are refused (409, "taken"): see the statuses.

dofile("bench/lua/report.lua")

local data = dofile(os.getenv("BOOK_DATA") or "bench/out/book_data.lua")
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Cookie"] = data.cookie,
}
local next_index

function request()
  if next_index == nil then
    next_index = id + 1
  end
  local body = data.bodies[(next_index - 1) % #data.bodies + 1]
  next_index = next_index + nthreads
  return wrk.format("POST", data.path, headers, body)
end

local base_init = init
function init(args)
  base_init(args)
  -- wrk does not tell a thread how many there are; bench/wrk.sh passes -t as WRK_THREADS.
  nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
end
