-- wrk script: each request supports a random need as a random signed-in account, with that
-- account's session cookie and CSRF token (written by seed-needs into $BENCH_DIR).
local sessions, needs = {}, {}

local function lines(path)
  local out = {}
  for line in io.lines(path) do out[#out + 1] = line end
  return out
end

function init()
  local dir = os.getenv("BENCH_DIR")
  for _, line in ipairs(lines(dir .. "/sessions.txt")) do
    local cookie, token = line:match("^(.-)\t([^\t]*)")
    sessions[#sessions + 1] = { cookie = cookie, token = token }
  end
  needs = lines(dir .. "/need_ids.txt")
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local session = sessions[math.random(#sessions)]
  local need = needs[math.random(#needs)]
  local body = "_csrf=" .. session.token .. "&action=ajouter"
  return wrk.format("POST", "/besoins/" .. need .. "/soutien", {
    ["Cookie"] = session.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
