-- wrk script of the benches (bench/portal.py: load_wrk): each request asks for a path drawn
-- at random from the file named by the first argument, one path a line; at the end, one line
-- "DECLIC requests errors seconds p50_us p99_us max_us" that the bench reads.
local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(tonumber(args[2] or "1") + os.time())
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "DECLIC %d %d %.3f %d %d %d\n",
    summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout,
    summary.duration / 1e6,
    latency:percentile(50),
    latency:percentile(99),
    latency.max
  ))
end
