/**
 * Lua scripts of the Redis routing state. Each runs atomically in Redis, which is what makes rpm, tpm and
 * concurrency limits hold across replicas: the check and the admission cannot interleave with another
 * process's. Window semantics match the memory store exactly: an entry acquired at t counts while now < t + window.
 */

/** Drops usage entries that left the window and expired leases. KEYS: usage, tokens, leases. */
const prune = `
local function prune(usage, tokens, leases, now, window)
  local expired = redis.call('ZRANGEBYSCORE', usage, '-inf', now - window)
  for start = 1, #expired, 1000 do
    redis.call('HDEL', tokens, unpack(expired, start, math.min(start + 999, #expired)))
  end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', usage, '-inf', now - window) end
  redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
  local used = 0
  local values = redis.call('HVALS', tokens)
  for i = 1, #values do used = used + tonumber(values[i]) end
  return redis.call('ZCARD', leases), redis.call('ZCARD', usage), used
end
`;

/**
 * KEYS: usage, tokens, leases. ARGV: now, window, leaseId, tokens, max_concurrent, rpm, tpm (-1 = none), leaseTtl.
 * Returns {1} or {0, limit, inFlight, requests, tokensUsed, retryAt (-1 = never)}.
 */
export const acquireScript = `${prune}
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local tokens = tonumber(ARGV[4])
local maxConcurrent, rpm, tpm = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local inFlight, requests, used = prune(KEYS[1], KEYS[2], KEYS[3], now, window)
if maxConcurrent >= 0 and inFlight >= maxConcurrent then
  local first = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
  return {0, 'max_concurrent', inFlight, requests, used, tostring(first[2])}
end
if rpm >= 0 and requests >= rpm then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, 'rpm', inFlight, requests, used, tostring(tonumber(first[2]) + window)}
end
if tpm >= 0 and used + tokens > tpm then
  if tokens > tpm then return {0, 'tpm', inFlight, requests, used, '-1'} end
  local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
  local remaining = used
  for i = 1, #entries, 2 do
    remaining = remaining - tonumber(redis.call('HGET', KEYS[2], entries[i]) or '0')
    if remaining + tokens <= tpm then return {0, 'tpm', inFlight, requests, used, tostring(tonumber(entries[i + 1]) + window)} end
  end
  return {0, 'tpm', inFlight, requests, used, tostring(now)}
end
local ttl = tonumber(ARGV[8])
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('HSET', KEYS[2], ARGV[3], tokens)
redis.call('ZADD', KEYS[3], now + ttl, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window * 2)
redis.call('PEXPIRE', KEYS[2], window * 2)
redis.call('PEXPIRE', KEYS[3], ttl * 2)
return {1}
`;

/** KEYS: tokens, leases. ARGV: leaseId, actual tokens ('' = keep the estimate). */
export const releaseScript = `
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] ~= '' and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return 1
`;

/** KEYS: outcomes, failures. ARGV: now, window, member, failed ('1'/'0'). Returns {failures, requests}. */
export const outcomeScript = `
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
redis.call('ZADD', KEYS[1], now, ARGV[3])
if ARGV[4] == '1' then redis.call('ZADD', KEYS[2], now, ARGV[3]) end
redis.call('PEXPIRE', KEYS[1], window * 2)
redis.call('PEXPIRE', KEYS[2], window * 2)
return {redis.call('ZCARD', KEYS[2]), redis.call('ZCARD', KEYS[1])}
`;

/** KEYS: state. ARGV: until, reason. A cooldown only ever grows. Returns {until, reason}. */
export const cooldownScript = `
local current = tonumber(redis.call('HGET', KEYS[1], 'cooldown_until') or '0')
local wanted = tonumber(ARGV[1])
if wanted > current then
  redis.call('HSET', KEYS[1], 'cooldown_until', ARGV[1], 'cooldown_reason', ARGV[2])
  current = wanted
end
redis.call('PEXPIRE', KEYS[1], 86400000)
return {tostring(current), redis.call('HGET', KEYS[1], 'cooldown_reason') or ''}
`;

/** KEYS: state. ARGV: latency, now, alpha. */
export const latencyScript = `
local previous = redis.call('HGET', KEYS[1], 'latency')
local sample, alpha = tonumber(ARGV[1]), tonumber(ARGV[3])
local value = sample
if previous then value = alpha * sample + (1 - alpha) * tonumber(previous) end
redis.call('HSET', KEYS[1], 'latency', tostring(value), 'latency_at', ARGV[2])
redis.call('PEXPIRE', KEYS[1], 86400000)
return 1
`;

/**
 * KEYS: (usage, tokens, leases, state) per deployment. ARGV: now, window. Returns one flat list of 8 fields per
 * deployment: inFlight, requests, tokens, oldest (-1), cooldown_until, cooldown_reason, latency (''), latency_at.
 */
export const snapshotScript = `${prune}
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local result = {}
for i = 1, #KEYS, 4 do
  local inFlight, requests, used = prune(KEYS[i], KEYS[i + 1], KEYS[i + 2], now, window)
  local first = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  local state = redis.call('HMGET', KEYS[i + 3], 'cooldown_until', 'cooldown_reason', 'latency', 'latency_at')
  table.insert(result, inFlight)
  table.insert(result, requests)
  table.insert(result, tostring(used))
  table.insert(result, first[2] or '-1')
  table.insert(result, state[1] or '0')
  table.insert(result, state[2] or '')
  table.insert(result, state[3] or '')
  table.insert(result, state[4] or '0')
end
return result
`;
