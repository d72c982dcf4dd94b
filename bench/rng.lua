-- The deterministic random numbers of the bench generators (splitmix64),
-- so that a corpus or term list is the same on every machine.
--   local below = dofile("bench/rng.lua")(seed)   -- below(n): uniform in [1, n]
-- The modulo bias for n < 2^20 is far below noise.
return function(seed)
  local state = seed
  local function next_u64()
    state = state + 0x9E3779B97F4A7C15
    local z = state
    z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
    z = (z ~ (z >> 27)) * 0x94D049BB133111EB
    return z ~ (z >> 31)
  end
  return function(n) return (next_u64() >> 11) % n + 1 end
end
