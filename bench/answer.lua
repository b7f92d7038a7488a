-- wrk script: each request saves the first section of the benchmark questionnaire as one of
-- the respondents under way (resume cookie and CSRF token written by seed-questionnaire into
-- $BENCH_DIR), every answer replaced in one transaction.
local respondents, path, fields = {}, nil, nil

function init()
  local dir = os.getenv("BENCH_DIR")
  for line in io.lines(dir .. "/respondents.txt") do
    local cookie, token = line:match("^(.-)\t(.*)$")
    respondents[#respondents + 1] = { cookie = cookie, token = token }
  end
  path = "/questionnaires/" .. os.getenv("QUESTIONNAIRE") .. "/sections/1"
  fields = os.getenv("SECTION_FIELDS")
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local r = respondents[math.random(#respondents)]
  return wrk.format("POST", path, {
    ["Cookie"] = r.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "_csrf=" .. r.token .. "&" .. fields)
end
