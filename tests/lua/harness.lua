-- The small test harness the Lua test files share (Lua 5.1 to 5.4).
--   local t = dofile("tests/lua/harness.lua")
--   t.test("name", function() t.eq(1 + 1, 2, "sum") end)
--   t.finish()   -- prints "RESULT <passed> <failed>" and exits
--   t.skip(path) -- a SKIP line for missing ../shared data
local t = { passed = 0, failed = 0, current = "" }

local function where(level)
  local info = debug.getinfo(level + 1, "Sl")
  return (info and (info.short_src .. ":" .. tostring(info.currentline))) or "?"
end

function t.check(cond, msg, level)
  if cond then
    t.passed = t.passed + 1
  else
    t.failed = t.failed + 1
    print(("FAIL %s: [%s] %s"):format(where((level or 1) + 1), t.current, tostring(msg or "check failed")))
  end
  return cond
end

function t.eq(got, want, what)
  -- not a tail call: check() counts this frame
  local ok = t.check(got == want, ("%s: got %s, want %s"):format(what or "value", tostring(got), tostring(want)), 2)
  return ok
end

function t.test(name, fn)
  t.current = name
  local ok, err = pcall(fn)
  if not ok then
    t.failed = t.failed + 1
    print(("FAIL [%s] raised an error: %s"):format(name, tostring(err)))
  end
  t.current = ""
end

-- The data in ../shared (articles, UD dev sets) sits beside the checkout
-- in CI but not beside a bare clone: a test whose data there is missing
-- prints a SKIP line (the runner shows it) instead of failing. Anything
-- missing from the repository itself is a failure.
function t.is_shared(path)
  return path:sub(1, #"../shared/") == "../shared/"
end

function t.skip(path, why)
  print(("SKIP [%s] %s: %s"):format(t.current, path, why or "not found"))
end

function t.slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return s
end

function t.finish()
  print(("RESULT %d %d"):format(t.passed, t.failed))
  os.exit(t.failed == 0 and 0 or 1)
end

return t
