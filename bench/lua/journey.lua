-- The whole booking as a patient makes it, three requests: the details form
-- for a free time, the booking POST, then the confirmation page the POST's
-- 302 points to, sent with the signed cookie that 302 set. The times are the
-- POST run's (bench/out/book_data.lua, made by bench/prepare.py), one per
-- booking and never reused: thread i of n takes times i, i+n, i+2n... and
-- stops at the end of the list, as book.lua does.
--
-- wrk asks a thread for a request whenever one of its connections is free and
-- hands back answers in whatever order they arrive, so each thread keeps its
-- patients in queues: a details form that comes back queues its POST, a 302
-- queues its confirmation, and a free connection takes the step furthest
-- along first. Answers are told apart by what they hold, never by arrival
-- order, and counted by kind: details.200 is the empty form for a listed time,
-- post.302 a booking with its cookie, confirmation.200 a page showing the
-- reference. Anything else (a redirect to the slots page or to /book/, a form
-- sent back with errors) gets its own name, so it cannot pass for a success.
-- answered_rps is bookings a second: the POSTs' 302s over the run's duration.

dofile("bench/lua/report.lua")

local data = dofile(os.getenv("BOOK_DATA") or "bench/out/book_data.lua")
local form_headers = { ["Cookie"] = data.cookie }
local post_headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Cookie"] = data.cookie,
}
-- What a free connection sends once the list is used up while journeys are
-- still under way: the cheapest page there is, counted apart as "waiting".
local WAITING_PATH = "/bench/constant"

local next_index
local index_of = {} -- a listed time, as the details form shows it, to its place in the list
local posts = {} -- places whose details form has come back
local confirmations = {} -- { path, cookie } of bookings made
local under_way = 0 -- requests of this thread's journeys not answered yet

local function header(headers, name)
  -- wrk keeps header names as the server wrote them.
  for key, value in pairs(headers) do
    if key:lower() == name then
      return value
    end
  end
end

-- Which step an answer belongs to, what it was, and what the next step needs.
local function answer_of(status, headers, body)
  if status == 302 then
    local location = header(headers, "location") or ""
    local cookie = (header(headers, "set-cookie") or ""):match("^(confirmed_booking=[^;]+)")
    if location:find("/book/confirmation/", 1, true) and cookie and cookie ~= 'confirmed_booking=""' then
      return "post", 302, { location, cookie }
    elseif location == "/book/" then
      -- The confirmation's answer when it finds no booking for the cookie.
      return "confirmation", 302
    end
    -- The details form's answer for a time it cannot offer: back to the slots page.
    return "details", 302
  elseif status == 200 then
    if body == "ok\n" then
      return "waiting", 200
    elseif body:find("Your reference:", 1, true) then
      return "confirmation", 200
    elseif body:find("<title>Your details", 1, true) then
      local index = index_of[body:match('name="start" value="([^"]+)"') or ""]
      if index == nil then
        return "details", "200_unlisted_time"
      end
      return "details", 200, index
    elseif body:find("<title>Error: Your details", 1, true) then
      return "post", "200_form_refused"
    end
    return "other", 200
  elseif status == 409 or status == 403 or status == 429 then
    -- A time already taken, a CSRF failure, the rate limit: answers to a POST.
    return "post", status
  end
  return "other", status
end

local function used_up()
  return next_index ~= nil and next_index > #data.bodies
end

local checked = false

function request()
  -- wrk calls the first thread's request() once to check the script before
  -- the run and never sends what it returns: that call must not start a journey.
  if id == 0 and not checked then
    checked = true
    return wrk.format("GET", WAITING_PATH)
  end
  if next_index == nil then
    next_index = id + 1
  end
  local confirmation = table.remove(confirmations, 1)
  if confirmation then
    under_way = under_way + 1
    return wrk.format("GET", confirmation[1], {
      ["Cookie"] = data.cookie .. "; " .. confirmation[2],
    })
  end
  local index = table.remove(posts, 1)
  if index then
    under_way = under_way + 1
    return wrk.format("POST", data.path, post_headers, data.bodies[index])
  end
  if not used_up() then
    index = next_index
    next_index = next_index + nthreads
    under_way = under_way + 1
    return wrk.format("GET", data.path .. "?" .. data.queries[index], form_headers)
  end
  return wrk.format("GET", WAITING_PATH)
end

-- Once the list is used up, a connection with nothing to send waits before its
-- "waiting" request, so those do not crowd out the journeys still under way.
function delay()
  if used_up() and #posts == 0 and #confirmations == 0 then
    return 200
  end
  return 0
end

local base_response = response
function response(status, headers, body)
  local kind, what, next_step = answer_of(status, headers, body)
  if kind ~= "waiting" then
    under_way = under_way - 1
  end
  if kind == "details" and next_step then
    table.insert(posts, next_step)
  elseif kind == "post" and next_step then
    table.insert(confirmations, next_step)
  end
  base_response(kind .. "." .. what, headers, body)
  -- The list is used up and every journey of this thread has ended.
  if used_up() and under_way == 0 and #posts == 0 and #confirmations == 0 then
    wrk.thread:stop()
  end
end

local base_init = init
function init(args)
  base_init(args)
  -- wrk does not tell a thread how many there are; bench/wrk.sh passes -t as WRK_THREADS.
  nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  for index, start in ipairs(data.starts) do
    index_of[start] = index
  end
end

function answered(total)
  return total["post.302"] or 0
end

function extra(total)
  return string.format(" bookings=%d", total["post.302"] or 0)
end
