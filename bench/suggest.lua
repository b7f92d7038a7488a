-- wrk script: each request asks the solution form for the needs closest to a text (the
-- « Trouver des besoins » button), as a random signed-in account, with texts written by
-- seed-solutions into $BENCH_DIR.
local sessions, texts = {}, {}

local function lines(path)
  local out = {}
  for line in io.lines(path) do out[#out + 1] = line end
  return out
end

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init()
  local dir = os.getenv("BENCH_DIR")
  for _, line in ipairs(lines(dir .. "/sessions.txt")) do
    local cookie, token = line:match("^(.-)\t([^\t]*)")
    sessions[#sessions + 1] = { cookie = cookie, token = token }
  end
  texts = lines(dir .. "/suggestion_texts.txt")
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local session = sessions[math.random(#sessions)]
  local text = texts[math.random(#texts)]
  local body = "_csrf=" .. session.token .. "&action=suggerer&title=" .. encode(text)
  return wrk.format("POST", "/demarches/" .. os.getenv("SLUG") .. "/solutions", {
    ["Cookie"] = session.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
